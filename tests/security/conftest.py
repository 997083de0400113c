"""The hostile fixture portal, built once per session (its Chromium tests: tests/browser/test_security_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser.conftest import build_portal
from hostile_portal import Hostile, make_hostile_portal


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return make_hostile_portal(tmp_path_factory.mktemp("hostile") / "portal")


@pytest.fixture(scope="session")
def hostile_site(hostile: Hostile) -> Path:
    return build_portal(hostile.root, hostile.root / "site")
