"""Problems found in curators' files, and the few exceptions the package raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem, in the curator's terms.

    ``path`` is relative to the project root, ``line`` and ``column`` are
    1-based (0 means "the whole file").
    """

    path: str
    line: int
    column: int
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    code: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = self.path if self.line == 0 else f"{self.path}:{self.line}:{self.column}"
        label = "" if self.is_error else "warning: "
        return f"{where}: {label}{self.message}"


class PortalError(Exception):
    """Base class for errors the package reports without a traceback."""


class ConfigError(PortalError):
    """The project layout or configuration is unusable."""


class InvalidCatalog(PortalError):
    """The catalog or framework has errors; ``problems`` says which."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = sum(p.is_error for p in problems)
        super().__init__(f"{errors} error(s) in the catalog and framework")
