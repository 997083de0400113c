"""A tiny framework and builders for hand-made catalogs, so each test states exactly what it needs."""

from __future__ import annotations

from typing import Any

from generator.model import Catalog, Entry, Framework, Pathway, Vocabularies

SUBJECTS = ("talk", "care", "grief")  # three subjects × three tiers = nine competencies, e.g. "talk-t2"


def framework() -> Framework:
    return Framework.from_data({
        "id": "fw", "version": "1", "title": "Test framework",
        "tiers": [{"tier": t, "name": f"Tier {t} name", "summary": "s"} for t in (1, 2, 3)],
        "domains": [{"id": "d", "name": "Domain", "summary": "s"}],
        "subjects": [{"id": s, "name": s.title(), "domain": "d", "summary": "s"} for s in SUBJECTS],
        "competencies": [{"id": f"{s}-t{t}", "subject": s, "tier": t, "statement": f"{s} at {t}"}
                         for s in SUBJECTS for t in (1, 2, 3)],
    })


def vocab() -> Vocabularies:
    return Vocabularies.from_data({
        "professions": [{"id": "nurse", "label": "Nurse"}, {"id": "porter", "label": "Porter"}],
        "audiences": [{"id": "homelessness", "label": "People experiencing homelessness"}],
        "cost": [{"id": c, "label": c} for c in ("free", "free-registration", "free-eligible-staff", "member-only", "paid")],
    })


def entry(id: str, competencies: list[str], *, tiers: list[int] | None = None, **extra: Any) -> Entry:  # noqa: A002
    data = {"id": id, "type": "course", "title": f"Title of {id}", "url": f"https://example.org/{id}",
            "summary": "s", "tiers": tiers or sorted({int(c[-1]) for c in competencies} or {1}),
            "competencies": competencies, "review_by": "2030-01-01", "provider": "Provider", "professions": ["nurse"],
            "cost": "free", **extra}
    return Entry.from_data(data)


def catalog(*entries: Entry, pathways: tuple[Pathway, ...] = ()) -> Catalog:
    return Catalog(framework(), vocab(), {e.id: e for e in entries}, {p.id: p for p in pathways})
