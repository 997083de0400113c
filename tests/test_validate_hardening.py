"""Values that pass the schemas' patterns yet used to crash a later step: addresses, zones, lengths, dates.

Each is refused by the validator with a located message, and the steps after
validation do not fall over when handed one anyway.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from validate_support import MINI, REPO, Outcome, entry_yaml
from generator import schemas
from generator.curate.report import normalise_url
from generator.exports.timezones import zone
from generator.load.project import Kind
from generator.model.duration import MAX_HOURS, MAX_WEEKS, Duration, Length, TooLong
from generator.pages.html import safe_url
from generator.settings import Settings
from generator.validate import validate_project
from generator.validate.crossfile import DATE_FIELDS, URL_FIELDS, url_fault

# Added after any extra fields, so that the lines the tests point at stay where they were.
WHERE = "countries: [GB]\n"


def _write(portal: Path, eid: str, extra: str = "", url: str = "https://example.org/test") -> str:
    rel = f"catalog/{eid}.yaml"
    (portal / rel).write_text(entry_yaml(id=eid, url=url) + extra + WHERE, encoding="utf-8")
    return rel


def _problems(outcome: Outcome) -> list[tuple[str, int, int, str]]:
    assert "Traceback" not in outcome.err, outcome.err
    return [(p["path"], p["line"], p["column"], p["message"]) for p in outcome.json()["problems"]]


# --- the field lists follow the schemas -----------------------------------------------------------

def _schema_paths(node: Any, path: tuple[str, ...], defs: dict[str, Any],
                  seen: frozenset[str]) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """(path, leaf schema) for every string-valued place in a schema, '*' for list items."""
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if ref:
        name = ref.removeprefix("#/$defs/")
        if name in seen:
            return
        target = defs[name]
        yield path, {**target, "$def": name}
        yield from _schema_paths(target, path, defs, seen | {name})
    yield path, node
    for branch in (*node.get("oneOf", ()), *node.get("anyOf", ()), *node.get("allOf", ())):
        yield from _schema_paths(branch, path, defs, seen)
    for key, sub in node.get("properties", {}).items():
        yield from _schema_paths(sub, (*path, key), defs, seen)
    if isinstance(node.get("items"), dict):
        yield from _schema_paths(node["items"], (*path, "*"), defs, seen)


def _fields(kind: Kind, wanted) -> set[tuple[str, ...]]:
    schema = schemas.load(kind.value)
    return {p for p, leaf in _schema_paths(schema, (), schema.get("$defs", {}), frozenset()) if wanted(leaf)}


def _is_url(leaf: dict[str, Any]) -> bool:
    return leaf.get("$def") == "url" or leaf.get("format") == "uri" or str(leaf.get("pattern", "")).startswith("^https?://")


def _is_date(leaf: dict[str, Any]) -> bool:
    return leaf.get("$def") in ("date", "datetime", "partial_date") or leaf.get("format") in ("date", "date-time")


@pytest.mark.parametrize("kind", list(Kind), ids=[k.value for k in Kind])
def test_every_url_field_of_the_schemas_is_checked(kind: Kind) -> None:
    assert set(URL_FIELDS[kind]) == _fields(kind, _is_url)


@pytest.mark.parametrize("kind", [Kind.ENTRY, Kind.PATHWAY], ids=["entry", "pathway"])
def test_every_date_field_of_entries_and_pathways_is_checked(kind: Kind) -> None:
    assert set(DATE_FIELDS[kind]) == _fields(kind, _is_date)


def test_the_schema_walk_finds_the_known_fields() -> None:
    # Guards the two tests above against a walk that finds nothing and so compares empty sets.
    assert ("sources", "*", "url") in _fields(Kind.ENTRY, _is_url)
    assert ("runs", "*", "recurrence", "until") in _fields(Kind.ENTRY, _is_date)


# --- web addresses --------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "words"), [
    ("https://example.org:8o8o/basics", "port is not a number"),
    ("https://example.org:99999/basics", "port out of range"),
    ("https://example.org:-1/basics", "port is not a number"),
    ("https://[::1/x", "unclosed [ in host"),
    ("https://::1]/x", "] without an opening [ in host"),
    ("https://[not-an-address]/x", "not a valid IPv6 address"),
    ("https://:443/x", "no host name"),
    ("https://example.org/\x01", "control character U+0001"),
])
def test_unusable_addresses_are_named(url: str, words: str) -> None:
    fault = url_fault(url)
    assert fault is not None and words in fault


@pytest.mark.parametrize("url", [
    "https://example.org/", "http://example.org:8080/a?b=c#d", "https://[::1]:443/x", "https://user@example.org/",
    "https://example.org:/x", "https://xn--bcher-kva.example/",
])
def test_usable_addresses_pass(url: str) -> None:
    assert url_fault(url) is None


def test_every_url_field_is_checked_in_a_real_run(mini_portal: Path, run_portal) -> None:
    extra = """\
