"""The translation API: lookups in the active language, plurals, contexts, fallback to English."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import i18n
from generator.i18n import Fallback, _, active, localized, mark, ngettext, npgettext, pgettext, translated

FRENCH = r'''
msgid ""
msgstr ""
"Language: fr\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"
"Content-Type: text/plain; charset=utf-8\n"

msgid "Search"
msgstr "Rechercher"

msgctxt "noun: a place of care"
msgid "Setting"
msgstr "Milieu de soins"

msgid "Setting"
msgstr "Paramètre"

msgid "{n} entry"
msgid_plural "{n} entries"
msgstr[0] "{n} ressource"
msgstr[1] "{n} ressources"

msgctxt "pathway"
msgid "{n} step"
msgid_plural "{n} steps"
msgstr[0] "{n} étape"
msgstr[1] "{n} étapes"

#, fuzzy
msgid "Close"
msgstr "Fermer"

msgid "Open"
msgstr ""
'''

CANADIAN = r'''
msgid ""
msgstr ""
"Language: fr_CA\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Search"
msgstr "Chercher"
'''


def _write(root: Path, lang: str, text: str) -> None:
    folder = root / lang / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "portal.po").write_text(text, encoding="utf-8")


@pytest.fixture
def locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A locale folder with French only, searched instead of the generator's own."""
    _write(tmp_path, "fr", FRENCH)
    monkeypatch.setattr(i18n, "_DIRS", i18n.ContextVar("test_dirs", default=(tmp_path,)))
    i18n.reload()
    yield tmp_path
    i18n.reload()


def test_english_is_the_identity_and_the_default() -> None:
    assert i18n.current_language() == "en"
    assert _("Search") == "Search"
    assert not isinstance(_("Search"), Fallback)
    assert ngettext("{n} entry", "{n} entries", 1) == "{n} entry"
    assert ngettext("{n} entry", "{n} entries", 0) == "{n} entries"
    assert translated("Anything at all")


def test_active_sets_and_restores_the_language(locale: Path) -> None:
    with active("fr") as lang:
        assert lang == "fr" and i18n.current_language() == "fr"
        assert _("Search") == "Rechercher"
        with active("en"):
            assert _("Search") == "Search"
        assert _("Search") == "Rechercher"
    assert i18n.current_language() == "en"
    assert _("Search") == "Search"


def test_context_tells_the_same_english_words_apart(locale: Path) -> None:
    with active("fr"):
        assert pgettext("noun: a place of care", "Setting") == "Milieu de soins"
        assert _("Setting") == "Paramètre"
        assert isinstance(pgettext("another context", "Setting"), Fallback)


def test_plurals_follow_the_language_rules(locale: Path) -> None:
    with active("fr"):
        # French uses the singular for 0 and 1.
        assert ngettext("{n} entry", "{n} entries", 0).format(n=0) == "0 ressource"
        assert ngettext("{n} entry", "{n} entries", 1).format(n=1) == "1 ressource"
        assert ngettext("{n} entry", "{n} entries", 2).format(n=2) == "2 ressources"
        assert npgettext("pathway", "{n} step", "{n} steps", 3) == "{n} étapes"
        fallback = ngettext("{n} course", "{n} courses", 0)
        assert fallback == "{n} courses" and isinstance(fallback, Fallback)


