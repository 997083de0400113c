"""The field reference is generated from the entry schema: every field is there, with its meaning."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator import schemas
from generator.pages.reference import EXAMPLES, SECTIONS, examples_reference, field_reference, nested_reference, \
    vocabulary_reference
from generator.settings import Settings
from generator.validate import validate_project

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def catalog():
    result = validate_project(Settings(root=MINI))
    assert result.catalog is not None
    return result.catalog


def _properties(node: dict[str, Any], defs: dict[str, Any], path: str, seen: frozenset[str]):
    """(field path, schema) for every property of the entry schema, nested ones included."""
    ref = node.get("$ref", "")
    if ref:
        name = ref.removeprefix("#/$defs/")
        if name in seen:
            return
        node, seen = {**defs[name], **node}, seen | {name}
    for branch in (*node.get("oneOf", ()), *node.get("anyOf", ())):
        yield from _properties(branch, defs, path, seen)
    if isinstance(node.get("items"), dict):
        yield from _properties(node["items"], defs, path + "[]", seen)
    for key, sub in node.get("properties", {}).items():
        field = f"{path}.{key}" if path else key
        yield field, sub
        yield from _properties(sub, defs, field, seen)


ENTRY = schemas.load("entry")
FIELDS = list(_properties(ENTRY, ENTRY["$defs"], "", frozenset()))


def test_the_walk_finds_the_nested_fields() -> None:
    names = {f for f, _ in FIELDS}
    assert {"runs[].recurrence.except_months", "parts[].credits[].level", "access.enrolment"} <= names
    assert len(names) > 100


@pytest.mark.parametrize(("field", "node"), FIELDS, ids=[f for f, _ in FIELDS])
def test_every_field_has_a_description(field: str, node: dict[str, Any]) -> None:
    merged = {**ENTRY["$defs"].get(node.get("$ref", "").removeprefix("#/$defs/"), {}), **node}
    assert len(merged.get("description", "")) > 10, f"{field} has no description in entry.schema.json"


def test_every_field_is_on_the_reference_pages(catalog) -> None:
    text = field_reference(catalog) + nested_reference(catalog)
    assert "take the same fields as `credits[]`" in text
    for field, _ in FIELDS:
        # A module's credits are described once, with the entry's credits.
        shown = field.replace("parts[].credits[].", "credits[].")
        assert f"**`{shown}`**" in text, field


def test_allowed_values_and_examples_are_given(catalog) -> None:
    text = field_reference(catalog)
    assert "`active`, `paused`, `finished`, `retired`" in text
    assert "[learners vocabulary](vocabularies/index.md#learners)" in text
    assert "*Example:* `2027-09`" not in text or "2027-09" in text
    vocab = vocabulary_reference(catalog)
    assert "- `peer-caregivers`: Peer caregivers" in vocab and "- `cats`: CATS credits" in vocab
    assert len(SECTIONS) >= 10


def test_worked_examples_are_the_shipped_files() -> None:
    text = examples_reference()
    for name, title in EXAMPLES:
        assert f"## {title}" in text
        assert f"id: {name}" in text
    assert re.search(r"except_months: \[8, 12\]", text)
