"""Turn the catalog into site pages (Markdown with escaped HTML blocks).

Every piece of catalog text is untrusted: it goes through :func:`html.esc`
before it reaches a page, and links are only ever http(s) or our own.
"""

from __future__ import annotations

from .build import Page, render_all

__all__ = ["Page", "render_all"]
