"""schema.org JSON-LD on entry and pathway pages, read back with a JSON-LD processor (pyld).

There is no internet in tests, so the processor's document loader serves a
minimal schema.org context from a file; expansion then shows the types and
properties exactly as a consumer's processor would see them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from export_support import HERE, SITE_URL, Tags
from generator.exports import pagehead
from generator.outputs import Outputs

S = "https://schema.org/"
CONTEXT = json.loads((HERE / "schemaorg-context.jsonld").read_text(encoding="utf-8"))


def local_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Serve schema.org's context from a file; any other fetch is a bug (the page names only schema.org)."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), f"unexpected fetch of {url}"
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": CONTEXT}


def jsonld_of(text: str) -> tuple[str, dict[str, Any]]:
    """The raw text and parsed data of a page's one JSON-LD block."""
    tags = Tags(text)
    scripts = [a for t, a in tags.tags if t == "script"]
    blocks = [i for i, a in enumerate(scripts) if a.get("type") == "application/ld+json"]
    assert len(blocks) == 1, "expected one JSON-LD block"
    raw = tags.raw["script"][blocks[0]]
    return raw, json.loads(raw)


def page_jsonld(site: Path, url: str) -> tuple[str, dict[str, Any]]:
    return jsonld_of((site / url / "index.html").read_text(encoding="utf-8"))


def expand(data: dict[str, Any]) -> list[dict[str, Any]]:
    return jsonld.expand(data, {"documentLoader": local_loader})


def values(node: dict[str, Any], prop: str) -> list[Any]:
    return [v.get("@value", v.get("@id", v)) for v in node.get(S + prop, [])]


