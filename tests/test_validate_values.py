"""Values YAML reads differently from what the curator meant: numbers, escapes, offsets, line breaks.

Each of these used to pass validation and reach the site changed or broken:
NaN in the JSON exports, a NUL in the Atom feed, a session moved by its UTC
offset, a tier of 2.0 linking to /tiers/2.0/, a URL with a final line break.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from generator.load.project import Document, Kind
from generator.load.yamlsafe import YamlError, parse
from generator.validate.schema import ecma_pattern, ecma_regex, schema_problems, screen, validator
from validate_support import MINI

ENTRY = """\
id: case
type: course
title: A test entry
url: https://example.org/test
provider: Example Hospice Education
summary: A test entry for the validator.
tiers: [1]
competencies: [communication-t1]
review_by: 2027-06-30
"""


def error_of(text: str) -> YamlError:
    with pytest.raises(YamlError) as info:
        parse(text.encode("utf-8"))
    return info.value


def problems_of(text: str, kind: Kind = Kind.ENTRY) -> list[tuple[int, int, str]]:
    parsed = parse(text.encode("utf-8"))
    doc = Document("catalog/case.yaml", kind, parsed.data, parsed.positions)
    return [(p.line, p.column, p.message) for p in schema_problems(doc)]


def screen_ok(kind: Kind, data: Any) -> bool:
    try:
        screen(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def jsonschema_ok(kind: Kind, data: Any) -> bool:
    return not any(True for _ in validator(kind).iter_errors(data))


# --- numbers that are not finite ---------------------------------------------------------------------------------


@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1.0e+400", "-1.0e+400"])
def test_numbers_that_are_not_finite_keep_their_text(written: str) -> None:
    # NaN passes every minimum and maximum and is not JSON; as text, the schema refuses it where a number belongs.
    data = parse(f"amount: {written}\n".encode()).data
    assert data == {"amount": written}
    json.dumps(data, allow_nan=False)


def test_finite_numbers_stay_numbers() -> None:
    data = parse(b"a: 1.5\nb: 2.0\nc: 3\nd: 1_000\n").data
    assert data == {"a": 1.5, "b": 2.0, "c": 3, "d": 1000}
    assert [type(v) for v in data.values()] == [float, float, int, int]


@pytest.mark.parametrize("extra, where, message", [
    ("credits:\n  - type: certificate\n    amount: -.inf\n", (12, 13),
     "credits[0].amount is -.inf: must be a finite number"),
    ("duration:\n  total: 2h\n  weeks: .inf\n", (12, 10), "duration.weeks is .inf: must be a finite number"),
    ("duration:\n  total: 2h\n  weeks: '.nan'\n", (12, 10), "duration.weeks is .nan: must be a finite number"),
])
def test_numbers_that_are_not_finite_are_refused_where_a_number_belongs(extra: str, where: tuple[int, int],
                                                                        message: str) -> None:
    assert problems_of(ENTRY + extra) == [(*where, message)]


# --- control characters ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("escape, code", [
    ("\\0", 0x00), ("\\a", 0x07), ("\\b", 0x08), ("\\v", 0x0B), ("\\f", 0x0C), ("\\r", 0x0D), ("\\e", 0x1B),
    ("\\x7f", 0x7F), ("\\x9B", 0x9B), ("\\N", 0x85), ("\\u0085", 0x85), ("\\L", 0x2028), ("\\P", 0x2029),
    ("\\u2029", 0x2029), ("\\uFFFE", 0xFFFE), ("\\U0000001F", 0x1F),
])
def test_control_characters_written_as_escapes_are_refused_at_the_escape(escape: str, code: int) -> None:
    err = error_of(f'id: x\ntitle: "Caring é at home{escape} series"\n')
    assert (err.line, err.column) == (2, 25)
    assert f"U+{code:04X} is not allowed (written as {escape})" in err.message


def test_an_escape_on_a_later_line_of_a_quoted_string_is_located_there() -> None:
    err = error_of('id: x\nsummary: "First line,\n  second \\x00 line"\n')
    assert (err.line, err.column) == (3, 10)
    assert err.message == "control character U+0000 is not allowed (written as \\x00)"


def test_control_character_in_a_quoted_key_is_refused() -> None:
    err = error_of('id: x\n"ti\\0tle": y\n')
    assert (err.line, err.column) == (2, 4)
    assert err.message.startswith("control character U+0000 is not allowed")


def test_harmless_escapes_are_fine() -> None:
    data = parse(b'a: "tab\\there, line\\nbreak, \\"quoted\\", back\\\\slash, no\\_break, \\x41\\u00e9"\n').data
    assert data == {"a": 'tab\there, line\nbreak, "quoted", back\\slash, no\u00a0break, A\u00e9'}


def test_a_backslash_in_single_quotes_or_plain_text_is_no_escape() -> None:
    assert parse(b"a: 'C:\\0 x'\nb: C:\\0 y\n").data == {"a": "C:\\0 x", "b": "C:\\0 y"}


@pytest.mark.parametrize("char, name", [
    ("\x7f", "control character U+007F"), ("\x81", "control character U+0081"),
    ("\x85", "next-line character U+0085"), ("\u2028", "line separator U+2028"),
    ("\u2029", "paragraph separator U+2029"), ("\ufffe", "non-character U+FFFE"),
])
def test_control_characters_typed_into_the_file_are_refused_where_they_are(char: str, name: str) -> None:
    err = error_of(f"id: x\ntitle: Caring é{char} at home\n")
    assert (err.line, err.column) == (2, 16)
    assert err.message.startswith(f"{name} is not allowed")


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_invisible_line_breaks_are_located_as_an_editor_counts_lines(char: str) -> None:
    # PyYAML counts these as line breaks and editors do not: every later line number would be one too low.
    err = error_of(f"# A comment{char}copied in\nid: x\ntitle: one{char}two\n")
    assert (err.line, err.column) == (1, 12)
    assert "editors do not show it, but YAML reads it as a line break" in err.message


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_control_characters_are_located_whatever_the_line_endings(newline: str) -> None:
    err = error_of(newline.join(["id: x", "title: y", "summary: a\x07b", ""]))
    assert (err.line, err.column) == (3, 11)


# --- dates and times with a UTC offset ---------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2027-03-04T10:00:00+05:00", "2027-03-04T10:00:00Z", "2027-03-04 10:00:00 -3",
                                     "2027-03-04t10:00:00.5z"])
def test_times_with_an_offset_keep_their_text(written: str) -> None:
    assert parse(f"start: {written}\n".encode()).data == {"start": written}


def test_times_without_an_offset_are_read_as_before() -> None:
    assert parse(b"a: 2027-03-04 10:00:00\nb: 2027-03-04T10:00\n").data == {"a": "2027-03-04T10:00",
                                                                            "b": "2027-03-04T10:00"}


@pytest.mark.parametrize("field", ["start", "end", "registration_deadline"])
def test_times_with_an_offset_are_refused_with_the_local_time_to_write(field: str) -> None:
    run = "runs:\n  - id: spring\n    start: 2027-03-04T10:00\n    timezone: Asia/Karachi\n"
    run = run.replace("    timezone", f"    {field}: 2027-03-04T09:30:00+05:00\n    timezone")
    if field == "start":
        run = run.replace("    start: 2027-03-04T10:00\n", "")
    found = problems_of(ENTRY + run)
    assert len(found) == 1
    assert found[0][2] == (f"runs[0].{field} is '2027-03-04T09:30:00+05:00': must be the local time without a UTC "
                           "offset, such as 2027-03-04T09:30; the zone goes in 'timezone'")


# --- whole numbers -----------------------------------------------------------------------------------------------


def _rich() -> dict[str, Any]:
    path = Path(__file__).parent / "cases" / "valid" / "rich-programme-session.yaml"
    return parse(path.read_bytes()).data


def _set(data: Any, where: tuple[Any, ...], value: Any) -> None:
    """Put ``value`` at the position ``where`` inside ``data``."""
    for part in where[:-1]:
        data = data[part]
    data[where[-1]] = value


@pytest.mark.parametrize("where, value", [
    (("tiers", 0), 1.0), (("runs", 0, "capacity"), 40.0), (("runs", 0, "recurrence", "interval"), 1.0),
    (("runs", 0, "recurrence", "count"), 6.0), (("duration", "sessions"), 6.0), (("tiers", 0), 1.5),
    (("tiers", 0), True),
])
def test_a_float_where_a_whole_number_belongs_is_refused_by_both_checks(where: tuple[Any, ...], value: Any) -> None:
    data = copy.deepcopy(_rich())
    assert screen_ok(Kind.ENTRY, data) and jsonschema_ok(Kind.ENTRY, data)
    _set(data, where, value)
    assert not jsonschema_ok(Kind.ENTRY, data)
    assert not screen_ok(Kind.ENTRY, data)


@pytest.mark.parametrize("where, value", [
    (("duration", "weeks"), 6.0), (("cost", "prices", 0, "amount"), 25.0), (("credits", 1, "amount"), 9.0),
])
def test_a_whole_float_where_any_number_belongs_is_fine(where: tuple[Any, ...], value: float) -> None:
    data = copy.deepcopy(_rich())
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    parent[where[-1]] = value
    assert jsonschema_ok(Kind.ENTRY, data) and screen_ok(Kind.ENTRY, data)


def test_pathway_tier_must_be_a_whole_number() -> None:
    data = parse((MINI / "catalog" / "pathways" / "mini-route.yaml").read_bytes()).data
    assert screen_ok(Kind.PATHWAY, data) and jsonschema_ok(Kind.PATHWAY, data)
    data["tier"] = 2.0
    assert not screen_ok(Kind.PATHWAY, data) and not jsonschema_ok(Kind.PATHWAY, data)


@pytest.mark.parametrize("tiers, message", [
    ("[1, 2.0]", "tiers[1] is 2.0: must be a whole number such as 2, without a decimal point"),
    ("[1, 2.]", "tiers[1] is 2.: must be a whole number such as 2, without a decimal point"),
    ("[1, 2.5]", "tiers[1] is 2.5: must be a whole number such as 2, without a decimal point"),
])
def test_float_tier_message(tiers: str, message: str) -> None:
    text = ENTRY.replace("tiers: [1]", f"tiers: {tiers}")
    assert problems_of(text) == [(7, 12, message)]


def test_framework_tier_must_be_a_whole_number() -> None:
    text = (MINI / "competencies" / "framework.yaml").read_text("utf-8")
    assert "tier: 1\n" in text
    found = problems_of(text.replace("tier: 1\n", "tier: 1.0\n", 1), Kind.FRAMEWORK)
    assert len(found) == 1 and "is 1.0: must be a whole number such as 1, without a decimal point" in found[0][2]


# --- numbers YAML read from what was meant as text ---------------------------------------------------------------


def test_the_text_of_numbers_is_kept_for_messages() -> None:
    parsed = parse(b"a: 010\nb: 1:30\nc: 0x1F\nd: [2.0]\ne: '7'\nf: seven\ng: true\n")
    assert parsed.data == {"a": 8, "b": 90, "c": 31, "d": [2.0], "e": "7", "f": "seven", "g": True}
    assert parsed.positions.written == {("a",): "010", ("b",): "1:30", ("c",): "0x1F", ("d", 0): "2.0"}


@pytest.mark.parametrize("line, message", [
    ("code: 010", 'code should be text; write "010" in quotes (unquoted, YAML reads it as the number 8)'),
    ("code: 12", 'code should be text; write "12" in quotes (unquoted, YAML reads it as a number)'),
    ("code: 1_000", 'code should be text; write "1_000" in quotes (unquoted, YAML reads it as the number 1000)'),
    ("duration: 1:30", "duration is 1:30, which YAML reads as the number 90: must be a length such as 45m, 1h30m, "
                       "8h, 2d, 6w or an ISO 8601 duration like PT8H"),
    ("duration: 45", "duration is the number 45: must be a length such as 45m, 1h30m, 8h, 2d, 6w or an ISO 8601 "
                     "duration like PT8H"),
])
def test_numbers_where_text_belongs_quote_what_was_written(line: str, message: str) -> None:
    assert problems_of(ENTRY + line + "\n") == [(10, line.index(":") + 3, message)]


def test_yes_for_text_keeps_its_hint() -> None:
    found = problems_of(ENTRY.replace("title: A test entry", "title: yes"))
    assert found == [(3, 8, "title should be text, not true (YAML reads yes/no/on/off as true/false: "
                            "put the text in quotes)")]


# --- '$' as JSON Schema means it ---------------------------------------------------------------------------------


def test_ecma_dollar_is_the_end_of_the_text() -> None:
    assert ecma_pattern("^a$") == "^a\\Z"
    assert ecma_pattern("^[^$]\\$$") == "^[^$]\\$\\Z"  # a dollar in a class, or escaped, is a dollar
    assert ecma_pattern("^P(?!$)") == "^P(?!\\Z)"
    assert ecma_regex("^a$").search("a") and not ecma_regex("^a$").search("a\n")


@pytest.mark.parametrize("where, value", [
    (("url",), "https://example.org/x\n"), (("id",), "rich-programme-session\n"), (("languages", 0), "en\n"),
    (("countries", 0), "GB\n"), (("cost", "prices", 0, "currency"), "GBP\n"), (("title",), "A title\n"),
    (("runs", 0, "start"), "2027-03-04T10:00\n"), (("runs", 0, "timezone"), "Europe/London\n"),
    (("runs", 0, "recurrence", "by_day", 0), "TH\n"), (("duration", "total"), "9h\n"),
])
def test_a_final_line_break_is_refused_by_both_checks(where: tuple[Any, ...], value: str) -> None:
    data = copy.deepcopy(_rich())
    _set(data, where, value)
    assert not jsonschema_ok(Kind.ENTRY, data)
    assert not screen_ok(Kind.ENTRY, data)
    _set(data, where, value.rstrip("\n"))
    assert jsonschema_ok(Kind.ENTRY, data) and screen_ok(Kind.ENTRY, data)


def test_final_line_break_message_says_how_to_drop_it() -> None:
    found = problems_of(ENTRY.replace("title: A test entry", "title: |\n  A test entry"))
    assert found == [(3, 8, "title is 'A test entry\\n': must be one line of text, not empty; it ends with a line "
                            "break: write it on one line, or end the block with '|-' or '>-' instead of '|' or '>'")]
    assert problems_of(ENTRY.replace("title: A test entry", "title: |-\n  A test entry")) == []


def test_url_with_a_final_line_break_is_refused_at_the_value() -> None:
    found = problems_of(ENTRY.replace("url: https://example.org/test", 'url: "https://example.org/test\\n"'))
    assert [(line, column) for line, column, _ in found] == [(4, 6)]
    assert found[0][2].startswith("url is 'https://example.org/test\\n': must be a full http:// or https:// address")
