"""Words put together from a message and data: plain text for heads and exports, each part marked in HTML."""

from __future__ import annotations

from generator.i18n import _, active, compose, join_marked, localized, mark


def test_english_words_on_an_english_page_gain_no_mark() -> None:
    text = compose(_("Tier {number}: {name}"), number=1, name=localized("General awareness <b>"))
    assert text == "Tier 1: General awareness <b>"
    assert mark(text) == "Tier 1: General awareness &lt;b&gt;"
    joined = join_marked("; ", [text, localized("Volunteer")])
    assert mark(joined) == "Tier 1: General awareness &lt;b&gt;; Volunteer"


def test_each_part_in_another_language_is_marked_and_the_message_is_not() -> None:
    with active("fr", default="en"):
        name = compose(_("Tier {number}: {name}"), number=2, name=localized({"en": "Person-centred care"}))
        assert str(name) == "Niveau 2\u00a0: Person-centred care"  # the plain text, for a page's <title>
        assert mark(name) == 'Niveau 2\u00a0: <span lang="en">Person-centred care</span>'
        both = join_marked("; ", [name, localized({"en": "Hospice", "fr": "Maison de soins palliatifs"})])
        reason = compose(_("Adds {competencies}."), competencies=both)
        assert mark(reason) == ('Ajoute Niveau 2\u00a0: <span lang="en">Person-centred care</span>; '
                                'Maison de soins palliatifs.')


def test_composed_words_are_escaped_once() -> None:
    with active("fr", default="en"):
        text = compose(_("Adds {competencies}."), competencies=localized("<script> & co"))
        assert mark(text) == 'Ajoute <span lang="en">&lt;script&gt; &amp; co</span>.'
