"""Parse one YAML document safely, remembering where every value came from.

PyYAML's safe loader still expands aliases (the "billion laughs" attack),
silently keeps the last of two duplicate keys and forgets line numbers once
the data is built. So we only let PyYAML *compose* the node graph (with the
C parser where it is installed) and build plain Python data ourselves:

* only the core scalar tags are accepted: no ``!!python/...`` objects;
* anchors and aliases are refused, so the data can never expand beyond the
  size of the file;
* duplicate keys and non-text keys are errors;
* dates are checked for being real dates and kept as ISO strings, so that
  the data stays JSON-compatible for schema validation; a time with a UTC
  offset, and a number that is not finite (``.nan``, ``.inf``), keep the
  text as written, for the schema to report where it stands;
* control characters are refused in the text and in what escapes in
  double-quoted strings stand for;
* every value and key is mapped to its ``(line, column)``, and the text of
  each value YAML read as a number is kept, so messages can quote it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # The C parser is several times faster on large catalogs.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]

DEFAULT_MAX_BYTES = 256 * 1024
MAX_DEPTH = 40
_COMPOSE_SAFE_DEPTH = 1000
_TAG = "tag:yaml.org,2002:"
_SCALARS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
# Characters no catalog text needs, each of which breaks something downstream: C0 and C1
# controls and DEL make feeds ill-formed XML; PyYAML counts U+0085, U+2028 and U+2029 as
# line breaks where editors do not, so every later line number would be off; U+FFFE and
# U+FFFF are not characters at all. Tab, line feed and carriage return are line structure.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# The same in a value, where a carriage return can only come from an escape ("\r"):
# YAML turns line breaks in the file into line feeds.
_CONTROL_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_INVISIBLE_BREAKS = "\x85\u2028\u2029"
_LINE_BREAK = re.compile(r"\r\n?|\n")
# The single-character escapes of a double-quoted YAML string, and what they stand for.
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class YamlError(Exception):
    """The file cannot be read as one safe YAML document."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Positions:
    """Where each value (and each mapping key) starts, by path into the data."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # The text of each value YAML read as a number, as written ('010' for 8, '1:30' for 90).
    written: dict[Path, str] = field(default_factory=dict)

    def of(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Best known position for ``path``: the value (or key) itself, else its nearest parent."""
        table = self.keys if key else self.values
        p = tuple(path)
        while True:
            if p in table:
                return table[p]
            if key and p in self.values:
                return self.values[p]
            if not p:
                return (1, 1)
            p = p[:-1]


@dataclass
class Parsed:
    data: Any
    positions: Positions


