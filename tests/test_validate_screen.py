"""The fast schema screen never passes a document that jsonschema would fault.

``schema_problems`` returns no problems as soon as the compiled screen passes a
document, so a screen looser than jsonschema would silently drop errors. These
tests hold it to being at least as strict, on every case file and on thousands
of mutated copies of the shipped catalog, and check that it does pass valid
files (otherwise it would save nothing).
"""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from generator import schemas
from generator.load.project import Kind
from generator.load.yamlsafe import YamlError, parse
from generator.validate.schema import _respell_dollars, screen, validator
from validate_support import CASES, REPO

KINDS = {"entry": Kind.ENTRY, "pathway": Kind.PATHWAY, "framework": Kind.FRAMEWORK, "vocabularies": Kind.VOCABULARIES}

# Keywords whose meaning Draft 7 and Draft 2020-12 share; the screen is compiled as Draft 7.
SHARED_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "title", "description", "default", "examples", "type", "enum", "const",
    "properties", "additionalProperties", "required", "minProperties", "maxProperties", "items", "minItems",
    "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "oneOf", "anyOf", "allOf", "not", "propertyNames",
}


def _keywords(node: Any, out: set[str]) -> set[str]:
    if isinstance(node, list):
        for n in node:
            _keywords(n, out)
    elif isinstance(node, dict):
        for key, value in node.items():
            out.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    _keywords(sub, out)
            elif key not in ("enum", "const", "default", "examples", "required"):
                _keywords(value, out)
    return out


def _jsonschema_ok(kind: Kind, data: Any) -> bool:
    return not any(True for _ in validator(kind).iter_errors(data))


def _screen_ok(kind: Kind, data: Any) -> bool:
    try:
        screen(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@pytest.mark.parametrize("name", sorted(KINDS))
def test_schemas_use_only_keywords_both_drafts_share(name: str) -> None:
    assert _keywords(schemas.load(name), set()) <= SHARED_KEYWORDS


def _schema_patterns(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            found.add(node["pattern"])
        for value in node.values():
            found |= _schema_patterns(value)
    elif isinstance(node, list):
        for value in node:
            found |= _schema_patterns(value)
    return found


PATTERNS = sorted(set().union(*(_schema_patterns(schemas.load(n)) for n in KINDS)))
SAMPLES = ["", "\n", "x", "x\n", "care-home", "care-home\n", "https://a.example/x", "https://a.example/x\n",
           "https://$x", "https:// x", "P", "P\n", "PT8H", "PT8H\n", "P1W\n", "1h30m", "1h30m\n", "45", "MO", "2MO\n",
           "GB", "GBP", "GBP\n", "Europe/London", "Europe/London\n", "2027-01-14T12:30", "2027-01-14\n", "fr-CA",
           "a\nb", " ", "\u00a0", "en\n"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_respelt_patterns_match_exactly_what_the_originals_match(pattern: str) -> None:
    respelt = _respell_dollars(pattern)
    assert re.search(r"(?<!\\)\$", respelt) is None, "the compiler would rewrite an unescaped $"
    for sample in SAMPLES:
        assert bool(re.search(pattern, sample)) == bool(re.search(respelt, sample)), (pattern, sample)


def _case_documents() -> list[tuple[str, Kind, Any]]:
    out = []
    for path in sorted(CASES.rglob("*.yaml")):
        kind = Kind.PATHWAY if path.parent.name == "invalid-pathways" else Kind.ENTRY
        try:
            data = parse(path.read_bytes()).data
        except YamlError:
            continue  # the file never reaches a schema
        out.append((str(path.relative_to(CASES)), kind, data))
    return out


@pytest.mark.parametrize("name, kind, data", _case_documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_screen_agrees_with_jsonschema_on_every_case_file(name: str, kind: Kind, data: Any) -> None:
    assert _screen_ok(kind, data) == _jsonschema_ok(kind, data)


def _shipped() -> list[tuple[Kind, dict[str, Any]]]:
    docs: list[tuple[Kind, dict[str, Any]]] = []
    for path in sorted((REPO / "catalog").glob("*.yaml")):
        docs.append((Kind.ENTRY, parse(path.read_bytes()).data))
    for path in sorted((REPO / "catalog" / "pathways").glob("*.yaml")):
        docs.append((Kind.PATHWAY, parse(path.read_bytes()).data))
    return docs


def test_screen_passes_every_valid_shipped_file_so_the_fast_path_is_taken() -> None:
    docs = _shipped()
    assert docs
    for kind, data in docs:
        assert _screen_ok(kind, data)
    for name in ("framework", "vocabularies"):
        path = next(Path(REPO / "competencies").glob(f"{name}.yaml"))
        assert _screen_ok(KINDS[name], parse(path.read_bytes()).data)


ODD_VALUES: list[Any] = [
    None, True, False, 0, 1, 1.0, 1.5, -3, 10**12, "", " ", "x", "x\n", "\n", "care-home", "Care Home", "a$b",
    "https://example.org/x", "https://example.org/x\n", "javascript:alert(1)", "https://exa mple.org", "2027-02-30",
    "2027-02-28", "2027-2-3", "45m", "1h30m", "6w", "PT8H", "P", "0m", "GBP", "gbp", "MO", "Europe/London", "en", "EN",
    [], [None], ["x"], ["x", "x"], [1, 1.0], [True, 1], {}, {"x": 1}, {"name": "A"}, {"total": "2h"},
]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(_paths(out)[1:])
        parent = out
        for part in path[:-1]:
            parent = parent[part]
        action = rng.random()
        if action < 0.15 and isinstance(parent, dict):
            del parent[path[-1]]
        elif action < 0.25 and isinstance(parent, dict):
            parent[rng.choice(["extra", "titel", path[-1] + "s"])] = rng.choice(ODD_VALUES)
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
    return out


def test_screen_is_never_looser_than_jsonschema_on_mutated_shipped_files() -> None:
    rng = random.Random(20261123)
    docs = _shipped()
    passed_both = faulted = 0
    for _ in range(3000):
        kind, data = rng.choice(docs)
        mutated = _mutate(data, rng)
        if _screen_ok(kind, mutated):
            assert _jsonschema_ok(kind, mutated), mutated
            passed_both += 1
        else:
            faulted += 1
    # Both outcomes must be exercised, or the test proves nothing.
    assert passed_both > 100 and faulted > 1000, (passed_both, faulted)


def test_screen_never_fills_in_defaults() -> None:
    # 'status' has a default in the schema; a screen that filled it in would change the curator's data.
    kind, data = next((k, d) for k, d in _shipped() if k is Kind.ENTRY and "status" not in d)
    before = copy.deepcopy(data)
    screen(kind)(data)
    assert data == before and "status" not in data
