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
from urllib.parse import urlsplit

from ..errors import Problem, Severity
from ..load.project import Document, Kind
from ..model.catalog import PERIOD_DAYS
from ..model.dates import When, when
from ..model.framework import BUILT_IN
from ..model.duration import MAX_HOURS, MAX_WEEKS, Length, TooLong
from ..schemas import FIXED
from .hints import did_you_mean
from .schema import field_name

W = Severity.WARNING
# Listing pages live at catalog/page-N/, beside the entries at catalog/<id>/.
RESERVED_ENTRY_ID = re.compile(r"^page-\d+$")

# Dates outside these years are slips (0001, 9999, a transposed year); the calendar exports
# step a year or more either side of a run, which must stay inside what Python can represent.
FIRST_YEAR = 1900
LAST_YEAR = 2200

def _extension_fields(entry: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Where an extension file holds the entry fields ``entry`` lists."""
    return (*(("overrides", *f) for f in entry if f[0] not in FIXED), *(f for f in entry if f[0] == "runs"))


# Every field that holds a web address, per kind of file; "*" stands for each item of a list.
# tests/test_validate_hardening.py holds this and DATE_FIELDS to the schemas, so a new field cannot be missed.
URL_FIELDS: dict[Kind, tuple[tuple[str, ...], ...]] = {
    Kind.ENTRY: (("url",), ("provider", "*", "url"), ("parts", "*", "url"), ("runs", "*", "url"),
                 ("sources", "*", "url")),
    Kind.PATHWAY: (),
    Kind.FRAMEWORK: (("sources", "*", "url"), ("successor", "sources", "*", "url"), ("scope", "source"),
                     ("crosswalks", "*", "url"), ("crosswalks", "*", "provenance", "source"),
                     ("domain_layer", "provenance", "source"), ("statements_provenance", "source"),
                     *((part, "*", "provenance", "source") for part in ("tiers", "domains", "subjects", "competencies"))),
    Kind.VOCABULARIES: (),
    Kind.SYNONYMS: (),
}

# An extension holds an entry's fields under 'overrides:' and runs of its own; it is checked once applied.
URL_FIELDS[Kind.EXTENSION] = _extension_fields(URL_FIELDS[Kind.ENTRY])

# Every field that holds a date or a date and time, per kind of file, as above.
DATE_FIELDS: dict[Kind, tuple[tuple[str, ...], ...]] = {
    Kind.ENTRY: (("review_by",), ("reviewed",), ("launched",), ("paused_until",), ("retired_on",),
                 ("finished_on",), ("sources", "*", "checked"), ("runs", "*", "start"), ("runs", "*", "end"),
                 ("runs", "*", "registration_deadline"), ("runs", "*", "recurrence", "until"),
                 ("runs", "*", "recurrence", "except_dates", "*")),
    Kind.PATHWAY: (("review_by",), ("reviewed",)),
    Kind.FRAMEWORK: (),
    Kind.VOCABULARIES: (),
    Kind.SYNONYMS: (),
}

DATE_FIELDS[Kind.EXTENSION] = _extension_fields(DATE_FIELDS[Kind.ENTRY])
URL_FIELDS[Kind.FRAMEWORK_EXTENSION] = tuple((part, "*", "provenance", "source")
                                             for part in ("domains", "subjects", "competencies"))
URL_FIELDS[Kind.VOCABULARIES_EXTENSION] = DATE_FIELDS[Kind.FRAMEWORK_EXTENSION] = ()
DATE_FIELDS[Kind.VOCABULARIES_EXTENSION] = ()

# entry field -> vocabulary that holds its ids
_ENTRY_LISTS = {
    "professions": "professions", "settings": "settings", "audiences": "audiences",
    "disease_groups": "disease_groups", "formats": "formats", "resource_types": "resource_types",
    "languages": "languages", "learners": "learners", "age_groups": "age_groups",
}
_VOCAB_WORDS = {
    "professions": "profession", "settings": "care setting", "audiences": "audience",
    "disease_groups": "disease group", "formats": "format", "resource_types": "resource type",
    "languages": "language", "credit_types": "credit type", "cost": "cost model", "sign_in": "sign-in route",
    "competencies": "competency", "learners": "learner group", "age_groups": "age group",
}


class Index:
    """Known ids from the framework and vocabularies, for lookups and hints."""

    def __init__(self, frameworks: list[Document], vocab: Document | None, primary: str | None,
                 broken: Iterable[Document] = ()) -> None:
        self.frameworks = {d.data.get("id"): d for d in frameworks}
        # A framework file that failed its schema still names a framework: references to it are not unknown.
        broken = sorted(broken, key=lambda d: d.path)
        self.broken_frameworks = {i for i in map(claimed_id, broken) if i}
        chosen = self.frameworks.get(primary) if primary else None
        self.framework = chosen or (frameworks[0] if frameworks else None)
        first_is_broken = bool(broken) and self.framework is not None and broken[0].path < self.framework.path
        if primary in self.broken_frameworks or (not primary and first_is_broken):
            # The framework entries are checked against failed its schema, so its statements are not
            # known; checking entries against another framework instead would fault every one of them.
            self.framework = None
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
        for (name, value) in BUILT_IN:
            if self.vocab[name]:  # an empty list accepts any value, as before
                self.vocab[name].append(value)
        self.vocab_file = vocab.path if vocab else "competencies/vocabularies.yaml"
        self.framework_file = self.framework.path if self.framework else "the competency framework"

    def unknown(self, doc: Document, where: tuple[str | int, ...], vocab: str, value: str) -> Problem | None:
        known = self.vocab.get(vocab, [])
        if value in known or not known:
            return None
        word = _VOCAB_WORDS[vocab]
        if vocab == "languages":
            return self._unknown_language(doc, where, value, known)
        if vocab == "competencies":
            where_listed = f"the competency list is in {self.framework_file}"
        else:
            where_listed = (f"the {word} list is in {self.vocab_file} under '{vocab}:'; if none fits, propose a "
                            "new value by adding it there (id, label, description) in your pull request")
        return doc.at(where, f"unknown {word} '{value}'{did_you_mean(value, known)} ({where_listed})",
                      code="unknown-id")

    def _unknown_language(self, doc: Document, where: tuple[str | int, ...], value: str,
                          known: list[str]) -> Problem | None:
        """A tag whose language is listed is accepted with any region (en-CA); otherwise suggest one."""
        base = value.split("-", 1)[0]
        if base in known:
            return None
        hint = did_you_mean(value, known) or did_you_mean(base, known)
        return doc.at(where, f"unknown language '{value}'{hint} (a tag is accepted when its language, the part "
                             f"before '-', is in {self.vocab_file} under 'languages:': en-CA is read as en; "
                             "to propose a new language, add it there (id, label, native) in your pull request)",
                      code="unknown-id")


def _crosswalk_keys(doc: Document) -> list[Problem]:
    """Once a framework lists its crosswalks (with their provenance), every key a tier or statement uses is among them."""
    d = doc.data
    if "crosswalks" not in d:
        return []
    known = [x["key"] for x in d["crosswalks"]]
    out = _duplicates(doc, "crosswalks", "key")
    for section in ("tiers", "competencies"):
        for i, item in enumerate(d.get(section, ())):
            for key in item.get("crosswalk", {}):
                if key not in known:
                    out.append(doc.at((section, i, "crosswalk", key),
                                      f"crosswalk '{key}' is not listed under crosswalks{did_you_mean(key, known)}; "
                                      "list it there with its provenance"))
    return out


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
        out += _crosswalk_keys(doc)
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


def claimed_id(doc: Document) -> str:
    """The id a file that failed its schema still claims: its id if that is text, else its file name."""
    value = doc.data.get("id") if isinstance(doc.data, dict) else None
    return value if isinstance(value, str) and value else doc.stem


def check_entries(entries: list[Document], index: Index, known: frozenset[str] = frozenset()) -> list[Problem]:
    """Ids, references, dates, runs and tiers of entries.

    ``known`` holds the ids of entries that failed their schema: references to
    them are not faulted, since the entry itself is already reported.
    """
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
        out += _entry_relations(doc, by_id, known)
        out += _entry_dates(doc)
        out += _entry_runs(doc)
        out += _entry_tiers(doc, index)
        out += _entry_facts(doc)
    out += _prerequisite_cycles(entries, by_id)
    out += _shared_urls(entries)
    return out


def _field_names(kind: str) -> list[str]:
    from .. import schemas  # the entry schema says which fields exist
    schema = schemas.load("entry")
    props = schema["properties"] if kind == "entry" else schema["$defs"]["run"]["properties"]
    return sorted(k for k in props if k not in ("inferred", "approximate"))


def _entry_facts(doc: Document) -> list[Problem]:
    """Countries, the fields named as inferred or approximate, credits and the parts' credits."""
    d = doc.data
    out: list[Problem] = []
    if not d.get("countries"):
        out.append(doc.at(("id",), "no 'countries': say where it is offered or applies, as ISO codes such as "
                                   "[GB], [GB-WLS] or [CA-ON], or a UN M49 area such as [150] (Europe) or "
                                   "[001] (the world) for a resource meant for everyone there",
                          severity=W, code="no-countries"))
    checks = [((), d, "entry")] + [(("runs", i), r, "run") for i, r in enumerate(d.get("runs", ()))]
    for prefix, data, kind in checks:
        names = _field_names(kind)
        for key in ("inferred", "approximate"):
            for j, name in enumerate(data.get(key, ())):
                where = (*prefix, key, j)
                label = f"{field_name((*prefix, key))}"
                if name not in names:
                    out.append(doc.at(where, f"{label} names '{name}', which is not a field of "
                                             f"{'an entry' if kind == 'entry' else 'a run'}{did_you_mean(name, names)}"))
                elif name not in data:
                    out.append(doc.at(where, f"{label} names '{name}', but {'the entry' if kind == 'entry' else 'the run'} "
                                             f"does not give it: add the value or leave '{name}' out of the list",
                                      severity=W))
    for i, credit in enumerate(d["credits"] if isinstance(d.get("credits"), list) else ()):
        if credit["amount"] == 0:
            out.append(doc.at(("credits", i, "amount"), "credits[%d].amount is 0: write 'credits: none' when the "
                                                        "source says there is no credit" % i))
    out += _part_credits(doc)
    if "how_to_find" in d and not d.get("shared_url"):
        out.append(doc.at(("how_to_find",), "'how_to_find' is given but not 'shared_url: true'", severity=W))
    return out


def _part_credits(doc: Document) -> list[Problem]:
    """Credits of the required parts must not add up to more than the entry's."""
    d = doc.data
    parts = d.get("parts", ())
    credits = d.get("credits")
    if not parts or not isinstance(credits, list):
        return []
    out: list[Problem] = []
    for i, credit in enumerate(credits):
        if credit.get("per", "course") != "course" or credit.get("up_to"):
            continue
        required = 0.0
        counted = False
        for part in parts:
            for c in part.get("credits", ()) if isinstance(part.get("credits"), list) else ():
                if c["type"] == credit["type"] and c.get("per", "course") == "course":
                    counted = True
                    required += 0 if part.get("optional") else c["amount"]
        if not counted:
            continue
        has_optional = any(p.get("optional") for p in parts)
        amount = credit["amount"]
        # Fewer is fine (a source may list only the first year's modules); more cannot be right.
        if required > amount:
            out.append(doc.at(("credits", i, "amount"),
                              f"the parts' {credit['type']} credits add up to {required:g}"
                              f"{' for the required parts' if has_optional else ''}, but the entry states "
                              f"{amount:g}: check the parts' credits or the total", severity=W))
    return out


def _shared_urls(entries: list[Document]) -> list[Problem]:
    """Entries may share a url only when each says it does (shared_url: true)."""
    by_url: dict[str, list[Document]] = {}
    for doc in entries:
        by_url.setdefault(doc.data["url"], []).append(doc)
    out: list[Problem] = []
    for url, docs in by_url.items():
        # The programme whose own page it is needs no directions to itself.
        owners = {d.data.get("part_of") for d in docs}
        # Copies of one entry (one id) are a duplicate id, reported as such.
        shared = len({d.data["id"] for d in docs}) > 1
        for doc in docs:
            d = doc.data
            if shared and not d.get("shared_url"):
                others = [o.path for o in docs if o is not doc]
                more = f" and {len(others) - 1} more" if len(others) > 1 else ""
                out.append(doc.at(("url",), f"url is also used by {others[0]}{more}: if this is a programme's page "
                                            "shared by its items, add 'shared_url: true' and 'how_to_find' to each; "
                                            "otherwise give this entry its own page's address", code="shared-url"))
            elif d.get("shared_url") and "how_to_find" not in d and d["id"] not in owners:
                out.append(doc.at(("shared_url",), "the url is shared with other entries: add 'how_to_find' to tell "
                                                   "learners how to reach this item from that page", severity=W))
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
    credit_lists = [(("credits",), d.get("credits"))] + [
        (("parts", i, "credits"), part.get("credits")) for i, part in enumerate(d.get("parts", ()))
        if isinstance(part, dict)]
    for at, credits in credit_lists:
        for i, credit in enumerate(credits if isinstance(credits, list) else ()):
            if p := index.unknown(doc, (*at, i, "type"), "credit_types", credit["type"]):
                out.append(p)
            for j, prof in enumerate(credit.get("professions", ())):
                if p := index.unknown(doc, (*at, i, "professions", j), "professions", prof):
                    out.append(p)
    langs = [(("title_lang",), d["title_lang"])] if isinstance(d.get("title_lang"), str) else []
    langs += [(("parts", i, "title_lang"), part["title_lang"]) for i, part in enumerate(d.get("parts", ()))
              if isinstance(part, dict) and isinstance(part.get("title_lang"), str)]
    for at, tag in langs:
        if p := index.unknown(doc, at, "languages", tag):
            out.append(p)
    if isinstance(cost, dict) and cost["model"] in ("free", "free-registration") and cost.get("prices"):
        out.append(doc.at(("cost", "prices"), "cost model is free but prices are given; use model 'paid' "
                                              "or move the prices into a note", severity=W))
    fw = d.get("framework")
    if fw and fw not in index.frameworks and fw not in index.broken_frameworks:
        out.append(doc.at(("framework",), f"unknown framework '{fw}'{did_you_mean(fw, [k for k in index.frameworks if k])}"))
    return out


def references(d: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, str]]:
    """Every other entry an entry names: (where, the entry's id, what it is to this one)."""
    refs: list[tuple[tuple[str | int, ...], str, str]] = []
    if "part_of" in d:
        refs.append((("part_of",), d["part_of"], "programme"))
    for field in ("prerequisites", "companions"):
        refs += [((field, i), v, field[:-1]) for i, v in enumerate(d.get(field, ()))]
    refs += [(("related", i, "id"), r["id"], f"related entry ({r['relation']})")
             for i, r in enumerate(d.get("related", ()))]
    return refs