provider:
  - name: Example Hospice Education
    url: https://example.org:8o8o/
runs:
  - id: spring
    start: 2027-03-04T10:00
    timezone: Europe/London
    url: https://example.org:99999/spring
sources:
  - url: https://[::1/x
    checked: 2026-11-23
"""
    text = entry_yaml(id="every-url", url="https://example.org:1x/").replace(
        "provider: Example Hospice Education\n", "") + extra + WHERE
    (mini_portal / "catalog" / "every-url.yaml").write_text(text, encoding="utf-8")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 1
    assert [(line, col, msg.split(":", 1)[0]) for _, line, col, msg in _problems(outcome)] == [
        (4, 6, "url is 'https"),
        (11, 10, "provider[0].url is 'https"),
        (16, 10, "runs[0].url is 'https"),
        (18, 10, "sources[0].url is 'https"),
    ]
    messages = [m for *_, m in _problems(outcome)]
    assert "port is not a number ('1x')" in messages[0]
    assert "port is not a number ('8o8o')" in messages[1]
    assert "port out of range" in messages[2]
    assert "unclosed [ in host" in messages[3]


def test_framework_source_addresses_are_checked(mini_portal: Path, run_portal) -> None:
    framework = mini_portal / "competencies" / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    assert "\nsources:\n  - url: https://" in text, "the mini framework lost its sources: adjust this test"
    framework.write_text(text.replace("\nsources:\n  - url: https://", "\nsources:\n  - url: https://example.org:8o8o/x", 1),
                         encoding="utf-8")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    problems = _problems(outcome)
    assert len(problems) == 1 and problems[0][0] == "competencies/framework.yaml", problems
    assert "sources[0].url is 'https://example.org:8o8o/x" in problems[0][3]
    assert "port is not a number" in problems[0][3]


@pytest.mark.parametrize("url", ["https://example.org:8o8o/basics", "https://example.org:99999/basics",
                                 "https://[::1/x", "https://::1]/x"])
def test_report_and_pages_take_an_unusable_address_in_their_stride(url: str) -> None:
    # The validator refuses these; the curators' report also reads files that failed, and must not crash.
    assert normalise_url(url) == url
    assert safe_url(url) in (url, "#")


def test_portal_report_on_a_file_with_a_bad_port(mini_portal: Path, run_portal) -> None:
    _write(mini_portal, "bad-port", url="https://example.org:8o8o/basics")
    _write(mini_portal, "bad-bracket", url="https://[::1/x")
    outcome = run_portal("--root", str(mini_portal), "report")
    assert "Traceback" not in outcome.err
    assert outcome.code in (0, 1)


# --- time zones -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Europe", "America", "Etc", "A" * 300])
def test_a_zone_folder_or_an_over_long_name_is_an_unknown_zone(name: str, mini_portal: Path, run_portal) -> None:
    rel = _write(mini_portal, "zone-test", "runs:\n  - id: spring\n    start: 2027-03-04T10:00\n"
                                           f"    timezone: {name}\n")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert outcome.code == 1
    [(path, line, column, message)] = _problems(outcome)
    assert (path, line, column) == (rel, 13, 15)
    assert message.startswith(f"unknown time zone '{name[:20]}")
    if len(name) < 20:
        assert f"such as '{name}/" in message, "a region gets a zone inside it as the example"
    else:
        assert len(message) < 200, "the name is cut short in the message"
    assert zone(name) is None, "the exports treat it as unknown too"


# --- lengths --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1" + "0" * 400 + "h", "1" + "0" * 400 + "m", f"{MAX_HOURS + 1}h",
                                  f"{MAX_WEEKS + 1}w", f"{MAX_WEEKS * 7 + 1}d", "PT" + "9" * 30 + "H"])
def test_an_overlong_length_is_refused_not_overflowed(text: str) -> None:
    with pytest.raises(TooLong):
        Length.parse(text)
    with pytest.raises(ValueError):
        Duration.from_data(text)
    with pytest.raises(ValueError):
        Duration.from_data({"total": text})


def test_the_longest_lengths_are_accepted() -> None:
    assert Length.parse(f"{MAX_HOURS}h").minutes == MAX_HOURS * 60
    assert Length.parse(f"{MAX_WEEKS}w").days == MAX_WEEKS * 7
    assert Duration.from_data(f"{MAX_WEEKS}w").describe() == f"{MAX_WEEKS} weeks"


def test_overlong_per_session_is_located(mini_portal: Path, run_portal) -> None:
    rel = _write(mini_portal, "long-session", "duration:\n  sessions: 3\n  per_session: 1" + "0" * 400 + "m\n")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    [(path, line, column, message)] = _problems(outcome)
    assert (path, line, column) == (rel, 12, 16)
    assert message.startswith("duration is too long: duration.per_session '1000")


# --- dates ----------------------------------------------------------------------------------------

RUN = "runs:\n  - id: spring\n    start: {start}\n    timezone: Europe/London\n"


@pytest.mark.parametrize(("start", "end"), [("2027-03-04", "2027-03-05"), ("2027-03-04T10:00", "2027-03-04 11:30")])
def test_start_and_end_of_the_same_form_are_fine(start: str, end: str, mini_portal: Path, run_portal) -> None:
    _write(mini_portal, "same-form", RUN.format(start=start) + f"    end: {end}\n")
    outcome = run_portal("--root", str(mini_portal), "validate", "--strict", "--format", "json")
    assert _problems(outcome) == []


def test_a_datetime_start_with_a_date_end_is_refused(mini_portal: Path, run_portal) -> None:
    rel = _write(mini_portal, "mixed-form", RUN.format(start="2027-03-04T10:00") + "    end: 2027-03-05\n")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert [(p, ln, c) for p, ln, c, _ in _problems(outcome)] == [(rel, 14, 10)]
    assert "start and end must both be dates or both be date-times" in _problems(outcome)[0][3]


@pytest.mark.parametrize(("field", "value", "ok"), [
    ("review_by", "1900-01-01", True), ("review_by", "2200-12-31", True),
    ("review_by", "1899-12-31", False), ("review_by", "2201-01-01", False),
    ("launched", "0001-01-01", False), ("retired_on", "9999-12-31", False),
])
def test_entry_dates_stay_within_the_window(field: str, value: str, ok: bool, mini_portal: Path, run_portal) -> None:
    text = f"status: retired\n{field}: {value}\n" if field == "retired_on" else f"{field}: {value}\n"
    if field == "review_by":
        rel = "catalog/window.yaml"
        (mini_portal / rel).write_text(entry_yaml(id="window", url="https://example.org/w")
                                       .replace("review_by: 2027-06-30", f"review_by: {value}"), encoding="utf-8")
    else:
        rel = _write(mini_portal, "window", text)
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    mine = [m for p, _, _, m in _problems(outcome) if p == rel and "year" in m]
    if ok:
        assert mine == []
    else:
        assert mine == [f"{field} is '{value}': the year must be between 1900 and 2200"]


def test_pathway_review_date_stays_within_the_window(mini_portal: Path, run_portal) -> None:
    path = mini_portal / "catalog" / "pathways" / "mini-route.yaml"
    text = path.read_text(encoding="utf-8")
    assert "review_by: " in text
    head, _, tail = text.partition("review_by: ")
    path.write_text(head + "review_by: 3027-01-01" + tail[len("2027-01-01"):], encoding="utf-8")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    [(rel, _, _, message)] = _problems(outcome)
    assert rel == "catalog/pathways/mini-route.yaml"
    assert message == "review_by is '3027-01-01': the year must be between 1900 and 2200"


def test_a_counted_series_that_leaves_the_window_is_refused(mini_portal: Path, run_portal) -> None:
    rec = "    recurrence:\n      frequency: yearly\n      interval: 52\n      count: 500\n"
    rel = _write(mini_portal, "long-series", RUN.format(start="2027-03-04T10:00") + rec)
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    [(path, line, column, message)] = _problems(outcome)
    assert (path, line, column) == (rel, 17, 14)
    assert "recurrence goes on past the end of 2200" in message


# --- one broken file, one error -------------------------------------------------------------------

def test_a_broken_entry_is_still_known_to_those_that_refer_to_it(mini_portal: Path, run_portal) -> None:
    # mini-programme has two parts (part_of); mini-basics is a prerequisite and a pathway step.
    for eid in ("mini-programme", "mini-basics"):
        path = mini_portal / "catalog" / f"{eid}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("\ntype: ", "\ntype: X"), encoding="utf-8")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    problems = _problems(outcome)
    assert sorted(p for p, *_ in problems) == ["catalog/mini-basics.yaml", "catalog/mini-programme.yaml"], problems
    assert all(m.startswith("type is 'X") for *_, m in problems)


def test_an_entry_file_that_cannot_be_parsed_is_known_by_its_file_name(mini_portal: Path, run_portal) -> None:
    path = mini_portal / "catalog" / "mini-basics.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notes: [unclosed\n", encoding="utf-8")
    problems = _problems(run_portal("--root", str(mini_portal), "validate", "--format", "json"))
    assert [p for p, *_ in problems] == ["catalog/mini-basics.yaml"], problems
    assert problems[0][3].startswith("YAML syntax error")


def test_references_to_an_id_nobody_has_are_still_faulted(mini_portal: Path, run_portal) -> None:
    path = mini_portal / "catalog" / "mini-programme.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntype: ", "\ntype: X"), encoding="utf-8")
    _write(mini_portal, "orphan", "part_of: mini-programm\n")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    orphan = [m for p, _, _, m in _problems(outcome) if p == "catalog/orphan.yaml"]
    assert orphan == ["programme 'mini-programm' is not an entry in the catalog; did you mean 'mini-programme'?"]


def test_a_broken_framework_is_still_known_by_id(mini_portal: Path, run_portal) -> None:
    framework = mini_portal / "competencies" / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    fw_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
    framework.write_text(text.replace("\ntitle: ", "\ntitle_typo: ", 1), encoding="utf-8")
    _write(mini_portal, "names-framework", f"framework: {fw_id}\n")
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    problems = _problems(outcome)
    assert {p for p, *_ in problems} == {"competencies/framework.yaml"}, problems


def test_a_broken_entry_in_the_shipped_catalog_gives_one_error(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    for folder in ("catalog", "competencies"):
        shutil.copytree(REPO / folder, root / folder)
    settings = Settings(root=root)
    clean = validate_project(settings)
    assert not clean.errors, clean.errors
    # The entry most often named by others (as part_of, a prerequisite, a companion or a pathway step).
    counts: dict[str, int] = {}
    for doc in clean.documents:
        d = doc.data
        named = [d.get("part_of"), *d.get("prerequisites", ()), *d.get("companions", ())] if doc.kind is Kind.ENTRY \
            else [s["entry"] for s in d.get("steps", ())] if doc.kind is Kind.PATHWAY else []
        for target in filter(None, named):
            counts[target] = counts.get(target, 0) + 1
    target = max(sorted(counts), key=lambda t: counts[t])
    assert counts[target] >= 2, "no entry is named twice: the test proves nothing"
    entry = next(d for d in clean.documents if d.kind is Kind.ENTRY and d.data["id"] == target)
    path = root / entry.path
    text = path.read_text(encoding="utf-8")
    kind = entry.data["type"]
    path.write_text(text.replace(f"\ntype: {kind}\n", f"\ntype: {kind.capitalize()}\n", 1), encoding="utf-8")
    broken = validate_project(settings)
    assert [(p.path, p.message.split(";")[0]) for p in broken.problems] == [
        (entry.path, f"type is '{kind.capitalize()}'")]


def test_the_mini_portal_is_unchanged() -> None:
    # The tests above edit copies of it; its own files must stay clean.
    assert not validate_project(Settings(root=MINI)).problems
