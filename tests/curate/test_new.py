"""``portal new``: a valid file from flags, never an overwrite, and clear usage errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.curate import scaffold
from generator.load.yamlsafe import parse

ROOT = Path(__file__).resolve().parents[2]

ENTRY_FLAGS = [
    "--title", "Dementia care: the last months", "--url", "https://example.org/dementia?x=1",
    "--provider", "Example Hospice",
    "--summary", "A short online course for care home staff on recognising and supporting people with "
                 "dementia who are approaching the end of life, and their families.",
    "--tiers", "1", "--competencies", "communication-t1,person-centred-care-t1",
    "--professions", "support-worker", "--duration", "2h", "--cost", "free", "--countries", "GB",
]


def test_new_entry_from_flags_passes_strict_validation(mini_portal: Path, run_portal) -> None:
    out = run_portal("--root", str(mini_portal), "new", "entry", "example-dementia", *ENTRY_FLAGS)
    assert out.code == 0, out.err
    path = mini_portal / "catalog" / "example-dementia.yaml"
    assert out.out.strip() == "catalog/example-dementia.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "/schemas/v1/entry.schema.json" in text.splitlines()[1]
    data = parse(text.encode()).data
    assert data["title"] == "Dementia care: the last months"
    assert data["tiers"] == [1] and data["competencies"] == ["communication-t1", "person-centred-care-t1"]
    assert data["type"] == "course" and data["languages"] == ["en"] and data["review_by"]
    checked = run_portal("validate", "--strict", "--root", str(mini_portal))
    assert checked.code == 0, checked.out + checked.err


def test_schema_line_is_a_relative_path_to_the_schema_when_the_generator_is_in_the_project(
        mini_portal: Path, run_portal) -> None:
    schemas = mini_portal / "generator" / "schemas"
    schemas.mkdir(parents=True)
    shutil.copy(ROOT / "generator" / "schemas" / "pathway.schema.json", schemas)
    out = run_portal("--root", str(mini_portal), "new", "pathway", "first-steps", "--title", "First steps",
                     "--summary", "Where to start.", "--tier", "1",
                     "--step", "mini-basics=Start here: it covers the basics everyone needs.")
    assert out.code == 0, out.err
    path = mini_portal / "catalog" / "pathways" / "first-steps.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../generator/schemas/pathway.schema.json"
    assert (path.parent / first.split("=", 1)[1]).resolve().is_file()
    assert run_portal("validate", "--strict", "--root", str(mini_portal)).code == 0


def test_refuses_to_overwrite_an_existing_file(mini_portal: Path, run_portal) -> None:
    path = mini_portal / "catalog" / "mini-basics.yaml"
    before = path.read_bytes()
    out = run_portal("--root", str(mini_portal), "new", "entry", "mini-basics", *ENTRY_FLAGS)
    assert out.code == 1
    assert "already exists" in out.err and "never overwrites" in out.err
    assert path.read_bytes() == before


def test_refuses_even_when_the_file_appears_after_the_check(mini_portal: Path) -> None:
    from generator.errors import PortalError
    from generator.settings import load_settings

    settings = load_settings(mini_portal)
    path = scaffold.target(settings, "entry", "mini-basics")
    with pytest.raises(PortalError, match="already exists"):
        scaffold.create(settings, "entry", "mini-basics", {"id": "mini-basics"}, [], path)


@pytest.mark.parametrize(("args", "missing"), [
    (["entry", "new-course"], ["--title", "--url", "--provider", "--summary", "--tiers", "--competencies"]),
    (["entry", "new-course", "--title", "A course", "--url", "https://example.org"],
     ["--provider", "--summary", "--tiers", "--competencies"]),
    (["pathway", "new-route", "--title", "A route"], ["--summary", "--tier", "--step"]),
])
def test_missing_flags_without_a_terminal_are_a_usage_error(mini_portal: Path, run_portal, args: list[str],
                                                            missing: list[str]) -> None:
    out = run_portal("--root", str(mini_portal), "new", *args)
    assert out.code == 2
    message = out.err.splitlines()[-1]
    for flag in missing:
        assert flag in message
    assert not list((mini_portal / "catalog").rglob("new-*.yaml"))


def test_bad_id_is_a_usage_error(mini_portal: Path, run_portal) -> None:
    out = run_portal("--root", str(mini_portal), "new", "entry", "Not A Slug", *ENTRY_FLAGS)
    assert out.code == 2 and "lower-case" in out.err


def test_invalid_values_leave_no_file_and_name_the_flag(mini_portal: Path, run_portal) -> None:
    flags = [*ENTRY_FLAGS]
    flags[flags.index("--competencies") + 1] = "comunication-t1"
    out = run_portal("--root", str(mini_portal), "new", "entry", "broken-one", *flags)
    assert out.code == 1
    assert "--competencies: unknown competency 'comunication-t1'; did you mean 'communication-t1'?" in out.err
    assert not (mini_portal / "catalog" / "broken-one.yaml").exists()


def test_prompts_ask_only_for_what_is_missing() -> None:
    answers = iter(["Example Hospice", "What it covers.", "1, 2", "communication-t1"])
    asked: list[str] = []

    def prompt(question: str) -> str:
        asked.append(question)
        return next(answers)

    values = {"title": "A course", "url": "https://example.org"}
    scaffold.ask_missing("entry", values, [], prompt)
    assert [q.split(" (")[0] for q in asked] == ["provider", "summary", "tiers", "competencies"]
    assert values["tiers"] == [1, 2] and values["competencies"] == ["communication-t1"]


def test_prompts_collect_pathway_steps_until_a_blank_answer() -> None:
    answers = iter(["mini-basics", "Start here.", "mini-advanced", "Then this.", ""])
    steps: list[dict[str, str]] = []
    scaffold.ask_missing("pathway", {"title": "t", "summary": "s", "tier": 1}, steps, lambda q: next(answers))
    assert steps == [{"entry": "mini-basics", "reason": "Start here."},
                     {"entry": "mini-advanced", "reason": "Then this."}]


@pytest.mark.parametrize("value", [
    "plain words", "Title: with colon", "yes", "123", "2027-01-31", "https://example.org/a?b=c&d=e#f",
    "https://example.org/a,b", " leading space", "# not a comment", "quote \" and 'single'", "ünïcödé – dash",
    "- dash first", "@at", "a #hash", "[bracket]", "{brace}", "*star", "!bang", "%percent", "null", "~",
])
def test_written_values_read_back_exactly(value: str) -> None:
    from generator.curate.yamltext import document

    data = {"id": "x", "title": value, "keywords": [value, "other"], "summary": ("word " * 30) + value.strip()}
    back = parse(document(data, ["a comment"]).encode()).data
    assert back["title"] == value and back["keywords"] == [value, "other"]