def _entry_relations(doc: Document, by_id: dict[str, Document],
                     known: frozenset[str] = frozenset()) -> list[Problem]:
    d = doc.data
    out: list[Problem] = []
    for where, target, word in references(d):
        if target == d["id"]:
            out.append(doc.at(where, f"entry lists itself as its own {word}"))
        elif target in known and target not in by_id:
            continue  # the entry exists but failed its schema, which is reported there
        elif target not in by_id:
            out.append(doc.at(where, f"{word} '{target}' is not an entry in the catalog"
                                     f"{did_you_mean(target, [*by_id, *sorted(known)])}"))
        elif by_id[target].data.get("status") == "retired" and d.get("status", "active") != "retired":
            out.append(doc.at(where, f"{word} '{target}' is retired", severity=W))
    if "code" in d and "part_of" not in d:
        out.append(doc.at(("code",), "a code is given but no 'part_of' programme; say which programme the code belongs to",
                          severity=W))
    return out


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value[:10])


# Entry fields that take a year, a month or a day.
_PARTIAL_DATES = ("launched", "paused_until", "finished_on", "retired_on")


def _review_order(doc: Document) -> list[Problem]:
    """An entry's or pathway's next review comes after its last one."""
    d = doc.data
    if "reviewed" in d and _date(d["reviewed"]) > _date(d["review_by"]):
        return [doc.at(("review_by",), "review_by is earlier than the date it was last reviewed", severity=W)]
    return []


