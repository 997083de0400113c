"""The Content-Security-Policy's script side: Material's inline snippets, shipped as files.

The policy itself is a ``<meta http-equiv>`` in ``generator/theme/partials/portal-csp.html``,
included from ``generator/theme/portal/main.html`` in the ``site_meta`` block, before any script.
It allows scripts from the site only (``script-src 'self'``, no ``'unsafe-inline'``,
no hashes), so every script Material used to inline on each page must come from a file instead:

* ``__md_scope`` and friends (``partials/javascripts/base.html``),
* the palette restorer (``partials/javascripts/palette.html``), and
* the content-tab snippets (``partials/javascripts/content.html``).

``generator/theme/partials/javascripts/{base,palette,content}.html`` load the files
published here. Any other inline script (a Material feature switched on later,
or a colleague's snippet) is caught by tests/browser/test_csp.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..outputs import Outputs

# Where the files land in the site; the overrides reference these paths.
SITE_FOLDER = "assets/javascripts/portal"
FILES = ("md-scope.js", "md-palette.js", "md-content.js")


def csp_assets(outputs: Outputs) -> Iterator[tuple[str, bytes]]:
    """The script files that replace Material's inline snippets."""
    folder = resources.files("generator") / "assets" / "csp"
    for name in FILES:
        yield f"{SITE_FOLDER}/{name}", folder.joinpath(name).read_bytes()
