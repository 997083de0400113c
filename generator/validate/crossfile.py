"""Checks across files that a schema alone cannot make.

Each check reads documents that already passed their schema, so it can rely
on field types, and reports problems at the exact list item or value.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from ..errors import Problem, Severity
from ..load.project import Document, Kind
from ..model.duration import Length
from .hints import did_you_mean

W = Severity.WARNING
# Listing pages live at catalog/page-N/, beside the entries at catalog/<id>/.
RESERVED_ENTRY_ID = re.compile(r"^page-\d+$")

# entry field -> vocabulary that holds its ids
_ENTRY_LISTS = {
    "professions": "professions", "settings": "settings", "audiences": "audiences",
    "disease_groups": "disease_groups", "formats": "formats", "resource_types": "resource_types",
    "languages": "languages",
}
_VOCAB_WORDS = {
    "professions": "profession", "settings": "care setting", "audiences": "audience",
    "disease_groups": "disease group", "formats": "format", "resource_types": "resource type",
    "languages": "language", "credit_types": "credit type", "cost": "cost model", "sign_in": "sign-in route",
    "competencies": "competency",
}


class Index:
    """Known ids from the framework and vocabularies, for lookups and hints."""

    def __init__(self, frameworks: list[Document], vocab: Document | None, primary: str | None) -> None:
        self.frameworks = {d.data.get("id"): d for d in frameworks}
        chosen = self.frameworks.get(primary) if primary else None
        self.framework = chosen or (frameworks[0] if frameworks else None)
        data = self.framework.data if self.framework else {}
        self.competencies: dict[str, int] = {
            c["id"]: c["tier"] for c in data.get("competencies", ()) if isinstance(c, dict) and "id" in c
        }
        self.tiers = {t.get("tier") for t in data.get("tiers", ()) if isinstance(t, dict)}
        self.vocab: dict[str, list[str]] = {}
        for name in _VOCAB_WORDS:
            items = vocab.data.get(name, ()) if vocab else ()
            self.vocab[name] = [t["id"] for t in items if isinstance(t, dict) and isinstance(t.get("id"), str)]
        self.vocab["competencies"] = list(self.competencies)

    def unknown(self, doc: Document, where: tuple[str | int, ...], vocab: str, value: str) -> Problem | None:
        known = self.vocab.get(vocab, [])
        if value in known or not known:
            return None
        word = _VOCAB_WORDS[vocab]
        return doc.at(where, f"unknown {word} '{value}'{did_you_mean(value, known)}"
                             f" (the {word} list is in the competency framework's vocabularies)", code="unknown-id")


def check_framework(frameworks: list[Document], vocab: Document | None) -> list[Problem]:
    """Ids unique, and every subject, domain and tier a statement refers to exists."""
    out: list[Problem] = []
    for doc in frameworks:
        d = doc.data
        tiers = {t["tier"] for t in d.get("tiers", ())}
        domains = {x["id"] for x in d.get("domains", ())}
        subjects = {x["id"] for x in d.get("subjects", ())}
        for section in ("tiers", "domains", "subjects", "competencies"):
            key = "tier" if section == "tiers" else "id"
            out += _duplicates(doc, section, key)
        for i, s in enumerate(d.get("subjects", ())):
            if s["domain"] not in domains:
                out.append(doc.at(("subjects", i, "domain"), f"unknown domain '{s['domain']}'{did_you_mean(s['domain'], domains)}"))
        for i, c in enumerate(d.get("competencies", ())):
            if c["subject"] not in subjects:
                out.append(doc.at(("competencies", i, "subject"), f"unknown subject '{c['subject']}'{did_you_mean(c['subject'], subjects)}"))
            if c["tier"] not in tiers:
                out.append(doc.at(("competencies", i, "tier"), f"tier {c['tier']} is not one of the framework's tiers"))
    ids = [d.data["id"] for d in frameworks]
    for doc in frameworks:
        if ids.count(doc.data["id"]) > 1:
            out.append(doc.at(("id",), f"framework id '{doc.data['id']}' is used by more than one file"))
    if vocab is not None:
        for name in vocab.data:
            out += _duplicates(vocab, name, "id")
    return out


def _duplicates(doc: Document, section: str, key: str) -> list[Problem]:
    seen: dict[Any, int] = {}
    out = []
    for i, item in enumerate(doc.data.get(section, ())):
        value = item.get(key) if isinstance(item, dict) else None
        if value in seen:
            line = doc.positions.of((section, seen[value]))[0]
            out.append(doc.at((section, i, key), f"{section}: id '{value}' is already used at line {line}"))
        else:
            seen[value] = i
    return out


def check_entries(entries: list[Document], index: Index) -> list[Problem]:
    out: list[Problem] = []
    by_id: dict[str, Document] = {}
    retired_ids: dict[str, Document] = {}
    for doc in entries:
        eid = doc.data["id"]
        if RESERVED_ENTRY_ID.match(eid):
            out.append(doc.at(("id",), f"id '{eid}' is kept for the catalog's own pages; choose another id"))
        if eid != doc.stem:
            out.append(doc.at(("id",), f"id '{eid}' must equal the file name '{doc.stem}' "
                                       f"(rename the file to {eid}.yaml or change the id)"))
        if eid in by_id:
            out.append(doc.at(("id",), f"duplicate id '{eid}': already used by {by_id[eid].path}"))
        else:
            by_id[eid] = doc
        for i, alias in enumerate(doc.data.get("aliases", ())):
            if alias in retired_ids:
                out.append(doc.at(("aliases", i), f"former id '{alias}' is already claimed by {retired_ids[alias].path}"))
            retired_ids[alias] = doc
    for doc in entries:
        eid = doc.data["id"]
        if eid in retired_ids and retired_ids[eid] is not doc:
            out.append(doc.at(("id",), f"id '{eid}' was retired by a rename ({retired_ids[eid].path} lists it "
                                       "under aliases) and must not be reused: choose a new id"))
        out += _entry_refs(doc, index)
        out += _entry_relations(doc, by_id)
        out += _entry_dates(doc)
        out += _entry_runs(doc)
        out += _entry_tiers(doc, index)
    out += _prerequisite_cycles(entries, by_id)
    return out


def _entry_refs(doc: Document, index: Index) -> list[Problem]:
    d = doc.data
    out: list[Problem] = []
    for i, cid in enumerate(d.get("competencies", ())):
        if p := index.unknown(doc, ("competencies", i), "competencies", cid):
            out.append(p)
    for field, vocab in _ENTRY_LISTS.items():
        for i, value in enumerate(d.get(field, ())):
            if p := index.unknown(doc, (field, i), vocab, value):
                out.append(p)
    cost = d.get("cost")
    if isinstance(cost, str) and (p := index.unknown(doc, ("cost",), "cost", cost)):
        out.append(p)
    elif isinstance(cost, dict) and (p := index.unknown(doc, ("cost", "model"), "cost", cost["model"])):
        out.append(p)
    for i, route in enumerate(d.get("access", {}).get("sign_in", ())):
        if p := index.unknown(doc, ("access", "sign_in", i), "sign_in", route):
            out.append(p)
    for i, credit in enumerate(d.get("credits", ())):
        if p := index.unknown(doc, ("credits", i, "type"), "credit_types", credit["type"]):
            out.append(p)
        for j, prof in enumerate(credit.get("professions", ())):
            if p := index.unknown(doc, ("credits", i, "professions", j), "professions", prof):
                out.append(p)
    if isinstance(cost, dict) and cost["model"] in ("free", "free-registration") and cost.get("prices"):
        out.append(doc.at(("cost", "prices"), "cost model is free but prices are given; use model 'paid' "
                                              "or move the prices into a note", severity=W))
    fw = d.get("framework")
    if fw and fw not in index.frameworks:
        out.append(doc.at(("framework",), f"unknown framework '{fw}'{did_you_mean(fw, [k for k in index.frameworks if k])}"))
    return out


def _entry_relations(doc: Document, by_id: dict[str, Document]) -> list[Problem]:
    d = doc.data
    out: list[Problem] = []
    refs: list[tuple[tuple[str | int, ...], str, str]] = []
    if "part_of" in d:
        refs.append((("part_of",), d["part_of"], "programme"))
    for field in ("prerequisites", "companions"):
        refs += [((field, i), v, field[:-1]) for i, v in enumerate(d.get(field, ()))]
    for where, target, word in refs:
        if target == d["id"]:
            out.append(doc.at(where, f"entry lists itself as its own {word}"))
        elif target not in by_id:
            out.append(doc.at(where, f"{word} '{target}' is not an entry in the catalog{did_you_mean(target, by_id)}"))
        elif by_id[target].data.get("status") == "retired" and d.get("status", "active") != "retired":
            out.append(doc.at(where, f"{word} '{target}' is retired", severity=W))
    if "code" in d and "part_of" not in d:
        out.append(doc.at(("code",), "a code is given but no 'part_of' programme; say which programme the code belongs to",
                          severity=W))
    return out


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


def _entry_dates(doc: Document) -> list[Problem]:
    d = doc.data
    out: list[Problem] = []
    status = d.get("status", "active")
    if status == "retired" and "retired_on" not in d:
        out.append(doc.at(("status",), "a retired entry needs 'retired_on' (the date it stopped being offered)", severity=W))
    if "retired_on" in d and status != "retired":
        out.append(doc.at(("retired_on",), f"'retired_on' is set but status is '{status}'", severity=W))
    if "paused_until" in d and status != "paused":
        out.append(doc.at(("paused_until",), f"'paused_until' is set but status is '{status}'", severity=W))
    if "launched" in d and "retired_on" in d and _date(d["retired_on"]) < _date(d["launched"]):
        out.append(doc.at(("retired_on",), "retired before it was launched"))
    if "reviewed" in d and _date(d["reviewed"]) > _date(d["review_by"]):
        out.append(doc.at(("review_by",), "review_by is earlier than the date it was last reviewed", severity=W))
    duration = d.get("duration")
    if isinstance(duration, dict):
        for key in ("total", "per_session"):
            if key in duration:
                try:
                    Length.parse(duration[key])
                except ValueError:
                    out.append(doc.at(("duration", key), f"duration.{key} is not a length"))
    return out


@cache
def _zone_ok(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _datetime(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value if "T" in value or " " in value else value + "T00:00")


def _entry_runs(doc: Document) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for i, run in enumerate(doc.data.get("runs", ())):
        where = ("runs", i)
        if run["id"] in seen:
            out.append(doc.at((*where, "id"), f"run id '{run['id']}' is already used by runs[{seen[run['id']]}]"))
        seen.setdefault(run["id"], i)
        if not _zone_ok(run["timezone"]):
            out.append(doc.at((*where, "timezone"), f"unknown time zone '{run['timezone']}'"
                                                    f"{did_you_mean(run['timezone'], _zones())} (use an IANA name such as Europe/London)"))
        stamps = {}
        for key in ("start", "end", "registration_deadline"):
            if key in run:
                try:
                    stamps[key] = _datetime(run[key])
                except ValueError:
                    out.append(doc.at((*where, key), f"runs[{i}].{key} '{run[key]}' is not a real date and time"))
        if "start" in stamps and "end" in stamps and stamps["end"] < stamps["start"]:
            out.append(doc.at((*where, "end"), f"runs[{i}] ends before it starts"))
        if "start" in stamps and "registration_deadline" in stamps and stamps["registration_deadline"] > stamps["start"]:
            out.append(doc.at((*where, "registration_deadline"), f"runs[{i}] registration closes after the run starts",
                              severity=W))
        rec = run.get("recurrence")
        if rec and "count" in rec and "until" in rec:
            out.append(doc.at((*where, "recurrence", "until"), "give either 'count' or 'until' for a recurrence, not both",
                              key=True))
        if rec and "until" in rec and "start" in stamps and _date(rec["until"]) < stamps["start"].date():
            out.append(doc.at((*where, "recurrence", "until"), "recurrence ends before the first session"))
    return out


def _entry_tiers(doc: Document, index: Index) -> list[Problem]:
    """Warn when the tiers an entry states and the competencies it claims disagree."""
    d = doc.data
    out: list[Problem] = []
    tiers = set(d["tiers"])
    claimed: set[int] = set()
    for i, cid in enumerate(d["competencies"]):
        tier = index.competencies.get(cid)
        if tier is None:
            continue
        claimed.add(tier)
        if tier not in tiers:
            out.append(doc.at(("competencies", i), f"competency '{cid}' is at tier {tier}, but the entry's tiers are "
                                                   f"{sorted(tiers)}: add tier {tier} or choose the tier-"
                                                   f"{'/'.join(map(str, sorted(tiers)))} statement", severity=W,
                              code="tier-mismatch"))
    for i, tier in enumerate(d["tiers"]):
        if index.tiers and tier not in index.tiers:
            out.append(doc.at(("tiers", i), f"tier {tier} is not a tier of the framework"))
        elif claimed and tier not in claimed:
            out.append(doc.at(("tiers", i), f"tier {tier} is listed but no tier-{tier} competency is claimed",
                              severity=W, code="tier-mismatch"))
    return out


def _prerequisite_cycles(entries: list[Document], by_id: dict[str, Document]) -> list[Problem]:
    """Report each cycle of prerequisites (or programme membership) once, at one of its edges."""
    graph: dict[str, list[str]] = {}
    for doc in entries:
        d = doc.data
        graph[d["id"]] = [t for t in (*d.get("prerequisites", ()), *( [d["part_of"]] if "part_of" in d else [])) if t in by_id and t != d["id"]]
    out: list[Problem] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[str]] = set()

    def report(node: str, nxt: str, cycle: list[str]) -> None:
        key = frozenset(cycle)
        if key in reported:
            return
        reported.add(key)
        doc = by_id[node]
        d = doc.data
        field = ("prerequisites", d.get("prerequisites", []).index(nxt)) if nxt in d.get("prerequisites", []) else ("part_of",)
        chain = " → ".join([*cycle, nxt])
        out.append(doc.at(field, f"circular prerequisites: {chain}"))

    # Depth-first with an explicit stack, not recursion: a long chain of
    # prerequisites must not hit Python's recursion limit.
    for root in sorted(graph):
        if root in state:
            continue
        state[root] = 1
        path = [root]
        todo: list[Iterator[str]] = [iter(graph[root])]
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                todo.pop()
                state[path.pop()] = 2
            elif state.get(nxt) == 1:
                report(path[-1], nxt, path[path.index(nxt):])
            elif state.get(nxt) is None:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(graph.get(nxt, ())))
    return out


def check_pathways(pathways: list[Document], entries: list[Document], index: Index) -> list[Problem]:
    out: list[Problem] = []
    entry_ids = {d.data["id"]: d for d in entries}
    seen: dict[str, Document] = {}
    for doc in pathways:
        d = doc.data
        if d["id"] != doc.stem:
            out.append(doc.at(("id",), f"id '{d['id']}' must equal the file name '{doc.stem}'"))
        if d["id"].startswith("for-"):
            out.append(doc.at(("id",), f"pathway ids starting with 'for-' are kept for generated pathways; "
                                       f"choose another id than '{d['id']}'"))
        if d["id"] in seen:
            out.append(doc.at(("id",), f"duplicate pathway id '{d['id']}': already used by {seen[d['id']].path}"))
        seen.setdefault(d["id"], doc)
        for field in ("professions", "settings", "audiences", "languages"):
            for i, value in enumerate(d.get(field, ())):
                if p := index.unknown(doc, (field, i), field, value):
                    out.append(p)
        steps: dict[str, int] = {}
        for i, step in enumerate(d["steps"]):
            target = step["entry"]
            if target not in entry_ids:
                out.append(doc.at(("steps", i, "entry"), f"step {i + 1}: '{target}' is not an entry in the catalog"
                                                         f"{did_you_mean(target, entry_ids)}"))
                continue
            if target in steps:
                out.append(doc.at(("steps", i, "entry"), f"step {i + 1}: '{target}' is already step {steps[target] + 1}"))
            steps.setdefault(target, i)
            status = entry_ids[target].data.get("status", "active")
            if status == "retired":
                out.append(doc.at(("steps", i, "entry"), f"step {i + 1}: '{target}' is retired; replace or remove the step",
                                  severity=W))
        # A prerequisite should come before the step that needs it.
        for i, step in enumerate(d["steps"]):
            target = entry_ids.get(step["entry"])
            if not target:
                continue
            for pre in target.data.get("prerequisites", ()):
                if pre in steps and steps[pre] > i:
                    out.append(doc.at(("steps", i, "entry"), f"step {i + 1}: '{step['entry']}' needs '{pre}', which comes "
                                                             f"later (step {steps[pre] + 1})", severity=W))
    out += _pathway_aliases(pathways)
    return out


def _pathway_aliases(pathways: list[Document]) -> list[Problem]:
    """A renamed pathway's former ids redirect to it (generator/exports), so no other pathway may take one."""
    out: list[Problem] = []
    retired: dict[str, Document] = {}
    for doc in pathways:
        for i, alias in enumerate(doc.data.get("aliases", ())):
            if alias in retired:
                out.append(doc.at(("aliases", i), f"former id '{alias}' is already claimed by {retired[alias].path}"))
            retired.setdefault(alias, doc)
    for doc in pathways:
        pid = doc.data["id"]
        if pid in retired and retired[pid] is not doc:
            out.append(doc.at(("id",), f"pathway id '{pid}' was retired by a rename ({retired[pid].path} lists it "
                                       "under aliases) and must not be reused: choose a new id"))
    return out


