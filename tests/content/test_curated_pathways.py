"""The shipped curated pathways say which country they serve, and the UK has its own paramedic and specialist routes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.model import Catalog
from generator.pages.pathway import countries_text, pathways_index, render_pathway

UK = {"GB", "GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR"}


def test_every_curated_pathway_names_the_countries_it_serves(catalog: Catalog) -> None:
    assert len(catalog.pathways) >= 14
    assert [p.id for p in catalog.pathways.values() if not p.countries] == []


@pytest.mark.parametrize(("profession", "tier"), [("paramedic", 2), ("physician", 3)])
def test_the_uk_has_its_own_route_where_north_america_has_one(catalog: Catalog, profession: str, tier: int) -> None:
    uk = [p for p in catalog.pathways.values() if set(p.countries) <= UK and p.tier == tier and profession in p.professions]
    assert uk, (profession, tier)


def test_no_step_is_retired_or_repeated(catalog: Catalog) -> None:
    for p in catalog.pathways.values():
        ids = [s.entry for s in p.steps]
        assert len(ids) == len(set(ids)), p.id
        assert not [i for i in ids if catalog.entries[i].status == "retired"], p.id


def test_pages_and_the_index_say_whom_a_pathway_serves(catalog: Catalog) -> None:
    pathway = catalog.pathways["paramedic-uk"]
    assert "<dt>Serves</dt><dd>United Kingdom</dd>" in render_pathway(catalog, pathway)
    assert "For Canada." in pathways_index(catalog, [])
    unknown = replace(pathway, countries=("GB", "ZZ"))
    assert "<dd>United Kingdom and ZZ</dd>" in render_pathway(catalog, unknown)


@pytest.mark.parametrize(("codes", "text"), [
    (("GB",), "United Kingdom"),
    (("US", "CA"), "United States and Canada"),
    (("GB-ENG", "GB-WLS", "GB-SCT"), "England, Wales and Scotland"),
])
def test_countries_are_named_in_plain_words(codes: tuple[str, ...], text: str) -> None:
    assert countries_text(codes) == text
