"""Putting chosen entries in a learnable order: their prerequisites first, lower tiers first."""

from __future__ import annotations

import heapq
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence

log = logging.getLogger("generator")


def with_prerequisites(chosen: Iterable[str], prerequisites: Callable[[str], Sequence[str]],
                       usable: Callable[[str], bool]) -> dict[str, list[str]]:
    """The chosen ids plus, transitively, every usable prerequisite they need.

    Returns a mapping from each added prerequisite to the ids that need it
    (chosen ids map to an empty list), in a deterministic order.
    """
    needed_by: dict[str, list[str]] = {c: [] for c in chosen}
    queue = list(needed_by)
    while queue:
        current = queue.pop(0)
        for pre in sorted(prerequisites(current)):
            if pre == current or not usable(pre):
                continue
            if pre not in needed_by:
                needed_by[pre] = [current]
                queue.append(pre)
            elif needed_by[pre] and current not in needed_by[pre]:
                needed_by[pre].append(current)
    return needed_by


def topological(items: Sequence[str], prerequisites: Mapping[str, Sequence[str]],
                key: Callable[[str], tuple[object, ...]]) -> list[str]:
    """Order ``items`` so each comes after its prerequisites (those among ``items``), else by ``key``.

    Kahn's algorithm with a priority queue, so among the steps that are ready
    the one with the smallest key (tier, then pick order, then id) comes
    next. A cycle, which the validator should have refused, is broken at its
    smallest key and logged rather than dropping steps.
    """
    present = set(items)
    waiting = {i: {p for p in prerequisites.get(i, ()) if p in present and p != i} for i in items}
    unlocks: dict[str, list[str]] = {i: [] for i in items}
    for i, pres in waiting.items():
        for p in pres:
            unlocks[p].append(i)
    ready = [(key(i), i) for i in items if not waiting[i]]
    heapq.heapify(ready)
    done: list[str] = []
    placed: set[str] = set()
    while len(done) < len(items):
        if not ready:
            stuck = min((i for i in items if i not in placed), key=lambda i: (key(i), i))
            log.warning("prerequisites of %s form a cycle; it was placed by tier instead", stuck)
            waiting[stuck] = set()
            heapq.heappush(ready, (key(stuck), stuck))
        _, item = heapq.heappop(ready)
        if item in placed:
            continue
        placed.add(item)
        done.append(item)
        for nxt in unlocks[item]:
            waiting[nxt].discard(item)
            if not waiting[nxt] and nxt not in placed:
                heapq.heappush(ready, (key(nxt), nxt))
    return done