def _mark(node: Node | yaml.Event) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def parse(raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Parsed:
    """Parse ``raw`` as exactly one YAML document.

    Raises:
        YamlError: with a plain-language message and the position of the fault.
    """
    if len(raw) > max_bytes:
        raise YamlError(
            f"file is {len(raw):,} bytes, over the limit of {max_bytes:,} bytes; "
            "split it up or raise the limit (--max-bytes)"
        )
    text = _decode(raw)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise YamlError("file is empty: expected a YAML mapping of fields")
    loader = _Loader(text)
    try:
        if _could_nest_deeply(text):
            _check_depth(text)
        node = _single_node(loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:  # reader errors carry no mark
        raise YamlError(f"cannot read YAML: {exc}") from None
    finally:
        loader.dispose()
    positions = Positions()
    builder = _Builder(positions, text)
    data = builder.build(node, ())
    return Parsed(data, positions)


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            line,
            column,
        ) from None
    bad = _CONTROL.search(text)
    if bad:
        ch = bad.group()
        hint = ("; editors do not show it, but YAML reads it as a line break: delete it, or use an ordinary "
                "line break" if ch in _INVISIBLE_BREAKS else "")
        raise YamlError(f"{_character(ch)} is not allowed{hint}", *_locate(text, bad.start()))
    return text


def _locate(text: str, index: int) -> tuple[int, int]:
    """(line, column) of ``text[index]`` as an editor counts them: CR LF, CR and LF end a line."""
    breaks = list(_LINE_BREAK.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def _character(ch: str) -> str:
    """The curator's name for a refused character."""
    code = ord(ch)
    name = {0x85: "next-line character", 0x2028: "line separator", 0x2029: "paragraph separator"}.get(code)
    if name:
        return f"{name} U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return f"non-character U+{code:04X}"
    return f"control character U+{code:04X}"


def refused_character(text: str) -> str | None:
    """The curator's name for the first character in ``text`` that no catalog value may hold, if any."""
    bad = _CONTROL_IN_VALUE.search(text)
    return _character(bad.group()) if bad else None


def _could_nest_deeply(text: str) -> bool:
    """A cheap upper bound on nesting, so ordinary files skip the event pass.

    Every level of nesting needs an indicator of its own: '[' or '{' for flow
    collections, '-' for a block sequence, ':' or '?' for a block mapping.
    """
    bound = sum(text.count(ch) for ch in "[{-:?")
    # Below this the composer is safe, and the builder reports depth past MAX_DEPTH itself.
    return bound > _COMPOSE_SAFE_DEPTH


def _check_depth(text: str) -> None:
    """Refuse deep nesting from the event stream, before anything is composed.

    The composer recurses once per level, so a small file of nested brackets
    ('[[[[...') would overflow the C stack and kill the process; the parser
    itself keeps an explicit stack and stops here after a few dozen events.
    """
    try:
        _depth_events(text, _Loader)
    except yaml.MarkedYAMLError as exc:
        # Newer libyaml scans up to 1,024 characters ahead and has its own nesting limit,
        # which it can reach before the parser hands us the level past ours. The pure-Python
        # scanner has no such limit, so it finds where our limit is crossed.
        if _Loader is yaml.SafeLoader or "nesting depth" not in str(exc.problem):
            raise
        _depth_events(text, yaml.SafeLoader)


def _depth_events(text: str, loader_class: type) -> None:
    loader = loader_class(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, (yaml.DocumentEndEvent, yaml.StreamEndEvent)):
                return  # only the first document is composed; a second one is refused as such
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the file's own mapping is the first level
                    raise YamlError(f"nesting deeper than {MAX_DEPTH} levels", *_mark(event))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def _single_node(loader: Any) -> Node:
    if not loader.check_node():
        raise YamlError("file is empty: expected a YAML mapping of fields")
    node = loader.get_node()
    # Peek rather than compose the next document: its '---' is the place to point at,
    # and whatever follows it may not even parse. (Calling check_node() after a peek
    # is unreliable with the C parser, so the event decides.)
    following = loader.peek_event()
    if isinstance(following, yaml.DocumentStartEvent):
        mark = following.start_mark
        raise YamlError(
            "file holds more than one YAML document (a second '---'); "
            "put each entry in its own file",
            mark.line + 1,
            mark.column + 1,
        )
    if isinstance(node, ScalarNode) and node.tag == f"{_TAG}null" and not node.value.strip():
        # Only a '---' marker: as empty as a file of comments.
        raise YamlError("file is empty: expected a YAML mapping of fields")
    return node


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    col = mark.column + 1 if mark else 0
    problem = (exc.problem or "").strip()
    if "'\\t'" in problem or "\\t" in problem or (
        mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    ):
        return YamlError("tab character used for indentation; indent with spaces", line, col)
    context = f" {exc.context}" if exc.context else ""
    started = exc.context_mark
    if exc.context and started is not None and mark is not None and started.line != mark.line:
        # The fault is often where the list, mapping or quote was opened, lines earlier.
        context += f" that starts at line {started.line + 1}"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "; if the value itself contains ': ', put it in quotes"
    return YamlError(f"YAML syntax error: {problem}{context}".rstrip() + hint, line, col)


class _Builder:
    """Turn a composed node graph into plain data, refusing anything unsafe."""

    _scalars = SafeConstructor()

    def __init__(self, positions: Positions, text: str) -> None:
        self.positions = positions
        self.text = text
        self.seen: set[int] = set()

    def build(self, node: Node, path: Path) -> Any:
        if id(node) in self.seen:
            line, col = _mark(node)
            raise YamlError(
                "YAML anchors and aliases (&name, *name) are not allowed: the value starting here is reused through an alias; write it out in full",
                line,
                col,
            )
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise YamlError(f"nesting deeper than {MAX_DEPTH} levels", *_mark(node))
        self.positions.values[path] = _mark(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != f"{_TAG}seq":
                raise _tag_error(node)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        if node.tag != f"{_TAG}map":
            raise _tag_error(node)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{_TAG}merge":
                raise YamlError("YAML merge keys ('<<') are not allowed", *_mark(key_node))
            if not isinstance(key_node, ScalarNode) or key_node.tag != f"{_TAG}str":
                shown = key_node.value if isinstance(key_node, ScalarNode) else "a collection"
                raise YamlError(
                    f"field name {shown!r} must be plain text; quote it",
                    *_mark(key_node),
                )
            key = key_node.value
            self._refuse_controls(key_node)
            if key in out:
                first = self.positions.keys[(*path, key)]
                raise YamlError(
                    f"field '{key}' appears twice in the same mapping "
                    f"(first at line {first[0]}); keep one",
                    *_mark(key_node),
                )
            self.positions.keys[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key))
        return out

    def _scalar(self, node: Node, path: Path) -> Any:
        if node.tag not in _SCALARS:
            raise _tag_error(node)
        assert isinstance(node, ScalarNode)
        kind = node.tag[len(_TAG):]
        if kind == "str":
            self._refuse_controls(node)
            return node.value
        if kind == "timestamp":
            return _timestamp(node)
        try:
            value = getattr(self._scalars, f"construct_yaml_{kind}")(node)
        except (ConstructorError, ValueError) as exc:
            raise YamlError(f"cannot read value {node.value!r}: {exc}", *_mark(node)) from None
        if kind in ("int", "float"):
            if isinstance(value, float) and not math.isfinite(value):
                # NaN passes every minimum and maximum and is not JSON: keep the text, which
                # the schema refuses where a number belongs.
                return node.value
            self.positions.written[path] = node.value
        return value

    def _refuse_controls(self, node: ScalarNode) -> None:
        """Refuse a control character that an escape in a double-quoted string stands for.

        Characters typed into the file were refused before parsing; only the escapes
        of a double-quoted string (``\\0``, ``\\r``, ``\\x07``, ``\\u2028``) can make more.
        """
        if node.style != '"':
            return
        bad = _CONTROL_IN_VALUE.search(node.value)
        if bad is None:
            return
        index, escape = _escape_of(self.text, node.start_mark.index, node.end_mark.index, bad.group())
        line, column = _locate(self.text, index) if index >= 0 else _mark(node)
        written = f" (written as {escape})" if escape else ""
        raise YamlError(f"{_character(bad.group())} is not allowed{written}", line, column)


def _escape_of(text: str, start: int, end: int, char: str) -> tuple[int, str]:
    """Where, in the double-quoted string ``text[start:end]``, an escape stands for ``char``, and the escape."""
    i = start
    while i < end - 1:
        if text[i] != "\\":
            i += 1
            continue
        code = text[i + 1]
        if code in _HEX_ESCAPES:
            width = _HEX_ESCAPES[code]
            digits = text[i + 2:i + 2 + width]
            try:
                meant = chr(int(digits, 16))
            except ValueError:
                meant = ""
            size = 2 + width
        else:
            meant, size = _ESCAPES.get(code, ""), 2
        if meant == char:
            return i, text[i:i + size]
        i += size
    return -1, ""


def _timestamp(node: ScalarNode) -> str:
    value = node.value.strip()
    match = _DATE.match(value)
    try:
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day).isoformat()
        parsed = SafeConstructor().construct_yaml_timestamp(node)
        if isinstance(parsed, dt.datetime):
            if parsed.tzinfo is not None:
                # Dropping the offset would publish the session at another moment, and
                # converting it would hide the zone: the schema asks for local time instead.
                return value
            return parsed.isoformat(timespec="minutes")
        return parsed.isoformat()
    except ValueError:
        # Keep the text: the schema reports it as "not a real date" at this position,
        # and the rest of the file is still checked in the same run.
        return value


def _tag_error(node: Node) -> YamlError:
    tag = node.tag
    shown = "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag
    return YamlError(
        f"YAML tag '{shown}' is not allowed; catalog files hold plain text, numbers, "
        "lists and mappings only",
        *_mark(node),
    )
