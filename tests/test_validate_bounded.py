"""Validation does bounded work for any value: a long value gets its length error alone, the
"one line of text" rule reads each value once in linear time, and "did you mean" suggestions
against a large vocabulary are narrowed before they are compared.

The inputs are small; the worst cases are timed in the benchmark (benchmarks/), not here.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from validate_support import entry_yaml
from generator.load.project import Document, Kind
from generator.load.yamlsafe import parse
from generator.settings import Settings
from generator.validate import validate_project
from generator.validate.hints import closest, did_you_mean
from generator.validate.schema import ecma_regex, schema_problems

LINE = "^[^\\n\\r]*\\S[^\\n\\r]*$"



def problems_of(text: str) -> list[tuple[int, int, str]]:
    parsed = parse(text.encode("utf-8"))
    doc = Document("catalog/case.yaml", Kind.ENTRY, parsed.data, parsed.positions)
    return [(p.line, p.column, p.message) for p in schema_problems(doc)]


def test_the_line_rule_matches_exactly_the_texts_the_published_pattern_does() -> None:
    # The published pattern, read as ECMA-262 reads it ('$' is the end of the text).
    published = re.compile(r"^[^\n\r]*\S[^\n\r]*\Z")
    used = ecma_regex(LINE)
    assert used.pattern != published.pattern  # the linear spelling is the one in use
    for n in range(7):
        for letters in itertools.product("a \n\r\t", repeat=n):
            text = "".join(letters)
            assert bool(used.search(text)) == bool(published.search(text)), repr(text)


@pytest.mark.parametrize("title", [
    "|\n  " + "palliative care " * 400,          # one long line that a block scalar ends with a line break
    '"' + "a" * 3000 + " " * 3000 + '\\n"',       # trailing spaces, then an escaped line break
    "x" * 6400,                                   # one long plain line
])
def test_a_title_over_its_limit_gets_the_length_error_alone(title: str) -> None:
    found = problems_of(entry_yaml(title=title))
    assert len(found) == 1, found
    line, column, message = found[0]
    assert (line, column) == (3, 8)
    assert re.fullmatch(r"title is \d+ characters long; the limit is 200", message), message


def test_a_url_over_its_limit_gets_the_length_error_alone() -> None:
    url = "https://example.org/" + "a/" * 1500 + "\\n"
    found = problems_of(entry_yaml(url=f'"{url}"'))
    assert [m for _, _, m in found] == ["url is 3021 characters long; the limit is 2000"]


def test_a_short_value_still_gets_its_form_error() -> None:
    found = problems_of(entry_yaml(title="|\n  Two lines\n  of title"))
    assert [m for _, _, m in found] == ["title is 'Two lines\\nof title\\n': must be one line of text, not empty"]


# --- 'did you mean' against large vocabularies -----------------------------------------------------------------

def _vocabulary(n: int) -> list[str]:
    words = ["care", "nurse", "pain", "home", "grief", "talk", "team", "child", "adult", "ward"]
    return [f"{words[i % 10]}-{words[(i // 10) % 10]}-{i}" for i in range(n)]


def test_a_typo_is_found_in_a_large_vocabulary() -> None:
    known = _vocabulary(5000)
    target = known[4736]
    assert closest(target + "x", known) == target
    assert closest(target[:3] + target[4:], known) == target
    assert closest(target.upper(), known) == target
    assert did_you_mean(target + "x", known) == f"; did you mean '{target}'?"


def test_prefixes_and_parts_are_suggested_in_small_and_large_vocabularies() -> None:
    small = ["registered-nurse", "support-worker"]
    large = [*small, *_vocabulary(500)]
    for known in (small, large):
        assert closest("nurse", known) == "registered-nurse"
        assert closest("suppor", known) == "support-worker"


def test_a_value_longer_than_any_id_is_not_compared() -> None:
    assert closest("care-" * 100, _vocabulary(100)) is None
    assert did_you_mean("x" * 250_000, _vocabulary(5000)) == ""


def test_many_unknown_values_against_a_large_vocabulary_each_get_a_located_message(mini_portal: Path) -> None:
    vocab = mini_portal / "competencies" / "vocabularies.yaml"
    known = _vocabulary(400)
    text = vocab.read_text(encoding="utf-8")
    extra = "".join(f"  - id: {k}\n    label: Profession {k}\n" for k in known)
    vocab.write_text(text.replace("professions:\n", "professions:\n" + extra, 1), encoding="utf-8")
    assert "professions:\n" in text
    unknown = [f"{k}x" for k in known[:200]]
    entry = entry_yaml() + f"professions: [{', '.join(unknown)}]\n"
    (mini_portal / "catalog" / "case.yaml").write_text(entry, encoding="utf-8")
    result = validate_project(Settings(root=mini_portal))
    messages = [p.message for p in result.problems if p.path == "catalog/case.yaml" and p.is_error]
    assert len(messages) == 200
    assert messages[0].startswith(f"unknown profession '{unknown[0]}'; did you mean '{known[0]}'?")
    assert sum("did you mean" in m for m in messages) >= 190


# --- files behind links, and sizes checked before reading ------------------------------------------------------

def test_a_link_to_a_file_outside_the_project_is_refused_unread(mini_portal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text((mini_portal / "catalog" / "mini-toolkit.yaml").read_text(encoding="utf-8")
                       .replace("mini-toolkit", "linked"), encoding="utf-8")
    (mini_portal / "catalog" / "linked.yaml").symlink_to(outside)
    framework_copy = tmp_path / "framework.yaml"
    framework_copy.write_bytes((mini_portal / "competencies" / "framework.yaml").read_bytes())
    (mini_portal / "competencies" / "other.yaml").symlink_to(framework_copy)
    problems = validate_project(Settings(root=mini_portal)).problems
    found = {(p.path, p.line, p.column): p.message for p in problems}
    assert found[("catalog/linked.yaml", 1, 1)].startswith(f"is a symbolic link to {outside.resolve()}, outside the project")
    assert found[("competencies/other.yaml", 1, 1)].startswith("is a symbolic link to ")


def test_a_link_inside_the_project_is_read(mini_portal: Path) -> None:
    kept = mini_portal / "shared" / "linked.yaml"
    kept.parent.mkdir()
    kept.write_text((mini_portal / "catalog" / "mini-toolkit.yaml").read_text(encoding="utf-8")
                    .replace("mini-toolkit", "linked"), encoding="utf-8")
    (mini_portal / "catalog" / "linked.yaml").symlink_to(kept)
    original = kept.read_text(encoding="utf-8")
    kept.write_text(original.replace("url: https://example.org/", "url: https://example.org/linked/", 1),
                    encoding="utf-8")
    result = validate_project(Settings(root=mini_portal))
    assert not [p for p in result.problems if p.path == "catalog/linked.yaml" and p.is_error]


def test_the_size_is_checked_before_the_file_is_read(mini_portal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = mini_portal / "catalog" / "big.yaml"
    with big.open("wb") as fh:  # a sparse file: 3 GB long, no disk used
        fh.truncate(3 * 1024 ** 3)
    opened: list[str] = []
    real_open = Path.open

    def watch(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watch)
    problems = [p for p in validate_project(Settings(root=mini_portal)).problems if p.path == "catalog/big.yaml"]
    assert [p.message for p in problems] == [
        "file is 3,221,225,472 bytes, over the limit of 262,144 bytes; split it up or raise the limit (--max-bytes)"]
    assert "big.yaml" not in opened


# --- lists that must not repeat an item, checked in one pass ------------------------------------------------------

def test_a_list_mixing_numbers_and_text_is_checked_for_repeats_in_one_pass() -> None:
    # jsonschema compared every pair of such a list (it cannot sort it): minutes for a 256 KB file.
    items = "".join(f"  - {i}\n  - k{i}\n" for i in range(300)) + "  - 7\n"
    found = problems_of(entry_yaml() + "keywords:\n" + items)
    repeats = [m for _, _, m in found if "more than once" in m]
    assert repeats == ["keywords lists 7 more than once"]
    assert sum("should be text" in m for _, _, m in found) == 301


@pytest.mark.parametrize(("items", "unique"), [
    ([1, 1.0], False), ([1, True], True), ([0, False], True), ([None, None], False), (["1", 1], True),
    ([{"a": 1, "b": [1, 2]}, {"b": [1, 2.0], "a": 1}], False), ([[1, 2], [2, 1]], True), ([], True),
])
def test_repeats_are_judged_as_json_schema_judges_them(items: list[object], unique: bool) -> None:
    from jsonschema import Draft202012Validator

    from generator.validate.schema import _CatalogValidator

    schema = {"type": "array", "uniqueItems": True}
    assert Draft202012Validator(schema).is_valid(items) is unique  # the reference
    assert _CatalogValidator(schema).is_valid(items) is unique
