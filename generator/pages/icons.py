"""The theme's icons drawn from one cached file instead of inline on every page.

Material writes each icon as an inline SVG path: the logo and the repository icon
twice (header and drawer), the menu, search, palette and edit icons, a dozen on
every page and about 3.3 KB of a 30 KB page budget. Each becomes a short
``<svg><use href=".../icons.svg#ID"/></svg>`` that the browser draws from one
sprite file, fetched once and cached. The outer ``<svg>`` stays, so the theme's
sizing and colour rules (``.md-icon svg``, ``fill: currentcolor``) apply unchanged;
the sprite's paths carry no fill of their own and take the icon's colour.

Only icons of Material's shape are moved (one path in a 24 px box); any other SVG,
such as a coverage chart, is left as it is.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from .html import rel

SPRITE = "icons.svg"  # at the site root: the shortest reference from every page
_ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="([^"<>]*)"/></svg>')


@lru_cache(maxsize=1024)
def _key(path: str) -> str:
    """An icon's id in the sprite, made from its path (a dozen icons, on every page)."""
    return "i" + hashlib.sha256(path.encode()).hexdigest()[:6]


class Sprite:
    """The icons the pages of one build use, each under an id made from its path."""

    def __init__(self) -> None:
        self.paths: dict[str, str] = {}

    def use(self, html: str, page_url: str) -> str:
        """``html`` (the page at ``page_url``) with every theme icon drawn from the sprite."""
        href = rel(page_url, SPRITE)

        def swap(match: re.Match[str]) -> str:
            key = _key(match[1])
            self.paths[key] = match[1]
            return f'<svg><use href="{href}#{key}"/></svg>'

        return _ICON.sub(swap, html)

    def document(self) -> str:
        """The sprite file: one symbol per icon, in a fixed order (byte-identical for the same icons)."""
        symbols = "".join(f'<symbol id="{key}" viewBox="0 0 24 24"><path d="{path}"/></symbol>'
                          for key, path in sorted(self.paths.items()))
        return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'
