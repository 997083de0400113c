"""The shipped project, validated and modelled once for the content tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Severity
from generator.model import Catalog
from generator.settings import load_settings
from generator.validate import validate_project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    result = validate_project(load_settings(ROOT))
    assert not [p for p in result.problems if p.severity is Severity.ERROR]
    assert result.catalog is not None
    return result.catalog
