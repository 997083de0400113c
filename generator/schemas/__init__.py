"""JSON Schemas (Draft 2020-12) for the files curators write; shipped as package data."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

NAMES = ("entry", "pathway", "framework", "vocabularies", "synonyms")


# Entry fields an extension may not replace: its id and former ids are the entry's identity, and runs are
# added, not replaced.
FIXED = ("id", "aliases", "runs")


@cache
def load(name: str) -> dict[str, Any]:
    """The schema called ``name`` (one of :data:`NAMES`, or ``extension``)."""
    if name == "extension":
        return _extension()
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _extension() -> dict[str, Any]:
    """An entry file that changes an entry of an included source: made from the entry schema, so the two agree."""
    entry = load("entry")
    fields = {k: v for k, v in entry["properties"].items() if k not in FIXED}
    return {
        "$schema": entry["$schema"], "$id": "urn:portal-generator:schema:v1:extension",
        "title": "Changes to an included entry",
        "description": "Adds local runs to an entry of an included source, or replaces some of its fields, "
                       "in this portal only. The file name is the entry's id.",
        "type": "object", "required": ["extends"], "additionalProperties": False,
        "properties": {
            "extends": {"$ref": "#/$defs/slug", "description": "The id of the entry this file changes."},
            "runs": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/run"},
                     "description": "Local runs, listed after the entry's own."},
            "overrides": {"type": "object", "minProperties": 1, "additionalProperties": False, "properties": fields,
                          "description": "Fields whose values replace the entry's, here only."},
        },
        "$defs": entry["$defs"],
    }
