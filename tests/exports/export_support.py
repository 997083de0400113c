"""Shared helpers of the export tests (a module of its own: several test folders have a conftest.py)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from generator.settings import load_settings
from generator.outputs import Outputs
from generator.validate import validate_project

HERE = Path(__file__).resolve().parent
PORTAL = HERE.parent / "fixtures" / "exports"
SITE_URL = "https://partners.example.org/portal/"
# 2026-09-21: the fixture's 2020 run is past, its 2030-2031 runs are upcoming.
EPOCH = "1790000000"


def make_outputs(root: Path = PORTAL, site_url: str = SITE_URL) -> Outputs:
    settings = load_settings(root)
    result = validate_project(settings)
    assert result.catalog is not None and not result.errors, result.errors
    return Outputs(result.catalog, settings, site_name="Exports Test Portal", site_url=site_url)


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
