"""Durations read as plain words, singular where there is one of a thing."""

from __future__ import annotations

import pytest

from generator.model.duration import Duration


@pytest.mark.parametrize(("written", "shown"), [
    ("1d", "1 day"), ("2d", "2 days"), ("1w", "1 week"), ("3w", "3 weeks"), ("1h", "1 h"),
    ({"total": "2h", "weeks": 1}, "2 h over 1 week"),
])
def test_a_duration_reads_as_plain_words(written: object, shown: str) -> None:
    duration = Duration.from_data(written)
    assert duration is not None and duration.describe() == shown
