"""The check that a page in another language shows no interface string left in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import i18n
from generator.i18n.check import Leftover, untranslated

POT = r'''
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"

msgid "Search courses and resources"
msgstr ""

msgid "{n} entry"
msgid_plural "{n} entries"
msgstr[0] ""
msgstr[1] ""

msgid "Close the menu"
msgstr ""

msgid "PDF"
msgstr ""

msgid "Total time"
msgstr ""
'''

FRENCH = r'''
msgid ""
msgstr ""
"Language: fr\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Search courses and resources"
msgstr "Rechercher des formations et des ressources"

msgid "{n} entry"
msgid_plural "{n} entries"
msgstr[0] "{n} ressource"
msgstr[1] "{n} ressources"

msgid "Close the menu"
msgstr "Fermer le menu"

msgid "Total time"
msgstr "Total time"

msgid "PDF"
msgstr "PDF"
'''


@pytest.fixture
def pot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "portal.po").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "portal.pot").write_text(POT, encoding="utf-8")
    monkeypatch.setattr(i18n, "_DIRS", i18n.ContextVar("test_dirs", default=(tmp_path,)))
    i18n.reload()
    yield tmp_path / "portal.pot"
    i18n.reload()


def test_a_fully_french_page_has_nothing_left(pot: Path) -> None:
    page = ('<html lang="fr"><body><label>Rechercher des formations et des ressources</label>'
            '<p><strong>3</strong> ressources</p><button aria-label="Fermer le menu">×</button>'
            '<a href="x.pdf">PDF</a><p>Total time</p></body></html>')
    assert untranslated(page, "fr", pot) == []


def test_english_text_attributes_and_plurals_are_found(pot: Path) -> None:
    page = ('<html lang="fr"><body><label> Search courses\n and resources </label>'
            '<p><strong>3</strong> entries</p><button aria-label="Close the menu">×</button>'
            '<p>Search courses and resources for nurses</p></body></html>')
    assert untranslated(page, "fr", pot) == [
        Leftover("Close the menu", "Close the menu"),
        Leftover("Search courses and resources", "Search courses and resources"),
        Leftover("{n} entries", "3 entries"),
    ]


def test_a_missing_translation_is_found_even_when_marked_english(pot: Path) -> None:
    (pot.parent / "fr" / "LC_MESSAGES" / "portal.po").write_text(FRENCH.split('msgid "PDF"')[0], encoding="utf-8")
    i18n.reload()
    assert untranslated('<p><span lang="en">PDF</span></p>', "fr", pot, skip_marked=False) == [Leftover("PDF", "PDF")]
    # Marked as English, it is declared rather than left over.
    assert untranslated('<p><span lang="en">PDF</span></p>', "fr", pot) == []
    assert untranslated('<p><span lang="fr-CA">PDF</span></p>', "fr", pot) == [Leftover("PDF", "PDF")]


def test_scripts_code_and_untranslatable_parts_are_skipped(pot: Path) -> None:
    page = ('<html lang="fr"><body><script>var t = "Close the menu";</script><code>Close the menu</code>'
            '<p translate="no"><span>Close the menu</span></p></body></html>')
    assert untranslated(page, "fr", pot) == []


def test_an_english_page_is_not_checked(pot: Path) -> None:
    assert untranslated("<p>Close the menu</p>", "en", pot) == []
