"""Everything the portal adds to a build: pages, static files and post-build files.

Each feature (pathways, coverage, search, exports, ...) contributes through
the three registries below, so the MkDocs plugin stays a thin adapter and
each feature stays a plain module with its own tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from pathlib import Path

from ..model import Catalog, Pathway
from ..pages import Page, render_all
from ..settings import Settings

# (outputs) -> {url: markdown}: extra generated pages.
PageSource = Callable[["Outputs"], dict[str, str]]
# (outputs) -> [(path in site, content)]: static files added to the build.
AssetSource = Callable[["Outputs"], Iterable[tuple[str, str | bytes]]]
# (outputs, site_dir) -> None: files that need the rendered site.
PostBuild = Callable[["Outputs", Path], None]

PAGE_SOURCES: list[PageSource] = []
ASSET_SOURCES: list[AssetSource] = []
POST_BUILD: list[PostBuild] = []


class Outputs:
    """What one build publishes; computed once per build and shared by every feature."""

    def __init__(self, catalog: Catalog, settings: Settings, *, site_name: str, site_url: str = "",
                 page_size: int = 40, extra: dict[str, object] | None = None,
                 home: dict[str, object] | None = None) -> None:
        self.catalog = catalog
        self.settings = settings
        self.site_name = site_name
        self.site_url = site_url if not site_url or site_url.endswith("/") else site_url + "/"
        self.page_size = page_size
        self.extra = extra or {}
        self.home = home or {}

    @cached_property
    def generated_pathways(self) -> list[Pathway]:
        """Pathways worked out from the catalog, for every profession × tier and audience."""
        from ..pathways import generate_all

        return generate_all(self.catalog)

    def pages(self) -> list[Page]:
        return render_all(self.catalog, site_name=self.site_name, page_size=self.page_size, home=self.home,
                          generated=self.generated_pathways, extras=[src(self) for src in PAGE_SOURCES])

    def assets(self) -> Iterator[tuple[str, str | bytes]]:
        for source in ASSET_SOURCES:
            yield from source(self)

    def post_build(self, site_dir: Path) -> None:
        for step in POST_BUILD:
            step(self, site_dir)


# The about, contribute and open-data pages, until the portal writes its own.
from ..pages.defaults import default_pages  # noqa: E402

PAGE_SOURCES.append(lambda outputs: default_pages(outputs.site_name))

# The Content-Security-Policy forbids inline scripts: Material's inline snippets ship as files.
from ..security.csp import csp_assets  # noqa: E402

ASSET_SOURCES.append(csp_assets)

# Curators' report page (/curators/) with its JSON, and opt-in analytics + feedback (generator/curate).
from ..curate.analytics import analytics_assets  # noqa: E402
from ..curate.page import curators_assets, curators_page  # noqa: E402

PAGE_SOURCES.append(curators_page)
ASSET_SOURCES.extend([curators_assets, analytics_assets])

# Coverage matrices (/coverage/) with their CSVs, and the learning passport's script and print CSS.
from ..coverage.pages import coverage_files, coverage_pages  # noqa: E402
from ..pathways.passport import passport_assets  # noqa: E402

PAGE_SOURCES.append(coverage_pages)
ASSET_SOURCES.extend([coverage_files, passport_assets])

# Partner outputs: JSON API and schemas, CASE, CSV, Atom and iCalendar feeds, embeds, alias redirects.
from ..exports import export_files  # noqa: E402

ASSET_SOURCES.append(export_files)

# Catalog search and facets (sharded lunr index), the header search, and /find-my-pathway/.
from ..search import search_assets, search_pages  # noqa: E402

PAGE_SOURCES.append(search_pages)
ASSET_SOURCES.append(search_assets)

# The catalog format's field reference (/contribute/format/), generated from the entry schema.
from ..pages.reference import field_reference_page  # noqa: E402

PAGE_SOURCES.append(field_reference_page)
