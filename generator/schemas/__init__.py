"""JSON Schemas (Draft 2020-12) for the files curators write; shipped as package data."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

NAMES = ("entry", "pathway", "framework", "vocabularies", "synonyms")
# Schemas made from those above, for the files that extend an included source's (see :func:`load`).
DERIVED = ("extension", "framework-extension", "vocabularies-extension")


# Entry fields an extension may not replace: its id and former ids are the entry's identity, and runs are
# added, not replaced.
FIXED = ("id", "aliases", "runs")


@cache
def load(name: str) -> dict[str, Any]:
    """The schema called ``name`` (one of :data:`NAMES`, or ``extension``)."""
    if name == "extension":
        return _extension()
    if name in ADDITIONS:
        return _addition(name.removesuffix("-extension"))
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


# A later layer's framework or vocabularies file that adds to an included one: the lists it may add to.
ADDITIONS = {"framework-extension": ("domains", "subjects", "competencies"),
             "vocabularies-extension": ("professions", "settings", "audiences", "formats", "resource_types",
                                        "disease_groups", "credit_types", "cost", "sign_in", "learners",
                                        "age_groups", "languages")}


def _addition(base_name: str) -> dict[str, Any]:
    """A framework or vocabularies file that adds items to an included one; ``override: true`` replaces an item."""
    base = load(base_name)
    sections = ADDITIONS[f"{base_name}-extension"]
    defs = json.loads(json.dumps(base["$defs"]))
    properties: dict[str, Any] = {}
    for section in sections:
        schema = json.loads(json.dumps(base["properties"][section]))
        if "$ref" in schema:  # the vocabularies' lists share one definition: give each its own copy
            schema = {**json.loads(json.dumps(defs[schema["$ref"].removeprefix("#/$defs/")])),
                      **{k: v for k, v in schema.items() if k != "$ref"}}
        schema["items"]["properties"]["override"] = {
            "type": "boolean", "description": "Replace the included item of the same id, here only."}
        properties[section] = schema
    what = "framework" if base_name == "framework" else "source"
    properties["extends"] = {"$ref": "#/$defs/slug",
                             "description": f"The id of the included {what} this file adds to."}
    return {
        "$schema": base["$schema"], "$id": f"urn:portal-generator:schema:v1:{base_name}-extension",
        "title": f"Additions to an included {base_name}",
        "type": "object", "required": ["extends"], "additionalProperties": False, "minProperties": 2,
        "properties": properties, "$defs": defs,
    }


def _extension() -> dict[str, Any]:
    """An entry file that changes an entry of an included source: made from the entry schema, so the two agree."""
    entry = load("entry")
    fields = {k: v for k, v in entry["properties"].items() if k not in FIXED}
    return {
        "$schema": entry["$schema"], "$id": "urn:portal-generator:schema:v1:extension",
        "title": "Changes to an included entry",
        "description": "Adds local runs to an entry of an included source, or replaces some of its fields, "
                       "in this portal only. The file name is the entry's id.",
        "type": "object", "required": ["extends"], "additionalProperties": False, "minProperties": 2,
        "properties": {
            "extends": {"$ref": "#/$defs/slug", "description": "The id of the entry this file changes."},
            "runs": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/run"},
                     "description": "Local runs, listed after the entry's own."},
            "overrides": {"type": "object", "minProperties": 1, "additionalProperties": False, "properties": fields,
                          "description": "Fields whose values replace the entry's, here only."},
        },
        "$defs": entry["$defs"],
    }
