"""The shipped catalog's outputs, built once per test module, for the pathway and coverage page tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.settings import load_settings
from generator.outputs import Outputs
from generator.validate import validate_project

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped() -> Outputs:
    settings = load_settings(REPO)
    result = validate_project(settings)
    assert result.catalog is not None
    return Outputs(result.catalog, settings, site_name="Portal")
