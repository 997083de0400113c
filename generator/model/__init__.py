"""Typed domain objects built from validated data."""

from __future__ import annotations

from .framework import Competency, Domain, Framework, Subject, Term, Tier, Vocabularies
from .catalog import COURSE_TYPES, Catalog, Credit, Entry, Organisation, Pathway, Price, Run, Source, Step
from .portal import Portal, VocabularyName

__all__ = [
    "COURSE_TYPES", "Catalog", "Competency", "Credit", "Domain", "Entry", "Framework", "Organisation", "Pathway",
    "Portal", "Price", "Run", "Source", "Step", "Subject", "Term", "Tier", "Vocabularies", "VocabularyName",
]
