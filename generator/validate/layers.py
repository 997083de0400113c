"""Put a catalog's layers together: filters, ids defined twice, and entries a later layer extends.

Layers come in order (generator/load/sources.py): the sources a portal
includes, then its own folders. An id may be defined once across them all;
a later layer changes an earlier layer's entry only by saying so, in a file
that ``extends:`` it (adding runs, replacing fields under ``overrides:``).
Every problem is reported once, at the later file, naming the earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, Severity
from ..load.project import Document, Kind
from ..load.sources import Layer
from .crossfile import references
from .hints import did_you_mean


@dataclass
class Extended(Document):
    """An entry of an included source with a later layer's changes: its problems point at the file that gave the value."""

    base: Document | None = None
    extension: Document | None = None

    def at(self, where: tuple[str | int, ...], message: str, *, key: bool = False,
           severity: Severity = Severity.ERROR, code: str = "") -> Problem:
        base, ext = self.base, self.extension
        assert base is not None and ext is not None
        own_runs = len(base.data.get("runs", ()))
        if where and where[0] in ext.data.get("overrides", {}):
            return ext.at(("overrides", *where), message, key=key, severity=severity, code=code)
        if len(where) > 1 and where[0] == "runs" and isinstance(where[1], int) and where[1] >= own_runs:
            return ext.at(("runs", where[1] - own_runs, *where[2:]), message, key=key, severity=severity, code=code)
        return base.at(where, message, key=key, severity=severity, code=code)


@dataclass
class Combined(Document):
    """A framework or vocabularies put together from several layers: each item's problems point at its own file."""

    # (list, index here) -> the file that gave the item, and its index there.
    origins: dict[tuple[str | int, ...], tuple[Document, int]] = field(default_factory=dict)
    base: Document | None = None

    def at(self, where: tuple[str | int, ...], message: str, *, key: bool = False,
           severity: Severity = Severity.ERROR, code: str = "") -> Problem:
        found = self.origins.get(tuple(where[:2]))
        if found is not None:
            doc, i = found
            return doc.at((where[0], i, *where[2:]), message, key=key, severity=severity, code=code)
        assert self.base is not None
        return self.base.at(where, message, key=key, severity=severity, code=code)


def extend(base: Document, ext: Document) -> Extended:
    """``base`` with ``ext``'s runs added and its overrides in place of the fields they name."""
    data: dict[str, Any] = {**base.data, **ext.data.get("overrides", {})}
    if "runs" in ext.data:
        data["runs"] = [*base.data.get("runs", ()), *ext.data["runs"]]
    return Extended(base.path, Kind.ENTRY, data, base.positions, base.source, base=base, extension=ext)


@dataclass
class Layered:
    """The documents the portal is made of, once its layers are put together."""

    documents: list[Document]
    problems: list[Problem]
    # Entries an included source has but its filters leave out, by id: references to them are not faulted.
    excluded: dict[str, Document] = field(default_factory=dict)


def where(doc: Document, at: tuple[str | int, ...] = ("id",)) -> str:
    """``path:line:column`` of a value, for a message that names a second place."""
    line, column = doc.positions.of(at)
    return f"{doc.path}:{line}:{column}" if line else doc.path


def _named(layers: list[Layer], doc: Document) -> str:
    return next((layer.label() for layer in layers if layer.name == doc.source), doc.source)


def put_together(documents: list[Document], layers: list[Layer], broken_ids: frozenset[str] = frozenset()) -> Layered:
    """The portal's entries and pathways from every layer; ``broken_ids`` failed their schema (reported already)."""
    by_name = {layer.name: layer for layer in layers}
    out: list[Document] = []  # in the order read, so that checks report in a stable order
    problems: list[Problem] = []
    entries: dict[str, Document] = {}
    excluded: dict[str, Document] = {}
    extensions: list[Document] = []
    pathways: list[Document] = []
    competencies: list[Document] = []
    for doc in documents:
        if doc.kind is Kind.EXTENSION:
            extensions.append(doc)
            continue
        if doc.kind in ADDING:
            competencies.append(doc)
            continue
        if doc.kind is Kind.PATHWAY:
            pathways.append(doc)
            continue
        if doc.kind is Kind.ENTRY:
            eid = doc.data["id"]
            layer = by_name.get(doc.source)
            earlier = entries.get(eid) or excluded.get(eid)
            if earlier is not None and earlier.source != doc.source:
                problems.append(_twice(layers, doc, earlier, "entry"))
                continue
            if layer is not None and layer.filters and not layer.filters.admits(doc.data):
                excluded[eid] = doc
                continue
            # The same id twice in one folder is reported with the entries' own checks.
            entries.setdefault(eid, doc)
        out.append(doc)
    extended, wrong = _extensions(extensions, entries, excluded, layers, broken_ids)
    problems += wrong
    for eid in extended:
        excluded.pop(eid, None)  # an entry the filters leave out is brought in by extending it
    out = [extended.pop(doc.data["id"], doc) if doc.kind is Kind.ENTRY else doc for doc in out]
    out += extended.values()
    problems += [p for doc in out if doc.kind is Kind.ENTRY and not doc.source
                 for p in _left_out(doc, excluded, layers)]
    kept, dropped = _pathways(pathways, excluded, layers)
    problems += dropped
    combined, wrong = combine(competencies, layers)
    problems += wrong
    return Layered([*combined, *out, *kept], problems, excluded)


