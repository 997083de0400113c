"""A pathway's total time: the providers' figures, the curator's per-step estimates, and what is missing."""

from __future__ import annotations

from typing import Any

import pytest

from generator.model import Pathway
from generator.pages.pathway import render_pathway, step_time_text, total_time_text, totals
from pathway_catalogs import catalog, entry


def pathway(*steps: dict[str, Any]) -> Pathway:
    return Pathway.from_data({"id": "p", "title": "P", "summary": "s", "tier": 1, "review_by": "2030-01-01",
                              "steps": [{"reason": "r", **s} for s in steps]})


def shop(*steps: dict[str, Any]):
    stated = entry("stated", ["talk-t1"], duration="1h")
    silent = entry("silent", ["care-t1"])
    modular = entry("modular", ["grief-t1"], duration="10h")
    p = pathway(*steps)
    return catalog(stated, silent, modular, pathways=(p,)), p


@pytest.mark.parametrize("steps, minutes, estimated, estimated_minutes, unknown, text", [
    # Only providers' figures: a plain total.
    ([{"entry": "stated"}], 60, 0, 0, 0, "1 h"),
    # Nothing known at all.
    ([{"entry": "silent"}], 0, 0, 0, 1, "Not stated by the providers"),
    # A curator's estimate fills the gap and is named as such.
    ([{"entry": "stated"}, {"entry": "silent", "time": "30m"}], 90, 1, 30, 0,
     "About 1 h 30 min, of which 30 min is the curator's estimate for 1 step"),
    # The step's time wins over the entry's when only some modules are meant.
    ([{"entry": "modular", "time": "2h", "modules": ["Module 1"]}], 120, 1, 120, 0,
     "About 2 h, all of it the curator's estimate"),
    # Estimates and a missing time together: a floor, not a total.
    ([{"entry": "stated", "time": "45m"}, {"entry": "silent"}], 45, 1, 45, 1,
     "At least about 45 min, all of it the curator's estimate: the time for 1 step is not stated"),
    ([{"entry": "stated", "time": "45m"}, {"entry": "modular"}, {"entry": "silent"}], 645, 1, 45, 1,
     "At least about 10 h 45 min, of which 45 min is the curator's estimate for 1 step: the time for 1 step is not stated"),
    # Optional steps never count, estimated or not.
    ([{"entry": "stated"}, {"entry": "silent", "time": "3h", "optional": True}], 60, 0, 0, 0, "1 h"),
])
def test_totals_separate_stated_estimated_and_missing_time(steps, minutes, estimated, estimated_minutes, unknown, text):
    cat, p = shop(*steps)
    t = totals(cat, p)
    assert (t["minutes"], t["estimated_steps"], t["estimated_minutes"], t["unknown_time"]) == (
        minutes, estimated, estimated_minutes, unknown)
    assert total_time_text(t) == text
    assert f"<dt>Total time</dt><dd>{text.replace(chr(39), '&#x27;')}</dd>" in render_pathway(cat, p)


def test_each_step_line_says_whose_time_it_shows():
    cat, p = shop({"entry": "stated"}, {"entry": "silent", "time": "1h30m"}, {"entry": "modular"}, {"entry": "silent"})
    assert [step_time_text(cat, s) for s in p.steps] == [
        "1 h", "About 1 h 30 min (curator's estimate)", "10 h", "Time not stated by provider"]
