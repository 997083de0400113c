"""Run every check over a project and collect the outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import Problem
from ..exports.changelog import load_changelog
from ..load.project import Document, Kind, load_project
from ..i18n.validate import po_problems
from ..load.sources import Layer
from ..model import Catalog, Entry, Framework, Pathway, Portal, Vocabularies
from ..settings import Settings, config_position
from .crossfile import claimed_id, cross_file_problems
from .hints import did_you_mean
from .layers import Extended, put_together
from .lookalike import lookalike_problems
from .schema import schema_problems
from .synonyms import synonym_problems


@dataclass
class Result:
    """Problems found, documents read, and the catalog when there were no errors."""

    problems: list[Problem] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    catalog: Catalog | None = None
    files: list[str] = field(default_factory=list)  # every file read, including those that failed to parse

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def ok(self, *, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def validate_project(settings: Settings, progress: Callable[[int, int], None] | None = None) -> Result:
    """Load, schema-check and cross-check every file of the project.

    Every file is checked even after others fail, so one run reports every
    problem. Cross-file checks see documents that passed their schema, so
    they never trip over a malformed value already reported; entries that
    failed still get their vocabulary ids checked, shape permitting, and
    the ids of files that failed their schema still count as known, so one
    broken file does not make the files that refer to it fail too.
    """
    loaded = load_project(settings, progress, check=schema_problems)
    problems = list(loaded.problems)
    broken = [d for d in loaded.documents if d.path not in loaded.passed]
    layered = put_together([d for d in loaded.documents if d.path in loaded.passed], loaded.layers,
                           frozenset(claimed_id(d) for d in broken if d.kind in (Kind.ENTRY, Kind.EXTENSION)))
    problems += layered.problems
    valid = layered.documents
    # A file that exists but failed to parse has already been reported as such.
    if Kind.FRAMEWORK not in loaded.kinds:
        problems.append(Problem(settings.competencies_dir, 0, 0, "no competency framework file found"))
    if Kind.VOCABULARIES not in loaded.kinds:
        problems.append(Problem(f"{settings.competencies_dir}/vocabularies.yaml", 0, 0,
                                "vocabularies file not found"))
    # One problem per value: a broken entry's ids are not re-reported where the schema already faulted.
    taken = {(p.path, p.line, p.column) for p in problems}
    # An entry file that could not even be parsed is known by its file name, for the same reason.
    parsed = {d.path for d in loaded.documents}
    unparsed = [PurePosixPath(f).stem for f in loaded.files
                if f not in parsed and PurePosixPath(f).parent == PurePosixPath(settings.catalog_dir)]
    problems.extend(cross_file_problems(valid, settings.framework, broken, taken, [*unparsed, *layered.excluded]))
    problems.extend(p for d in valid if d.kind is Kind.SYNONYMS for p in synonym_problems(d))
    problems.extend(p for d in valid for p in lookalike_problems(d))
    problems.extend(load_changelog(settings)[1])  # the open data's changelog, published by every build
    # The message catalogs of the languages the portal publishes, and its own overrides.
    translation_problems, translation_files = po_problems(
        settings.root, getattr(settings, "languages", None) or ("en",), settings.relative)
    problems.extend(translation_problems)
    result = Result(sorted(set(problems)), loaded.documents, files=[*loaded.files, *translation_files])
    if not result.errors:
        portal = Portal.from_options(settings.portal_id, settings.subject, settings.vocabularies, settings.featured)
        catalog = build_catalog(valid, settings.framework, portal, loaded.layers, settings.root)
        unknown = featured_problems(catalog, settings.root)
        result.problems = sorted(set(result.problems) | set(unknown))
        if not unknown:
            result.catalog = catalog
    return result


def build_catalog(documents: list[Document], primary: str | None = None, portal: Portal | None = None,
                  layers: list[Layer] | None = None, root: Path | None = None) -> Catalog:
    """The typed catalog from documents that passed every check; ``layers`` give included entries their provenance."""
    frameworks = {d.data["id"]: Framework.from_data(d.data) for d in documents if d.kind is Kind.FRAMEWORK}
    framework = frameworks.get(primary) if primary else None
    framework = framework or next(iter(frameworks.values()))
    vocab = next((Vocabularies.from_data(d.data) for d in documents if d.kind is Kind.VOCABULARIES), Vocabularies())
    by_name = {layer.name: layer for layer in layers or ()}
    entries = {d.data["id"]: _entry(d, by_name.get(d.source), root) for d in documents if d.kind is Kind.ENTRY}
    pathways = {d.data["id"]: Pathway.from_data(d.data, d.path) for d in documents if d.kind is Kind.PATHWAY}
    # Every layer's synonyms: an included portal's and this one's own.
    synonyms = tuple(tuple(g["terms"]) for d in documents if d.kind is Kind.SYNONYMS for g in d.data["groups"])
    for entry in entries.values():
        if entry.origin:
            _within(entry, entries)
    origins = {name: layer.provenance for name, layer in by_name.items() if layer.provenance is not None}
    return Catalog(framework, vocab, entries, pathways, frameworks, synonyms, portal or Portal(), origins)


def _within(entry: Entry, entries: dict[str, Entry]) -> None:
    """An included entry keeps its links to entries this portal has; those its filters leave out are dropped."""
    entry.prerequisites = tuple(i for i in entry.prerequisites if i in entries)
    entry.companions = tuple(i for i in entry.companions if i in entries)
    entry.related = tuple(r for r in entry.related if r.id in entries)
    if entry.part_of not in entries:
        entry.part_of = ""


def _entry(doc: Document, layer: Layer | None, root: Path | None) -> Entry:
    """An entry, with where it comes from when an included source gives it."""
    entry = Entry.from_data(doc.data, doc.path)
    if layer is None or not layer.name:
        return entry
    entry.origin = layer.name
    entry.elsewhere = layer.provenance is not None
    if isinstance(doc, Extended) and doc.extension is not None:
        entry.extended_in = doc.extension.path
    base = doc.base if isinstance(doc, Extended) and doc.base is not None else doc
    if layer.provenance is not None and layer.origin is not None and root is not None:
        in_source = (root / base.path).resolve()
        try:
            entry.origin_edit_url = layer.provenance.edit_url(in_source.relative_to(layer.origin).as_posix())
        except ValueError:
            pass
    return entry


def featured_problems(catalog: Catalog, root: Path | None = None) -> list[Problem]:
    """Terms mkdocs.yml's ``home`` option features that the vocabularies do not have."""
    out = []
    for kind, ids in catalog.portal.featured.items():
        key = "roles" if kind == "professions" else kind
        for i, term in enumerate(ids):
            if term not in catalog.vocab[kind]:
                line, column = config_position(root, ("home", key, i)) if root else (0, 0)
                out.append(Problem("mkdocs.yml", line, column, f"home: {key}: '{term}' is not a term of the {kind} "
                                                               f"vocabulary{did_you_mean(term, list(catalog.vocab[kind]))}"))
    return out
