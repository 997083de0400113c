"""mkdocs.yml's ``languages`` option: the first language at today's addresses, each other one under /<lang>/."""

from __future__ import annotations

import re
from urllib.parse import urljoin
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.cli import main
from generator.settings import load_settings
from generator.site.plugin_languages import parse
from generator.site.plugin_build import build_site

from tests.site.conftest import assemble

URL = "https://portal.example.org/"


def with_languages(root: Path, value: str) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - portal\n", f"  - portal:\n      languages: {value}\n"), encoding="utf-8")
    return root


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = with_languages(assemble(tmp_path_factory.mktemp("two") / "portal"), "[en, fr]")
    french_about(root)
    assert build_site(load_settings(root), root / "site") == 0
    return root / "site"


def french_about(root: Path) -> None:
    # The generated pages link to this section: a translation keeps its id.
    (root / "docs" / "about.fr.md").write_text(
        '# À propos\n\n<h2 id="how-entries-are-chosen">Comment les fiches sont choisies</h2>\n\nTexte.\n',
        encoding="utf-8")


def test_an_explicit_english_only_portal_is_byte_identical_to_one_without_the_option(small_site, tmp_path) -> None:
    root = with_languages(assemble(tmp_path / "portal"), "[en]")
    assert build_site(load_settings(root), root / "site") == 0
    site = root / "site"
    assert pages(site) == pages(small_site)
    for page in sorted(pages(site)):
        assert (site / page).read_bytes() == (small_site / page).read_bytes(), page
    assert (site / "sitemap.xml").read_bytes() == (small_site / "sitemap.xml").read_bytes()


def test_the_first_language_keeps_every_address_and_the_second_has_each_page_under_its_folder(
        bilingual, small_site) -> None:
    english = {p for p in pages(bilingual) if not p.startswith("fr/")}
    french = {p[3:] for p in pages(bilingual) if p.startswith("fr/")}
    assert english == pages(small_site)
    assert french == english
    assert (bilingual / "fr" / "search" / "search_index.json").is_file()  # Material's own index, per language
    assert (bilingual / "fr" / "assets" / "search").is_dir()  # the catalog's index, per language


@pytest.mark.parametrize("page", ["index.html", "about/index.html", "catalog/index.html",
                                  "catalog/mini-basics/index.html", "pathways/mini-route/index.html"])
def test_every_page_says_its_language_and_links_to_itself_in_the_other(bilingual, page: str) -> None:
    url = "" if page == "index.html" else page.removesuffix("index.html")
    for lang, path in (("en", page), ("fr", f"fr/{page}")):
        html = (bilingual / path).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        links = dict((m[1], m[0]) for m in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"',
                                                      html))
        assert links == {"en": URL + url, "fr": URL + "fr/" + url, "x-default": URL + url}, path
        # Two languages: the switcher is one link, to this page in the other language, named in that language.
        switcher = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)" class="md-header__button '
                              r'portal-language">([^<]+)</a>', html)
        here = URL + ("" if lang == "en" else "fr/") + url
        other = [(URL + url, "en", "en", "English")] if lang == "fr" else [(URL + "fr/" + url, "fr", "fr", "Français")]
        assert [(urljoin(here, href), hreflang, own, name) for href, hreflang, own, name in switcher] == other, path


def test_a_hand_written_page_has_its_version_in_each_language_or_says_it_has_none(bilingual) -> None:
    about = (bilingual / "fr" / "about" / "index.html").read_text(encoding="utf-8")
    assert "À propos" in about and "Fixture text." not in about
    assert "edit/main/docs/about.fr.md" in about  # editing the French page edits its own file
    assert "À propos" not in (bilingual / "about" / "index.html").read_text(encoding="utf-8")
    assert not (bilingual / "about.fr").exists() and not (bilingual / "fr" / "about.fr").exists()
    contribute = (bilingual / "fr" / "contribute" / "index.html").read_text(encoding="utf-8")
    body = contribute[contribute.index('class="portal-untranslated"'):]
    assert body.split("</p>", 1)[1].startswith('<div lang="en">')
    assert "portal-untranslated" not in (bilingual / "contribute" / "index.html").read_text(encoding="utf-8")
    # The generator's default open-data page is written from the message catalog: in French on the French side.
    default = (bilingual / "fr" / "open-data" / "index.html").read_text(encoding="utf-8")
    assert "portal-untranslated" not in default and "Liens permanents" in default
    assert "portal-untranslated" not in (bilingual / "open-data" / "index.html").read_text(encoding="utf-8")


