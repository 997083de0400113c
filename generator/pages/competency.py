"""The framework pages: an overview, and one page per competency statement."""

from __future__ import annotations

from ..model import Catalog
from ..model.framework import Framework, Provenance, Subject
from . import urls
from .badges import entry_card
from .html import a, block, esc, ext, front_matter, ul

# A competency page lists what teaches it; past this many, the catalog's filters take over.
# 40 cards keep the page under the 30 KB HTML budget (at 60 it measured 30.4 KB; benchmarks/).
MAX_LISTED = 20  # each card carries its badges: 20 keep the page within the 30 KB budget


def provenance_text(prov: Provenance, what: str = "") -> str:
    """A plain sentence on where something comes from; empty when nothing was stated."""
    if not prov.status:
        return ""
    label = f"{prov.label}{' ' + what if what else ''}"
    note = f" {esc(prov.note)}" if prov.note else ""
    source = f" ({ext(prov.source, 'source')})" if prov.source else ""
    return f'<span class="portal-provenance" data-provenance="{esc(prov.status)}"><strong>{esc(label)}.</strong>{note}{source}</span>'


def subject_label(s: Subject) -> str:
    """A subject's name, with its number only when the number is the framework's own."""
    if s.public_code:
        return f"<strong>{esc(s.name)}</strong> (subject {esc(s.public_code.lstrip('Ss'))}, confirmed)"
    mark = "number unconfirmed" if s.code else "the portal's own subject" if s.provenance.status == "portal" else ""
    return f"<strong>{esc(s.name)}</strong>" + (f' <span class="portal-provenance-mark">({mark})</span>' if mark else "")


def crosswalk_name(fw: Framework, key: str) -> str:
    cw = fw.crosswalks.get(key)
    return cw.name if cw else key.upper()


def _framework_intro(fw: Framework, here: str) -> str:
    parts = [f"<p>{esc(fw.title)}, version {esc(fw.version)}.</p>"]
    if fw.summary:
        parts.append(f"<p>{esc(fw.summary)}</p>")
    if fw.scope.note:
        parts.append(f"<p><strong>Scope.</strong> {esc(fw.scope.note)}</p>")
    if fw.note:
        parts.append(f'<div class="admonition note"><p class="admonition-title">What is the framework\'s and what is the portal\'s</p>'
                     f"<p>{esc(fw.note)}</p><p>{a(here, urls.framework_provenance(), 'Where each part comes from')}</p></div>")
    succ = fw.successor
    if succ:
        parts.append(f"<h2 id=\"next-version\">Next version: {esc(succ.get('title', ''))}</h2><p>{esc(succ.get('note', ''))}</p>")
    tiers = []
    for t in (fw.tiers[n] for n in sorted(fw.tiers)):
        mark = f' <span class="portal-provenance-mark">({esc(t.provenance.label.lower())} wording)</span>' if t.provenance.status else ""
        tiers.append(f"<strong>{a(here, urls.tier(t.tier), f'Tier {t.tier}: {t.name}')}</strong>{mark}. {esc(t.summary)}")
    parts.append("<h2 id=\"tiers\">Tiers</h2>" + ul(tiers))
    return "".join(parts)


