"""What one build publishes from: the catalog, the portal's settings and its site, shared by every feature.

Features (pages, search, coverage, exports, ...) take an :class:`Outputs` and
return pages or files; the list of features lives in :mod:`generator.features`,
which imports them all. This module imports no feature and no site engine, so
any feature may import it without making a circle.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from .model import Catalog, Pathway
from .settings import Settings


class Outputs:
    """One build's inputs and shared results; computed once per build and shared by every feature."""

    def __init__(self, catalog: Catalog, settings: Settings, *, site_name: str, site_url: str = "",
                 page_size: int = 40, extra: dict[str, object] | None = None,
                 home: dict[str, object] | None = None, features: Iterable[str] | None = None) -> None:
        self.catalog = catalog
        self.settings = settings
        self.site_name = site_name
        self.site_url = site_url if not site_url or site_url.endswith("/") else site_url + "/"
        self.page_size = page_size
        self.extra = extra or {}
        self.home = home or {}  # the home page's words (mkdocs.yml `home`)
        # None: every feature (see generator.features); otherwise the names the portal publishes.
        self.features = None if features is None else frozenset(features)
        # Results one feature works out and another needs again in the same build (an embed card is drawn for
        # its own file, its oEmbed height and the snippet on its page): keyed by the function that fills it.
        self.memo: dict[tuple[object, ...], object] = {}

    def publishes(self, feature: str) -> bool:
        """Whether this portal publishes ``feature`` (a name from generator.features.FEATURES)."""
        return self.features is None or feature in self.features

    @cached_property
    def generated_pathways(self) -> list[Pathway]:
        """Pathways worked out from the catalog, for every profession × tier and audience; none if switched off."""
        if not self.publishes("pathways"):
            return []
        from .pathways import generate_all

        return generate_all(self.catalog)
