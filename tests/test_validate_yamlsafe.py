"""Unit tests for generator/load/yamlsafe.py: safe parsing with positions."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from validate_support import REPO
from generator.load.yamlsafe import MAX_DEPTH, YamlError, parse


def error_of(text: str | bytes, **kwargs: int) -> YamlError:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(YamlError) as info:
        parse(raw, **kwargs)
    return info.value


def test_positions_of_values_and_keys() -> None:
    parsed = parse(b"# a comment\nid: x\nruns:\n  - id: a\n    start: 2027-01-01T10:00\n")
    assert parsed.data == {"id": "x", "runs": [{"id": "a", "start": "2027-01-01T10:00"}]}
    assert parsed.positions.of(("id",)) == (2, 5)
    assert parsed.positions.of(("id",), key=True) == (2, 1)
    assert parsed.positions.of(("runs", 0, "start")) == (5, 12)
    # Unknown paths fall back to the nearest known parent.
    assert parsed.positions.of(("runs", 0, "end")) == (4, 5)
    assert parsed.positions.of(("nothing", "here")) == (2, 1)


def test_dates_stay_iso_text() -> None:
    data = parse(b"a: 2027-01-05\nb: 2027-01-05 10:30:00\nc: 2027-01-05T10:30:00+01:00\nd: '2027-01-05'\n").data
    # A time with a UTC offset keeps its text, for the schema to refuse: dropping the offset moved the session.
    assert data == {"a": "2027-01-05", "b": "2027-01-05T10:30", "c": "2027-01-05T10:30:00+01:00", "d": "2027-01-05"}


def test_impossible_date_is_kept_as_text_for_the_schema_to_report() -> None:
    # Not a parse error: the rest of the file is still checked, and the schema names the field.
    assert parse(b"a: 2028-02-29\n").data == {"a": "2028-02-29"}
    parsed = parse(b"a: 2027-02-29\nb: 2027-13-01 10:00:00\n")
    assert parsed.data == {"a": "2027-02-29", "b": "2027-13-01 10:00:00"}
    assert parsed.positions.of(("a",)) == (1, 4)


def test_byte_order_mark_and_crlf() -> None:
    parsed = parse(b"\xef\xbb\xbfid: x\r\ntitle: y\r\n")
    assert parsed.data == {"id": "x", "title": "y"}
    assert parsed.positions.of(("title",)) == (2, 8)


def test_not_utf8_position_on_a_later_line() -> None:
    err = error_of(b"id: x\ntitle: caf\xe9\n")
    assert (err.line, err.column) == (2, 11)
    assert err.message == "file is not valid UTF-8 (byte 0xe9); save it as UTF-8"


def test_utf16_is_refused_as_not_utf8() -> None:
    err = error_of("id: x\n".encode("utf-16"))
    assert "not valid UTF-8" in err.message


def test_syntax_error_points_back_to_where_the_list_was_opened() -> None:
    err = error_of("id: x\ntiers: [1, 2\ntitle: y\n")
    assert err.line == 3
    assert err.message.endswith("while parsing a flow sequence that starts at line 2")


def test_unterminated_quote_names_its_start() -> None:
    err = error_of('id: x\ntitle: "A title\nsummary: y\n')
    assert "quoted scalar that starts at line 2" in err.message


def test_colon_in_a_value_gets_a_quoting_hint() -> None:
    err = error_of("title: Grief: a guide\n")
    assert (err.line, err.column) == (1, 13)
    assert "put it in quotes" in err.message


def test_tab_indentation() -> None:
    err = error_of("runs:\n\t- id: a\n")
    assert (err.line, err.column, err.message) == (2, 1, "tab character used for indentation; indent with spaces")


def test_tab_inside_a_value_is_fine() -> None:
    assert parse(b"title: a\tb\n").data == {"title": "a\tb"}


def test_second_document_is_located_at_its_marker() -> None:
    err = error_of("id: x\n# the next one\n---\nid: y\n")
    assert (err.line, err.column) == (3, 1)
    assert "more than one YAML document" in err.message


def test_second_document_that_would_not_parse_still_says_two_documents() -> None:
    err = error_of("id: x\n---\nid: [\n")
    assert (err.line, "more than one YAML document" in err.message) == (2, True)


def test_leading_document_marker_is_fine() -> None:
    assert parse(b"---\nid: x\n").data == {"id": "x"}
    assert parse(b"---\nid: x\n...\n").data == {"id": "x"}


@pytest.mark.parametrize("text", ["", "\n\n", "# only\n# comments\n", "---\n", "--- \n...\n", "\ufeff"])
def test_empty_files(text: str) -> None:
    err = error_of(text)
    assert (err.line, err.column) == (1, 1)
    assert err.message == "file is empty: expected a YAML mapping of fields"


def test_size_limit_counts_bytes_not_characters() -> None:
    text = "title: " + "é" * 10 + "\n"  # 18 characters, 28 bytes
    raw = text.encode("utf-8")
    assert parse(raw, max_bytes=len(raw)).data == {"title": "é" * 10}
    err = error_of(raw, max_bytes=len(raw) - 1)
    assert (err.line, err.column) == (1, 1)
    assert err.message.startswith(f"file is {len(raw):,} bytes, over the limit of {len(raw) - 1:,} bytes")


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
    started = time.perf_counter()
    err = error_of("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert "anchors and aliases" in err.message
    assert (err.line, err.column) == (1, 5)  # the anchored value that is reused


def test_anchor_alone_is_harmless() -> None:
    assert parse(b"title: &t A title\n").data == {"title": "A title"}


@pytest.mark.parametrize("text, shown", [
    ("a: !!python/object/apply:os.system ['true']\n", "!!python/object/apply:os.system"),
    ("a: !!python/object:collections.OrderedDict {}\n", "!!python/object:collections.OrderedDict"),
    ("a: !!set {x: null}\n", "!!set"),
    ("a: !!omap [x: 1]\n", "!!omap"),
    ("a: !custom x\n", "!custom"),
    ("!!python/object:object {}\n", "!!python/object:object"),
])
def test_unsafe_and_unknown_tags(text: str, shown: str) -> None:
    err = error_of(text)
    assert err.message.startswith(f"YAML tag '{shown}' is not allowed")


def test_explicit_core_tags_are_fine() -> None:
    assert parse(b"a: !!str 2027\nb: !!int '3'\n").data == {"a": "2027", "b": 3}


def test_non_text_keys() -> None:
    assert "field name '1' must be plain text" in error_of("1: x\n").message
    assert "field name 'yes' must be plain text" in error_of("yes: x\n").message
    assert "field name 'a collection' must be plain text" in error_of("[a]: x\n").message
    assert parse(b"'1': x\n").data == {"1": "x"}


def test_nesting_limit() -> None:
    ok = "a: " + "[" * (MAX_DEPTH) + "]" * (MAX_DEPTH) + "\n"
    parse(ok.encode())
    too_deep = "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    err = error_of(too_deep)
    assert (err.line, err.column) == (1, 4 + MAX_DEPTH)
    assert err.message == f"nesting deeper than {MAX_DEPTH} levels"


def test_very_deep_nesting_does_not_crash_the_process() -> None:
    # 100,000 nested brackets fit under the default size limit; composing them recursively
    # used to overflow the C stack (a segfault), so run it where a crash cannot take pytest down.
    code = (
        "from generator.load.yamlsafe import parse, YamlError\n"
        "n = 100_000\n"
        "try:\n"
        "    parse(b'a: ' + b'[' * n + b']' * n + b'\\n')\n"
        "except YamlError as exc:\n"
        "    print(exc.line, exc.column, exc.message)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"1 {4 + MAX_DEPTH} nesting deeper than {MAX_DEPTH} levels"