def _provenance_page(fw: Framework) -> str:
    """The long account: each tier's, the grouping's and each crosswalk's provenance, and the sources."""
    here = urls.framework_provenance()
    tiers = []
    for t in (fw.tiers[n] for n in sorted(fw.tiers)):
        levels = "; ".join(f"{esc(crosswalk_name(fw, k))}: {esc(v)}" for k, v in t.crosswalk)
        tiers.append(f"<strong>Tier {t.tier}: {esc(t.name)}.</strong> {provenance_text(t.provenance, 'tier definition')}"
                     + (f"<br>Matching levels elsewhere: {levels}." if levels else ""))
    layer = fw.domain_layer
    layer_prov = provenance_text(Provenance.from_data(layer.get("provenance")))
    subjects = ul(f"{subject_label(s)}. {provenance_text(s.provenance)}" for s in fw.subjects.values() if s.provenance.status)
    crosswalks = ul(f"<strong>{esc(c.name)}</strong>. {provenance_text(c.provenance, 'mapping')}" for c in fw.crosswalks.values())
    src = ul(ext(s["url"], s.get("title") or s["url"]) + (f" (checked {esc(s['checked'])})" if s.get("checked") else "")
             for s in fw.sources)
    succ_src = ul(ext(s["url"], s.get("title") or s["url"]) for s in fw.successor.get("sources", ()))
    body = (f"<p>{a(here, urls.competencies(), fw.short_title or fw.title)}: what a primary source confirms, what comes "
            "from a secondary source and is not yet confirmed, and what is the portal's own.</p>"
            + "<h2 id=\"tiers\">Tiers</h2>" + ul(tiers)
            + (f"<h2 id=\"grouping\">{esc(layer.get('name', 'Domains'))}</h2><p>{layer_prov}</p>" if layer_prov else "")
            + (f"<h2 id=\"subjects\">Subjects</h2>{subjects}" if subjects else "")
            + (f"<h2 id=\"statements\">Statements</h2><p>{provenance_text(fw.statements_provenance)}</p>"
               if fw.statements_provenance.status else "")
            + (f"<h2 id=\"crosswalks\">Other frameworks</h2>{crosswalks}" if fw.crosswalks else "")
            + (f"<h2 id=\"sources\">Sources</h2>{src}" if fw.sources else "")
            + (f"<h2 id=\"next-version\">Sources on the next version</h2>{succ_src}" if fw.successor.get("sources") else ""))
    return front_matter(f"Where the framework comes from: {fw.short_title or fw.title}") + block(body, "portal-framework")


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
                    own = " *" if fw.competencies[comp.id].provenance.status == "portal" else ""
                    cells.append(a(index, urls.competency(comp.id), f"Tier {t}") + esc(own)
                                 + f' <span class="portal-count">({n})</span>')
            rows.append(f"{subject_label(s)}: " + " · ".join(cells))
        sections.append(f"<h3 id=\"{esc(domain.id)}\">{esc(domain.name)}</h3><p>{esc(domain.summary)}</p>{ul(rows)}")
    layer = fw.domain_layer
    layer_name = layer.get("name") or "Domains"
    layer_intro = f"<p>{esc(layer['summary'])}</p>" if layer.get("summary") else ""
    layer_prov = provenance_text(Provenance.from_data(layer.get("provenance")))
    statements = fw.statements_provenance
    legend = ("<p>Numbers in brackets count the catalog entries that teach each statement. "
              "A subject number is shown only where a primary source confirms it."
              + (f" Every statement is {esc(statements.label.lower())}: {esc(statements.note)}" if statements.status == "portal" else "")
              + " A star (*) marks a statement the framework may not have at that tier at all.</p>")
    out[index] = front_matter(f"Competencies: {fw.short_title or fw.title}") + block(
        _framework_intro(fw, index)
        + f"<h2 id=\"subjects\">Subjects, grouped by {esc(layer_name)}</h2>{layer_intro}"
        + (f"<p>{layer_prov}</p>" if layer_prov else "") + legend
        + "".join(sections)
        + f"<p>{a(index, urls.framework_provenance(), 'Where each part comes from, and the sources')}</p>", "portal-framework")
    out[urls.framework_provenance()] = _provenance_page(fw)
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
        prov = provenance_text(fw.statement_provenance(comp.id), "statement")
        if prov:
            body += f"<p>{prov}</p>"
        if subject.public_code:
            body += f"<p>Framework subject {esc(subject.public_code.lstrip('Ss'))} (confirmed).</p>"
        if comp.indicators:
            body += "<h2>What it looks like in practice</h2>" + ul(esc(i) for i in comp.indicators)
        body += f"<h2>What teaches it ({len(teaching)})</h2>"
        if listed:
            body += '<ul class="portal-list" data-search-exclude>' + "".join(entry_card(catalog, here, e, summary=0) for e in listed) + "</ul>"
            if len(teaching) > len(listed):
                body += f"<p>{a(here, urls.catalog(), f'See all {len(teaching)} in the catalog')}</p>"
        else:
            body += "<p><strong>Nothing in the catalog teaches this yet.</strong> It is a gap: " \
                    f"{a(here, 'contribute/', 'suggest a resource')}.</p>"
        if others:
            body += "<h2>Same subject, other tiers</h2>" + ul(
                a(here, urls.competency(o.id), f"Tier {o.tier}: {o.statement}") for o in sorted(others, key=lambda c: c.tier))
        if comp.crosswalk:
            body += ("<h2>Matching parts of other frameworks</h2>"
                     "<p>These matches are the portal's own judgement; the names are each framework's own.</p>" + ul(
                         f"{esc(crosswalk_name(fw, k))}: {esc(', '.join(v))}" for k, v in comp.crosswalk))
        out[here] = front_matter(f"{subject.name} (tier {comp.tier})", description=comp.statement[:300],
                                 portal={"kind": "competency", "id": comp.id}) + block(body, "portal-competency")
    return out
