"""Every page of the shipped portal, as built, stays within the HTML page budget."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.exports.pagehead import PAGE_BUDGET
from generator.pages.compact import compact
from generator.settings import load_settings
from generator.site.plugin_build import build_site

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("budget") / "site"
    assert build_site(load_settings(ROOT), site, strict=True) == 0
    return site


def test_every_page_of_the_shipped_portal_is_within_the_page_budget(shipped_site: Path) -> None:
    pages = sorted(shipped_site.rglob("*.html"))
    assert len(pages) > 100
    over = {str(p.relative_to(shipped_site)): p.stat().st_size for p in pages if p.stat().st_size > PAGE_BUDGET}
    assert not over, over


@pytest.mark.parametrize("page", ["index.html", "404.html", "pathways/dementia-end-of-life/index.html"])
def test_pages_are_built_without_indentation(shipped_site: Path, page: str) -> None:
    html = (shipped_site / page).read_text(encoding="utf-8")
    outside_kept = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "KEPT", html, flags=re.S)
    assert "\n " not in outside_kept and "\n\n" not in outside_kept
    assert compact(html) == html


@pytest.mark.parametrize(("html", "expected"), [
    ("<ul>\n    <li>a</li>\n\n    <li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("<p>one\n   two</p>", "<p>one\ntwo</p>"),  # still one space between the words when rendered
    ("<div>\n  <pre>  code\n    indented\n</pre>\n  </div>", "<div>\n<pre>  code\n    indented\n</pre>\n</div>"),
    ("<TEXTAREA>\n  kept\n</TEXTAREA>\n  <p>x</p>", "<TEXTAREA>\n  kept\n</TEXTAREA>\n<p>x</p>"),
    ("<script>\n  if (a) {\n    b();\n  }\n</script>\n  <style>\n  p { }\n</style>",
     "<script>\n  if (a) {\n    b();\n  }\n</script>\n<style>\n  p { }\n</style>"),
    ("<p>a\n\u00a0b</p>", "<p>a\n\u00a0b</p>"),  # a no-break space is content, not indentation
    ("<pre>a</pre>\n  <pre>\n  b</pre>", "<pre>a</pre>\n<pre>\n  b</pre>"),
    ("no markup at all", "no markup at all"),
    ("<Script>\n  a\n</SCRIPT >\n  <p>x</p>", "<Script>\n  a\n</SCRIPT >\n<p>x</p>"),  # any case, space before >
    ("<prefix>\n  <p>x</p>", "<prefix>\n<p>x</p>"),  # not a pre element
    ("<pre>\n  never closed\n  <p>x</p>", "<pre>\nnever closed\n<p>x</p>"),  # no end tag: nothing kept
    ("<style>\n  a</style>\n  <pre>\n  b</pre>\n  <pre>\n  c", "<style>\n  a</style>\n<pre>\n  b</pre>\n<pre>\nc"),
    ("<script>\n  x = '<pre>'\n</script>\n  <p>y</p>", "<script>\n  x = '<pre>'\n</script>\n<p>y</p>"),
])
def test_compact_removes_only_indentation(html: str, expected: str) -> None:
    assert compact(html) == expected


def test_site_search_indexes_curated_pathways_but_not_generated_ones(shipped_site: Path) -> None:
    # Generated pathways only rearrange entries the index already holds; they would swell the first visit.
    import json
    docs = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    places = {d["location"].split("#")[0] for d in docs}
    assert "pathways/paramedic-uk/" in places
    assert not [p for p in places if p.startswith("pathways/for-")], "generated pathways stay out of the index"


def test_every_icon_reference_finds_its_symbol_in_the_sprite(shipped_site: Path) -> None:
    # One sprite per language's site: the root's, and /<lang>/icons.svg for each other language.
    sprites = {path.resolve(): set(re.findall(r'<symbol id="([^"]+)"', path.read_text(encoding="utf-8")))
               for path in [shipped_site / "icons.svg", *shipped_site.glob("*/icons.svg")]}
    pages = sorted(shipped_site.rglob("*.html"))
    used: dict[Path, set[str]] = {sprite: set() for sprite in sprites}
    for page in pages:
        for href in re.findall(r'<use href="([^"]+)"', page.read_text(encoding="utf-8")):
            path, _, symbol = href.partition("#")
            sprite = (page.parent / path).resolve()
            assert sprite in sprites, (page, href)
            used[sprite].add(symbol)
    for sprite, symbols in sprites.items():
        assert used[sprite] and used[sprite] == symbols, \
            f"{sprite}: every icon drawn, and nothing in the sprite that no page draws"
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert 'viewBox="0 0 24 24"><path' not in home, "no theme icon left inline"