def cross_file_problems(documents: Iterable[Document], primary_framework: str | None = None,
                        broken: Iterable[Document] = (), skip: set[tuple[str, int, int]] | None = None) -> list[Problem]:
    """Every cross-file problem among ``documents`` (all of which passed their schemas).

    ``broken`` entries failed their schema; their vocabulary ids are still
    checked, except at positions in ``skip`` (values the schema already faulted).
    """
    docs = list(documents)
    frameworks = [d for d in docs if d.kind is Kind.FRAMEWORK]
    vocabs = [d for d in docs if d.kind is Kind.VOCABULARIES]
    entries = [d for d in docs if d.kind is Kind.ENTRY]
    pathways = [d for d in docs if d.kind is Kind.PATHWAY]
    index = Index(frameworks, vocabs[0] if vocabs else None, primary_framework)
    out = check_framework(frameworks, vocabs[0] if vocabs else None)
    out += check_entries(entries, index)
    out += check_pathways(pathways, entries, index)
    skip = skip or set()
    for doc in broken:
        out += [p for p in salvage_references(doc, index) if (p.path, p.line, p.column) not in skip]
    return out


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def salvage_references(doc: Document, index: Index) -> list[Problem]:
    """Vocabulary checks for an entry that failed its schema, so one run still reports every unknown id.

    Only the parts that have the right shape are looked at; the schema has
    already reported the rest. Positions stay right because list items keep
    their indexes (a non-text item is replaced, not dropped).
    """
    d = doc.data
    if not isinstance(d, dict):
        return []
    safe: dict[str, Any] = {"id": d.get("id") if isinstance(d.get("id"), str) else ""}
    for field in ("competencies", *_ENTRY_LISTS):
        value = d.get(field)
        if isinstance(value, list) and _strings(value):
            safe[field] = [v if isinstance(v, str) else _SKIP for v in value]
    cost = d.get("cost")
    if isinstance(cost, str) or (isinstance(cost, dict) and isinstance(cost.get("model"), str)):
        safe["cost"] = cost if isinstance(cost, str) else {"model": cost["model"]}
    access = d.get("access")
    if isinstance(access, dict) and _strings(access.get("sign_in")):
        safe["access"] = {"sign_in": [v if isinstance(v, str) else _SKIP for v in access["sign_in"]]}
    credits = d.get("credits")
    if isinstance(credits, list):
        safe["credits"] = [
            {"type": c["type"], "professions": [p if isinstance(p, str) else _SKIP for p in c.get("professions", [])]
             if isinstance(c.get("professions"), list) else []}
            if isinstance(c, dict) and isinstance(c.get("type"), str) else {"type": _SKIP}
            for c in credits
        ]
    shadow = Document(doc.path, doc.kind, safe, doc.positions)
    return [p for p in _entry_refs(shadow, index) if f"'{_SKIP}'" not in p.message]


# Stands in for a malformed list item so that later items keep their index.
_SKIP = "\x00skip"
