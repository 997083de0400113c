"""The framework pages: an overview, and one page per competency statement."""

from __future__ import annotations

from ..model import Catalog
from . import urls
from .entry import entry_card
from .html import a, block, esc, ext, front_matter, ul

# A competency page lists what teaches it; past this many, the catalog's filters take over.
# 40 cards keep the page under the 30 KB HTML budget (at 60 it measured 30.4 KB; benchmarks/).
MAX_LISTED = 40


def competency_pages(catalog: Catalog) -> dict[str, str]:
    fw = catalog.framework
    out: dict[str, str] = {}
    index = urls.competencies()
    sections = []
    for domain in fw.domains.values():
        subjects = [s for s in fw.subjects.values() if s.domain == domain.id]
        rows = []
        for s in subjects:
            cells = []
            for t in sorted(fw.tiers):
                comp = next((c for c in fw.competencies.values() if c.subject == s.id and c.tier == t), None)
                if comp:
                    n = len(catalog.by_competency.get(comp.id, []))
                    cells.append(a(index, urls.competency(comp.id), f"Tier {t}") + f' <span class="portal-count">({n})</span>')
            code = f" ({esc(s.code)})" if s.code else ""
            rows.append(f"<strong>{esc(s.name)}</strong>{code}: " + " · ".join(cells))
        sections.append(f"<h2 id=\"{esc(domain.id)}\">{esc(domain.name)}</h2><p>{esc(domain.summary)}</p>{ul(rows)}")
    note = f"<p>{esc(fw.summary)}</p>" if fw.summary else ""
    src = ul(ext(s["url"], s.get("title") or s["url"]) for s in fw.sources[:6]) if fw.sources else ""
    out[index] = front_matter(f"Competencies: {fw.short_title or fw.title}") + block(
        f"<p>{esc(fw.title)}, version {esc(fw.version)}.</p>{note}"
        f"<p>Numbers in brackets count the catalog entries that teach each statement.</p>"
        + "".join(sections) + (f"<h2>Sources</h2>{src}" if src else ""), "portal-framework")
    for comp in fw.competencies.values():
        here = urls.competency(comp.id)
        subject = fw.subjects[comp.subject]
        domain = fw.domains[subject.domain]
        teaching = [catalog.entries[e] for e in catalog.by_competency.get(comp.id, []) if catalog.entries[e].status != "retired"]
        teaching.sort(key=lambda e: (e.minutes is None, e.minutes or 0, e.title.lower()))
        listed = teaching[:MAX_LISTED]
        others = [c for c in fw.competencies.values() if c.subject == comp.subject and c.id != comp.id]
        body = (f'<p class="portal-kicker">{esc(domain.name)} · {a(here, urls.tier(comp.tier), f"Tier {comp.tier}")}</p>'
                f'<p class="portal-summary">{esc(comp.statement)}</p>')
        if comp.indicators:
            body += "<h2>What it looks like in practice</h2>" + ul(esc(i) for i in comp.indicators)
        body += f"<h2>What teaches it ({len(teaching)})</h2>"
        if listed:
            body += '<ul class="portal-list" data-search-exclude>' + "".join(entry_card(catalog, here, e) for e in listed) + "</ul>"
            if len(teaching) > len(listed):
                body += f"<p>{a(here, urls.catalog(), f'See all {len(teaching)} in the catalog')}</p>"
        else:
            body += "<p><strong>Nothing in the catalog teaches this yet.</strong> It is a gap: " \
                    f"{a(here, 'contribute/', 'suggest a resource')}.</p>"
        if others:
            body += "<h2>Same subject, other tiers</h2>" + ul(
                a(here, urls.competency(o.id), f"Tier {o.tier}: {o.statement}") for o in sorted(others, key=lambda c: c.tier))
        if comp.crosswalk:
            body += "<h2>Matching parts of other frameworks</h2>" + ul(
                f"{esc(k.upper())}: {esc(', '.join(v))}" for k, v in comp.crosswalk)
        out[here] = front_matter(f"{subject.name} (tier {comp.tier})", description=comp.statement[:300],
                                 portal={"kind": "competency", "id": comp.id}) + block(body, "portal-competency")
    return out
