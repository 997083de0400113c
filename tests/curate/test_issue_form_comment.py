"""What ``portal from-issue`` posts back: submitted text never becomes a live mention, link, image or tag.

GitHub leaves the inside of an inline code span inert (no @mentions, #references,
autolinks, emphasis or HTML), so every hostile answer must come back only inside
code spans. The spans are found here as CommonMark finds them: a run of N
backticks opens a span that the next run of exactly N backticks closes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.curate.issue_form import _code, propose
from generator.settings import load_settings
from test_issue_form import ANSWERS, FORM, TODAY, body

# Every trick a Markdown comment on GitHub falls for, on one line and spread over several.
HOSTILE_LINE = ("@octocat-please-review [click me](https://evil.example/login) ![pixel](https://evil.example/p.png) "
                "<img src=x onerror=alert(1)> <a href='https://evil.example'>x</a> `tick` ``two`` #12 "
                "www.evil.example owner/repo#3 mail@evil.example **bold** _it_ \\[x] &lt;")
HOSTILE_LINES = HOSTILE_LINE.replace(" <img", "\n\n<img").replace(" #12", "\n# 12\n- list\n```\n") + "\n~~~"
# What must never be left outside a code span.
MARKERS = ("octocat", "evil", "onerror", "<img", "<a ", "#12", "#3", "**bold**", "](", "tick", "two")


def split_code_spans(markdown: str) -> tuple[str, list[str]]:
    """(the text outside inline code spans, the spans' contents), as CommonMark reads them."""
    outside: list[str] = []
    spans: list[str] = []
    runs = list(re.finditer(r"`+", markdown))
    pos = 0
    i = 0
    while i < len(runs):
        opener = runs[i]
        if opener.start() < pos:
            i += 1
            continue
        closer = next((r for r in runs[i + 1:] if len(r.group()) == len(opener.group())), None)
        if closer is None:  # an unmatched run is literal text
            i += 1
            continue
        outside.append(markdown[pos:opener.start()])
        content = markdown[opener.end():closer.start()].replace("\n", " ")
        if content.startswith(" ") and content.endswith(" ") and content.strip():
            content = content[1:-1]
        spans.append(content)
        pos = closer.end()
        i = runs.index(closer) + 1
    outside.append(markdown[pos:])
    return "".join(outside), spans


def without_fences(markdown: str) -> str:
    """The Markdown with its ``~~~`` fenced blocks taken out."""
    return re.sub(r"(?ms)^~~~[^\n]*\n.*?^~~~$", "", markdown)


@pytest.mark.parametrize("value", [
    "plain", "`", "``", "a`b", "`a", "a`", "a``b`c", "```", "` `", "x\ny", "x\u2028y", "x\r\n\r\ny",
    "@someone [link](https://evil.example)", "\u202eevil", "a\x00b",
])
def test_code_is_one_inert_span_that_shows_the_value(value: str) -> None:
    md = _code(value)
    outside, spans = split_code_spans(md)
    assert outside == "" and len(spans) == 1, md
    assert "\n" not in md and "\u2028" not in md
    expected = " ".join(value.replace("\u202e", "").replace("\x00", "").split())
    assert spans[0] == expected


def test_code_of_nothing_and_of_too_much() -> None:
    assert _code("") == _code(" \n ") == "(nothing)"
    long = _code("`" + "a" * 500)
    assert len(split_code_spans(long)[1][0]) == 200


@pytest.mark.parametrize("hostile", [HOSTILE_LINE, HOSTILE_LINES], ids=["one-line", "several-lines"])
@pytest.mark.parametrize("label", list(ANSWERS))
def test_hostile_answers_come_back_only_inside_code_spans(mini_portal: Path, label: str, hostile: str) -> None:
    answers = dict(ANSWERS)
    answers[label] = hostile
    outcome = propose(load_settings(mini_portal), body(answers), FORM, today=TODAY, issue="#7")
    assert outcome.comment
    outside, spans = split_code_spans(outcome.comment)
    for marker in MARKERS:
        assert marker not in outside, (marker, outcome.comment)
    assert "@" not in outside and "<" not in outside and "[" not in outside, outcome.comment
    # Every line of the comment is the template's own: no answer starts a paragraph, heading or list item.
    for line in outcome.comment.splitlines():
        assert line == "" or line.startswith(("Thank you", "- **", "If something is unclear")), line
    # The pull request quotes reviewer notes in fences, which leave them inert too.
    if outcome.pr_body:
        fenced_out = split_code_spans(without_fences(outcome.pr_body))[0]
        for marker in MARKERS:
            assert marker not in fenced_out, (marker, outcome.pr_body)


def test_a_validator_message_is_echoed_whole_as_code(mini_portal: Path) -> None:
    answers = dict(ANSWERS)
    answers["Competencies"] = "@octocat-please-review [click me](https://evil.example/login)"
    outcome = propose(load_settings(mini_portal), body(answers), FORM, today=TODAY)
    assert outcome.path == ""
    lines = [ln for ln in outcome.comment.splitlines() if ln.startswith("- **Competencies**: ")]
    assert lines, outcome.comment
    for line in lines:
        outside, spans = split_code_spans(line)
        assert outside == "- **Competencies**: "
        assert len(spans) == 1


def test_backticks_in_an_answer_are_shown_as_typed(mini_portal: Path) -> None:
    answers = dict(ANSWERS)
    answers["Web address"] = "`rm -rf` ``x`` at example.org"
    outcome = propose(load_settings(mini_portal), body(answers), FORM, today=TODAY)
    _outside, spans = split_code_spans(outcome.comment)
    assert "`rm -rf` ``x`` at example.org" in spans