def _entry_dates(doc: Document) -> list[Problem]:
    d = doc.data
    out: list[Problem] = []
    status = d.get("status", "active")
    if status == "retired" and "retired_on" not in d:
        out.append(doc.at(("status",), "a retired entry needs 'retired_on' (the date it stopped being offered)", severity=W))
    if status == "finished" and "finished_on" not in d:
        out.append(doc.at(("status",), "a finished entry needs 'finished_on' (when its last run ended: a year, "
                                       "month or day)", severity=W))
    for key, wanted in (("retired_on", "retired"), ("paused_until", "paused"), ("finished_on", "finished")):
        if key in d and status != wanted:
            out.append(doc.at((key,), f"'{key}' is set but status is '{status}'", severity=W))
    dates: dict[str, When] = {}
    for key in _PARTIAL_DATES:
        if key in d and _in_range(str(d[key])):
            parsed = when(d[key])
            if parsed is None:
                out.append(doc.at((key,), f"{key} is {_shown(str(d[key]))}: not a real date (write a year 2027, "
                                          "a month 2027-09 or a day 2027-09-14)"))
            else:
                dates[key] = parsed
    launched = dates.get("launched")
    for key, word in (("retired_on", "retired"), ("finished_on", "finished")):
        if launched and key in dates and dates[key].last_day() < launched.first_day():
            out.append(doc.at((key,), f"{word} before it was launched"))
    out += _review_order(doc)
    duration = d.get("duration")
    lengths = [(("duration",), duration)] if isinstance(duration, str) else [
        (("duration", key), duration[key]) for key in ("total", "per_session")
        if isinstance(duration, dict) and key in duration]
    for where, value in lengths:
        try:
            Length.parse(value)
        except TooLong:
            out.append(doc.at(where, f"duration is too long: {field_name(where)} {_shown(value)} is more than "
                                     f"{MAX_HOURS:,} hours of study or {MAX_WEEKS} weeks"))
        except ValueError:
            out.append(doc.at(where, f"{field_name(where)} is not a length"))
    return out


