"""Types for command-line options: counts, sizes, times and ratios, refused with a usage error when wrong.

Shared by ``portal`` (generator/cli.py) and the curators' commands (generator/curate/).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse ``type`` for a count or size: a whole number of at least ``minimum``, else a usage error."""

    def parse(text: str) -> int:
        value: int | None
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"must be a whole number, {minimum} or more; got {text!r}")
        return value

    return parse


def decimal(low: float, *, above: bool = False, high: float | None = None) -> Callable[[str], float]:
    """An argparse ``type`` for a time or a ratio: a finite number from ``low`` (or ``above`` it) up to ``high``."""
    bound = f"more than {low:g}" if above else f"{low:g} or more"
    if high is not None:
        bound += f" and at most {high:g}"

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        # nan and inf parse as floats, but a timeout of nan or a pause of inf is never meant.
        if not math.isfinite(value) or value < low or (above and value == low) or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"must be a number {bound}; got {text!r}")
        return value

    return parse
