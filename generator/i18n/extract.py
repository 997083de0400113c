"""A Babel extractor for the generator's Python that also sees calls inside f-strings.

Babel's own Python extractor reads tokens, and before Python 3.12 an f-string is one token,
so ``f"<p>{mark(_('Usually suits:'))}</p>"`` would hide its message. This one walks the
syntax tree instead; ``# Translators:`` comments right above a call's line (or its
statement's) travel with the message, as with Babel's extractor. ``babel.cfg`` names it.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

Extracted = tuple[int, str, "str | tuple[str | None, ...] | None", list[str]]


def _comments(lines: list[str], lineno: int, tags: list[str] | tuple[str, ...]) -> list[str]:
    """The tagged comment block that ends right above ``lineno`` (1-based), without the '#'."""
    block: list[str] = []
    row = lineno - 2
    while row >= 0 and lines[row].lstrip().startswith("#"):
        block.insert(0, lines[row].strip().lstrip("#").strip())
        row -= 1
    for start, text in enumerate(block):
        if any(text.startswith(tag) for tag in tags):
            return block[start:]
    return []


def extract_python(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: list[str] | tuple[str, ...],
                   options: Mapping[str, Any]) -> Iterator[Extracted]:
    """Every call of a keyword function (``_``, ``ngettext``, ...) with its literal arguments, in source order."""
    source = fileobj.read().decode(str(options.get("encoding", "utf-8")))
    tree = ast.parse(source)
    lines = source.splitlines()
    starts: dict[int, int] = {}  # a call's line -> the line its statement starts on
    for statement in ast.walk(tree):
        if isinstance(statement, ast.stmt):
            for inner in ast.walk(statement):
                if isinstance(inner, ast.Call):
                    starts.setdefault(inner.lineno, statement.lineno)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in keywords):
            continue
        args = tuple(a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args)
        if not args or all(a is None for a in args):
            continue
        comments = _comments(lines, node.lineno, comment_tags) or _comments(
            lines, starts.get(node.lineno, node.lineno), comment_tags)
        found.append((node.lineno, node.col_offset, node.func.id, args[0] if len(args) == 1 else args, comments))
    for lineno, _col, name, messages, comments in sorted(found, key=lambda f: (f[0], f[1])):
        yield lineno, name, messages, comments


# The words of a JSON Schema that the field reference shows, and the message context they are looked up with.
SCHEMA_KEYS = ("title", "description")
SCHEMA_CONTEXT = "schema"
# Keys whose values are data (an example entry may well have a title), not the schema's words.
SCHEMA_DATA = ("examples", "default", "const", "enum")


def _schema_texts(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """(JSON pointer, text) of every title and description in a schema, in document order."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
            if key in SCHEMA_KEYS and isinstance(value, str) and value.strip():
                yield here, value
            elif key not in SCHEMA_DATA:
                yield from _schema_texts(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _schema_texts(value, f"{pointer}/{index}")


def extract_schema(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: list[str] | tuple[str, ...],
                   options: Mapping[str, Any]) -> Iterator[Extracted]:
    """Every title and description of a JSON Schema as a ``pgettext("schema", ...)`` message, with a
    translator's comment naming its JSON pointer (the schema files stay in English)."""
    source = fileobj.read().decode(str(options.get("encoding", "utf-8")))
    lines = source.splitlines()
    row = 0
    for pointer, text in _schema_texts(json.loads(source), ""):
        # The line the text is on, searching onwards from the last one found (the texts come in order).
        needle = json.dumps(text, ensure_ascii=False)[1:-1]
        found = next((i for i in range(row, len(lines)) if needle in lines[i]), row)
        row = found
        yield found + 1, "pgettext", (SCHEMA_CONTEXT, text), [f"Translators: schema text at {pointer}"]
