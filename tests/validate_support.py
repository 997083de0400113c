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
