"""Parts of the page template that many pages share, drawn once per build and language.

Material draws its navigation, its logo and its header's tools (colour toggles, search box, repository
link) anew for every page. On most of a portal's pages (entries, listings, competencies: every page
that is not in ``nav``) these parts differ only in their relative links, and drawing them took about a
tenth of a build. The templates here ask for a part by a key that holds everything it depends on (its
links as this page writes them), draw it on the first page with that key and reuse it after: the pages
come out byte for byte as if every part were drawn anew (``tests/site/test_fragments.py``).

A page in the navigation is never served a kept part: Material marks it, and opens its sections, in
that page's own navigation. A portal whose own theme folder replaces a template that a kept part draws
(SHARED_TEMPLATES) gets every part drawn on every page, since its template may differ from page to page.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import pass_context

# Material's own templates under a name of their own, so that the generator's partials/nav.html can draw
# Material's unchanged one inside it (a template cannot include a template of its own name).
MATERIAL_PREFIX = "material-theme"


# The templates that kept parts draw: the navigation's and the header's partials, the policy, the settings.
SHARED_TEMPLATES = (
    "base.html", "partials/nav.html", "partials/nav-item.html", "partials/logo.html", "partials/palette.html",
    "partials/javascripts/palette.html", "partials/search.html", "partials/source.html",
    "partials/portal-csp.html", "partials/portal-kept.html",
)


class Fragments:
    """The parts drawn so far in one build, by key. A key of None is never kept, nor is anything when the
    store is switched off."""

    def __init__(self, on: bool = True) -> None:
        self.on = on
        self._kept: dict[Hashable, str] = {}

    def kept(self, key: Hashable | None) -> str | None:
        return None if key is None else self._kept.get(key)

    def keep(self, key: Hashable | None, html: str) -> str:
        if key is not None and self.on:
            self._kept[key] = html
        return html


def overridden(portal_dirs: list[str]) -> list[str]:
    """The shared templates that the portal's own theme folders replace."""
    return [name for name in SHARED_TEMPLATES if any((Path(d) / name).is_file() for d in portal_dirs)]


def nav_links(items: Any) -> Iterator[str]:
    """Every address in a navigation tree: pages, links and sections' children, in order."""
    for item in items:
        url = getattr(item, "url", None)
        if url is not None:
            yield str(url)
        children = getattr(item, "children", None)
        if children:
            yield from nav_links(children)


@pass_context
def nav_key(context: Any) -> tuple[str, ...] | None:
    """The key of this page's navigation, or None for a page in it (which the navigation marks as current)."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or getattr(page, "parent", None) is not None:
        return None
    if any(p is page for p in nav.pages):
        return None
    config = context["config"]
    homepage = (config.extra or {}).get("homepage") or (nav.homepage.url if nav.homepage else "")
    return ("nav", *links(context, homepage, config.theme.get("logo") or "", *nav_links(nav.items)))


@pass_context
def link_key(context: Any, name: str, *addresses: str) -> tuple[str, ...]:
    """The key of a part named ``name`` whose only links are ``addresses``, as this page writes them."""
    return (name, *links(context, *addresses))


def links(context: Any, *addresses: str) -> list[str]:
    """``addresses`` through the templates' own ``url`` filter: relative to this page (or, on a page drawn
    without one such as 404.html, from the site's base). An address that is not a string (a logo that is
    not set) is kept as nothing."""
    url = context.environment.filters["url"]
    return [url(context, a) if isinstance(a, str) else "" for a in addresses]


def install(env: jinja2.Environment, portal_dirs: list[str]) -> None:
    """Give the templates a fresh store of parts and a name for Material's own templates. ``portal_dirs`` are
    the theme folders that come before the generator's (``theme.custom_dir``)."""
    import material

    templates = Path(material.__file__).resolve().parent / "templates"
    assert env.loader is not None  # MkDocs gives every theme a loader of its folders
    env.loader = jinja2.ChoiceLoader([
        env.loader, jinja2.PrefixLoader({MATERIAL_PREFIX: jinja2.FileSystemLoader(str(templates))}),
    ])
    env.globals["portal_fragments"] = Fragments(on=not overridden(portal_dirs))
    env.globals["portal_nav_key"] = nav_key
    env.globals["portal_link_key"] = link_key
