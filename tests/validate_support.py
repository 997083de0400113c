"""Paths and small helpers shared by the validator tests (tests/test_validate_*.py).

They live here rather than in conftest.py because other test folders have
conftest.py files of their own, so ``from conftest import ...`` is ambiguous.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
MINI = TESTS / "fixtures" / "mini"
CASES = TESTS / "cases"

# The smallest entry that validates, for tests that add one field or change one value; keep its lines in
# this order, since the tests point at line numbers (title on line 3, url on line 4).
ENTRY_TEMPLATE = """\
id: {id}
type: course
title: {title}
url: {url}
provider: Example Hospice Education
summary: A test entry for the validator.
tiers: [1]
competencies: [communication-t1]
review_by: 2027-06-30
"""


def entry_yaml(*, id: str = "case", title: str = "A test entry", url: str = "https://example.org/x") -> str:  # noqa: A002
    """``ENTRY_TEMPLATE`` filled in: one entry file's text."""
    return ENTRY_TEMPLATE.format(id=id, title=title, url=url)


# "# expect: LINE:COL: message" on the first line of a case file.
EXPECT = re.compile(rb"^# expect: (\d+):(\d+): (.+?)\r?$", re.MULTILINE)


@dataclass
class Outcome:
    """What one ``portal`` run printed and returned."""

    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.out)


@dataclass(frozen=True)
class Expectation:
    line: int
    column: int
    message: str


def read_expectation(path: Path) -> Expectation:
    """The ``# expect:`` line of a case file, which must be its first line."""
    first = path.read_bytes().split(b"\n", 1)[0]
    match = EXPECT.match(first)
    assert match, f"{path.name}: first line must be '# expect: LINE:COL: message'"
    return Expectation(int(match[1]), int(match[2]), match[3].decode("utf-8"))
