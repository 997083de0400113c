"""Keep the generated pages' raw HTML away from Markdown, which would only parse it to leave it alone.

The page renderers (generator.pages) write each HTML block between
``RAW_OPEN`` and ``RAW_CLOSE`` (see ``pages.html.block``). Python-Markdown's
raw-HTML handling runs the whole block through ``html.parser`` twice (once
for md_in_html, once for MkDocs' anchor collection) and then emits it
unchanged: profiling a 1,000-entry build put a third of its time there. So
the plugin swaps each block for a one-word paragraph before conversion
(``stash``) and puts the HTML back in its place afterwards (``restore``).

Catalog text inside a block is always escaped, so it can never contain the
markers or the ``<p>`` of a placeholder: neither can be forged.
"""

from __future__ import annotations

import re

RAW_OPEN = "<!--portal-raw-->"
RAW_CLOSE = "<!--/portal-raw-->"
_BLOCK = re.compile(re.escape(RAW_OPEN) + r"(.*?)" + re.escape(RAW_CLOSE), re.DOTALL)
_TOKEN = "PORTALRAWBLOCK{}X"
_PLACEHOLDER = re.compile(r"<p>PORTALRAWBLOCK(\d+)X</p>")


def stash(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each marked block replaced by a placeholder paragraph, and the blocks."""
    if RAW_OPEN not in markdown:
        return markdown, []
    blocks: list[str] = []

    def swap(match: re.Match[str]) -> str:
        blocks.append(match[1])
        return f"\n\n{_TOKEN.format(len(blocks) - 1)}\n\n"

    return _BLOCK.sub(swap, markdown), blocks


def restore(html: str, blocks: list[str]) -> str:
    """The converted page with every placeholder paragraph replaced by its block again."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda m: blocks[int(m[1])] if int(m[1]) < len(blocks) else m[0], html)
