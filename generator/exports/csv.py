"""The catalog as one CSV file for commissioners: one row per entry, lists joined with '; '.

It opens straight in a spreadsheet: UTF-8 with a byte-order mark (so Excel
reads the accents right), vocabulary labels rather than ids where people read
them, and text that would start a formula is defused with a leading
apostrophe, because catalog text is untrusted.
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from typing import TYPE_CHECKING

from ..model import Entry, Run
from ..pages import urls
from ..pages.entry import cost_text, credit_text, languages_text
from .common import absolute, build_time, entry_updated
from .feeds import is_upcoming

if TYPE_CHECKING:
    from ..outputs import Outputs

SEPARATOR = "; "
COLUMNS = (
    "id", "title", "type", "status", "provider", "url", "page", "summary", "tiers", "competencies",
    "competency_subjects", "professions", "settings", "audiences", "disease_groups", "formats", "resource_types",
    "languages", "countries", "cost", "cost_details", "prices", "eligible", "sign_in", "minutes", "time",
    "credits", "next_run", "runs", "review_by", "updated", "part_of", "aliases",
    # Added later; new columns go at the end so that existing readers keep their positions.
    "learners", "age_groups", "enrolment", "requirements", "recognition", "attendance_record", "assessment",
    "modules", "launched", "finished_on", "note", "related", "how_to_find", "reviewed", "licence",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet whose list separator is ';' (most of Europe) splits an unquoted line at each ';',
# so text after a ';' starts a cell of its own, and may start a formula there.
_AFTER_SEMICOLON = re.compile(r"(;[ \t\r\n]*)(?=[=+\-@\t\r])")


def defuse(text: str) -> str:
    """Stop a spreadsheet from running catalog text as a formula (CSV injection), wherever a cell may start."""
    text = _AFTER_SEMICOLON.sub(r"\1'", text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _join(values: object) -> str:
    return SEPARATOR.join(str(v) for v in values)  # type: ignore[attr-defined]


def entry_row(outputs: Outputs, entry: Entry) -> dict[str, str]:
    catalog = outputs.catalog
    v = catalog.vocab
    fw = catalog.framework

    def labels(kind: str, ids: tuple[str, ...]) -> str:
        return _join(v.label(kind, i) for i in ids)

    subjects = dict.fromkeys(fw.subject_of(c).name for c in entry.competencies if c in fw.competencies)
    runs = sorted(entry.runs, key=lambda r: r.start)
    now = build_time()
    upcoming = [] if entry.status in ("retired", "finished") else [r for r in runs if r.status != "cancelled" and is_upcoming(r, now)]

    row = {
        "id": entry.id, "title": entry.title, "type": entry.type, "status": entry.status,
        "provider": _join(o.name for o in entry.providers), "url": entry.url,
        "page": absolute(outputs, urls.entry(entry.id)), "summary": entry.summary,
        "tiers": _join(entry.tiers), "competencies": _join(entry.competencies),
        "competency_subjects": _join(subjects), "professions": labels("professions", entry.professions),
        "settings": labels("settings", entry.settings), "audiences": labels("audiences", entry.audiences),
        "disease_groups": labels("disease_groups", entry.disease_groups), "formats": labels("formats", entry.formats),
        "resource_types": labels("resource_types", entry.resource_types),
        "languages": languages_text(catalog, entry).replace(", ", "; "), "countries": _join(entry.countries),
        "cost": v.label("cost", entry.cost) if entry.cost else "",
        "cost_details": cost_text(catalog, entry) if entry.cost else "",
        "prices": _join(f"{p.amount:g} {p.currency}" + (f" per {p.per}" if p.per != "course" else "")
                        + (f" ({p.who})" if p.who else "") for p in entry.prices),
        "eligible": entry.eligible, "sign_in": labels("sign_in", entry.sign_in),
        "minutes": str(entry.minutes) if entry.minutes else "",
        "time": entry.duration.describe() if entry.duration else "",
        # credit_text is escaped for pages; the CSV wants the plain text back.
        "credits": _join(unescape(c) for c in credit_text(catalog, entry)),
        "next_run": _when(upcoming[0]) if upcoming else "",
        "runs": _join(f"{r.id}: {_when(r)}{', ' + r.status if r.status else ''}" for r in runs),
        "review_by": entry.review_by, "updated": entry_updated(entry), "part_of": entry.part_of,
        "aliases": _join(entry.aliases),
        "learners": labels("learners", entry.learners), "age_groups": labels("age_groups", entry.age_groups),
        "enrolment": entry.enrolment, "requirements": entry.requirements,
        "recognition": _join(" · ".join(x for x in (r.name, r.body, r.note) if x) for r in entry.recognition),
        "attendance_record": entry.attendance_record,
        "assessment": entry.assessment + (f": {entry.assessment_note}" if entry.assessment_note else ""),
        "modules": _join((f"{p.code}: " if p.code else "") + p.title + (" (optional)" if p.optional else "")
                         for p in entry.parts),
        "launched": entry.launched, "finished_on": entry.finished_on, "note": entry.note,
        "related": _join(f"{r.relation}: {r.id}" for r in entry.related), "how_to_find": entry.how_to_find,
        "reviewed": entry.reviewed,  # as in the API; 'updated' falls back to the newest source check
        "licence": f"{licence.name} ({licence.url})" if (licence := outputs.settings.licence) else "",
    }
    return {k: defuse(str(val)) for k, val in row.items()}


def _when(run: Run) -> str:
    """A run's start as written, with its zone when it has a time of day."""
    return f"{run.start} ({run.timezone})" if run.timezone else run.start


def catalog_csv(outputs: Outputs) -> str:
    """The whole catalog, retired entries included (their status says so), sorted by id."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in outputs.catalog.entries.values():
        writer.writerow(entry_row(outputs, entry))
    return "\ufeff" + buffer.getvalue()
