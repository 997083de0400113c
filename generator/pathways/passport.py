"""The learning passport's script and stylesheet, published with the site.

The passport itself (a printable checklist) is rendered by
``generator.pages.pathway.passport_html``; it works without these files, and
``passport.js`` only adds keeping ticks in the browser, export and import.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..outputs import Outputs

# Where the files land in the site; pathway pages link to them relatively.
PASSPORT_JS = "assets/passport/passport.js"
PASSPORT_CSS = "assets/passport/passport.css"


def passport_assets(outputs: Outputs) -> Iterator[tuple[str, bytes]]:
    """The passport's files, read from generator/assets/passport/ (package data)."""
    folder = resources.files("generator") / "assets" / "passport"
    for path in (PASSPORT_JS, PASSPORT_CSS):
        yield path, folder.joinpath(path.rsplit("/", 1)[1]).read_bytes()
