"""The catalog format's field reference (/contribute/format/), generated from the entry schema.

Every field, its meaning, the values it allows (a vocabulary's ids come from the
portal's own vocabularies), and an example come from the schema the validator
uses, so the reference cannot drift from what is checked. The worked examples
are YAML files shipped beside the schema; the test suite builds them as entries.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from .. import schemas
from ..model import Catalog
from . import urls
from .html import esc, front_matter

if TYPE_CHECKING:
    from ..outputs import Outputs

# Fields whose ids come from a vocabulary in competencies/vocabularies.yaml (or from the framework).
VOCABULARY_OF = {
    "professions": "professions", "learners": "learners", "settings": "settings", "audiences": "audiences",
    "age_groups": "age_groups", "disease_groups": "disease_groups", "formats": "formats",
    "resource_types": "resource_types", "languages": "languages", "title_lang": "languages", "cost": "cost",
    "cost.model": "cost", "access.sign_in": "sign_in", "credits[].type": "credit_types",
    "parts[].credits[].type": "credit_types", "parts[].title_lang": "languages",
}

# Sections of the reference: (heading, schema path to an object, field prefix).
SECTIONS = (
    ("Entry fields", (), ""),
    ("Provider organisations (provider: list)", ("$defs", "organisation"), "provider[]."),
    ("Price details (cost: mapping)", ("properties", "cost", "oneOf", 1), "cost."),
    ("Access", ("properties", "access"), "access."),
    ("Detailed duration (duration: mapping)", ("properties", "duration", "oneOf", 1), "duration."),
    ("Credits (each item of credits)", ("$defs", "credit"), "credits[]."),
    ("Recognition (each item of recognition)", ("$defs", "recognition"), "recognition[]."),
    ("Detailed assessment (assessment: mapping)", ("properties", "assessment", "oneOf", 1), "assessment."),
    ("Modules and sessions (each item of parts)", ("$defs", "part"), "parts[]."),
    ("Related entries (each item of related)", ("$defs", "relation"), "related[]."),
    ("Runs (each item of runs)", ("$defs", "run"), "runs[]."),
    ("Recurrence (runs[].recurrence)", ("$defs", "run", "properties", "recurrence"), "runs[].recurrence."),
    ("Prices (each item of cost.prices)", ("$defs", "price"), "cost.prices[]."),
    ("Sources (each item of sources)", ("$defs", "source"), "sources[]."),
)

# The forms shared $defs stand for, in a curator's words.
_FORMS = {
    "slug": "id (lowercase letters, digits, hyphens)", "ids": "list of ids", "line": "one line of text",
    "text": "text", "url": "web address (https://...)", "date": "date YYYY-MM-DD",
    "partial_date": "year, month or day (2027, 2027-09, 2027-09-14)",
    "datetime": "year, month, day, or day and local time (2027-09-14T12:30)", "tier": "1, 2 or 3",
    "length": "length (45m, 1h30m, 8h, 6w, PT8H)", "language": "language tag (en, fr-CA, cy)",
    "country": "ISO 3166 code (GB, GB-WLS, CA-ON) or UN M49 area (001, 150)",
    "fields": "list of field names",
}

EXAMPLES = (
    ("echo-monthly-december-break", "A monthly ECHO series with a December break"),
    ("french-mooc", "A French MOOC"),
    ("prison-peer-caregivers", "A peer-caregiver programme in prisons"),
    ("postgraduate-diploma", "A part-time postgraduate diploma with modules and academic credit"),
)


def _node(schema: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    node: Any = schema
    for part in path:
        node = node[part]
    return node


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The $defs name a node refers to (if any) and the node merged with what it refers to."""
    ref = node.get("$ref", "")
    if not ref:
        return "", node
    name = ref.removeprefix("#/$defs/")
    return name, {**schema["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}


def _form(schema: dict[str, Any], node: dict[str, Any]) -> str:
    """What a value looks like, in words."""
    name, node = _resolve(schema, node)
    if "oneOf" in node or "anyOf" in node:
        return " or ".join(dict.fromkeys(_form(schema, b) for b in node.get("oneOf", node.get("anyOf", ()))))
    if name in _FORMS:
        return _FORMS[name]
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return "one of the values listed"
    kind = node.get("type")
    if kind == "array":
        return "list of " + _form(schema, node.get("items", {}))
    if kind == "object":
        return "mapping (fields below)"
    return {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false"}.get(
        str(kind), str(kind))


def _values(catalog: Catalog, schema: dict[str, Any], field: str, node: dict[str, Any]) -> str:
    vocab = VOCABULARY_OF.get(field)
    if vocab:
        extra = "; also `not-applicable` (nothing to pay for)" if vocab == "cost" else ""
        regional = "; a region may follow the language: `en-CA`, `fr-CA`" if vocab == "languages" else ""
        return (f"ids from the [{vocab} vocabulary]({'../' if '.' in field else ''}vocabularies/index.md#{vocab}) in "
                f"competencies/vocabularies.yaml{extra}{regional}")
    _, node = _resolve(schema, node)
    if field == "competencies":
        return "competency ids from the [framework](../../competencies/index.md)"
    for branch in (node, *node.get("oneOf", ()), *node.get("anyOf", ())):
        _, branch = _resolve(schema, branch)
        if "enum" in branch:
            return ", ".join(f"`{v}`" for v in branch["enum"] if v is not None)
        items = branch.get("items")
        if isinstance(items, dict):
            _, items = _resolve(schema, items)
            if "enum" in items:
                return ", ".join(f"`{v}`" for v in items["enum"])
    return ""


def _example(node: dict[str, Any]) -> str:
    shown = [json.dumps(e, ensure_ascii=False).replace('"', "") for e in node.get("examples") or []]
    return " or ".join(f"`{e}`" for e in shown)


def _fields(catalog: Catalog, schema: dict[str, Any], obj: dict[str, Any], prefix: str) -> str:
    """One list item per field: name, form, meaning, allowed values and an example."""
    _, obj = _resolve(schema, obj)
    required = set(obj.get("required", ()))
    items = []
    for key, node in obj.get("properties", {}).items():
        field = prefix + key
        _, merged = _resolve(schema, node)
        text = f"- **`{field}`** ({esc(_form(schema, node))}{'; required' if key in required else ''}): "
        text += esc(merged.get("description", ""))
        values = _values(catalog, schema, field, node)
        if values:
            text += f" *Values:* {values}."
        example = _example(merged)
        if example:
            text += f" *Example:* {example}."
        items.append(text)
    return "\n".join(items) + "\n\n"


def example_text(name: str) -> str:
    """A worked example as shipped (YAML with its explaining comments)."""
    return resources.files(schemas.__name__).joinpath("examples", f"{name}.yaml").read_text(encoding="utf-8")


def field_reference(catalog: Catalog) -> str:
    schema = schemas.load("entry")
    out = front_matter("Catalog format: field reference",
                       description="Every field of a catalog entry: what it means, what it allows, and examples.")
    out += (
        "Every field a catalog entry (`catalog/ID.yaml`) may have, generated from the schema the validator uses. "
        "The ids each vocabulary allows are on [the vocabularies page](vocabularies/index.md), and four awkward real-world "
        "shapes are worked through on [the examples page](examples/index.md).\n\n"
        "**Leave a field out when the source does not say**: an absent field means *not stated*. Where the source "
        "says there is none, say so: `credits: none`, `cost: not-applicable`, `assessment: none`, "
        "`attendance_record: none`. An empty list is not *any*. Mark what you inferred with "
        "`inferred: [field, ...]` and what is approximate with `approximate: [field, ...]`; the page says so.\n\n"
        "Dates are as precise as the source: a year (`2027`), a month (`2027-09`) or a day (`2027-09-14`); a run "
        "may add a local time (`2027-09-14T12:30`) and then needs `timezone`.\n\n"
    )
    heading, _, prefix = SECTIONS[0]
    out += f"## {heading}\n\n" + _fields(catalog, schema, schema, prefix)
    out += ("The fields inside mappings and lists (provider organisations, prices, credits, modules, runs and "
            "their recurrence, sources) are on [the nested fields page](nested/index.md).\n\n")
    return out


def nested_reference(catalog: Catalog) -> str:
    """The fields inside an entry's mappings and lists."""
    schema = schemas.load("entry")
    out = front_matter("Catalog format: nested fields",
                       description="The fields inside a catalog entry's mappings and lists.")
    out += "The fields inside mappings and lists. Back to the [field reference](../index.md).\n\n"
    for heading, path, prefix in SECTIONS[1:]:
        out += f"## {heading}\n\n" + _fields(catalog, schema, _node(schema, path), prefix)
        if prefix == "parts[].":
            out += "The items of `parts[].credits` take the same fields as `credits[]`.\n\n"
    return out


def vocabulary_reference(catalog: Catalog) -> str:
    """Every vocabulary's ids and labels, as this portal defines them."""
    out = front_matter("Catalog format: vocabularies",
                       description="The ids each vocabulary field of a catalog entry allows.")
    out += ("The ids the vocabulary fields allow, from competencies/vocabularies.yaml. When none fits, propose a "
            "new one by adding it to that file (id, label, description) in your pull request. Back to the "
            "[field reference](../index.md).\n\n")
    for name in sorted(set(VOCABULARY_OF.values())):
        terms = catalog.vocab[name]
        out += f"## {name}\n\n"
        out += ("\n".join(f"- `{t.id}`: {esc(t.label)}" for t in terms.values()) or "No values yet.") + "\n\n"
    return out


def examples_reference() -> str:
    """The worked examples, each a complete entry that passes ``portal validate --strict``."""
    out = front_matter("Catalog format: worked examples",
                       description="Four awkward real-world shapes of education, written as catalog entries.")
    out += ("Each example is a complete entry that passes `portal validate --strict`; the comments say which "
            "choices it shows. Back to the [field reference](../index.md).\n\n")
    for name, title in EXAMPLES:
        out += f"## {title}\n\n```yaml\n{example_text(name).rstrip()}\n```\n\n"
    return out


def field_reference_page(outputs: Outputs) -> dict[str, str]:
    """The reference pages, keyed by URL (a PAGE_SOURCES function)."""
    base = urls.field_reference()
    return {base: field_reference(outputs.catalog), base + "nested/": nested_reference(outputs.catalog),
            base + "vocabularies/": vocabulary_reference(outputs.catalog),
            base + "examples/": examples_reference()}
