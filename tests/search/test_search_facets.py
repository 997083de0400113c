"""Facet data: every entry's values as the browser will read them, and counts that agree with the site."""

from __future__ import annotations

import json
import re

import pytest

from generator.model.duration import Duration
from generator.pages.listings import facet_pages, tier_pages
from generator.search.facets import WORD_BITS, catalog_facets, duration_band
from generator.search.index import search_order
from generator.search.store import display_row


@pytest.mark.parametrize(("duration", "band"), [
    ("20m", "under-1h"), ("59m", "under-1h"), ("1h", "1-3h"), ("2h59m", "1-3h"), ("3h", "3-10h"),
    ("9h", "3-10h"), ("10h", "10-40h"), ("40h", "over-40h"), ("6w", "not-stated"), (None, "not-stated"),
])
def test_duration_bands(catalog, duration, band) -> None:
    entry = search_order(catalog)[0]
    old = entry.duration
    try:
        entry.duration = Duration.from_data(duration)
        assert duration_band(entry) == band
    finally:
        entry.duration = old


def test_every_facet_mask_decodes_to_the_entrys_values(catalog, files, meta) -> None:
    columns = json.loads(files["search/catalog/facets.json"])
    facets = catalog_facets(catalog)
    assert [f.key for f in facets] == [f["key"] for f in meta["facets"]]
    for n, entry in enumerate(search_order(catalog)):
        for f, facet in enumerate(facets):
            decoded = {value for v, (value, _) in enumerate(facet.values)
                       if columns[f][v // WORD_BITS][n] >> (v % WORD_BITS) & 1}
            assert decoded == facet.of(entry), (entry.id, facet.key)


def test_masks_are_small_non_negative_integers(files) -> None:
    for facet in json.loads(files["search/catalog/facets.json"]):
        for word in facet:
            assert all(0 <= x < 2 ** WORD_BITS for x in word)


def test_credits_facet_offers_any_credits_first(catalog) -> None:
    credit = next(f for f in catalog_facets(catalog) if f.key == "credit")
    assert credit.values[0][0] == "any"
    for entry in search_order(catalog):
        assert ("any" in credit.of(entry)) == bool(entry.credits)


def _listed(markdown: str) -> int:
    match = re.search(r"<p>(\d+) entr(?:y|ies)", markdown)
    return int(match[1]) if match else 0


@pytest.mark.parametrize(("key", "kind"), [("profession", "professions"), ("setting", "settings"),
                                           ("audience", "audiences")])
def test_whole_catalog_counts_match_the_static_listing_pages(catalog, meta, key, kind) -> None:
    pages = facet_pages(catalog, 50)
    facet = next(f for f in meta["facets"] if f["key"] == key)
    for value, _, count in facet["values"]:
        assert count == _listed(pages[f"{kind}/{value}/"]), (key, value)


def test_tier_counts_match_the_tier_pages(catalog, meta) -> None:
    pages = tier_pages(catalog, 50)
    tiers = next(f for f in meta["facets"] if f["key"] == "tier")
    for value, _, count in tiers["values"]:
        assert count == _listed(pages[f"tiers/{value}/"])


def test_display_rows_carry_id_title_and_facts(catalog) -> None:
    entry = next(e for e in search_order(catalog) if e.duration and e.cost)
    eid, title, facts, summary, tiers, shown = display_row(catalog, entry)
    assert (eid, title) == (entry.id, entry.title)
    assert facts.startswith("Tier ") and entry.provider in facts
    assert catalog.vocab.label("cost", entry.cost) in facts
