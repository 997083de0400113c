"""Finished pages without the indentation the theme's templates leave in them.

Material's templates are indented for their authors, and every page carries
that indentation: about 2.5 KB of a 30 KB page budget. A run of spaces after a
line break renders exactly as the line break alone, so it can go, except where
white space is content: in ``pre`` and ``textarea``, and in scripts and styles,
which are left byte for byte.
"""

from __future__ import annotations

import re

# Elements whose text is kept exactly. Their content cannot hold their own end tag
# (scripts are serialised so that "</script" never appears inside them). The start tag is spelt in both
# cases letter by letter rather than with IGNORECASE, which would stop re from searching for its "<" quickly;
# a start tag whose end tag never comes is not kept, and the search goes on after it.
_KEPT_NAMES = ("pre", "textarea", "script", "style")
_START = re.compile("<(" + "|".join("".join(f"[{c}{c.upper()}]" for c in name) for name in _KEPT_NAMES) + r")\b")
_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in _KEPT_NAMES}
# HTML's white space is ASCII only: a no-break space after a line break is content.
_INDENT = re.compile(r"\n[ \t\n\r\f]+")


def compact(html: str) -> str:
    """``html`` with every line's leading white space, and blank lines, removed outside kept elements."""
    parts = []
    last = at = 0
    while (start := _START.search(html, at)) is not None:
        end = _END[start[1].lower()].search(html, start.end())
        if end is None:
            at = start.start() + 1
            continue
        parts.append(_INDENT.sub("\n", html[last:start.start()]))
        parts.append(html[start.start():end.end()])
        last = at = end.end()
    parts.append(_INDENT.sub("\n", html[last:]))
    return "".join(parts)
