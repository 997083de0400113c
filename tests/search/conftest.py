"""Fixtures for the search tests: the shipped catalog and the search files built from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.model import Catalog
from generator.settings import load_settings
from generator.validate import validate_project

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    result = validate_project(load_settings(REPO))
    assert result.catalog is not None and not result.errors
    return result.catalog


@pytest.fixture(scope="session")
def files(catalog: Catalog) -> dict[str, bytes]:
    from generator.search.store import search_files

    return dict(search_files(catalog))


@pytest.fixture(scope="session")
def meta(files: dict[str, bytes]) -> dict:
    return json.loads(files["search/catalog/meta.json"])
