"""mkdocs.yml's ``features`` option: a portal publishes the optional features it names, and nothing breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import features
from generator.cli import main
from generator.settings import load_settings
from generator.site.plugin_build import build_site


def _with_features(root: Path, names: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - portal\n", f"  - portal:\n      features: {names}\n"), encoding="utf-8")


def test_every_feature_is_listed_once_and_pages_and_search_cannot_be_switched_off() -> None:
    assert len(set(features.NAMES)) == len(features.NAMES)
    assert {"pages", "search"} <= set(features.NAMES) - set(features.OPTIONAL)
    assert set(features.OPTIONAL) == {"pathways", "coverage", "exports", "curators", "analytics"}


def test_a_portal_with_only_some_features_builds_without_the_others_and_without_broken_links(small_portal) -> None:
    _with_features(small_portal, "[exports]")
    assert build_site(load_settings(small_portal), small_portal / "site") == 0
    site = small_portal / "site"
    assert (site / "api" / "v1" / "index.json").is_file()
    assert not (site / "coverage").exists()
    assert not (site / "curators").exists()
    generated = [p.name for p in (site / "pathways").iterdir() if p.is_dir()]
    assert generated == ["mini-route"], generated  # the curated pathway only
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "coverage/" not in home
    assert 'http-equiv="Content-Security-Policy"' in home and "header-search.js" in home


def test_without_exports_pages_carry_no_feed_links_or_embed_snippet(small_portal) -> None:
    _with_features(small_portal, "[coverage, pathways]")
    assert build_site(load_settings(small_portal), small_portal / "site") == 0
    site = small_portal / "site"
    assert not (site / "api").exists()
    entry = (site / "catalog" / "mini-basics" / "index.html").read_text(encoding="utf-8")
    assert "application/atom+xml" not in entry and "portal-embed" not in entry
    assert (site / "coverage" / "index.html").is_file()


@pytest.mark.parametrize("names, message", [
    ("[coverage, maps]", "'maps' is not an optional feature; choose from pathways, coverage, exports, curators"),
    ("[search]", "'search' is not an optional feature"),
    ("[coverage, coverage]", "names 'coverage' twice"),
    ("coverage", "must be a list of names such as [coverage, exports]"),
])
def test_a_wrong_features_option_is_refused_by_name(small_portal, caplog, capsys, names: str, message: str) -> None:
    _with_features(small_portal, names)
    assert main(["--root", str(small_portal), "build"]) == 1
    assert message in caplog.text + capsys.readouterr().err
    assert not (small_portal / "site").exists()
