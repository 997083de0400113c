"""Outputs for partners: the JSON API, schemas, CASE, CSV, feeds, embeds and redirects.

:func:`export_files` is the exports feature's one function (see generator/features.py);
:mod:`.pagehead` adds the head tags and embed snippet to entry and pathway pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING

from .. import schemas as curator_schemas
from ..pages import urls
from .api import api_files
from .api_schema import schemas
from .case import case_package
from .changelog import PATH as CHANGELOG_PATH
from .changelog import changelog_feed
from .common import absolute, dumps
from .csv import catalog_csv
from .embeds import embed_files
from .feeds import atom_feed, calendar_feed
from .hosting import PATH as HEADERS_PATH
from .hosting import headers_file
from .redirects import former_api_files, redirect_files

if TYPE_CHECKING:
    from ..outputs import Outputs

__all__ = ["export_files"]


def schema_files(outputs: Outputs) -> Iterator[tuple[str, str]]:
    """The API's schemas, and the curators' schemas byte for byte (for yaml-language-server)."""
    for name, schema in schemas(outputs.site_url).items():
        yield urls.api_schema(name), json.dumps(schema, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    folder = resources.files(curator_schemas)
    for name in curator_schemas.NAMES:
        # Byte for byte but the $id, which names this portal's copy: where it is published, or the portal's urn.
        text = folder.joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
        published = absolute(outputs, urls.curator_schema(name)) if outputs.site_url \
            else f"urn:{outputs.settings.portal_id}:schema:v1:{name}"
        yield urls.curator_schema(name), text.replace(f'"urn:portal-generator:schema:v1:{name}"',
                                                      json.dumps(published), 1)
    for name in curator_schemas.DERIVED:  # made from the shipped ones, so published as the generator makes them
        schema = dict(curator_schemas.load(name))
        schema["$id"] = absolute(outputs, urls.curator_schema(name)) if outputs.site_url \
            else f"urn:{outputs.settings.portal_id}:schema:v1:{name}"
        yield urls.curator_schema(name), json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def export_files(outputs: Outputs) -> Iterator[tuple[str, str | bytes]]:
    """Every file the exports publish, as (path in site, content).

    CSV and iCalendar go out as bytes: their CRLF line ends must not depend on the platform.
    """
    yield from api_files(outputs)
    yield from schema_files(outputs)
    yield urls.case_package(outputs.catalog.framework.id), dumps(case_package(outputs))
    yield urls.catalog_csv(), catalog_csv(outputs).encode("utf-8")
    yield urls.atom_feed(), atom_feed(outputs)
    yield urls.calendar_feed(), calendar_feed(outputs).encode("utf-8")
    yield CHANGELOG_PATH, changelog_feed(outputs)
    yield HEADERS_PATH, headers_file(outputs)
    yield from embed_files(outputs)
    yield from redirect_files(outputs)
    yield from former_api_files(outputs)
