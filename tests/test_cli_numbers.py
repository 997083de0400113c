"""Options that take a size, a count, a time or a ratio refuse values that make no sense, as usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import build_parser


@pytest.mark.parametrize(("args", "option"), [
    (["validate", "--max-bytes", "-5"], "--max-bytes"),
    (["validate", "--max-bytes=-5"], "--max-bytes"),
    (["validate", "--max-bytes", "0"], "--max-bytes"),
    (["validate", "--max-bytes", "1.5"], "--max-bytes"),
    (["validate", "--max-bytes", "10k"], "--max-bytes"),
    (["report", "--due-within", "-1"], "--due-within"),
    (["report", "--due-within", "soon"], "--due-within"),
    (["report", "--threshold", "0"], "--threshold"),
    (["report", "--threshold", "-0.5"], "--threshold"),
    (["report", "--threshold", "1.5"], "--threshold"),
    (["report", "--threshold", "nan"], "--threshold"),
    (["check-links", "--workers", "0"], "--workers"),
    (["check-links", "--workers", "-2"], "--workers"),
    (["check-links", "--workers", "5"], "--workers"),
    (["check-links", "--timeout", "0"], "--timeout"),
    (["check-links", "--timeout", "-3"], "--timeout"),
    (["check-links", "--timeout", "nan"], "--timeout"),
    (["check-links", "--delay", "-1"], "--delay"),
    (["check-links", "--delay", "inf"], "--delay"),
    (["check-links", "--max-age", "-7"], "--max-age"),
])
def test_nonsense_numbers_are_usage_errors(args: list[str], option: str, mini_portal: Path, run_module) -> None:
    outcome = run_module(*args, cwd=mini_portal)
    assert outcome.code == 2, outcome
    assert outcome.out == ""
    assert "usage: portal" in outcome.err and f"argument {option}:" in outcome.err
    assert "Traceback" not in outcome.err


def test_the_message_says_what_is_wanted(run_portal) -> None:
    outcome = run_portal("validate", "--max-bytes", "-5")
    assert outcome.code == 2
    assert "argument --max-bytes: must be a whole number, 1 or more; got '-5'" in outcome.err


@pytest.mark.parametrize(("args", "dest", "value"), [
    (["validate", "--max-bytes", "1"], "max_bytes", 1),
    (["report", "--due-within", "0"], "due_within", 0),  # only what is overdue
    (["report", "--threshold", "1"], "threshold", 1.0),
    (["check-links", "--max-age", "0"], "max_age", 0.0),  # re-check everything
    (["check-links", "--delay", "0"], "delay", 0.0),
    (["check-links", "--timeout", "0.5"], "timeout", 0.5),
    (["check-links", "--workers", "1"], "workers", 1),
])
def test_the_smallest_sensible_values_are_accepted(args: list[str], dest: str, value: float) -> None:
    assert getattr(build_parser().parse_args(args), dest) == value
