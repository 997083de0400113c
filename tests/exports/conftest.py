"""Fixtures for the export tests: the fixture portal, built for real once per session, and its model.

tests/fixtures/exports is a small portal with the cases the exports must
handle: a renamed entry (aliases), runs that repeat, a cancelled and a past
run, paid prices, credits, hostile text, a retired entry and a renamed pathway.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.settings import load_settings
from generator.site.plugin_build import build_site
from generator.outputs import Outputs

from export_support import EPOCH, PORTAL, make_outputs


@pytest.fixture(scope="session")
def epoch() -> Iterator[str]:
    """SOURCE_DATE_EPOCH pinned for the session (the exports read it for DTSTAMP and 'upcoming')."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    yield EPOCH
    if old is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, epoch: str) -> Path:
    """The fixture portal built with MkDocs, the way `portal build` does it."""
    site_dir = tmp_path_factory.mktemp("exports") / "site"
    assert build_site(load_settings(PORTAL), site_dir, strict=True) == 0, "the fixture portal did not build"
    return site_dir


@pytest.fixture
def outputs(epoch: str) -> Outputs:
    """The fixture portal's model, for tests that call the exports directly."""
    return make_outputs()
