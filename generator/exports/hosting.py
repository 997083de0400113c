"""The ``_headers`` file: cross-origin access for partners on static hosts that read one.

Netlify and Cloudflare Pages read ``_headers`` at the site root and send the
headers it lists; other hosts publish it as a plain file and ignore it. GitHub
Pages sends ``Access-Control-Allow-Origin: *`` on every response by itself. The
paths are from the root of the host, so the file assumes the site is published
at the root of its domain, as those two hosts do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..outputs import Outputs

PATH = "_headers"
# What partners read from scripts on their own origin: the API, its schemas, the feeds and the oEmbed documents.
OPEN_PATHS = ("/api/*", "/schemas/*", "/feeds/*", "/embed/*")


def headers_file(outputs: Outputs) -> str:
    """Every partner-facing path, readable from any origin; nothing sends or accepts cookies."""
    lines = ["# Read by Netlify and Cloudflare Pages: lets partners' pages read the open data from their own origin.",
             "# Other hosts ignore this file (GitHub Pages sends the same header on every response)."]
    for path in OPEN_PATHS:
        lines += [path, "  Access-Control-Allow-Origin: *", "  X-Content-Type-Options: nosniff"]
    return "\n".join(lines) + "\n"
