"""Words put together from a message and data: plain text for heads and exports, each part marked in HTML."""

from __future__ import annotations

import html

import pytest

from generator.i18n import _, active, compose, escape_html, join_marked, language_parts, localized, mark


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
        # The same runs for scripts that draw the text with DOM methods: '' is the page's language.
        assert language_parts(reason) == [("Ajoute Niveau 2\u00a0: ", ""), ("Person-centred care", "en"),
                                          ("; Maison de soins palliatifs.", "")]
        assert "".join(words for words, _lang in language_parts(reason)) == str(reason)
        assert language_parts(localized("Volunteer")) == [("Volunteer", "en")]
        assert language_parts("Bénévole") == [("Bénévole", "")]


def test_an_untranslated_message_is_english_around_its_data_as_in_its_html() -> None:
    with active("fr", default="en"):
        text = compose(_("An untranslated {thing} here"), thing="chose")
        assert mark(text) == '<span lang="en">An untranslated chose here</span>'
        assert language_parts(text) == [("An untranslated chose here", "en")]


def test_composed_words_are_escaped_once() -> None:
    with active("fr", default="en"):
        text = compose(_("Adds {competencies}."), competencies=localized("<script> & co"))
        assert mark(text) == 'Ajoute <span lang="en">&lt;script&gt; &amp; co</span>.'


def test_a_cut_summary_keeps_each_runs_language_and_the_same_words() -> None:
    from generator.pages.badges import cut, cut_parts

    with active("fr", default="en"):
        name = localized({"en": "Providing   person-centred care"})
        text = compose(_("Adds {competencies}."), competencies=join_marked(", ", [name, "des soins  de confort"]))
        for limit in (5, 12, 20, 30, 40, 200):
            runs = cut_parts(text, limit)
            assert "".join(words for words, _lang in runs) == str(cut(text, limit)), limit
        assert cut_parts(text, 200) == [("Ajoute ", ""), ("Providing person-centred care", "en"),
                                        (", des soins de confort.", "")]
        assert cut_parts(text, 20) == [("Ajoute ", ""), ("Providing…", "en")]
        whole = localized({"en": "Providing   person-centred care for everyone"})  # one language throughout
        assert cut_parts(whole, 30) == [("Providing person-centred…", "en")] == [(str(cut(whole, 30)), "en")]
        assert cut_parts("Des soins  de confort", 200) == [("Des soins de confort", "")]
        assert cut_parts("", 20) == []


@pytest.mark.parametrize("text", ["", "plain words", "a & b", "<b>", "x > y", 'say "hi"', "it's", "&amp;",
                                  "é ü 中文", "all & < > \" ' of them"])
def test_escape_html_is_html_escape(text: str) -> None:
    assert escape_html(text) == html.escape(text, quote=True)