def _shown(value: str, limit: int = 40) -> str:
    """A curator's value quoted for a message, cut short when it is long."""
    return repr(value if len(value) <= limit else value[:limit - 3] + "...")


def values_at(data: Any, pattern: tuple[str, ...],
        prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) for each text value found along ``pattern``; values of another shape are skipped."""
    if not pattern:
        if isinstance(data, str):
            yield prefix, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(data if isinstance(data, list) else ()):
            yield from values_at(item, rest, (*prefix, i))
    elif isinstance(data, dict) and head in data:
        yield from values_at(data[head], rest, (*prefix, head))


def url_fault(url: str) -> str | None:
    """What makes ``url`` unusable as a web address, in a curator's words; None when it is fine.

    The schema's pattern only checks the scheme and that there are no spaces;
    this reads the address the way the site builder and link checker do.
    """
    bad = next((ch for ch in url if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F), None)
    if bad is not None:
        return f"contains the control character U+{ord(bad):04X}"
    netloc = url.partition("://")[2].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    try:
        parts = urlsplit(url)
    except ValueError:
        if "[" in netloc and "]" not in netloc:
            return "unclosed [ in host"
        if "]" in netloc and "[" not in netloc:
            return "] without an opening [ in host"
        if "[" in netloc:
            return "the host in [ ] is not a valid IPv6 address"
        return "the host contains characters that read as '/', '?', '#', '@' or ':' once normalised"
    try:
        parts.port
    except ValueError as exc:
        if "range" in str(exc):
            return "port out of range (ports run from 0 to 65535)"
        return f"port is not a number ('{netloc.rpartition(':')[2]}')"
    if not parts.hostname:
        return "there is no host name after '//'"
    return None


def check_urls(doc: Document) -> list[Problem]:
    """Every web address in ``doc`` that passes the schema's pattern but cannot be read as one."""
    out: list[Problem] = []
    for pattern in URL_FIELDS.get(doc.kind, ()):
        for where, value in values_at(doc.data, pattern):
            if fault := url_fault(value):
                out.append(doc.at(where, f"{field_name(where)} is {_shown(value, 60)}: {fault}", code="url"))
    return out


