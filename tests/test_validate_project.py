"""The shipped schemas, and the shipped project itself (catalog/ + competencies/ at the repo root)."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from validate_support import REPO
from generator import schemas
from generator.settings import load_settings
from generator.validate import validate_project

SCHEMA_FILES = sorted((REPO / "generator" / "schemas").glob("*.schema.json"))


def test_every_schema_is_shipped_and_named() -> None:
    assert {p.name.removesuffix(".schema.json") for p in SCHEMA_FILES} == set(schemas.NAMES)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=[p.name for p in SCHEMA_FILES])
def test_schema_is_a_valid_draft_2020_12_schema(path) -> None:
    schema = json.loads(path.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    # What the package loads is the same file.
    assert schemas.load(path.name.removesuffix(".schema.json")) == schema


def test_shipped_project_validates_strictly(run_portal) -> None:
    """THE SHIPPED PROJECT: the repository's own catalog/ and competencies/ must be clean under --strict.

    Catalog entries are written by curators while the code changes, so when this
    fails, the problems listed name the curator's files to fix, not the tests.
    """
    outcome = run_portal("--root", str(REPO), "validate", "--strict", "--format", "json")
    doc = outcome.json()
    listing = "\n".join(f"{p['path']}:{p['line']}:{p['column']}: {p['severity']}: {p['message']}"
                        for p in doc["problems"])
    assert doc["problems"] == [], f"the shipped project has problems:\n{listing}"
    assert outcome.code == 0
    assert doc["files"] >= 3  # the framework, the vocabularies and at least one entry


def test_shipped_project_builds_a_catalog() -> None:
    result = validate_project(load_settings(REPO))
    assert not result.errors, "the shipped project has errors; test_shipped_project_validates_strictly lists them"
    assert result.catalog is not None
    assert result.catalog.entries
