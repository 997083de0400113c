"""Find and read every file of a portal project."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from ..errors import Problem, Severity
from ..settings import Settings
from .api_source import from_api
from .resolve import own_layer, resolve_layers
from .sources import Layer
from .yamlsafe import Parsed, Positions, YamlError, parse


class Kind(str, Enum):
    ENTRY = "entry"
    PATHWAY = "pathway"
    FRAMEWORK = "framework"
    VOCABULARIES = "vocabularies"
    SYNONYMS = "synonyms"
    # Files that change or add to an included source's ('extends:'), generator/validate/layers.py.
    EXTENSION = "extension"
    FRAMEWORK_EXTENSION = "framework-extension"
    VOCABULARIES_EXTENSION = "vocabularies-extension"


# What a file that says 'extends:' is, by where it was found.
EXTENDING = {Kind.ENTRY: Kind.EXTENSION, Kind.FRAMEWORK: Kind.FRAMEWORK_EXTENSION,
             Kind.VOCABULARIES: Kind.VOCABULARIES_EXTENSION}


@dataclass
class Document:
    """One parsed file: its data, where each value sits, and what kind of file it is."""

    path: str
    kind: Kind
    data: Any
    positions: Positions = field(default_factory=Positions)
    # The name of the source it comes from (mkdocs.yml's ``sources``); '' for the portal's own files.
    source: str = ""

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
    # The catalog's layers, in order: included sources first, the portal's own folders last.
    layers: list[Layer] = field(default_factory=list)


def discover(settings: Settings) -> Iterator[tuple[Path, Kind]]:
    """Every file of the portal's own folders, in a stable order."""
    return layer_files(own_layer(settings))


def layer_files(layer: Layer) -> Iterator[tuple[Path, Kind]]:
    """Every file of one layer of the catalog, in a stable order."""
    comp = layer.competencies
    if comp is not None and comp.is_dir():
        for path in sorted(comp.iterdir()):
            if path.is_file() and path.suffix in (".yaml", ".yml"):
                kind = {"vocabularies": Kind.VOCABULARIES, "synonyms": Kind.SYNONYMS}.get(path.stem, Kind.FRAMEWORK)
                yield path, kind
    suffixes = (".json",) if layer.api else (".yaml", ".yml")
    cat = layer.catalog
    if cat is not None and cat.is_dir():
        for path in sorted(cat.iterdir()):
            if path.is_file() and path.suffix in suffixes:
                yield path, Kind.ENTRY
    pw = layer.pathways_path
    if layer.pathways and pw is not None and pw.is_dir():
        for path in sorted(pw.iterdir()):
            chosen = layer.pathways is True or path.stem in layer.pathways
            if chosen and path.is_file() and path.suffix in suffixes:
                yield path, Kind.PATHWAY


def skipped(settings: Settings, read: set[Path] | None = None) -> list[tuple[Path, str]]:
    """Files under the catalog and competency folders that ``discover`` does not read, and why.

    A file the loader passes over is neither checked nor published, so an entry
    saved as '.YAML' or filed in a folder of its own would vanish from the site
    without a word. Hidden files (.gitkeep, .DS_Store) and editors' backups are
    not the curators' content and are left alone. ``read`` is what ``discover`` found, when known.
    """
    if read is None:
        read = {path for path, _ in discover(settings)}
    known = {settings.catalog_path, settings.pathways_path, settings.competencies_path}
    tops = list(dict.fromkeys((settings.catalog_path, settings.competencies_path)))
    out: list[tuple[Path, str]] = []
    for top in tops:
        # A catalog kept at the project's root would make every other file of the project a stray.
        if not top.is_dir() or top.resolve() == settings.root.resolve():
            continue
        for folder, dirs, names in os.walk(top):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and here / d not in tops)
            for name in sorted(names):
                path = here / name
                if name.startswith(".") or name.endswith("~") or path in read:
                    continue
                out.append((path, _why_skipped(settings, path, here in known)))
    return out


def _why_skipped(settings: Settings, path: Path, known_folder: bool) -> str:
    folder = settings.relative(path.parent) + "/"
    if not known_folder:
        return (f"not read: files in {folder} are neither checked nor published; entries go directly in "
                f"{settings.catalog_dir}/, pathways in {settings.catalog_dir}/pathways/, and the framework and "
                f"vocabularies in {settings.competencies_dir}/")
    if path.suffix in (".yaml", ".yml"):
        return "not read: it is not a regular file"  # a broken link, or a folder named like a file
    if path.suffix.lower() in (".yaml", ".yml"):
        return (f"not read: the name ends in '{path.suffix}', and only '.yaml' files are checked and published; "
                f"rename it to '{path.stem}.yaml'")
    return (f"not read: only '.yaml' files in {folder} are checked and published; "
            f"rename it to end in '.yaml', or move it out of {folder}")


