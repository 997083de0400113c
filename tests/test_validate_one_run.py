"""One run reports every problem in a file, schema faults and unknown ids alike."""

from __future__ import annotations

from pathlib import Path

from generator.settings import load_settings
from generator.validate import validate_project

MANY_MISTAKES = """\
id: many-mistakes
type: cours
title: A bad entry
url: javascript:alert(1)
provider: [{name: X, role: hoster}]
summary: Something.
tiers: [1, 4]
competences: [communication-t1]
professions: [nurse, registered-nurse, 7]
settings: [care-home]
languages: [english]
cost: Free
duration: 8 hours
review_by: 2027-02-30
"""


def test_every_mistake_in_a_broken_file_is_reported_once(mini_portal: Path) -> None:
    (mini_portal / "catalog" / "many-mistakes.yaml").write_text(MANY_MISTAKES, encoding="utf-8")
    result = validate_project(load_settings(mini_portal))
    found = [(p.line, p.column) for p in result.problems if p.path == "catalog/many-mistakes.yaml"]
    messages = " | ".join(p.message for p in result.problems)
    assert found == [(2, 7), (4, 6), (5, 28), (7, 12), (8, 1), (9, 15), (9, 40), (10, 12), (11, 13), (12, 7),
                     (13, 11), (14, 12)], messages
    assert "did you mean 'course'?" in messages
    assert "unknown profession 'nurse'; did you mean 'registered-nurse'?" in messages
    assert "unknown care setting 'care-home'" in messages
    assert "not a real date" in messages
    assert result.catalog is None