def _twice(layers: list[Layer], doc: Document, earlier: Document, what: str) -> Problem:
    """An id a later layer defines again without saying it extends the earlier definition."""
    eid = doc.data["id"]
    fix = (f"to change it here, write a file {doc.stem}.yaml with 'extends: {eid}' and the runs or overrides to "
           "apply, or choose another id" if what == "entry" else "choose another id")
    return doc.at(("id",), f"{what} id '{eid}' is also defined in {where(earlier)} ({_named(layers, earlier)}); "
                           f"{fix}", code="defined-twice")


def _extensions(extensions: list[Document], entries: dict[str, Document], excluded: dict[str, Document],
                layers: list[Layer], broken_ids: frozenset[str]) -> tuple[dict[str, Extended], list[Problem]]:
    """Each ``extends:`` file applied to the entry it names, by id, and the files that cannot apply."""
    problems: list[Problem] = []
    done: dict[str, Extended] = {}
    order = [layer.name for layer in layers]
    for ext in extensions:
        target = ext.data["extends"]
        if target != ext.stem:
            problems.append(ext.at(("extends",), f"extends '{target}', but the file is named {ext.stem}.yaml: "
                                                 f"name it {target}.yaml"))
            continue
        if target in done:
            problems.append(ext.at(("extends",), f"'{target}' is already extended by "
                                                 f"{where(done[target].extension or ext, ('extends',))}; "
                                                 "put the changes in one file"))
            continue
        base = entries.get(target) or excluded.get(target)
        if base is None:
            if target not in broken_ids:
                problems.append(ext.at(("extends",), f"'{target}' is not an entry of an included source"
                                                     f"{did_you_mean(target, [*entries, *excluded])}"))
            continue
        if order.index(base.source) >= order.index(ext.source):
            problems.append(ext.at(("extends",), f"'{target}' is defined in {where(base)}, in the same catalog or a "
                                                 "later one; only an entry of a source listed earlier can be extended "
                                                 "(edit that file instead)"))
            continue
        done[target] = extend(base, ext)  # extending an entry the filters leave out brings it in
    return done, problems


def _filters_of(doc: Document, layers: list[Layer]) -> str:
    return next((layer.filters.describe() for layer in layers if layer.name == doc.source), "")


def _outside(target: str, excluded: dict[str, Document], layers: list[Layer], what: str) -> str:
    """Why the portal's own file may not name ``target``, an entry a source's filters leave out, and the ways out."""
    filters = _filters_of(excluded[target], layers)
    return (f"'{target}' is an entry of {_named(layers, excluded[target])}, but its filters ({filters}) leave it out "
            f"of this portal: widen the filters, bring it in with a file {target}.yaml that says "
            f"'extends: {target}', or remove {what}")


def _left_out(doc: Document, excluded: dict[str, Document], layers: list[Layer]) -> list[Problem]:
    """The portal's own entry names an entry that a source's filters leave out of the portal."""
    return [doc.at(at, f"{word} {_outside(target, excluded, layers, 'it')}", code="filtered-out")
            for at, target, word in references(doc.data) if target in excluded]


def _pathways(pathways: list[Document], excluded: dict[str, Document],
              layers: list[Layer]) -> tuple[list[Document], list[Problem]]:
    """Curated pathways of every layer; a source's pathway that needs an entry its filters leave out is left out."""
    kept: list[Document] = []
    first: dict[str, Document] = {}
    problems: list[Problem] = []
    for doc in pathways:
        pid = doc.data["id"]
        if pid in first and first[pid].source != doc.source:
            problems.append(_twice(layers, doc, first[pid], "pathway"))
            continue
        missing = [(i, s["entry"]) for i, s in enumerate(doc.data["steps"]) if s["entry"] in excluded]
        if doc.source and missing:  # one warning, at the first step it lacks
            i, eid = missing[0]
            filters = _filters_of(excluded[eid], layers)
            problems.append(doc.at(("steps", i, "entry"), f"step {i + 1}: '{eid}' is left out by the filters of "
                                                          f"{_named(layers, excluded[eid])} ({filters}), so this "
                                                          "pathway is not part of this portal",
                                   severity=Severity.WARNING, code="filtered-out"))
            continue
        problems += [doc.at(("steps", i, "entry"), f"step {i + 1}: {_outside(eid, excluded, layers, 'the step')}",
                            code="filtered-out") for i, eid in missing]
        first.setdefault(pid, doc)
        kept.append(doc)
    return kept, problems


