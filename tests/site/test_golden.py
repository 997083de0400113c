"""Golden checks: the generated Markdown and the site's page map must not drift unnoticed.

Run with ``UPDATE_GOLDENS=1`` to rewrite the golden files after an intended change,
then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.pages import render_all
from generator.settings import load_settings
from generator.validate import validate_project

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"


def _check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"golden file {name} missing: run with UPDATE_GOLDENS=1"
    assert actual == path.read_text(encoding="utf-8"), f"{name} drifted; if intended, run with UPDATE_GOLDENS=1"


@pytest.fixture
def pages(small_portal: Path) -> dict[str, str]:
    result = validate_project(load_settings(small_portal))
    assert result.catalog is not None, [str(p) for p in result.errors]
    return {p.url: p.markdown for p in render_all(result.catalog, site_name="Fixture Portal", page_size=2)}


def test_generated_page_map(pages):
    _check("urls.txt", "\n".join(url or "/" for url in pages) + "\n")


@pytest.mark.parametrize("url, name", [
    ("", "home.md"),
    ("catalog/", "catalog.md"),
    ("catalog/page-2/", "catalog-page-2.md"),
    ("tiers/2/", "tier-2.md"),
])
def test_generated_markdown(pages, url, name):
    _check(name, pages[url])


def test_every_entry_page_matches_golden(pages):
    for url, md in pages.items():
        if url.startswith("catalog/") and not url.startswith("catalog/page-") and url != "catalog/":
            _check("entry-" + url.split("/")[1] + ".md", md)


def test_navigation_holds_only_top_level_pages(small_site):
    html = (small_site / "index.html").read_text(encoding="utf-8")
    import re

    titles = re.findall(r'<a href="[^"]*" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', html)
    _check("nav.txt", "\n".join(dict.fromkeys(titles)) + "\n")
    # No entry of the catalog may appear in the navigation that every page carries.
    assert "Mini" not in " ".join(titles)
