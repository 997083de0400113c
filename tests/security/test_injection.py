"""Catalog text is untrusted: hostile text in every field is shown as text and never goes live.

The hostile portal (hostile_portal.py) fills every free-text and URL field of
two entries and a pathway with script tags, event handlers, ``javascript:``
URLs, raw HTML and Markdown. The built site is parsed page by page with
``html.parser``; tests/browser/test_security_browser.py opens it in Chromium.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from generator.pages.html import safe_url
from hostile_portal import MARK, Hostile, pages_with_markers, payload, scan


def test_every_free_text_field_of_the_schemas_is_attacked(hostile: Hostile) -> None:
    # If the schema gains a text field, the fixture fills it too; this guards against a walker that finds nothing.
    assert len(hostile.covered["entry-schema"]) >= 20
    assert hostile.covered["entry-schema"] <= hostile.covered["entry"]
    assert hostile.covered["pathway-schema"] <= hostile.covered["pathway"]
    assert len(hostile.fields) >= 50


def test_the_hostile_catalog_is_accepted_so_it_reaches_the_pages(hostile: Hostile, run_portal) -> None:
    # Markup in text is legitimate data ("<5 minutes", "A&E"): the validator must not be the only defence.
    outcome = run_portal("--root", str(hostile.root), "validate", "--strict", "--format", "json")
    assert outcome.json()["problems"] == []
    assert outcome.code == 0


def test_no_page_lets_hostile_text_run_or_act(hostile: Hostile, hostile_site: Path) -> None:
    findings = []
    for path in sorted(hostile_site.rglob("*.html")):
        findings += scan(path.relative_to(hostile_site).as_posix(), path.read_text(encoding="utf-8"))
    report = [f"{f.page}: {f.what} (from {', '.join(sorted({hostile.where(m) for m in MARK.findall(f.what)})) or '?'})"
              for f in findings]
    assert report == []


def _text_of(page: str) -> str:
    """The page's visible text, entities decoded, whitespace collapsed."""
    body = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", page, flags=re.S | re.I)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.parametrize("url, marker", [
    ("catalog/hostile-entry/index.html", "hostile-entry.title"),
    ("catalog/hostile-entry/index.html", "hostile-entry.summary"),
    ("catalog/hostile-entry/index.html", "hostile-entry.provider[0].name"),
    ("catalog/hostile-entry/index.html", "hostile-entry.learning_outcomes[0]"),
    ("catalog/hostile-entry/index.html", "hostile-entry.credits[1].body"),
    ("catalog/hostile-entry/index.html", "hostile-entry.runs[1].location"),
    ("catalog/hostile-entry-two/index.html", "hostile-entry-two.provider"),
    ("pathways/hostile-pathway/index.html", "hostile-pathway.summary"),
    ("pathways/hostile-pathway/index.html", "hostile-pathway.steps[1].reason"),
    ("pathways/hostile-pathway/index.html", "hostile-pathway.for"),
])
def test_hostile_text_is_shown_as_text(hostile: Hostile, hostile_site: Path, url: str, marker: str) -> None:
    # The defence is escaping, not dropping: a reader sees exactly what the curator typed.
    n = int(next(m for m, where in hostile.fields.items() if where == marker)[3:])
    raw = (hostile_site / url).read_text(encoding="utf-8")
    first_line = payload(n, "line", 10_000).split(" <")[0]  # the first snippet, e.g. "<b id=XSS1>"
    assert re.sub(r"\s+", " ", first_line) in _text_of(raw)


def test_hostile_urls_stay_on_http(hostile_site: Path) -> None:
    # URL fields can hold quotes and markup that the URL pattern allows: they are escaped into the href.
    raw = (hostile_site / "catalog/hostile-entry/index.html").read_text(encoding="utf-8")
    out = re.search(r'<a href="([^"]*)"[^>]*class="[^"]*portal-out', raw)
    assert out, "the entry page lost its link to the provider"
    assert html.unescape(out[1]).startswith("https://example.org/XSS2?a=\"><script>")


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "\tjavascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                                 "//evil.example/x", "ftp://example.org/"])
def test_only_http_urls_go_out(url: str) -> None:
    # The schema already refuses these; safe_url is the second line of defence in every ext() link.
    assert safe_url(url) == "#"


def test_every_json_output_parses(hostile_site: Path) -> None:
    # Hostile text must not break the JSON files (search index, API, oEmbed) that scripts read.
    files = sorted(hostile_site.rglob("*.json"))
    assert files, "the site has no JSON output at all (the search index is missing)"
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))


def test_the_hostile_text_reaches_several_page_types(hostile_site: Path) -> None:
    # Guards the scan above against passing because the hostile entries were left out of the site.
    pages = {p for p, _ in pages_with_markers(hostile_site)}
    assert "catalog/hostile-entry/index.html" in pages
    assert "pathways/hostile-pathway/index.html" in pages
    assert "catalog/index.html" in pages
    assert any(p.startswith("competencies/") for p in pages)
