"""The issue form's parser: a valid proposal becomes a file, anything else becomes located errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.curate.issue_form import parse_body, propose, read_form, slugify, to_entry
from generator.load.yamlsafe import parse
from generator.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-entry.yml"
TODAY = dt.date(2026, 11, 23)

ANSWERS = {
    "Title": "Dementia care at the end of life",
    "Web address": "https://example.org/dementia",
    "Provider": "Example Hospice",
    "Summary": "A short course for care home staff on supporting people with dementia\nwho are approaching "
               "the end of life.",
    "Kind of item": "course",
    "Tiers": "Tier 1: general awareness (everyone who meets dying people at work), "
             "Tier 2: providing person-centred end of life care",
    "Competencies": "communication-t1\nperson-centred-care-t2",
    "Professions": "_No response_",
    "Care settings": "hospice",
    "Cost": "free",
    "Length": "2h",
    "Languages": "_No response_",
    "Countries": "GB",
    "Suggested id": "_No response_",
    "Your connection to it": "I work for the provider. cc @everyone ~~~",
    "Anything else": "_No response_",
    "Check": "- [X] I have checked these facts against the provider's own page.",
}


def body(answers: dict[str, str] | None = None, newline: str = "\n") -> str:
    """An issue body as GitHub renders a submitted form."""
    parts = [f"### {label}\n\n{value}\n" for label, value in (answers or ANSWERS).items()]
    return "\n".join(parts).replace("\n", newline)


def with_answer(label: str, value: str | None) -> dict[str, str]:
    answers = dict(ANSWERS)
    if value is None:
        del answers[label]
    else:
        answers[label] = value
    return answers


def test_form_field_ids_are_entry_fields_or_reviewer_notes() -> None:
    schema_fields = set(__import__("json").loads(
        (ROOT / "generator" / "schemas" / "entry.schema.json").read_text())["properties"])
    form = read_form(FORM)
    assert len({f.label for f in form}) == len(form), "labels must be unique: the parser finds answers by label"
    entry_ids = {f.id for f in form} - {"connection", "notes", "checked"}
    assert entry_ids <= schema_fields
    assert {"title", "url", "provider", "summary", "tiers", "competencies"} <= entry_ids


def test_parse_body_reads_every_kind_of_answer() -> None:
    values, errors = parse_body(body(newline="\r\n"), read_form(FORM))
    assert errors == []
    assert values["title"] == "Dementia care at the end of life"
    assert values["professions"] == ""  # _No response_
    assert values["checked"] == "I have checked these facts against the provider's own page."
    data, errors = to_entry(values, read_form(FORM))
    assert errors == []
    assert data["tiers"] == [1, 2]
    assert data["competencies"] == ["communication-t1", "person-centred-care-t2"]
    assert data["summary"].startswith("A short course") and "\n" not in data["summary"]


def test_happy_path_writes_a_valid_entry(mini_portal: Path, run_portal) -> None:
    outcome = propose(load_settings(mini_portal), body(), FORM, today=TODAY, issue="#7")
    assert outcome.errors == []
    assert outcome.path == "catalog/example-hospice-dementia-care-at-the-end-of-life.yaml"
    text = (mini_portal / outcome.path).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    data = parse(text.encode()).data
    assert data["url"] == "https://example.org/dementia" and data["duration"] == "2h"
    assert data["review_by"] == "2027-11-23"
    assert run_portal("validate", "--strict", "--root", str(mini_portal)).code == 0
    # Reviewer notes go to the pull request, fenced so that they cannot mention anyone or break out.
    assert "~~~text\nI work for the provider. cc @everyone ~ ~ ~\n~~~" in outcome.pr_body
    assert "#7" in outcome.pr_body and "valid catalog entry" in outcome.comment


def test_suggested_id_is_used(mini_portal: Path) -> None:
    outcome = propose(load_settings(mini_portal), body(with_answer("Suggested id", "dementia-eol")), FORM,
                      today=TODAY)
    assert outcome.path == "catalog/dementia-eol.yaml"


@pytest.mark.parametrize(("answers", "expected"), [
    (with_answer("Title", "_No response_"), "**Title**: this answer is required."),
    (with_answer("Summary", None), "**Summary**: this section is missing from the issue."),
    (with_answer("Web address", "example.org/dementia"),
     "**Web address**: give the full web address, starting with https:// (got `example.org/dementia`)."),
    (with_answer("Tiers", "all of them"), "**Tiers**: choose at least one tier"),
    (with_answer("Suggested id", "Dementia EOL"), "**Suggested id**: use lower-case letters, digits and single"),
    (with_answer("Competencies", "comunication-t1"),
     "**Competencies**: `unknown competency 'comunication-t1'; did you mean 'communication-t1'?"),
    (with_answer("Length", "two hours"), "**Length**: "),
    (with_answer("Suggested id", "mini-basics"), "**Suggested id**: an entry with the id `mini-basics` is already"),
])
def test_invalid_proposals_get_located_errors_and_no_file(mini_portal: Path, answers: dict[str, str],
                                                          expected: str) -> None:
    before = sorted(p.name for p in (mini_portal / "catalog").iterdir())
    outcome = propose(load_settings(mini_portal), body(answers), FORM, today=TODAY)
    assert outcome.path == ""
    assert any(e.startswith(expected) for e in outcome.errors), outcome.errors
    assert "please **edit the issue**" in outcome.comment and expected in outcome.comment
    assert sorted(p.name for p in (mini_portal / "catalog").iterdir()) == before


def test_an_issue_not_written_with_the_form_lists_every_missing_section(mini_portal: Path) -> None:
    outcome = propose(load_settings(mini_portal), "I found a great course at https://example.org", FORM,
                      today=TODAY)
    assert outcome.path == ""
    assert len(outcome.errors) == len([f for f in read_form(FORM) if f.required])


def test_from_issue_command_writes_the_comment(mini_portal: Path, run_portal, tmp_path: Path) -> None:
    (tmp_path / "body.md").write_text(body(with_answer("Web address", "ftp://x")), encoding="utf-8")
    out = run_portal("from-issue", "--root", str(mini_portal), "--body-file", str(tmp_path / "body.md"),
                     "--form", str(FORM), "--comment-file", str(tmp_path / "comment.md"))
    assert out.code == 1
    assert "**Web address**" in (tmp_path / "comment.md").read_text(encoding="utf-8")
    (tmp_path / "body.md").write_text(body(), encoding="utf-8")
    out = run_portal("from-issue", "--root", str(mini_portal), "--body-file", str(tmp_path / "body.md"),
                     "--form", str(FORM), "--pr-body-file", str(tmp_path / "pr.md"))
    assert out.code == 0 and out.out.strip().endswith(".yaml")
    assert (tmp_path / "pr.md").is_file()


def test_from_issue_names_a_body_file_it_cannot_read(mini_portal: Path, run_portal, tmp_path: Path) -> None:
    out = run_portal("from-issue", "--root", str(mini_portal), "--body-file", str(tmp_path / "missing.md"),
                     "--form", str(FORM))
    assert out.code == 2
    assert "cannot read --body-file" in out.err and "missing.md" in out.err


@pytest.mark.parametrize(("title", "slug"), [
    ("Dementia care at the end of life", "dementia-care-at-the-end-of-life"),
    ("Soins palliatifs : l'essentiel", "soins-palliatifs-l-essentiel"),
    ("!!!", "proposal"),
    ("word " * 30, "-".join(["word"] * 12)),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
