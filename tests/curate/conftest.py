"""Fixtures for the curators' tools: a mini portal with mkdocs.yml (the shipped portal's build, ``real_site``,
is shared by every test folder from tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from site_support import build

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


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
