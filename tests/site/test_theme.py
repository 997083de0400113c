"""The generator owns its theme: a portal with no overrides of its own still gets security, search and style."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.settings import load_settings
from generator.site.plugin_build import build_site

REPO = Path(__file__).resolve().parents[2]


def _build(root: Path) -> int:
    return build_site(load_settings(root), root / "site")


def test_a_portal_without_overrides_has_the_policy_search_and_stylesheet_on_every_page(small_portal, small_site):
    assert not (small_portal / "overrides").exists()
    pages = sorted(small_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # alias redirects are tiny pages of their own
        rel = page.relative_to(small_site).as_posix()
        if rel.startswith("embed/"):
            continue  # embed cards are standalone documents with their own policy
        assert 'http-equiv="Content-Security-Policy"' in html, rel
        assert "assets/search/header-search.js" in html, rel
        assert "assets/portal.css" in html, rel
    assert (small_site / "assets" / "portal.css").is_file()


def test_default_about_contribute_and_open_data_pages_fill_the_gaps(small_site):
    # site-small writes its own about.md and contribute.md, and no open-data.md.
    about = (small_site / "about/index.html").read_text(encoding="utf-8")
    assert "Fixture text." in about
    open_data = (small_site / "open-data/index.html").read_text(encoding="utf-8")
    assert "api/v1/index.json" in open_data


def test_an_override_that_drops_the_policy_fails_the_build(small_portal, caplog):
    (small_portal / "overrides").mkdir()
    (small_portal / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', encoding="utf-8")
    config = small_portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                 "  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    assert _build(small_portal) == 1
    assert "without the Content-Security-Policy" in caplog.text
    assert 'extend "portal/main.html"' in caplog.text
    assert not (small_portal / "site").exists()


def test_an_override_that_extends_the_portal_template_keeps_everything(small_portal):
    (small_portal / "overrides").mkdir()
    (small_portal / "overrides" / "main.html").write_text(
        '{% extends "portal/main.html" %}\n{% block announce %}Local notice{% endblock %}\n', encoding="utf-8")
    config = small_portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                 "  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    assert _build(small_portal) == 0
    home = (small_portal / "site" / "index.html").read_text(encoding="utf-8")
    assert "Local notice" in home and 'http-equiv="Content-Security-Policy"' in home


@pytest.mark.parametrize("link, reason", [
    ("../nowhere/", "no file nowhere/index.html in the site"),
    ("../catalog/#no-such-heading", "no id 'no-such-heading' on catalog/index.html"),
    ("../nowhere/?q=care#top", "no file nowhere/index.html in the site"),  # a query is not part of the file
    ("../catalog/?q=care#no%2Dsuch", "no id 'no-such' on catalog/index.html"),  # ids are compared decoded
])
def test_a_broken_internal_link_fails_the_build(small_portal, caplog, link, reason):
    about = small_portal / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f'\n<p><a href="{link}">here</a></p>\n', encoding="utf-8")
    assert _build(small_portal) == 1
    assert f"about/index.html: broken link '{link}': {reason}" in caplog.text
    assert not (small_portal / "site").exists()


def test_the_wheel_carries_the_theme_and_its_pages(tmp_path):
    source = tmp_path / "source"  # a copy, so that building leaves nothing in the repository
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                          str(source)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = REPO / "generator" / "theme"
    expected = {f"generator/theme/{p.relative_to(theme).as_posix()}" for p in theme.rglob("*") if p.is_file()}
    assert expected and expected <= names, sorted(expected - names)
    assert "generator/schemas/entry.schema.json" in names


def test_the_open_data_page_names_the_portal_it_is_published_on(small_portal):
    """The shipped portal's open-data page, copied to another portal, gives that portal's address and contact."""
    shutil.copyfile(REPO / "docs" / "open-data.md", small_portal / "docs" / "open-data.md")
    config = small_portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - portal\n", (
        "  - portal:\n"
        "      licence: {name: Open Government Licence v3.0,"
        " url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'}\n"
        "      contact: {name: The education team, email: education@portal.example.org}\n")), encoding="utf-8")
    assert _build(small_portal) == 0
    page = (small_portal / "site" / "open-data" / "index.html").read_text(encoding="utf-8")
    assert "{{" not in page and "peolc" not in page, "no placeholder left, nothing of the shipped portal"
    assert "https://portal.example.org/embed/host.js" in page
    assert "https://portal.example.org/api/v1/pathways/ID.json" in page
    assert "frame-src https://portal.example.org\n" in page and "connect-src https://portal.example.org" in page
    assert '<a href="mailto:education@portal.example.org">The education team</a>' in page
    assert ('<a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">'
            "Open Government Licence v3.0</a>") in page
