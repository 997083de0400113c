"""`portal validate` checks the message catalogs: broken files, placeholders, missing translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Severity
from generator.i18n import LOCALE_DIR, available_languages
from generator.i18n.validate import check_catalog, placeholders, po_problems

HEAD = '''msgid ""
msgstr ""
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

'''


def _po(tmp_path: Path, body: str, name: str = "portal.po") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def _messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_placeholders_are_braces_and_percent_forms() -> None:
    assert placeholders("{n} of {total} (%(x)s, 100%%)") == {"{n}", "{total}", "%(x)s"}


def test_a_broken_file_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = _po(tmp_path, 'msgid "Search"\nmsgstr "Rechercher"\n\nmsgid "Close\nmsgstr "Fermer"\n')
    problems = check_catalog(path, "locale/fr/LC_MESSAGES/portal.po", required=True)
    assert len(problems) == 1 and problems[0].is_error
    assert (problems[0].line, problems[0].column, problems[0].code) == (10, 7, "po-syntax")
    assert str(problems[0]).startswith("locale/fr/LC_MESSAGES/portal.po:10:7: not a valid .po file")


PLACEHOLDERS = ('''msgid "{n} of {total}"
msgstr "{nombre} sur {total}"

msgid "Tier {number}"
msgstr "Niveau"

msgid "{n} step"
msgid_plural "{n} steps"
msgstr[0] "une étape"
msgstr[1] "étapes"

msgid "Fine {x}"
msgstr "Bien {x}"
''', None, lambda p: p.is_error and p.code == "po-placeholder", [
    "fr.po:7:1: the translation of '{n} of {total}' (msgstr) has {nombre}, which the English text does not: "
    "keep the placeholders as they are ({n}, {total})",
    "fr.po:7:1: the translation of '{n} of {total}' (msgstr) leaves out {n}: keep every placeholder of the "
    "English text",
    "fr.po:10:1: the translation of 'Tier {number}' (msgstr) leaves out {number}: keep every placeholder of "
    "the English text",
    # The singular may say "one" in words; the plural form may not drop the number.
    "fr.po:13:1: the translation of '{n} step' (msgstr[1]) leaves out {n}: keep every placeholder of the "
    "English text",
])

MISSING_AND_FUZZY = ('''msgid "Search"
msgstr ""

#, fuzzy
msgid "Close"
msgstr "Fermer"

msgid "Open"
msgstr "Ouvrir"
''', {(None, "Search"), (None, "Close"), (None, "Open"), (None, "Next")},
    lambda p: p.severity is Severity.WARNING, [
    "fr.po:7:1: warning: 'Search' is not translated: the page shows it in English",
    "fr.po:11:1: warning: 'Close' is marked fuzzy (a guess to check): the page shows it in English",
    "fr.po: warning: 1 message(s) of the template are not in this catalog (such as 'Next'): run `make "
    "messages` to merge them",
])


@pytest.mark.parametrize(("body", "template", "kind", "expected"), [PLACEHOLDERS, MISSING_AND_FUZZY],
                         ids=["placeholders-that-differ-are-errors-located-at-the-message",
                              "missing-and-fuzzy-are-warnings-only-for-a-published-language"])
def test_catalog_problems_are_reported_at_their_message(tmp_path: Path, body: str, template, kind,
                                                        expected: list[str]) -> None:
    path = _po(tmp_path, body)
    problems = check_catalog(path, "fr.po", required=True, **({"template": template} if template else {}))
    assert problems and all(kind(p) for p in problems)
    assert _messages(problems) == expected
    # For a language the portal does not publish, missing translations go quiet; broken ones are still errors.
    assert check_catalog(path, "fr.po", required=False) == [p for p in problems if p.is_error]


def test_the_shipped_catalogs_are_valid_and_french_is_complete(tmp_path: Path) -> None:
    assert {"fr", "cy"} <= set(available_languages())
    problems, files = po_problems(tmp_path, ["en", "fr", "cy"])
    assert len(files) == 2
    assert [str(p) for p in problems if p.is_error] == []
    french = [p for p in problems if "/fr/" in p.path]
    assert french == [], [str(p) for p in french[:5]]
    # Welsh is partial: its missing strings are reported as warnings, each at its line.
    welsh = [p for p in problems if "/cy/" in p.path]
    assert welsh and all(p.severity is Severity.WARNING and p.line > 0 for p in welsh)


def test_an_english_only_portal_checks_only_its_own_catalogs(tmp_path: Path) -> None:
    assert po_problems(tmp_path, ["en"]) == ([], [])
    own = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    own.mkdir(parents=True)
    _po(own, 'msgid "Tier {number}"\nmsgstr "Palier"\n')
    problems, files = po_problems(tmp_path, ["en"], lambda p: p.relative_to(tmp_path).as_posix())
    assert files == ["locale/fr/LC_MESSAGES/portal.po"]
    assert [p.code for p in problems] == ["po-placeholder"]


@pytest.mark.parametrize("lang", ["fr", "cy"])
def test_each_shipped_catalog_has_a_plural_rule(lang: str) -> None:
    text = (LOCALE_DIR / lang / "LC_MESSAGES" / "portal.po").read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=' in text
