"""Find and read every file of a portal project."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from ..errors import Problem, Severity
from ..settings import Settings
from .yamlsafe import Positions, YamlError, parse


class Kind(str, Enum):
    ENTRY = "entry"
    PATHWAY = "pathway"
    FRAMEWORK = "framework"
    VOCABULARIES = "vocabularies"


@dataclass
class Document:
    """One parsed file: its data, where each value sits, and what kind of file it is."""

    path: str
    kind: Kind
    data: Any
    positions: Positions = field(default_factory=Positions)

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    def at(self, where: tuple[str | int, ...], message: str, *, key: bool = False,
           severity: Severity = Severity.ERROR, code: str = "") -> Problem:
        """A problem located at the value (or key) found at ``where``."""
        line, column = self.positions.of(where, key=key)
        return Problem(self.path, line, column, message, severity, code)


@dataclass
class Loaded:
    documents: list[Document]
    problems: list[Problem]
    # Every file read, parsed or not, so "N files checked" counts the broken ones too.
    files: list[str] = field(default_factory=list)


def discover(settings: Settings) -> Iterator[tuple[Path, Kind]]:
    """Every file the project is made of, in a stable order."""
    comp = settings.competencies_path
    if comp.is_dir():
        for path in sorted(comp.iterdir()):
            if path.is_file() and path.suffix in (".yaml", ".yml"):
                kind = Kind.VOCABULARIES if path.stem == "vocabularies" else Kind.FRAMEWORK
                yield path, kind
    cat = settings.catalog_path
    if cat.is_dir():
        for path in sorted(cat.iterdir()):
            if path.is_file() and path.suffix in (".yaml", ".yml"):
                yield path, Kind.ENTRY
    pw = settings.pathways_path
    if pw.is_dir():
        for path in sorted(pw.iterdir()):
            if path.is_file() and path.suffix in (".yaml", ".yml"):
                yield path, Kind.PATHWAY


def load_project(settings: Settings, progress: Callable[[int, int], None] | None = None) -> Loaded:
    """Read and parse every file; a file that cannot be parsed becomes one problem."""
    files = list(discover(settings))
    documents: list[Document] = []
    problems: list[Problem] = []
    paths: list[str] = []
    for n, (path, kind) in enumerate(files, 1):
        rel = settings.relative(path)
        paths.append(rel)
        if path.suffix == ".yml":
            problems.append(Problem(rel, 1, 1, "use the .yaml extension, so the file is picked up consistently",
                                    Severity.WARNING, "extension"))
        try:
            raw = path.read_bytes()
            parsed = parse(raw, max_bytes=settings.max_bytes)
        except YamlError as exc:
            problems.append(Problem(rel, exc.line, exc.column, exc.message, Severity.ERROR, "yaml"))
        except OSError as exc:
            problems.append(Problem(rel, 1, 1, f"cannot read file: {exc.strerror}", Severity.ERROR, "io"))
        else:
            if not isinstance(parsed.data, dict):
                what = "a list" if isinstance(parsed.data, list) else "a single value"
                line, column = parsed.positions.of(())  # where the list or value starts, after any comments
                problems.append(Problem(rel, line, column,
                                        f"file holds {what}; expected a mapping of fields such as 'id: ...'",
                                        Severity.ERROR, "yaml"))
            else:
                documents.append(Document(rel, kind, parsed.data, parsed.positions))
        if progress:
            progress(n, len(files))
    if not settings.competencies_path.is_dir():
        problems.append(Problem(settings.competencies_dir, 0, 0, "competency framework folder not found", Severity.ERROR, "layout"))
    if not settings.catalog_path.is_dir():
        problems.append(Problem(settings.catalog_dir, 0, 0, "catalog folder not found", Severity.ERROR, "layout"))
    return Loaded(documents, problems, paths)
