"""Write curators' YAML by hand, in the house style, and prove it reads back the same.

PyYAML's dumper sorts or reflows fields in ways curators find hard to read
(and it cannot write the ``# yaml-language-server`` line). Entries are small
and regular, so a tiny emitter gives files that look like the hand-written ones.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from ..errors import PortalError
from ..load.yamlsafe import YamlError, parse

# Text that YAML reads back as the same string when written without quotes.
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/()'-]*$")
# A web address reads back unchanged as a plain scalar when it has no space, flow indicator or ' #'.
_URL = re.compile(r"^https?://[A-Za-z0-9._~:/?#@!$&'()*+;=%-]+$")
_NOT_STRINGS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}
WIDTH = 100


def scalar(value: Any) -> str:
    """One value on one line: plain when that is unambiguous, else a JSON (= YAML) double-quoted string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # a date, as curators write it; the loader keeps it as ISO text
    if _URL.match(text):
        return text
    if (_PLAIN.match(text) and text.lower() not in _NOT_STRINGS and text == text.strip()
            and not re.match(r"^[\d.:-]+$", text) and " #" not in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[Any]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def _folded(key: str, text: str, indent: str) -> list[str]:
    """A long paragraph as a folded block, wrapped for reading in a pull request.

    ``>-`` rather than ``>``: the block must not end with a line break, which
    a title ("one line of text") may not have and a summary does not need.
    """
    body = textwrap.wrap(text, width=WIDTH - len(indent) - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}{key}: >-"] + [f"{indent}  {line}" for line in body]


def _long_text(text: str) -> bool:
    # Folded blocks keep single spaces between words only; anything else stays quoted.
    # A web address stays on one line, where it can be copied and checked whole.
    return (len(text) > 80 and " " in text and "\n" not in text and text == text.strip() and "  " not in text
            and "\t" not in text and not _URL.match(text))


def mapping(data: dict[str, Any], indent: str = "") -> list[str]:
    """Lines for a mapping, in the given key order."""
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines += mapping(value, indent + "  ")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{indent}{key}:")
            for item in value:
                inner = mapping(item, indent + "    ")
                inner[0] = f"{indent}  - " + inner[0].lstrip()
                lines += inner
        elif isinstance(value, list) and any(isinstance(v, str) and len(v) > 40 for v in value):
            lines.append(f"{indent}{key}:")
            lines += [f"{indent}  - {scalar(v)}" for v in value]
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: {_flow(value)}")
        elif isinstance(value, str) and _long_text(value):
            lines += _folded(key, value, indent)
        else:
            lines.append(f"{indent}{key}: {scalar(value)}")
    return lines


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def document(data: dict[str, Any], header: list[str]) -> str:
    """The YAML text for ``data`` after the comment lines in ``header``; checked to read back equal."""
    text = "\n".join([*(f"# {h}" if h else "#" for h in header), *mapping(data)]) + "\n"
    try:
        back = parse(text.encode("utf-8")).data
    except YamlError as exc:  # pragma: no cover - a bug in this module, not in the curator's input
        raise PortalError(f"internal error writing YAML: {exc.message} at line {exc.line}") from None
    if _normalise(back) != _normalise(data):  # pragma: no cover - same
        raise PortalError("internal error writing YAML: the file would not read back as written")
    return text
