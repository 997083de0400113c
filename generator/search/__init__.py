"""Catalog search, faceted browsing and 'Find my pathway', for phones on slow connections.

What the build adds (listed in ``generator/features.py``):

* ``search/catalog/*``: the sharded lunr index, display rows and facet masks
  (``store.py``, ``index.py``, ``facets.py``);
* ``search/pathways.json`` and the ``find-my-pathway/`` page (``pathways.py``);
* ``assets/search/*``: lunr.js 2.3.9 (vendored from npm ``lunr@2.3.9``), the
  search core, the catalog app, the header search and their stylesheet; on the French side
  also lunr-languages' French rules (npm ``lunr-languages@1.22.0``).

``generator/theme/partials/portal-search.html`` loads the scripts, deferred, only on the pages that use
them; the header search on other pages loads the rest on first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING

from ..pages import urls
from .analysis import rules_language
from .pathways import DATA_PATH, find_pathway_page, pathways_data
from .store import search_files

if TYPE_CHECKING:
    from ..outputs import Outputs

ASSET_FOLDER = "assets/search"
ASSET_FILES = ("lunr.min.js", "search-core.js", "catalog-app.js", "header-search.js", "find-pathway.js",
               "search.css")
# lunr-languages 1.22.0 (npm, MPL 1.1, generator/assets/search/lunr-languages.LICENSE.txt): the French rules,
# published only where the index is analysed by them.
FRENCH_FILES = ("lunr.stemmer.support.min.js", "lunr.fr.min.js", "lunr-languages.LICENSE.txt")


def search_assets(outputs: Outputs) -> Iterator[tuple[str, bytes]]:
    """Every static file of the search feature."""
    folder = resources.files("generator") / "assets" / "search"
    for name in ASSET_FILES + (FRENCH_FILES if rules_language() == "fr" else ()):
        yield f"{ASSET_FOLDER}/{name}", folder.joinpath(name).read_bytes()
    yield from search_files(outputs.catalog)
    yield DATA_PATH, pathways_data(outputs.catalog, outputs.generated_pathways)


def search_pages(outputs: Outputs) -> dict[str, str]:
    return {urls.find_my_pathway(): find_pathway_page(outputs.catalog)}


__all__ = ["search_assets", "search_pages"]