def test_the_sitemap_lists_every_page_in_every_language_with_its_alternates(bilingual) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(bilingual / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.iterfind("s:url", ns)}
    assert URL + "catalog/mini-basics/" in urls and URL + "fr/catalog/mini-basics/" in urls
    alternates = {a.get("hreflang"): a.get("href") for a in urls[URL + "fr/about/"].iterfind("x:link", ns)}
    assert alternates == {"en": URL + "about/", "fr": URL + "fr/about/", "x-default": URL + "about/"}
    assert len(urls) == 2 * len(ElementTree.parse(bilingual / "fr" / "sitemap.xml").getroot())


def test_three_languages_get_material_s_menu_with_each_name_in_its_language(tmp_path) -> None:
    root = with_languages(assemble(tmp_path / "portal"), "[en, fr, cy]")
    french_about(root)
    assert build_site(load_settings(root), root / "site") == 0
    html = (root / "site" / "cy" / "catalog" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy"' in html
    menu = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"(?: lang="([^"]+)")? class="md-select__link">\s*([^<]+?)\s*</a>',
                      html)
    assert menu == [("../../catalog/", "en", "en", "English"), ("../../fr/catalog/", "fr", "fr", "Français"),
                    ("../../cy/catalog/", "cy", "", "Cymraeg")]


def test_a_french_only_portal_is_french_at_the_root_without_a_switcher(tmp_path) -> None:
    root = with_languages(assemble(tmp_path / "portal"), "[fr]")
    assert build_site(load_settings(root), root / "site") == 0
    site = root / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home
    assert "md-select__link" not in home and "hreflang" not in home
    assert not (site / "fr").exists()


def test_two_builds_of_a_two_language_portal_are_byte_identical(bilingual, tmp_path) -> None:
    root = with_languages(assemble(tmp_path / "portal"), "[en, fr]")
    french_about(root)
    assert build_site(load_settings(root), root / "site") == 0
    again = root / "site"
    files = sorted(p.relative_to(bilingual).as_posix() for p in bilingual.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert [f for f in files if (bilingual / f).read_bytes() != (again / f).read_bytes()] == []


def test_a_version_of_a_page_that_does_not_exist_is_refused(small_portal, caplog, capsys) -> None:
    with_languages(small_portal, "[en, fr]")
    (small_portal / "docs" / "news.fr.md").write_text("# Nouvelles\n", encoding="utf-8")
    assert main(["--root", str(small_portal), "build"]) == 1
    assert "news.fr.md is the 'fr' version of news.md, which does not exist" in caplog.text + capsys.readouterr().err


@pytest.mark.parametrize("value, message", [
    ("[]", "a list of language tags"),
    ("[en, EN-gb]", "'EN-gb' is not a language tag"),
    ("[en, fr, en]", "names 'en' twice"),
    ("en", "a list of language tags"),
    ("[en, {fr: {site_nom: x}}]", "'fr' has no field 'site_nom'"),
    ("[en, {fr: {labels: {Home: ''}}}]", "fr.labels must map"),
])
def test_a_wrong_languages_option_is_refused_by_name(small_portal, caplog, capsys, value: str, message: str) -> None:
    with_languages(small_portal, value)
    assert main(["--root", str(small_portal), "build"]) == 1
    assert message in caplog.text + capsys.readouterr().err


def test_a_language_block_carries_the_portals_words_in_that_language() -> None:
    english, french = parse(["en", {"fr": {"name": "Français (Canada)", "labels": {"Home": "Accueil"}}}])
    assert english.name == "English" and english.label("Home") == "Home"
    assert french.name == "Français (Canada)" and french.label("Home") == "Accueil"


@pytest.mark.parametrize("page", ["catalog/index.html", "pathways/mini-route/index.html"])
def test_entry_titles_on_the_other_side_are_marked_with_their_language(bilingual, page: str) -> None:
    french = (bilingual / "fr" / page).read_text(encoding="utf-8")
    english = (bilingual / page).read_text(encoding="utf-8")
    entry = r'<a href="[^"]*mini-(?:basics|advanced|toolkit|programme)/"'
    titles = re.findall(entry + r'( lang="en")?>', french)
    assert titles and all(titles), titles  # every English title on the French side says it is English
    assert re.findall(entry + ">", english) and not re.findall(entry + " lang=", english)
