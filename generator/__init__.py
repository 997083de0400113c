"""Competency-mapped education portal generator.

The package is laid out as the pipeline it runs:
``load`` (read YAML safely) → ``validate`` (schemas and cross-file checks) →
``model`` (typed domain objects) → ``pathways`` (curated and generated) →
``pages`` / ``search`` / ``exports`` (what the site publishes) → ``site``
(the thin MkDocs plugin).
"""

from __future__ import annotations

__version__ = "0.1.0"