# Framework and vocabularies files, and the files that add to them, by the kind they add to.
ADDING = {Kind.FRAMEWORK: Kind.FRAMEWORK, Kind.FRAMEWORK_EXTENSION: Kind.FRAMEWORK,
          Kind.VOCABULARIES: Kind.VOCABULARIES, Kind.VOCABULARIES_EXTENSION: Kind.VOCABULARIES}
_ITEM_WORDS = {"domains": "domain", "subjects": "subject", "competencies": "competency", "languages": "language"}


def combine(documents: list[Document], layers: list[Layer]) -> tuple[list[Document], list[Problem]]:
    """Frameworks and vocabularies of every layer, with each later layer's additions put in.

    A later layer adds to an included framework with a file that says ``extends: <framework id>``,
    and to the included vocabularies with a vocabularies.yaml that says ``extends: <source name>``.
    An item whose id is already there is an error unless it says ``override: true``.
    """
    problems: list[Problem] = []
    frameworks: dict[str, Document] = {}
    vocabularies: Document | None = None
    additions: list[Document] = []
    out: list[Document] = []
    for doc in documents:
        if doc.kind is Kind.FRAMEWORK:
            earlier = frameworks.get(doc.data["id"])
            if earlier is not None and earlier.source != doc.source:
                problems.append(doc.at(("id",), f"framework id '{doc.data['id']}' is also defined in {where(earlier)} "
                                                f"({_named(layers, earlier)}); to add to it here, write "
                                                f"'extends: {doc.data['id']}' and only the domains, subjects and "
                                                "competencies to add", code="defined-twice"))
                continue
            frameworks.setdefault(doc.data["id"], doc)
            out.append(doc)
        elif doc.kind is Kind.VOCABULARIES:
            if vocabularies is not None and vocabularies.source != doc.source:
                named = vocabularies.source or "the source"
                problems.append(doc.at((), f"the vocabularies are also defined in {vocabularies.path} "
                                           f"({_named(layers, vocabularies)}); to add terms here, write "
                                           f"'extends: {named}' at the top and list only the terms to add",
                                       code="defined-twice"))
                continue
            vocabularies = vocabularies or doc
            out.append(doc)
        else:
            additions.append(doc)
    for add in additions:
        if add.kind is Kind.FRAMEWORK_EXTENSION:
            base = frameworks.get(add.data["extends"])
            if base is None or base.source == add.source:
                known = [i for i, d in frameworks.items() if d.source != add.source]
                problems.append(add.at(("extends",), f"'{add.data['extends']}' is not the id of an included "
                                                     f"framework{did_you_mean(add.data['extends'], known)}"))
                continue
        else:
            base = vocabularies
            sources = [layer.name for layer in layers if layer.name]
            if base is None or not base.source or add.data["extends"] != base.source:
                problems.append(add.at(("extends",), f"'{add.data['extends']}' is not the name of a source whose "
                                                     "vocabularies this portal includes"
                                                     f"{did_you_mean(add.data['extends'], sources)}"))
                continue
        merged, wrong = _add(base, add, layers)
        problems += wrong
        out[out.index(base)] = merged
        if base is vocabularies:
            vocabularies = merged
        else:
            frameworks[add.data["extends"]] = merged
    return out, problems


def _add(base: Document, add: Document, layers: list[Layer]) -> tuple[Combined, list[Problem]]:
    """``base`` with the items ``add`` lists: new ids appended, ``override: true`` items in place of theirs."""
    problems: list[Problem] = []
    origins = dict(base.origins) if isinstance(base, Combined) else {}
    first = base.base if isinstance(base, Combined) and base.base is not None else base
    data = dict(base.data)
    for section, given in add.data.items():
        if section == "extends":
            continue
        items = list(data.get(section, ()))
        index = {item.get("id"): pos for pos, item in enumerate(items) if isinstance(item, dict)}
        for j, item in enumerate(given):
            item = {k: v for k, v in item.items() if k != "override"}
            pos = index.get(item["id"])
            if pos is None:
                index[item["id"]] = len(items)
                origins[(section, len(items))] = (add, j)
                items.append(item)
            elif given[j].get("override"):
                origins[(section, pos)] = (add, j)
                items[pos] = item
            else:
                there, k = origins.get((section, pos), (first, pos))
                word = _ITEM_WORDS.get(section, "term")
                problems.append(add.at((section, j, "id"), f"{word} '{item['id']}' is also defined in "
                                                           f"{where(there, (section, k, 'id'))} "
                                                           f"({_named(layers, there)}); to replace it here, add "
                                                           "'override: true' to this item, or choose another id",
                                       code="defined-twice"))
        data[section] = items
    return Combined(first.path, first.kind, data, first.positions, first.source, origins=origins, base=first), problems
