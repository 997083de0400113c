"""The shipped framework tells where each part comes from, and its pages never pass off an unconfirmed number."""

from __future__ import annotations

import re

import pytest

from generator.exports.case import _provenance_note
from generator.model import Catalog
from generator.model.framework import Framework
from generator.pages import urls
from generator.pages.competency import competency_pages
from generator.pages.entry import render_entry as entry_page


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> dict[str, str]:
    return competency_pages(catalog)


def test_every_tier_subject_domain_and_crosswalk_states_its_provenance(catalog: Catalog) -> None:
    fw = catalog.framework
    missing = [f"tier {t.tier}" for t in fw.tiers.values() if not t.provenance.status]
    missing += [f"subject {s.id}" for s in fw.subjects.values() if not s.provenance.status]
    missing += [f"domain {d.id}" for d in fw.domains.values() if not d.provenance.status]
    missing += [f"crosswalk {c.key}" for c in fw.crosswalks.values() if not c.provenance.status]
    assert not missing
    assert fw.statements_provenance.status == "portal"
    used = {k for t in fw.tiers.values() for k, _ in t.crosswalk} | {k for c in fw.competencies.values() for k, _ in c.crosswalk}
    assert used <= set(fw.crosswalks)


def test_only_subject_nine_shows_its_number(catalog: Catalog) -> None:
    shown = {s.id: s.public_code for s in catalog.framework.subjects.values() if s.public_code}
    assert shown == {"carers-bereavement": "S9"}


def test_the_framework_page_shows_no_unconfirmed_number(pages: dict[str, str]) -> None:
    index = pages[urls.competencies()]
    for code in ("S1", "S2", "S3", "S5", "S6", "S7", "S8", "S10", "S11", "S12"):
        assert not re.search(rf"\b{code}\b", index), code
    assert "(subject 9, confirmed)" in index
    assert "number unconfirmed" in index
    assert "Subjects, grouped by EMET domains (2009 common core)" in index
    assert "Core Capabilities Framework" in index


def test_the_canadian_crosswalk_matches_the_canadian_framework(catalog: Catalog) -> None:
    levels = {t.tier: dict(t.crosswalk) for t in catalog.framework.tiers.values()}
    assert levels[1]["cpac"] == "none"
    assert levels[2]["cpac"] == "generalist" and "enhanced" in levels[2]["bc"]
    assert levels[3]["cpac"] == "specialist"
    assert not any("enhanced" in v for t in levels.values() for k, v in t.items() if k == "cpac")


def test_nursing_associates_are_a_tier_two_group_only(catalog: Catalog) -> None:
    tiers = catalog.framework.tiers
    assert any("Nursing associates" in x for x in tiers[2].learners)
    assert not any("ursing associate" in x for x in tiers[3].learners + tiers[1].learners)


def test_the_provenance_page_explains_each_tier_and_crosswalk(pages: dict[str, str], catalog: Catalog) -> None:
    page = pages[urls.framework_provenance()]
    for cw in catalog.framework.crosswalks.values():
        assert cw.name.split(" (")[0] in page.replace("&#x27;", "'")
    assert page.count('data-provenance="') >= len(catalog.framework.tiers) + len(catalog.framework.crosswalks)


def test_statement_pages_say_they_are_the_portals_words(pages: dict[str, str]) -> None:
    page = pages[urls.competency("communication-t2")]
    assert "The portal&#x27;s own statement" in page or "The portal's own statement" in page
    assert "CAPC Clinical Training Recommendations:" in page


def test_paediatric_entries_say_the_framework_is_the_closest_fit(catalog: Catalog) -> None:
    children = [e for e in catalog.entries.values() if "children-young-people" in e.audiences]
    adults = [e for e in catalog.entries.values() if not e.audiences]
    assert children and adults
    label = catalog.framework.scope.label
    assert label and label in entry_page(catalog, children[0])
    assert label not in entry_page(catalog, adults[0])


@pytest.mark.parametrize(("data", "hidden", "words"), [
    ({"status": "unconfirmed", "note": "From a course."}, True, "Its subject number is not confirmed"),
    ({"status": "confirmed", "source": "https://example.org/s9"}, False, "Source: https://example.org/s9"),
    ({}, False, None),
])
def test_case_notes_say_where_an_item_comes_from(data: dict[str, str], hidden: bool, words: str | None) -> None:
    from generator.model.framework import Provenance
    note = _provenance_note(Provenance.from_data(data), hidden)
    assert (note is None) if words is None else (words in (note or ""))


def test_an_old_style_unconfirmed_code_is_never_public() -> None:
    fw = Framework.from_data({"id": "x", "version": "1", "title": "X", "tiers": [], "domains": [], "competencies": [],
                              "subjects": [{"id": "a", "name": "A", "domain": "d", "summary": "s", "code": "S1",
                                            "code_confirmed": False},
                                           {"id": "b", "name": "B", "domain": "d", "summary": "s", "code": "S2",
                                            "provenance": {"status": "unconfirmed"}, "code_confirmed": True}]})
    assert fw.subjects["a"].public_code == "" and fw.subjects["b"].public_code == ""
