"""Pathway pages with the learning passport, and the pathways index, for the shipped catalog."""

from __future__ import annotations

import re

import pytest

from generator.pages import urls
from generator.pages.pathway import pathways_index, render_pathway
from generator.pathways.passport import PASSPORT_CSS, PASSPORT_JS, passport_assets
from support import shipped  # noqa: F401  (the fixture, shared with tests/coverage)

# Material's chrome, without its indentation and with the leanest JSON-LD, takes about
# 14 KB of the 30 KB page budget; rendering adds a little to this markdown.
# tests/site/test_page_budget.py checks the finished pages themselves.
CONTENT_BUDGET = 15_000


def test_every_pathway_page_has_a_passport_line_per_step_and_loads_its_script_from_a_file(shipped):
    cat = shipped.catalog
    pathways = [*cat.pathways.values(), *shipped.generated_pathways]
    assert len(shipped.generated_pathways) == 3 * len(cat.vocab["professions"]) + len(cat.vocab["audiences"])
    for p in pathways:
        page = render_pathway(cat, p)
        assert len(page.encode("utf-8")) < CONTENT_BUDGET, p.id
        assert page.count('<p class="portal-tick">') == len(p.steps), p.id
        if not p.steps:
            continue
        assert f'data-pathway="{p.id}"' in page
        assert '<script src="../../assets/passport/passport.js" defer></script>' in page
        assert '<link rel="stylesheet" href="../../assets/passport/passport.css">' in page
        # No inline code: every script is a file (the Content-Security-Policy forbids the rest).
        assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", page)), p.id
        assert " on" not in re.sub(r'"[^"]*"', '""', "".join(re.findall(r"<[a-z][^>]*>", page))), "no inline handlers"
        for step in p.steps:
            assert cat.entries[step.entry].provider in page.replace("&amp;", "&").replace("&#x27;", "'")


def test_generated_pathway_pages_say_what_they_cannot_cover(shipped):
    gappy = [p for p in shipped.generated_pathways if p.uncovered]
    assert gappy, "the shipped catalog has gaps; this test needs one"
    from generator.pathways.generate import offers
    page = render_pathway(shipped.catalog, gappy[0])
    assert "What the steps do not cover" in page
    offered = dict(offers(shipped.catalog, gappy[0]))
    for c in gappy[0].uncovered:
        by = [e for e, cs in offered.items() if c in cs]
        # Either an entry not listed for the role is offered for it, or it is named as taught by none.
        assert (by and f'catalog/{by[0]}/"' in page) or f'competencies/{c}/"' in page, c


def test_index_lists_every_generated_pathway_by_role_and_tier_and_by_audience(shipped):
    index = pathways_index(shipped.catalog, shipped.generated_pathways)
    assert len(index.encode("utf-8")) < CONTENT_BUDGET
    for p in shipped.generated_pathways:
        assert f'href="{p.id}/"' in index, p.id
    for p in shipped.catalog.pathways.values():
        assert f'href="{p.id}/"' in index, p.id
    assert "By role, then tier" in index and "People who face inequity" in index
    first, *_ = shipped.catalog.vocab["professions"].values()
    row = index.split(f"<th scope=\"row\">{first.label}</th>")[1].split("</tr>")[0]
    assert [re.search(r'href="for-[a-z-]+-tier-(\d)/"', cell)[1] for cell in row.split("</td>")[:-1]] == ["1", "2", "3"]


def test_passport_files_are_published_and_never_talk_to_a_server():
    files = dict(passport_assets(None))  # type: ignore[arg-type]
    assert set(files) == {PASSPORT_JS, PASSPORT_CSS}
    js = files[PASSPORT_JS].decode("utf-8")
    assert not re.search(r"\bfetch\s*\(|XMLHttpRequest|sendBeacon|WebSocket|EventSource|\bimport\s*\(", js)
    assert "localStorage" in js
    css = files[PASSPORT_CSS].decode("utf-8")
    assert "@media print" in css
    assert urls.pathway("x") == "pathways/x/"  # the relative ../../ above depends on this depth


def test_a_pathway_page_says_when_it_was_last_reviewed_only_when_recorded(shipped):
    cat = shipped.catalog
    reviewed = [p for p in cat.pathways.values() if p.reviewed]
    unrecorded = [p for p in cat.pathways.values() if not p.reviewed]
    assert reviewed and unrecorded, "the shipped catalog has both"
    for p in reviewed:
        assert (f"<dt>Review</dt><dd>Last reviewed {p.reviewed}; next review due by {p.review_by}</dd>"
                in render_pathway(cat, p)), p.id
    for p in unrecorded:
        page = render_pathway(cat, p)
        assert f"<dt>Review</dt><dd>Next review due by {p.review_by}</dd>" in page and "Last reviewed" not in page
    assert "<dt>Review</dt>" not in render_pathway(cat, shipped.generated_pathways[0]), "nothing to review"
