"""``portal new`` and the proposal form accept every value the validator accepts, and explain the ones it cannot write."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.curate.issue_form import propose
from generator.curate.yamltext import document
from generator.load.yamlsafe import parse
from generator.settings import load_settings
from test_issue_form import FORM, TODAY, body, with_answer

TITLE = ("Palliative and end of life care for staff in care homes, hospices and the community: "
         "recognising dying, talking with families, managing symptoms and caring after death")
TITLE_200 = (TITLE + " " + "x" * 200)[:200].rstrip()
URL_200 = ("https://example.org/courses/" + "palliative-care-" * 12)[:197] + "end"


def test_the_long_values_are_as_long_as_the_validator_allows() -> None:
    assert len(TITLE_200) == 200 and len(URL_200) == 200


@pytest.mark.parametrize("data", [
    {"title": TITLE_200, "url": URL_200},
    {"title": "Two  spaces " * 10, "url": URL_200 + "?q=a%20b&x=[1]"},
    {"title": "x" * 200, "summary": TITLE + " " + TITLE},
])
def test_long_values_are_written_so_that_they_read_back_the_same(data: dict[str, str]) -> None:
    text = document(data, ["header"])
    assert parse(text.encode("utf-8")).data == data
    assert all(len(line) <= 100 or line.startswith(("url:", "title:")) for line in text.splitlines())


def test_portal_new_takes_a_200_character_title_and_url(mini_portal: Path, run_portal) -> None:
    out = run_portal("--root", str(mini_portal), "new", "entry", "long-values", "--title", TITLE_200,
                     "--url", URL_200, "--provider", "Example Hospice", "--summary", TITLE,
                     "--tiers", "1", "--competencies", "communication-t1")
    assert out.code == 0, out.err
    data = parse((mini_portal / "catalog" / "long-values.yaml").read_bytes()).data
    assert data["title"] == TITLE_200 and data["url"] == URL_200 and data["summary"] == TITLE
    checked = run_portal("validate", "--root", str(mini_portal))
    assert checked.code == 0  # no errors; `portal new` has no flag for the countries the format asks for
    assert all("warning: no 'countries'" in line for line in checked.out.splitlines() if "long-values" in line)


def test_a_proposal_with_a_200_character_title_and_url_becomes_an_entry(mini_portal: Path) -> None:
    answers = with_answer("Title", TITLE_200) | {"Web address": URL_200, "Suggested id": "long-values"}
    outcome = propose(load_settings(mini_portal), body(answers), FORM, today=TODAY)
    assert outcome.errors == []
    data = parse((mini_portal / outcome.path).read_bytes()).data
    assert data["title"] == TITLE_200 and data["url"] == URL_200


@pytest.mark.parametrize(("label", "value", "expected"), [
    ("Title", "Syringe pumps\x07 for nurses", "**Title**: `title contains a control character U+0007"),
    ("Provider", "Example\x1b Hospice", "**Provider**: `provider contains a control character U+001B"),
    ("Web address", "https://example.org/\x00course", "**Web address**: `url contains a control character U+0000"),
    ("Competencies", "communication-t1\n\x08", "**Competencies**: `competencies contains a control character U+0008"),
    ("Title", "Syringe pumps \u202egpj.exe", "**Title**: `title contains the invisible character U+202E"),
    ("Web address", "https://exa\u200bmple.org/course", "**Web address**: `url contains the invisible character U+200B"),
])
def test_a_value_no_file_can_hold_gets_an_explaining_reply(mini_portal: Path, label: str, value: str,
                                                           expected: str) -> None:
    before = sorted(p.name for p in (mini_portal / "catalog").iterdir())
    outcome = propose(load_settings(mini_portal), body(with_answer(label, value)), FORM, today=TODAY)
    assert outcome.path == ""
    assert any(e.startswith(expected) for e in outcome.errors), outcome.errors
    assert "please **edit the issue**" in outcome.comment
    assert sorted(p.name for p in (mini_portal / "catalog").iterdir()) == before


def test_portal_new_names_the_flag_of_a_control_character(mini_portal: Path, run_portal) -> None:
    out = run_portal("--root", str(mini_portal), "new", "entry", "bell", "--title", "A bell\x07",
                     "--url", "https://example.org/bell", "--provider", "Example Hospice", "--summary", "A test.",
                     "--tiers", "1", "--competencies", "communication-t1")
    assert out.code == 1
    assert "--title: title contains a control character U+0007" in out.err
    assert "Traceback" not in out.err and not (mini_portal / "catalog" / "bell.yaml").exists()
