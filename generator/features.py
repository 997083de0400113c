"""The features a portal publishes, in order: the one module that knows them all.

Each feature is a plain module that takes the build's :class:`~generator.outputs.Outputs`
and returns pages (``{url: markdown}``), files (``(path in site, content)``) or
work to do once the site is written. None of them imports this module, so the
features form no circle; the MkDocs plugin asks this module for a build's pages
and files, and mkdocs.yml's ``features`` option chooses the optional ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .coverage.pages import coverage_files, coverage_pages
from .curate.analytics import analytics_assets
from .curate.page import curators_assets, curators_page
from .exports import export_files
from .outputs import Outputs
from .pages import Page, render_all
from .pages.defaults import default_pages, fill, placeholders
from .pages.open_data import open_data_markdown
from .pages.reference import field_reference_page
from .i18n.browser import messages_assets
from .pathways.passport import passport_assets
from .search import search_assets, search_pages
from .security.csp import csp_assets

# (outputs) -> {url: markdown}: extra generated pages.
PageSource = Callable[[Outputs], dict[str, str]]
# (outputs) -> [(path in site, content)]: static files added to the build.
AssetSource = Callable[[Outputs], Iterable[tuple[str, str | bytes]]]
# (outputs, site_dir) -> None: files that need the rendered site.
PostBuild = Callable[[Outputs, Path], None]


@dataclass(frozen=True)
class Feature:
    """One thing a portal publishes, and the functions that produce it."""

    name: str
    summary: str
    pages: tuple[PageSource, ...] = ()
    assets: tuple[AssetSource, ...] = ()
    post_build: tuple[PostBuild, ...] = ()
    required: bool = False  # part of every portal: mkdocs.yml cannot switch it off


def _values(outputs: Outputs) -> dict[str, str]:
    return placeholders(outputs.settings, outputs.site_name, outputs.site_url)


def _defaults(outputs: Outputs) -> dict[str, str]:
    return default_pages(outputs.site_name, values=_values(outputs))


def _open_data(outputs: Outputs) -> dict[str, str]:
    return {"open-data.md": fill(open_data_markdown(), _values(outputs))}


FEATURES: tuple[Feature, ...] = (
    # Entry, listing, competency and pathway pages come from render_all; here are the parts beside them:
    # Material's inline snippets as files (the Content-Security-Policy forbids inline scripts), the learning
    # passport's script and style, and the about and contribute pages until the portal writes its own.
    Feature("pages", "the catalog's pages, the security policy's scripts, the learning passport and the default "
            "about and contribute pages, and the catalog format's field reference", pages=(_defaults, field_reference_page), assets=(csp_assets, passport_assets, messages_assets),
            required=True),
    # Catalog search and facets (sharded lunr index), the header search, and /find-my-pathway/.
    Feature("search", "catalog search, the header search and Find my pathway",
            pages=(search_pages,), assets=(search_assets,), required=True),
    Feature("pathways", "pathways worked out from the catalog for every role, tier and audience"),
    # Coverage matrices (/coverage/) with their CSVs.
    Feature("coverage", "where the catalog covers the framework, and the gaps", pages=(coverage_pages,),
            assets=(coverage_files,)),
    # Partner outputs: JSON API and schemas, CASE, CSV, Atom and iCalendar feeds, embeds, alias redirects.
    Feature("exports", "open data, feeds, embeds, the head tags that announce them and the default open-data page",
            pages=(_open_data,), assets=(export_files,)),
    # Curators' report page (/curators/) with its JSON.
    Feature("curators", "the curators' report of due reviews and likely duplicates", pages=(curators_page,),
            assets=(curators_assets,)),
    # Opt-in page analytics and feedback: nothing is published unless mkdocs.yml's extra.analytics asks for it.
    Feature("analytics", "page analytics and feedback, when extra.analytics switches them on",
            assets=(analytics_assets,)),
)

NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
OPTIONAL: tuple[str, ...] = tuple(f.name for f in FEATURES if not f.required)


def active(outputs: Outputs) -> list[Feature]:
    """The features this build publishes, in order."""
    return [f for f in FEATURES if f.required or outputs.publishes(f.name)]


def pages(outputs: Outputs) -> list[Page]:
    """Every generated page of the build."""
    extras = [source(outputs) for feature in active(outputs) for source in feature.pages]
    return render_all(outputs.catalog, site_name=outputs.site_name, page_size=outputs.page_size, home=outputs.home,
                      generated=outputs.generated_pathways, extras=extras,
                      coverage=outputs.publishes("coverage"))


def assets(outputs: Outputs) -> Iterator[tuple[str, str | bytes]]:
    """Every static file the features add to the build."""
    for feature in active(outputs):
        for source in feature.assets:
            yield from source(outputs)


def post_build(outputs: Outputs, site_dir: Path) -> None:
    """Work that needs the written site."""
    for feature in active(outputs):
        for step in feature.post_build:
            step(outputs, site_dir)
