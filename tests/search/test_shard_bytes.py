"""Shard sizes are counted in the bytes the shard file takes, not in characters."""

from __future__ import annotations

import json

import pytest

from generator.search.index import shard


def _file_bytes(records: list) -> int:
    # As the store writes a shard: compact JSON, UTF-8.
    return len(json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


@pytest.mark.parametrize(("word", "target"), [
    ("română", 200),       # two-byte letters
    ("québécois", 173),    # a limit that falls between the character and byte counts
    ("ᐃᓄᒃᑎᑐᑦ", 300),      # three-byte syllabics
    ("plain", 100),        # ASCII: characters and bytes agree
])
def test_every_shard_file_fits_the_target(word: str, target: int) -> None:
    records = [(f"{word}{n:03d}", n, [n, 1, 2]) for n in range(60)]
    shards = shard(records, target)
    assert len(shards) > 1
    for s in shards:
        assert len(s.records) == 1 or _file_bytes(s.records) <= target, (s.boundary, _file_bytes(s.records))
    assert [r[0] for s in shards for r in s.records] == [r[0] for r in records]


def test_a_shard_is_filled_up_to_the_target_not_short_of_it() -> None:
    records = [("term", n, [n]) for n in range(10, 30)]  # every record the same length
    one = _file_bytes([["term", 10, [10]]]) - 2          # one record without the list's brackets
    target = 2 + 5 * one + 4                             # five records, four commas, two brackets
    shards = shard(records, target)
    assert [len(s.records) for s in shards] == [5, 5, 5, 5]
    assert all(_file_bytes(s.records) == target for s in shards)
