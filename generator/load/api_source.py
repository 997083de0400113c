"""Another portal's published catalog, read from its JSON API (version 1) as entry and pathway files.

A portal built by this generator publishes every entry at ``api/v1/entries/<id>.json``
and every pathway at ``api/v1/pathways/<id>.json`` (generator/exports/api.py). A
source given as ``api:`` names that folder, the published site holding it, or one of
its index files; each document is turned back into the shape a curator writes, so it
goes through the same checks, filters and layering as any other file. Only files on
disk are read: the build needs no network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

API_VERSION = "1"


def api_folder(path: Path) -> Path | None:
    """The ``api/v1`` folder that ``path`` (the folder itself, a published site, or a file in it) names."""
    if path.is_file():
        path = path.parent
    for candidate in (path, path / "api" / "v1", path / "v1"):
        if (candidate / "index.json").is_file() and (candidate / "entries").is_dir():
            return candidate
    return None


def curated_pathways(folder: Path) -> list[str]:
    """Ids of the published pathways a curator wrote (the generated ones are worked out again here)."""
    try:
        listed = json.loads((folder / "pathways.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    items = listed.get("pathways") if isinstance(listed, dict) else None
    return sorted(p["id"] for p in items or () if isinstance(p, dict) and isinstance(p.get("id"), str)
                  and p.get("generated") is False)


def about(folder: Path) -> dict[str, Any]:
    """The publishing portal's name, address and licence, and the API version, from its index document."""
    try:
        index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return index if isinstance(index, dict) else {}


def _given(d: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The ``keys`` of ``d`` that hold something: the API writes null and [] where a curator leaves a field out."""
    return {k: d[k] for k in keys if d.get(k) not in (None, [], {}, "", False)}


def _minutes(value: Any) -> str | None:
    return f"{value}m" if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _credits(credits: Any, none: Any) -> Any:
    if none is True:
        return "none"
    if not isinstance(credits, list) or not credits:
        return None
    out = []
    for c in credits:
        item = _given(c, "type", "amount", "up_to", "body", "professions", "members_only", "note", "level")
        if c.get("per") not in (None, "course"):
            item["per"] = c["per"]
        if c.get("amount") == 0:
            item["amount"] = 0
        out.append(item)
    return out


def _duration(d: Any) -> Any:
    if not isinstance(d, dict):
        return None
    out: dict[str, Any] = {}
    if total := _minutes(d.get("minutes")):
        out["total"] = total
    if per := _minutes(d.get("per_session_minutes")):
        out["per_session"] = per
    out |= _given(d, "sessions", "note")
    span = d.get("span_days")
    if isinstance(span, float) and span.is_integer():
        span = int(span)
    if isinstance(span, int) and not isinstance(span, bool) and span > 0:
        if span % 7 == 0 or "total" in out:
            out["weeks"] = span // 7 if span % 7 == 0 else round(span / 7, 2)
        else:
            out["total"] = f"{span}d"
    return out or None


def _run(r: dict[str, Any]) -> dict[str, Any]:
    out = _given(r, "id", "title", "start", "end", "timezone", "registration_deadline", "capacity", "location",
                 "online", "url", "status", "inferred", "approximate")
    rec = r.get("recurrence")
    if isinstance(rec, dict):
        out["recurrence"] = _given(rec, "frequency", "count", "until", "by_day", "except_months", "except_dates")
        if rec.get("interval") not in (None, 1):
            out["recurrence"]["interval"] = rec["interval"]
    return out


def entry_data(doc: dict[str, Any]) -> dict[str, Any]:
    """A published entry document in the shape of an entry file."""
    out = _given(doc, "id", "type", "title", "title_lang", "url", "shared_url", "how_to_find", "summary", "note",
                 "tiers", "competencies", "professions", "learners", "settings", "audiences", "age_groups",
                 "disease_groups", "formats", "resource_types", "languages", "countries", "attendance_record",
                 "review_by", "reviewed", "launched", "paused_until", "finished_on", "retired_on", "inferred",
                 "approximate", "part_of", "code", "prerequisites", "companions", "aliases", "learning_outcomes",
                 "keywords")
    if doc.get("status") not in (None, "active"):
        out["status"] = doc["status"]
    providers = [_given(o, "name", "url", "parent") | ({"role": o["role"]} if o.get("role") != "provider" else {})
                 for o in doc.get("providers") or () if isinstance(o, dict)]
    if providers:
        out["provider"] = providers
    cost = doc.get("cost")
    if isinstance(cost, dict) and cost.get("model"):
        prices = [_given(p, "amount", "currency", "who") | ({"per": p["per"]} if p.get("per") != "course" else {})
                  for p in cost.get("prices") or ()]
        out["cost"] = ({"model": cost["model"], **({"prices": prices} if prices else {}),
                        **_given(cost, "note")} if prices or cost.get("note") else cost["model"])
    access = _given(doc.get("access") or {}, "eligible", "sign_in", "open_sample", "enrolment", "requirements",
                    "account")
    if access:
        out["access"] = access
    if duration := _duration(doc.get("duration")):
        out["duration"] = duration
    if (credits := _credits(doc.get("credits"), doc.get("credits_none"))) is not None:
        out["credits"] = credits
    if recognition := [_given(r, "body", "name", "note") for r in doc.get("recognition") or ()]:
        out["recognition"] = recognition
    assessment = doc.get("assessment")
    if isinstance(assessment, dict) and assessment.get("type"):
        out["assessment"] = ({"type": assessment["type"], "note": assessment["note"]} if assessment.get("note")
                             else assessment["type"])
    parts = []
    for m in doc.get("modules") or ():
        part = _given(m, "title", "title_lang", "code", "order", "optional", "url")
        if duration := _minutes(m.get("minutes")):
            part["duration"] = duration
        if (credits := _credits(m.get("credits"), m.get("credits_none"))) is not None:
            part["credits"] = credits
        parts.append(part)
    if parts:
        out["parts"] = parts
    if related := [_given(r, "id", "relation") for r in doc.get("related") or ()]:
        out["related"] = related
    if runs := [_run(r) for r in doc.get("runs") or () if isinstance(r, dict)]:
        out["runs"] = runs
    if sources := [_given(s, "url", "checked", "note") for s in doc.get("sources") or ()]:
        out["sources"] = sources
    return out


def pathway_data(doc: dict[str, Any]) -> dict[str, Any]:
    """A published curated pathway in the shape of a pathway file."""
    out = _given(doc, "id", "title", "summary", "tier", "curator", "review_by", "professions", "settings",
                 "audiences", "languages", "aliases")
    if doc.get("for"):
        out["for"] = doc["for"]
    steps = []
    for s in doc.get("steps") or ():
        step = _given(s, "entry", "reason", "optional", "modules")
        if time := _minutes(s.get("estimated_minutes")):
            step["time"] = time
        steps.append(step)
    out["steps"] = steps
    return out


def from_api(kind: str, doc: Any) -> tuple[dict[str, Any] | None, str]:
    """``doc`` as a curator's file of ``kind`` ('entry' or 'pathway'), or None and why it cannot be read."""
    if not isinstance(doc, dict):
        return None, "not a document of the JSON API: expected an object"
    version = doc.get("api_version")
    if version != API_VERSION:
        return None, (f"published with API version {version!r}; this generator reads version {API_VERSION!r} "
                      "(build the source portal with a generator of the same major version)")
    return (entry_data(doc) if kind == "entry" else pathway_data(doc)), ""
