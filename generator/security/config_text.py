"""Configuration text that Material prints into every page without escaping it.

Material's templates print ``site_description`` and ``site_author`` into a
``<meta>`` tag as they are, before the Content-Security-Policy tag, so a
script written into ``mkdocs.yml`` would run on every page. The portal
escapes them once, when the configuration is read; nothing else reads them.
The portal's own templates escape ``extra.scope`` and ``extra.csp`` where
they print them.
"""

from __future__ import annotations

from html import escape
from typing import Any

PRINTED_AS_IS = ("site_description", "site_author")


def escape_printed_text(config: Any) -> None:
    """Escape, in place, the configuration values Material prints into pages unescaped."""
    for key in PRINTED_AS_IS:
        value = config.get(key)
        if isinstance(value, str):
            config[key] = escape(value, quote=True)
