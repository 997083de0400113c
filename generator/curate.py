"""Curators' helper commands (scaffolding and reports)."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register curator commands on the ``portal`` parser."""