# Below this many files a process pool costs more than it saves.
PARALLEL_FROM = 1500


def read_file(settings: Settings, path: Path, kind: Kind,
              check: Callable[[Document], list[Problem]] | None = None,
              layer: Layer | None = None) -> tuple[Document | None, list[Problem], bool]:
    """Read, parse and (optionally) check one file: (document or None, its problems, whether the check passed).

    ``layer`` is the included source the file belongs to (files must stay inside its folder); None for the
    portal's own files.
    """
    rel = settings.relative(path)
    problems: list[Problem] = []
    if path.suffix == ".yml":
        problems.append(Problem(rel, 1, 1, "use the .yaml extension, so the file is picked up consistently",
                                Severity.WARNING, "extension"))
    try:
        refused = _refuse_before_reading(settings, path, layer.root if layer else settings.root)
        if refused:
            problems.append(Problem(rel, 1, 1, refused, Severity.ERROR, "io"))
            return None, problems, False
        with path.open("rb") as fh:
            raw = fh.read(settings.max_bytes + 1)  # never more, even if the file grew since it was measured
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
    if layer is not None and layer.api:
        data, why = from_api(kind.value, parsed.data)
        if data is None:
            problems.append(Problem(rel, 1, 1, why, Severity.ERROR, "api"))
            return None, problems, False
        parsed = Parsed(data, parsed.positions)
    elif "extends" in parsed.data:
        kind = EXTENDING.get(kind, kind)
    doc = Document(rel, kind, parsed.data, parsed.positions, layer.name if layer else "")
    found = check(doc) if check else []
    problems.extend(found)
    return doc, problems, not any(p.is_error for p in found)


def _refuse_before_reading(settings: Settings, path: Path, root: Path) -> str | None:
    """Why ``path`` must not be read at all: a link out of the project, not a regular file, or too large.

    Checked before a byte is read: a link to a 2 GB file (or to a device that
    never ends) elsewhere on the machine would otherwise be read whole.
    """
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        where = "the project" if root == settings.root else "the source's folder"
        return (f"is a symbolic link to {resolved}, outside {where}; catalog and framework files must be "
                f"in {where} itself (copy the file in, or link to a file inside it)")
    info = resolved.stat()
    if not stat.S_ISREG(info.st_mode):
        return "not read: it is not a regular file"
    if info.st_size > settings.max_bytes:
        return (f"file is {info.st_size:,} bytes, over the limit of {settings.max_bytes:,} bytes; "
                "split it up or raise the limit (--max-bytes)")
    return None


def _read_star(args: tuple[Settings, Path, Kind, Callable[[Document], list[Problem]] | None, Layer | None]
               ) -> tuple[Document | None, list[Problem], bool]:
    return read_file(*args)


def load_project(settings: Settings, progress: Callable[[int, int], None] | None = None,
                 check: Callable[[Document], list[Problem]] | None = None) -> Loaded:
    """Read and parse every file (and run ``check`` on each); a file that cannot be parsed becomes one problem.

    Large catalogs are read by a pool of processes, one per core: parsing
    and schema checks are CPU-bound and independent per file.
    """
    layers, problems = resolve_layers(settings)
    files = [(path, kind, layer if layer.name else None) for layer in layers for path, kind in layer_files(layer)]
    documents: list[Document] = []
    paths = [settings.relative(path) for path, _, _ in files]
    passed: set[str] = set()
    jobs = [(settings, path, kind, check, layer) for path, kind, layer in files]
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
    for path, why in skipped(settings, {path for path, _, _ in files}):
        rel = settings.relative(path)
        problems.append(Problem(rel, 0, 0, why, Severity.ERROR, "layout"))
        paths.append(rel)  # looked at, so 'portal validate' of that file does not say "0 files checked"
    included = layers[:-1]
    if not settings.competencies_path.is_dir() and not any(
            layer.competencies and layer.competencies.is_dir() for layer in included):
        problems.append(Problem(settings.competencies_dir, 0, 0, "competency framework folder not found", Severity.ERROR, "layout"))
    if not settings.catalog_path.is_dir() and not included:
        problems.append(Problem(settings.catalog_dir, 0, 0, "catalog folder not found", Severity.ERROR, "layout"))
    return Loaded(documents, problems, paths, passed, {kind for _, kind, _ in files}, layers)
