"""The shipped catalogs: in step with the code, French complete, Welsh partial with marked fallbacks."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from generator.i18n import LOCALE_DIR, active, reload
from generator.i18n.browser import browser_messages, messages_assets, messages_script, script_messages
from generator.pages import render_all
from generator.settings import load_settings
from generator.validate import validate_project

REPO = Path(__file__).resolve().parents[2]


def _ids(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as handle:
        return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id}


def test_the_template_holds_every_marked_string_of_the_code(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "portal.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-c", "Translators:",
                                "--add-location=file", "-o", str(out), "generator"])
    extracted, shipped = _ids(out), _ids(LOCALE_DIR / "portal.pot")
    assert extracted - shipped == set(), "new strings: run `make messages`"
    assert shipped - extracted == set(), "strings no longer used: run `make messages`"
    for lang in ("fr", "cy"):
        assert _ids(LOCALE_DIR / lang / "LC_MESSAGES" / "portal.po") == shipped, f"{lang}: run `make messages`"


def test_the_browser_scripts_get_their_french_words_from_a_cached_file() -> None:
    reload()
    assert ("Search the catalog",) in script_messages()
    assert ("{n} entry matches", "{n} entries match") in script_messages()
    assert ("Passport cleared.",) in script_messages(["passport.js"])
    assert ("Search the catalog",) not in script_messages(["passport.js"])
    assert messages_script() == ""  # English: the scripts' own text
    with active("fr-CA"):
        data = browser_messages()
        assert messages_script() == "assets/i18n/fr.js"  # the French catalog serves fr-CA
    assert data is not None and data["lang"] == "fr-CA"
    assert data["messages"]["Search the catalog"] == "Rechercher dans le catalogue"
    one, other = data["messages"]["{n} entry matches"]
    assert (one, other) == ("{n} ressource correspond", "{n} ressources correspondent")
    # French: 0 and 1 take the singular; Intl.PluralRules says "one" for them, "other" (or "many") beyond.
    assert data["plural"]["one"] == 0 and data["plural"]["other"] == 1
    assert dict(messages_assets(None)) == {}  # an English-only portal publishes no translations
    bilingual = SimpleNamespace(settings=SimpleNamespace(languages=["en", "fr-CA", "cy"]))
    files = dict(messages_assets(bilingual))
    assert set(files) == {"assets/i18n/fr.js", "assets/i18n/cy.js"}
    with active("fr"):
        assert set(dict(messages_assets(None))) == {"assets/i18n/fr.js"}  # the language being built
    french = files["assets/i18n/fr.js"].decode("utf-8")
    head, reader = french.split("\n", 1)
    assert head.startswith("window.portalMessages = {") and head.endswith("};")
    assert json.loads(head[len("window.portalMessages = "):-1])["messages"]["Passport cleared."] == "Passeport effacé."
    assert "window.portalI18n" in reader
    assert files == dict(messages_assets(bilingual))  # the same bytes every build


def test_a_welsh_page_reads_welsh_where_translated_and_marks_english_fallbacks(mini_portal: Path) -> None:
    catalog = validate_project(load_settings(mini_portal)).catalog
    assert catalog is not None
    with active("cy"):
        home = next(p.markdown for p in render_all(catalog, site_name="Porth", page_size=20) if p.url == "")
    assert '<label for="portal-home-q">Chwilio am gyrsiau ac adnoddau</label>' in home
    assert ">Yn ôl rôl</h2>" in home
    # Not in the Welsh catalog yet: English, marked as such.
    assert '<span lang="en">Where the gaps are</span>' in home
