"""JSON Schemas (Draft 2020-12) for the files curators write; shipped as package data."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

NAMES = ("entry", "pathway", "framework", "vocabularies", "synonyms")


@cache
def load(name: str) -> dict[str, Any]:
    """The schema called ``name`` (one of :data:`NAMES`)."""
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
