"""Fixtures for the curators' tools: the shipped portal built once, and a mini portal with mkdocs.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


def build(root: Path, site_dir: Path) -> Path:
    """Build the project at ``root`` like ``portal build`` (strict) and return the site folder."""
    from generator.settings import load_settings
    from generator.site.plugin_build import build_site

    assert build_site(load_settings(root), site_dir, strict=True) == 0, f"{root} did not build"
    return site_dir


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalog, built once for the curate tests."""
    return build(ROOT, tmp_path_factory.mktemp("curate-real") / "site")


@pytest.fixture(scope="session")
def site_tools() -> tuple[object, object]:
    """(build, mini_with_site_config) for tests that build their own fixture portal."""
    return build, mini_with_site_config


def mini_with_site_config(dest: Path) -> Path:
    """A copy of the mini portal with the repository's mkdocs.yml, docs/ and overrides/, so it builds."""
    shutil.copytree(MINI, dest)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    return dest
