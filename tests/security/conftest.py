"""The hostile fixture portal, built once per session, and a Chromium to open it in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser.conftest import CHROMIUM, browser, build_portal, serve  # noqa: F401 - `browser` is a fixture
from hostile_portal import Hostile, make_hostile_portal


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    return make_hostile_portal(tmp_path_factory.mktemp("hostile") / "portal")


@pytest.fixture(scope="session")
def hostile_site(hostile: Hostile) -> Path:
    return build_portal(hostile.root, hostile.root / "site")


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    server, url = serve(hostile_site)
    yield url
    server.shutdown()
