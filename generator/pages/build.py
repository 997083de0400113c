"""Render every page of the portal from the catalog."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Catalog, Pathway
from . import urls
from .badges import forget_cards
from .competency import competency_pages
from .entry import render_entry
from .home import home_page
from .listings import catalog_pages, facet_pages, tier_pages
from .pathway import pathways_index, render_pathway
from ..pathways.generate import counterparts


@dataclass(frozen=True)
class Page:
    """One generated page: where it lives, its Markdown, and the curator's file behind it."""

    url: str
    markdown: str
    edit_path: str = ""
    src: str = ""  # the Markdown file's name, when it is not the URL's (about.md for about/)

    @property
    def src_uri(self) -> str:
        return self.src or urls.src_uri(self.url)

    @property
    def other_src_uri(self) -> str:
        """The other name a portal may give the same page: about.md for about/index.md, and back."""
        src = self.src_uri
        if src == "index.md":
            return src
        if src.endswith("/index.md"):
            return src[: -len("/index.md")] + ".md"
        return src[: -len(".md")] + "/index.md"


def render_all(catalog: Catalog, *, site_name: str, page_size: int = 40, home: dict[str, object] | None = None,
               generated: list[Pathway] | None = None, extras: list[dict[str, str]] | None = None,
               coverage: bool = True) -> list[Page]:
    """Every generated page, in a stable order.

    ``extras`` holds later features' pages ({url: markdown}), so this module
    does not need to know every feature. A key ending in ``.md`` names the
    page's file instead (``about.md``), for pages a portal lists in its nav.
    ``coverage`` says whether the portal publishes its coverage pages, which other pages link to.
    """
    try:
        return _render_all(catalog, site_name=site_name, page_size=page_size, home=home, generated=generated,
                           extras=extras, coverage=coverage)
    finally:
        forget_cards()


def _render_all(catalog: Catalog, *, site_name: str, page_size: int, home: dict[str, object] | None,
                generated: list[Pathway] | None, extras: list[dict[str, str]] | None, coverage: bool) -> list[Page]:
    pages: dict[str, Page] = {}

    def put(url: str, markdown: str, edit: str = "") -> None:
        if url.endswith(".md"):
            pages[url[: -len(".md")] + "/"] = Page(url[: -len(".md")] + "/", markdown, edit, src=url)
        else:
            pages[url] = Page(url, markdown, edit)

    put(urls.home(), home_page(catalog, site_name, {**(home or {}), "coverage": coverage}))
    for url, md in catalog_pages(catalog, page_size).items():
        put(url, md)
    for entry in catalog.entries.values():
        put(urls.entry(entry.id), render_entry(catalog, entry), entry.edit_path)
    for url, md in tier_pages(catalog, page_size, coverage=coverage).items():
        put(url, md)
    for url, md in facet_pages(catalog, page_size).items():
        put(url, md)
    for url, md in competency_pages(catalog).items():
        put(url, md)
    generated = generated or []
    put(urls.pathways(), pathways_index(catalog, generated))
    related = counterparts(catalog, generated)
    for pathway in [*catalog.pathways.values(), *generated]:
        put(urls.pathway(pathway.id), render_pathway(catalog, pathway, related.get(pathway.id)), pathway.path)
    for extra in extras or []:
        for url, md in extra.items():
            put(url, md)
    return [pages[u] for u in sorted(pages)]
