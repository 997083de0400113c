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
_TOKEN = "PORTALRAWBLOCK{}X"
_PLACEHOLDER = re.compile(r"<p>PORTALRAWBLOCK(\d+)X</p>")


def stash(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each marked block replaced by a placeholder paragraph, and the blocks."""
    blocks: list[str] = []
    parts: list[str] = []
    last = 0
    # Each block runs from a marker to the first end marker after it: found with str.find, which is many times
    # quicker than a lazy pattern over pages of tens of kilobytes. A marker never closed is left as it is.
    while (start := markdown.find(RAW_OPEN, last)) >= 0:
        end = markdown.find(RAW_CLOSE, start + len(RAW_OPEN))
        if end < 0:
            break
        blocks.append(markdown[start + len(RAW_OPEN):end])
        parts += (markdown[last:start], f"\n\n{_TOKEN.format(len(blocks) - 1)}\n\n")
        last = end + len(RAW_CLOSE)
    if not blocks:
        return markdown, []
    parts.append(markdown[last:])
    return "".join(parts), blocks


def restore(html: str, blocks: list[str]) -> str:
    """The converted page with every placeholder paragraph replaced by its block again."""
    if not blocks:
        return html
    return _PLACEHOLDER.sub(lambda m: blocks[int(m[1])] if int(m[1]) < len(blocks) else m[0], html)
