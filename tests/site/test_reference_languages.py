"""The field reference, open-data page and feedback widget in the page's language, on a French fixture portal.

The French words are looked up in the shipped French catalog, not written here: the tests check that the pages
use the catalog, and that nothing of the interface is left in English.
"""

from __future__ import annotations

import html
import re
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator import schemas
from generator.i18n import LOCALE_DIR, active, translated
from generator.i18n.check import untranslated
from generator.pages.reference import SCHEMA_CONTEXT, examples_reference, field_reference, nested_reference
from generator.settings import Settings, load_settings
from generator.site.plugin_build import build_site
from generator.validate import validate_project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REFERENCE = ("contribute/format/", "contribute/format/nested/", "contribute/format/vocabularies/",
             "contribute/format/examples/")
ANALYTICS = """extra:
  analytics:
    provider: portal
    endpoint: https://collector.example.net/api/event
    feedback: {}
  csp:
    connect-src: [https://collector.example.net]
"""


@lru_cache(maxsize=1)
def french() -> dict[tuple[str | None, str], str]:
    """(context, English) -> French, from the shipped catalog."""
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "portal.po").open("rb") as handle:
        return {(m.context, m.id): m.string for m in read_po(handle) if isinstance(m.id, str) and m.string}


def described(*path: str | int) -> str:
    """A description of the entry schema, by its path."""
    node = schemas.load("entry")
    for part in path:
        node = node[part]
    return node["description"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("french-reference") / "portal"
    for name in ("mini", "site-small", "site-french"):
        shutil.copytree(FIXTURES / name, root, dirs_exist_ok=True)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as fh:
        fh.write(ANALYTICS)
    # A hand-written page and its French version, both naming the portal's settings.
    (root / "docs" / "partners.md").write_text("# Partners\n\nEmbed from {{ site_url }}.\n", encoding="utf-8")
    (root / "docs" / "partners.fr.md").write_text("# Partenaires\n\nIntégrez depuis {{ site_url }}.\n",
                                                  encoding="utf-8")
    assert build_site(load_settings(root), root / "site") == 0
    return root / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", [*REFERENCE, "open-data/"])
def test_the_french_pages_leave_no_interface_string_in_english(site: Path, url: str) -> None:
    text = page(site / "fr", url)
    assert untranslated(text, "fr") == []
    assert "portal-untranslated" not in text
    assert re.search(r'<html[^>]* lang="fr"', text)


@pytest.mark.parametrize(("url", "path"), [
    ("contribute/format/", ("properties", "title")),
    ("contribute/format/", ("properties", "status")),
    ("contribute/format/nested/", ("$defs", "run", "properties", "capacity")),
    ("contribute/format/nested/", ("$defs", "organisation", "properties", "role")),
])
def test_the_schemas_descriptions_are_in_french(site: Path, url: str, path: tuple[str, ...]) -> None:
    english = described(*path)
    translation = french()[(SCHEMA_CONTEXT, english)]
    assert translation != english
    assert html.escape(translation, quote=False) in page(site / "fr", url).replace("&#x27;", "'")
    assert html.escape(english, quote=False) not in page(site / "fr", url)
    assert html.escape(english, quote=False) in page(site, url).replace("&#x27;", "'")


def test_the_french_vocabularies_page_names_each_vocabulary_in_french_and_keeps_its_anchor(site: Path) -> None:
    text = page(site / "fr", "contribute/format/vocabularies/")
    heading = french()[("vocabulary", "Age groups")]
    assert re.search(rf'<h2 id="age_groups">{html.escape(heading, quote=False)} <code[^>]*>age_groups</code></h2>',
                     text.replace("&#x27;", "'")), "the French name, and the id as the anchor the field lists use"
    assert 'href="vocabularies/#age_groups"' in page(site / "fr", "contribute/format/")


def test_the_worked_examples_are_shipped_yaml_marked_english_on_the_french_side(site: Path) -> None:
    text = page(site / "fr", "contribute/format/examples/")
    assert text.count('<pre lang="en"><code class="language-yaml">') == 4
    assert html.escape(french()[(None, "A French MOOC")], quote=False) in text.replace("&#x27;", "'")
    assert '<pre lang="en">' not in page(site, "contribute/format/examples/")


def test_the_open_data_page_is_french_and_the_english_one_unchanged(site: Path) -> None:
    text = page(site / "fr", "open-data/")
    for message in ("Open data, embeds and permanent links", "Our promise about version 1"):
        assert html.escape(french()[(None, message)], quote=False) in text.replace("&#x27;", "'")
        assert message in page(site, "open-data/")
    assert 'href="../api/v1/index.json"' in text  # the French side's own open data


def test_the_feedback_widget_speaks_the_pages_language(site: Path) -> None:
    fr = page(site / "fr", "catalog/mini-basics/")
    en = page(site, "catalog/mini-basics/")
    for message in ("Was this page helpful?", "This page was helpful", "Thanks for your feedback!"):
        assert html.escape(french()[(None, message)], quote=False) in fr.replace("&#x27;", "'"), message
        assert message in en and message not in fr
    assert untranslated(fr[fr.index('<form class="md-feedback"'):fr.index("</form>")], "fr") == []


@pytest.fixture(scope="module")
def catalog():
    result = validate_project(Settings(root=FIXTURES / "mini"))
    assert result.catalog is not None
    return result.catalog


def test_a_partial_catalog_falls_back_to_english_marked_on_the_reference(catalog) -> None:
    """Welsh translates some words: the rest of the reference is English, each part marked lang="en"."""
    english = described("properties", "title")
    with active("cy"):
        assert not translated(english, SCHEMA_CONTEXT) and not translated("Entry fields")
        text = field_reference(catalog) + nested_reference(catalog) + examples_reference()
    assert f'<span lang="en">{html.escape(english)}</span>' in text
    assert '## <span lang="en">Entry fields</span>' in text
    assert text.count('<pre lang="en">') == 4


def test_a_hand_written_pages_version_fills_the_portals_settings_like_the_original(site: Path) -> None:
    assert "Embed from https://portal.example.org/." in page(site, "partners/")
    assert "Intégrez depuis https://portal.example.org/fr/." in page(site / "fr", "partners/")
