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
# (scripts are serialised so that "</script" never appears inside them).
_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
# HTML's white space is ASCII only: a no-break space after a line break is content.
_INDENT = re.compile(r"\n[ \t\n\r\f]+")


def compact(html: str) -> str:
    """``html`` with every line's leading white space, and blank lines, removed outside kept elements."""
    parts = []
    last = 0
    for kept in _KEEP.finditer(html):
        parts.append(_INDENT.sub("\n", html[last:kept.start()]))
        parts.append(kept.group(0))
        last = kept.end()
    parts.append(_INDENT.sub("\n", html[last:]))
    return "".join(parts)
