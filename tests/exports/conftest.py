"""Fixtures for the export tests: the fixture portal, built for real once per session, and its model.

tests/fixtures/exports is a small portal with the cases the exports must
handle: a renamed entry (aliases), runs that repeat, a cancelled and a past
run, paid prices, credits, hostile text, a retired entry and a renamed pathway.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.settings import load_settings
from generator.site.build import build_site
from generator.site.outputs import Outputs
from generator.validate import validate_project

HERE = Path(__file__).resolve().parent
PORTAL = HERE.parent / "fixtures" / "exports"
SITE_URL = "https://partners.example.org/portal/"
# 2026-09-21: the fixture's 2020 run is past, its 2030-2031 runs are upcoming.
EPOCH = "1790000000"


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


def make_outputs(root: Path = PORTAL, site_url: str = SITE_URL) -> Outputs:
    settings = load_settings(root)
    result = validate_project(settings)
    assert result.catalog is not None and not result.errors, result.errors
    return Outputs(result.catalog, settings, site_name="Exports Test Portal", site_url=site_url)


@pytest.fixture
def outputs(epoch: str) -> Outputs:
    """The fixture portal's model, for tests that call the exports directly."""
    return make_outputs()


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <textarea>, from real HTML parsing."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "textarea": []}
        self._open: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in self.raw:
            self._open = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.raw[self._open][-1] += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]