def test_a_count_given_as_a_float_is_read_without_a_warning(locale: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # gettext warns, and later Pythons fail, on a float count
        with active("fr"):
            assert ngettext("{n} entry", "{n} entries", 1.0).format(n=1) == "1 ressource"
            assert ngettext("{n} entry", "{n} entries", 2.0).format(n=2) == "2 ressources"
        assert ngettext("{n} entry", "{n} entries", 1.5) == "{n} entries"
        assert ngettext("{n} entry", "{n} entries", 1.0) == "{n} entry"


def test_missing_fuzzy_and_empty_translations_fall_back_to_marked_english(locale: Path) -> None:
    with active("fr"):
        for message in ("Not in the catalog", "Close", "Open"):
            text = _(message)
            assert text == message
            assert isinstance(text, Fallback)
            assert not translated(message)
        assert translated("Search")
        assert mark(_("Close")) == '<span lang="en">Close</span>'
        assert mark(_("Search")) == "Rechercher"
        # The marker survives filling in the placeholders.
        assert mark(_("<{x}> missing").format(x="&")) == '<span lang="en">&lt;&amp;&gt; missing</span>'


def test_a_regional_tag_uses_the_language_catalog_unless_it_has_its_own(locale: Path) -> None:
    with active("fr-CA"):
        assert _("Search") == "Rechercher"
    _write(locale, "fr_CA", CANADIAN)
    i18n.reload()
    with active("fr-CA"):
        assert _("Search") == "Chercher"
        assert _("Setting") == "Paramètre"  # Not in fr_CA: the French catalog has it.
    with active("fr"):
        assert _("Search") == "Rechercher"


def test_a_portal_catalog_wins_over_the_generator_catalog(locale: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    own = tmp_path_factory.mktemp("own")
    _write(own, "fr", CANADIAN.replace("fr_CA", "fr"))
    with active("fr", extra_dirs=[own]):
        assert _("Search") == "Chercher"
        assert _("Setting") == "Paramètre"
    with active("fr"):
        assert _("Search") == "Rechercher"


def test_a_language_without_a_catalog_falls_back_everywhere(locale: Path) -> None:
    with active("cy"):
        assert isinstance(_("Search"), Fallback)
        assert i18n.messages(["Search"]) == {}
    with active("fr"):
        assert i18n.messages(["Search", "Close"]) == {"Search": "Rechercher"}


def test_n_marks_without_translating(locale: Path) -> None:
    with active("fr"):
        assert i18n.N_("Search") == "Search"


def test_shipped_catalogs_parse_and_are_listed() -> None:
    assert i18n.available_languages()[0] == "en"
    assert {"fr", "cy"} <= set(i18n.available_languages())
    for lang in ("fr", "cy"):
        assert i18n.catalog_path(lang) is not None


def test_localized_words_pick_the_active_language_and_mark_the_others() -> None:
    words = {"en": "Care setting", "fr": "Milieu de soins"}
    assert localized(words) == "Care setting" and not isinstance(localized(words), Fallback)
    with active("fr-CA"):
        assert localized(words) == "Milieu de soins"
        assert not isinstance(localized(words), Fallback)
        english = localized("Care setting")
        assert english == "Care setting" and mark(english) == '<span lang="en">Care setting</span>'
    with active("cy"):
        assert mark(localized(words)) == '<span lang="en">Care setting</span>'
        assert mark(localized({"fr": "Milieu"})) == '<span lang="fr">Milieu</span>'
    with active("fr", default="fr"):
        assert not isinstance(localized("Milieu de soins"), Fallback)
        assert mark(localized({"en": "Setting", "cy": "Lleoliad"})) == '<span lang="en">Setting</span>'
    assert localized(None) == "" and localized({}) == ""


def test_mark_format_marks_each_part_in_its_own_language(locale: Path) -> None:
    with active("fr"):
        english = localized("General awareness")
        assert i18n.mark_format("Niveau {number} : {name}", number=1, name=english) == \
            'Niveau 1 : <span lang="en">General awareness</span>'
        assert i18n.mark_format(_("Tier {number}: {name}"), number=1, name="<b>") == \
            '<span lang="en">Tier 1: &lt;b&gt;</span>'
        assert i18n.mark_format("{a} and {unknown}", a="x") == "x and {unknown}"


def test_a_portal_locale_folder_is_searched_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "_DIRS", i18n.ContextVar("test_dirs", default=(i18n.LOCALE_DIR,)))
    _write(tmp_path / "locale", "fr", CANADIAN.replace("fr_CA", "fr"))
    i18n.use_portal_catalogs(tmp_path)
    try:
        with active("fr"):
            assert _("Search") == "Chercher"  # the portal's own word
            assert _("Catalog") == "Catalogue"  # the generator's
    finally:
        i18n.use_portal_catalogs(tmp_path / "nowhere")
    assert i18n.catalog_dirs() == (i18n.LOCALE_DIR,)