def node(expanded: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(expanded) == 1
    return expanded[0]


@pytest.mark.parametrize("url", ["catalog/paid-course/", "catalog/echo-series/", "catalog/free-guide/",
                                 "pathways/first-steps/"])
def test_json_ld_block_cannot_break_out_of_its_script(site: Path, url: str) -> None:
    raw, data = page_jsonld(site, url)
    assert "<" not in raw and ">" not in raw, "'<' must be written as \\u003c inside the <script>"
    assert data["@context"][0] == "https://schema.org"
    assert expand(data), "a JSON-LD processor reads it"


def test_course_with_prices_prerequisite_and_a_blended_run(site: Path) -> None:
    _raw, data = page_jsonld(site, "catalog/paid-course/")
    course = node(expand(data))
    assert course["@type"] == [S + "Course"]
    assert course["@id"] == SITE_URL + "catalog/paid-course/#learning"
    assert values(course, "name") == ['Symptom control <masterclass> & "more"']
    assert values(course, "mainEntityOfPage") == [SITE_URL + "catalog/paid-course/"]
    assert sorted(values(course, "inLanguage")) == ["en", "fr"]
    offers = course[S + "offers"]
    assert sorted((values(o, "price")[0], values(o, "priceCurrency")[0]) for o in offers) == [(20, "USD"), (30, "USD")]
    assert values(course, "isAccessibleForFree") == [False]
    [prereq] = course[S + "coursePrerequisites"]
    assert prereq["@id"] == SITE_URL + "catalog/free-guide/#learning"
    [run] = course[S + "hasCourseInstance"]
    assert run["@type"] == [S + "CourseInstance"]
    assert values(run, "courseMode") == ["blended"]
    assert values(run, "startDate") == ["2030-11-20T09:00:00+00:00"]  # London is on GMT in November
    assert {p["@type"][0] for p in run[S + "location"]} == {S + "Place", S + "VirtualLocation"}
    [provider] = course[S + "provider"]
    assert provider["@type"] == [S + "Organization"] and values(provider, "name") == ["Example Learning Ltd"]


def test_teaches_defined_terms_in_the_framework(site: Path) -> None:
    _raw, data = page_jsonld(site, "catalog/paid-course/")
    course = node(expand(data))
    terms = course[S + "teaches"]
    assert [values(t, "termCode")[0] for t in terms] == ["symptom-management-t2", "symptom-management-t3"]
    for term in terms:
        assert term["@type"] == [S + "DefinedTerm"]
        assert term["@id"] == SITE_URL + f"competencies/{values(term, 'termCode')[0]}/"
        assert [t["@id"] for t in term[S + "inDefinedTermSet"]] == [SITE_URL + "competencies/"]
    # The set is described once and referenced elsewhere; flattening merges the two, as any consumer would.
    graph = jsonld.flatten(data, None, {"documentLoader": local_loader})
    [term_set] = [n for n in graph if n["@id"] == SITE_URL + "competencies/"]
    assert term_set["@type"] == [S + "DefinedTermSet"]
    assert values(term_set, "name") == ["End of Life Care Core Skills Education and Training Framework"]
    levels = course[S + "educationalLevel"]
    assert [values(level, "termCode")[0] for level in levels] == ["tier-2", "tier-3"]
    [audience] = course[S + "audience"]
    assert audience["@type"] == [S + "EducationalAudience"]
    assert values(audience, "educationalRole") == ["Registered nurse", "Doctor or physician", "Pharmacist"]


def test_recurring_runs_keep_their_time_zone_and_schedule(site: Path) -> None:
    _raw, data = page_jsonld(site, "catalog/echo-series/")
    course = node(expand(data))
    runs = {r["@id"].rsplit("#", 1)[1]: r for r in course[S + "hasCourseInstance"]}
    autumn = runs["run-autumn-2030"]
    assert values(autumn, "startDate") == ["2030-10-03T12:00:00-04:00"]  # Toronto on daylight time
    assert values(autumn, "courseMode") == ["online"]
    [schedule] = autumn[S + "courseSchedule"]
    assert values(schedule, "repeatFrequency") == ["P2W"]
    assert values(schedule, "repeatCount") == [6]
    assert values(schedule, "scheduleTimezone") == ["America/Toronto"]
    assert values(schedule, "byDay") == ["https://schema.org/Thursday"]
    assert values(runs["run-cancelled-2030"], "eventStatus") == ["https://schema.org/EventCancelled"]
    assert values(runs["run-cancelled-2030"], "startDate") == ["2030-12-10T12:00:00-05:00"]  # standard time
    [audience] = course[S + "audience"]
    assert values(audience, "audienceType") == ["People in rural and remote areas"]
    assert {values(o, "name")[0] for o in course[S + "provider"]} == {"Example ECHO Hub"}
    assert values(course[S + "offers"][0], "price") == [0]


def test_guidance_is_a_learning_resource(site: Path) -> None:
    _raw, data = page_jsonld(site, "catalog/free-guide/")
    resource = node(expand(data))
    assert resource["@type"] == [S + "LearningResource"]
    assert S + "hasCourseInstance" not in resource
    assert values(resource, "learningResourceType") == ["Guideline"]
    assert values(resource, "isAccessibleForFree") == [True]


def test_pathway_is_a_course_made_of_its_steps(site: Path) -> None:
    _raw, data = page_jsonld(site, "pathways/first-steps/")
    course = node(expand(data))
    assert course["@type"] == [S + "Course"]
    parts = {p["@id"] for p in course[S + "hasPart"]}
    assert parts == {SITE_URL + f"catalog/{e}/#learning" for e in ("free-guide", "echo-series", "paid-course")}
    codes = {values(t, "termCode")[0] for t in course[S + "teaches"]}
    # The tier-2 competencies of the required steps: not paid-course's tier 3 (optional step), not tier 1.
    assert codes == {"symptom-management-t2", "communication-t2"}
    [level] = course[S + "educationalLevel"]
    assert values(level, "termCode") == ["tier-2"]
    assert values(course, "isAccessibleForFree") == [True]
    assert values(course, "dateModified") == ["2030-06-30"], "when a curator last reviewed it"


def test_heavy_pages_get_leaner_json_ld_to_stay_within_the_budget(site: Path, outputs: Outputs,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    text = (site / "catalog/paid-course/index.html").read_text(encoding="utf-8")
    meta = {"kind": "entry", "id": "paid-course"}
    assert pagehead.fit(outputs, meta, text) == text, "a page within the budget is left alone"
    size = len(text.encode("utf-8"))
    monkeypatch.setattr(pagehead, "PAGE_BUDGET", size - 1)
    lean = pagehead.fit(outputs, meta, text)
    assert len(lean.encode("utf-8")) < size
    _raw, data = jsonld_of(lean)
    assert "teaches" in data and "audience" not in data and "keywords" not in data
    assert node(expand(data))["@type"] == [S + "Course"]
    monkeypatch.setattr(pagehead, "PAGE_BUDGET", 1_000)
    with caplog.at_level("WARNING", logger="generator"):
        minimal = pagehead.fit(outputs, meta, text)
    _raw, data = jsonld_of(minimal)
    assert "teaches" not in data and data["hasCourseInstance"], "dated runs are kept to the last"
    assert data["name"] and data["url"] and "description" not in data and "offers" not in data  # the barest
    assert "over the 1000-byte page budget" in caplog.text

