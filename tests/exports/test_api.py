"""The JSON API: every document validates against the JSON Schema it names, as published beside it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from export_support import SITE_URL, make_outputs
from generator import schemas as curator_schemas
from generator.exports.api import api_files, pathway_document
from generator.exports.api_schema import SCHEMA_NAMES, schemas
from generator.model import Pathway, Step

REPO = Path(__file__).resolve().parents[2]
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def published(site: Path, url: str) -> Path:
    """The file in the built site that an absolute site URL points at."""
    assert url.startswith(SITE_URL), url
    path = site / url.removeprefix(SITE_URL)
    return path / "index.html" if url.endswith("/") else path


def closed(schema: Any) -> Any:
    """The schema with every described object closed, so that an undocumented field fails validation."""
    schema = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


_VALIDATORS: dict[str, list[jsonschema.Draft202012Validator]] = {}


def validate(document: dict[str, Any], schema: dict[str, Any]) -> None:
    """Valid against the published schema and against its closed variant."""
    key = json.dumps(schema, sort_keys=True)
    if key not in _VALIDATORS:
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATORS[key] = [jsonschema.Draft202012Validator(v, format_checker=FORMATS) for v in (schema, closed(schema))]
    for validator in _VALIDATORS[key]:
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors[:5])


def api_documents(site: Path) -> list[Path]:
    docs = sorted((site / "api" / "v1").rglob("*.json"))
    return [p for p in docs if "schema" not in p.relative_to(site).parts and "case" not in p.relative_to(site).parts]


def test_every_api_document_validates_against_its_published_schema(site: Path) -> None:
    docs = api_documents(site)
    assert len(docs) >= 6 + 4 + 1  # the six indexes, four entries, the curated pathway
    names = set()
    for path in docs:
        document = json.loads(path.read_text(encoding="utf-8"))
        schema_path = published(site, document["$schema"])
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        assert schema["$id"] == document["$schema"], "a schema's $id is where it is published"
        validate(document, schema)
        names.add(schema_path.name)
    assert names == {f"{n}.schema.json" for n in SCHEMA_NAMES}, "every schema is used by some document"


def test_the_index_points_at_documents_that_exist(site: Path) -> None:
    index = json.loads((site / "api/v1/index.json").read_text(encoding="utf-8"))
    targets = [*index["documents"].values(), *index["schemas"].values(), *index["curator_schemas"].values(),
               index["templates"]["entry"].replace("{id}", "paid-course"),
               index["templates"]["pathway"].replace("{id}", "first-steps")]
    for url in targets:
        assert published(site, url).is_file(), url
    assert index["updated"] == "2026-11-01"


def test_catalog_lists_every_entry_with_links_that_resolve(site: Path) -> None:
    catalog = json.loads((site / "api/v1/catalog.json").read_text(encoding="utf-8"))
    ids = [e["id"] for e in catalog["entries"]]
    assert ids == ["echo-series", "free-guide", "paid-course", "retired-course"]
    assert catalog["count"] == 4
    echo = catalog["entries"][0]
    assert echo["aliases"] == ["rural-echo", "old-echo-series"]
    for entry in catalog["entries"]:
        for url in entry["links"].values():
            assert published(site, url).is_file(), url


def test_entry_document_keeps_prices_credits_runs_and_nulls(site: Path) -> None:
    paid = json.loads((site / "api/v1/entries/paid-course.json").read_text(encoding="utf-8"))
    assert paid["cost"]["prices"] == [{"amount": 30, "currency": "USD", "per": "course", "who": None},
                                      {"amount": 20, "currency": "USD", "per": "course", "who": "members"}]
    assert paid["credits"][0] == {"type": "ama-pra-cat1", "amount": 6.5, "up_to": True, "per": "course",
                                  "body": "Example Accreditor", "professions": [], "members_only": False, "note": None,
                                  "level": None}
    assert paid["runs"][0]["timezone"] == "Europe/London"
    assert paid["reviewed"] is None and paid["updated"] == "2026-10-15"
    assert paid["summary"].startswith("</script>"), "the API carries the text as it is; escaping is the reader's job"
    echo = json.loads((site / "api/v1/entries/echo-series.json").read_text(encoding="utf-8"))
    assert echo["runs"][0]["recurrence"] == {"frequency": "weekly", "interval": 2, "count": 6, "until": None,
                                             "by_day": ["TH"], "except_months": [], "except_dates": [],
                                             "text": "Every 2 weeks, on Thursday, 6 sessions"}
    run = echo["runs"][0]
    # The entry page's words for the run, and what is still to come as of the build (21 September 2026).
    assert run["text"] == "First session 3 October 2030, 12:00 to 13:00 (America/Toronto)"
    assert run["past"] is False
    assert run["next"] == ["2030-10-03", "2030-10-17", "2030-10-31", "2030-11-14"]
    assert run["next_text"] == ("Next: 3 October 2030, 17 October 2030, 31 October 2030, 14 November 2030, "
                                "each at 12:00 (America/Toronto)")
    assert echo["pathways"] == ["first-steps"]


def test_coverage_counts_active_entries_per_competency_and_tier(site: Path) -> None:
    coverage = json.loads((site / "api/v1/coverage.json").read_text(encoding="utf-8"))
    rows = {r["competency"]: r for r in coverage["competencies"]}
    # echo-series (tier 2) and paid-course (tiers 2 and 3) teach symptom-management-t2.
    assert rows["symptom-management-t2"]["entries"] == 2
    assert rows["symptom-management-t2"]["by_tier"] == {"1": 0, "2": 2, "3": 1}
    # retired-course is the only entry for care-after-death-t1: retired entries do not count.
    assert rows["care-after-death-t1"]["entries"] == 0
    assert "care-after-death-t1" in coverage["uncovered"]
    assert rows["communication-t1"]["open_entries"] == 1  # free-guide
    assert rows["communication-t1"]["pathways"] >= 1


def test_pathway_index_has_curated_and_generated_pathways(site: Path) -> None:
    index = json.loads((site / "api/v1/pathways.json").read_text(encoding="utf-8"))
    curated = [p for p in index["pathways"] if not p["generated"]]
    assert [p["id"] for p in curated] == ["first-steps"]
    assert curated[0]["aliases"] == ["nurse-first-steps"]
    first = json.loads((site / "api/v1/pathways/first-steps.json").read_text(encoding="utf-8"))
    assert [s["entry"] for s in first["steps"]] == ["free-guide", "echo-series", "paid-course"]
    assert first["totals"]["paid_steps"] == [], "the paid step is optional"
    assert (first["reviewed"], first["review_by"]) == ("2030-06-30", "2031-06-30")
    generated = [p for p in index["pathways"] if p["generated"]][0]["id"]
    other = json.loads((site / f"api/v1/pathways/{generated}.json").read_text(encoding="utf-8"))
    assert other["reviewed"] is None, "a generated pathway records no review"


def test_a_generated_pathway_document_validates(outputs: object) -> None:
    # Generated pathways come from another module; the API must describe them whatever it produces.
    pathway = Pathway(id="for-registered-nurse-tier-2", title="For registered nurses, tier 2",
                      summary="Worked out from the catalog.", tier=2, review_by="",
                      steps=(Step("free-guide", "Covers the basics.", minutes=40), Step("paid-course", "Goes deeper.")),
                      professions=("registered-nurse",), generated=True, uncovered=("care-after-death-t1",))
    document = pathway_document(outputs, pathway)  # type: ignore[arg-type]
    validate(document, schemas(SITE_URL)["pathway"])
    assert document["generated"] is True and document["review_by"] is None
    assert document["totals"]["paid_steps"] == ["paid-course"]
    # The curator's estimate is published per step and, separately, inside the total.
    assert [s["estimated_minutes"] for s in document["steps"]] == [40, None]
    assert document["totals"]["estimated_minutes"] == 40 and document["totals"]["steps_estimated"] == 1
    assert document["totals"]["minutes"] >= 40


def test_curator_schemas_are_published_byte_for_byte_but_their_id(site: Path) -> None:
    for name in curator_schemas.NAMES:
        published_text = (site / f"schemas/v1/{name}.schema.json").read_text(encoding="utf-8")
        shipped = (REPO / f"generator/schemas/{name}.schema.json").read_text(encoding="utf-8")
        published_id = f"https://partners.example.org/portal/schemas/v1/{name}.schema.json"
        assert json.loads(published_text)["$id"] == published_id
        assert published_text == shipped.replace(f'"urn:portal-generator:schema:v1:{name}"', f'"{published_id}"')


def test_api_output_is_deterministic(epoch: str) -> None:
    first = dict(api_files(make_outputs()))
    second = dict(api_files(make_outputs()))
    assert first == second
    assert list(first) == sorted(first, key=list(first).index)  # stable order too


@pytest.mark.parametrize("site_url", [SITE_URL, ""])
def test_the_shipped_catalog_validates_against_the_api_schemas(epoch: str, site_url: str) -> None:
    outputs = make_outputs(REPO, site_url)
    published_schemas = schemas(site_url)
    seen = 0
    for _path, text in api_files(outputs):
        document = json.loads(text)
        name = document["$schema"].rsplit("/", 1)[1].removesuffix(".schema.json")
        validate(document, published_schemas[name])
        seen += 1
    assert seen > len(outputs.catalog.entries)
