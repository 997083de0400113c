"""Find and read every file of a portal project."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
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
    # Paths of documents whose per-file check found no error.
    passed: set[str] = field(default_factory=set)
    # Kinds of file present, parsed or not.
    kinds: set[Kind] = field(default_factory=set)


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


# Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 1500


def read_file(settings: Settings, path: Path, kind: Kind,
              check: Callable[[Document], list[Problem]] | None = None) -> tuple[Document | None, list[Problem], bool]:
    """Read, parse and (optionally) check one file: (document or None, its problems, whether the check passed)."""
    rel = settings.relative(path)
    problems: list[Problem] = []
    if path.suffix == ".yml":
        problems.append(Problem(rel, 1, 1, "use the .yaml extension, so the file is picked up consistently",
                                Severity.WARNING, "extension"))
    try:
        raw = path.read_bytes()
        parsed = parse(raw, max_bytes=settings.max_bytes)
    except YamlError as exc:
        problems.append(Problem(rel, exc.line, exc.column, exc.message, Severity.ERROR, "yaml"))
        return None, problems, False
    except OSError as exc:
        problems.append(Problem(rel, 1, 1, f"cannot read file: {exc.strerror}", Severity.ERROR, "io"))
        return None, problems, False
    if not isinstance(parsed.data, dict):
        what = "a list" if isinstance(parsed.data, list) else "a single value"
        line, column = parsed.positions.of(())  # where the list or value starts, after any comments
        problems.append(Problem(rel, line, column, f"file holds {what}; expected a mapping of fields such as 'id: ...'",
                                Severity.ERROR, "yaml"))
        return None, problems, False
    doc = Document(rel, kind, parsed.data, parsed.positions)
    found = check(doc) if check else []
    problems.extend(found)
    return doc, problems, not any(p.is_error for p in found)


def _read_star(args: tuple[Settings, Path, Kind, Callable[[Document], list[Problem]] | None]) -> tuple[Document | None, list[Problem], bool]:
    return read_file(*args)


def load_project(settings: Settings, progress: Callable[[int, int], None] | None = None,
                 check: Callable[[Document], list[Problem]] | None = None) -> Loaded:
    """Read and parse every file (and run ``check`` on each); a file that cannot be parsed becomes one problem.

    Large catalogs are read by a pool of processes, one per core: parsing
    and schema checks are CPU-bound and independent per file.
    """
    files = list(discover(settings))
    documents: list[Document] = []
    problems: list[Problem] = []
    paths = [settings.relative(path) for path, _ in files]
    passed: set[str] = set()
    jobs = [(settings, path, kind, check) for path, kind in files]
    cores = os.cpu_count() or 1
    if len(files) >= PARALLEL_FROM and cores > 1:
        pool = ProcessPoolExecutor(max_workers=cores)
        results = pool.map(_read_star, jobs, chunksize=max(1, len(files) // (cores * 8)))
    else:
        pool = None
        results = map(_read_star, jobs)
    try:
        for n, (doc, found, ok) in enumerate(results, 1):
            problems.extend(found)
            if doc is not None:
                documents.append(doc)
                if ok:
                    passed.add(doc.path)
            if progress:
                progress(n, len(files))
    finally:
        if pool is not None:
            pool.shutdown()
    if not settings.competencies_path.is_dir():
        problems.append(Problem(settings.competencies_dir, 0, 0, "competency framework folder not found", Severity.ERROR, "layout"))
    if not settings.catalog_path.is_dir():
        problems.append(Problem(settings.catalog_dir, 0, 0, "catalog folder not found", Severity.ERROR, "layout"))
    return Loaded(documents, problems, paths, passed, {kind for _, kind in files})
