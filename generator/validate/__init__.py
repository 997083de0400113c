"""Validation: every problem in every file, found in one run, located and in plain words."""

from __future__ import annotations

from .run import Result, validate_project

__all__ = ["Result", "validate_project"]
