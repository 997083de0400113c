"""A small fixture portal, assembled from the mini catalog and built for real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent


def assemble(dest: Path) -> Path:
    """mini's catalog and framework + the site-small config; the theme comes with the generator."""
    shutil.copytree(TESTS / "fixtures" / "mini", dest)
    shutil.copytree(TESTS / "fixtures" / "site-small", dest, dirs_exist_ok=True)
    return dest


@pytest.fixture
def small_portal(tmp_path: Path) -> Path:
    return assemble(tmp_path / "portal")


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.settings import load_settings
    from generator.site.plugin_build import build_site

    root = assemble(tmp_path_factory.mktemp("small") / "portal")
    assert build_site(load_settings(root), root / "site") == 0
    return root / "site"