def check_date_range(doc: Document) -> list[Problem]:
    """Every date outside FIRST_YEAR to LAST_YEAR; malformed dates are left to the other checks."""
    out: list[Problem] = []
    for pattern in DATE_FIELDS.get(doc.kind, ()):
        for where, value in values_at(doc.data, pattern):
            if not _in_range(value):
                out.append(doc.at(where, f"{field_name(where)} is {_shown(value)}: the year must be between "
                                         f"{FIRST_YEAR} and {LAST_YEAR}", code="date-range"))
    return out


def _in_range(value: str) -> bool:
    """Whether a date's year lies in FIRST_YEAR to LAST_YEAR; text with no year is left to other checks."""
    year = value[:4]
    return not year.isdigit() or FIRST_YEAR <= int(year) <= LAST_YEAR


@cache
def _zone_ok(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a region such as 'Europe' is a folder of the zone database, and a very
        # long name is longer than a file name may be; neither is a zone.
        return False
    return True


# A familiar zone to suggest for each large region (the first in the alphabet can be obscure).
_AREA_EXAMPLES = {
    "Africa": "Africa/Nairobi", "America": "America/Toronto", "Asia": "Asia/Kolkata",
    "Atlantic": "Atlantic/Reykjavik", "Australia": "Australia/Sydney", "Etc": "Etc/UTC",
    "Europe": "Europe/London", "Indian": "Indian/Mauritius", "Pacific": "Pacific/Auckland",
}


def _zone_hint(name: str) -> str:
    """Why ``name`` is not a zone, and what to write instead."""
    area = sorted(z for z in _zones() if z.startswith(name + "/"))
    if area:
        example = _AREA_EXAMPLES.get(name)
        return f": that is a region; name a zone in it, such as '{example if example in area else area[0]}'"
    return f"{did_you_mean(name, sorted(_zones()))} (use an IANA name such as Europe/London)"


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _entry_runs(doc: Document) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for i, run in enumerate(doc.data.get("runs", ())):
        where = ("runs", i)
        if run["id"] in seen:
            out.append(doc.at((*where, "id"), f"run id '{run['id']}' is already used by runs[{seen[run['id']]}]"))
        seen.setdefault(run["id"], i)
        if "timezone" in run and not _zone_ok(run["timezone"]):
            out.append(doc.at((*where, "timezone"), f"unknown time zone {_shown(run['timezone'], 60)}"
                                                    f"{_zone_hint(run['timezone'])}"))
        parsed: dict[str, When] = {}
        for key in ("start", "end", "registration_deadline"):
            value = str(run.get(key, ""))
            if key in run and _in_range(value):  # out-of-range years are reported by check_date_range
                if (got := when(value)) is None:
                    out.append(doc.at((*where, key), f"runs[{i}].{key} '{value}' is not a real date and time"))
                else:
                    parsed[key] = got
        timed = [k for k in ("start", "end", "registration_deadline") if k in parsed and parsed[k].time is not None]
        if timed and "timezone" not in run:
            out.append(doc.at((*where, timed[0]), f"runs[{i}].{timed[0]} has a time of day, so the run needs "
                                                  "'timezone' (an IANA zone such as Europe/London); leave the time "
                                                  "out if the source gives only the date"))
        start, end = parsed.get("start"), parsed.get("end")
        if start and end and (start.time is None) != (end.time is None) and start.has_day and end.has_day:
            # A calendar event is all-day or timed throughout: a DATE start with a timed end is invalid.
            out.append(doc.at((*where, "end"), f"runs[{i}] start and end must both be dates or both be date-times "
                                               f"(start is '{start.text}', end is '{end.text}')"))
        elif start and end and _later(start, end):
            out.append(doc.at((*where, "end"), f"runs[{i}] ends before it starts"))
        deadline = parsed.get("registration_deadline")
        if start and deadline and _later(start, deadline, strict=True):
            out.append(doc.at((*where, "registration_deadline"), f"runs[{i}] registration closes after the run starts",
                              severity=W))
        stamps = {k: dt.datetime.combine(v.first_day(), v.time or dt.time()) for k, v in parsed.items()}
        rec = run.get("recurrence")
        if rec and start and not start.has_day:
            out.append(doc.at((*where, "start"), f"runs[{i}] repeats, so its start needs a day "
                                                 f"(such as {start.first_day().isoformat()})"))
        if rec and "count" in rec and "until" in rec:
            out.append(doc.at((*where, "recurrence", "until"), "give either 'count' or 'until' for a recurrence, not both",
                              key=True))
        if rec and "until" in rec and "start" in stamps and _in_range(rec["until"]) \
                and _date(rec["until"]) < stamps["start"].date():
            out.append(doc.at((*where, "recurrence", "until"), "recurrence ends before the first session"))
        if rec and "count" in rec and "start" in stamps:
            # The calendar works out when a counted series ends; a long enough one would leave the calendar.
            days = PERIOD_DAYS[rec["frequency"]] * rec.get("interval", 1) * (rec["count"] - 1)
            if stamps["start"].toordinal() + days > dt.date(LAST_YEAR, 12, 31).toordinal():
                out.append(doc.at((*where, "recurrence", "count"),
                                  f"runs[{i}] recurrence goes on past the end of {LAST_YEAR}: sessions must stay within "
                                  f"the years {FIRST_YEAR} to {LAST_YEAR}; check count and interval"))
    return out


def _has_time(value: str) -> bool:
    return "T" in value or " " in value


def _later(start: When, other: When, *, strict: bool = False) -> bool:
    """Whether ``other`` surely comes before ``start`` (``strict``: surely after it), at their precisions."""
    if strict:
        start, other = other, start
    if start.time is not None and other.time is not None:
        return other.local() < start.local()  # type: ignore[operator]
    return other.last_day() < start.first_day()


def _tier_list(tiers: set[int]) -> str:
    """The framework's tiers, as a message gives them: "tiers are 1, 2 or 3"."""
    shown = [str(t) for t in sorted(tiers)]
    return f"tiers are {', '.join(shown[:-1])} or {shown[-1]}" if len(shown) > 1 else f"the only tier is {shown[0]}"


def _entry_tiers(doc: Document, index: Index) -> list[Problem]:
    """Tiers the framework does not have; else warn when the entry's tiers and its competencies disagree."""
    d = doc.data
    unknown = [doc.at(("tiers", i), f"tiers[{i}] is {t}; {_tier_list(index.tiers)}")
               for i, t in enumerate(d["tiers"]) if index.tiers and t not in index.tiers]
    if unknown:  # the tiers are wrong, so comparing them with the competencies would only add noise
        return unknown
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
        if claimed and tier not in claimed:
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


def check_pathways(pathways: list[Document], entries: list[Document], index: Index,
                   known: frozenset[str] = frozenset()) -> list[Problem]:
    """Ids, vocabulary and steps of pathways; ``known`` as for check_entries."""
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
        out += _review_order(doc)
        if index.tiers and d["tier"] not in index.tiers:
            out.append(doc.at(("tier",), f"tier is {d['tier']}; {_tier_list(index.tiers)}"))
        for field in ("professions", "settings", "audiences", "languages"):
            for i, value in enumerate(d.get(field, ())):
                if p := index.unknown(doc, (field, i), field, value):
                    out.append(p)
        steps: dict[str, int] = {}
        for i, step in enumerate(d["steps"]):
            target = step["entry"]
            if target in known and target not in entry_ids:
                continue  # the entry failed its schema, which is reported there
            if target not in entry_ids:
                out.append(doc.at(("steps", i, "entry"), f"step {i + 1}: '{target}' is not an entry in the catalog"
                                                         f"{did_you_mean(target, [*entry_ids, *sorted(known)])}"))
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
                        broken: Iterable[Document] = (), skip: set[tuple[str, int, int]] | None = None,
                        unparsed: Iterable[str] = ()) -> list[Problem]:
    """Every cross-file problem among ``documents`` (all of which passed their schemas).

    ``broken`` documents failed their schema. Their ids still count as known,
    so files that refer to them are not faulted for it; broken entries also get
    their vocabulary ids checked, except at positions in ``skip`` (values the
    schema already faulted). Nothing else in them is looked at. ``unparsed`` are
    the ids (file names) of entry files that could not be parsed at all: known too.
    """
    docs = list(documents)
    broken = list(broken)
    frameworks = [d for d in docs if d.kind is Kind.FRAMEWORK]
    vocabs = [d for d in docs if d.kind is Kind.VOCABULARIES]
    entries = [d for d in docs if d.kind is Kind.ENTRY]
    pathways = [d for d in docs if d.kind is Kind.PATHWAY]
    broken_entries = [d for d in broken if d.kind is Kind.ENTRY]
    known = frozenset([*(claimed_id(d) for d in broken_entries), *unparsed])
    index = Index(frameworks, vocabs[0] if vocabs else None, primary_framework,
                  [d for d in broken if d.kind is Kind.FRAMEWORK])
    out = check_framework(frameworks, vocabs[0] if vocabs else None)
    out += check_entries(entries, index, known)
    out += check_pathways(pathways, entries, index, known)
    for doc in docs:
        out += check_urls(doc)
        out += check_date_range(doc)
    skip = skip or set()
    for doc in broken_entries:
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
    out = [p for p in _entry_refs(shadow, index) if f"'{_SKIP}'" not in p.message]
    tiers = d.get("tiers")
    if isinstance(tiers, list) and index.tiers:  # the schema allows five tiers; the framework may have fewer
        out += [doc.at(("tiers", i), f"tiers[{i}] is {t}; {_tier_list(index.tiers)}") for i, t in enumerate(tiers)
                if isinstance(t, int) and not isinstance(t, bool) and 1 <= t <= 5 and t not in index.tiers]
    return out


# Stands in for a malformed list item so that later items keep their index.
_SKIP = "\x00skip"
