"""Coverage pages and their CSV downloads, listed in generator/features.py.

* ``coverage/``: the plain summary, then the whole catalog's matrix (heatmap and table);
* ``coverage/professions/`` and ``coverage/audiences/``: every group side by side;
* ``coverage/<kind>/<id>/``: one group's matrix, with links to its generated pathways.

Each page has a ``coverage.csv`` beside it with the numbers it shows. One
page per group keeps every page well under the 30 KB budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import TYPE_CHECKING

from ..model import Catalog
from ..pages import urls
from ..pages.html import a, block, esc, front_matter, rel
from ..pathways import audience_pathway_id, profession_pathway_id
from .matrix import KINDS, THIN, Matrix, all_matrices
from .render import matrices_csv, table_html
from .summary import by_tier, summary_html, tally
from .svg import heatmap_svg

if TYPE_CHECKING:
    from ..outputs import Outputs

# The tables' stylesheet (generator/assets/coverage/), linked from coverage pages only.
COVERAGE_CSS = "assets/coverage/coverage.css"


def _title(catalog: Catalog, kind: str) -> tuple[str, str]:
    """(page title, column heading) of a vocabulary's coverage page, in the portal's names."""
    name = catalog.portal.name(kind).name
    return f"Coverage by {name[:1].lower()}{name[1:]}", name


def _intro(here: str) -> str:
    return (f'<link rel="stylesheet" href="{esc(rel(here, COVERAGE_CSS))}">'
            f"<p>How many catalog entries teach each competency of the framework: the training-needs analysis the "
            f"framework is meant for. A <strong>gap</strong> is a competency no entry teaches; <strong>thin</strong> "
            f"means fewer than {THIN} do. Retired entries are not counted. Help close a gap: "
            f"{a(here, 'contribute/', 'suggest a resource')}.</p>")


def _downloads(here: str, kind: str = "", term: str = "", what: str = "these numbers") -> str:
    link = a(here, urls.coverage_csv(kind, term), f"Download {what} (CSV)", download="")
    return f'<p class="portal-download">{link}</p>'


def overview_page(catalog: Catalog, matrices: list[Matrix]) -> str:
    here = urls.coverage()
    overall, groups = matrices[0], matrices[1:]
    kinds = " · ".join(a(here, urls.coverage(k), _title(catalog, k)[0]) for k in KINDS)
    body = (_intro(here) + '<h2 id="summary">Summary</h2>' + summary_html(catalog, overall, groups, here)
            + f'<h2 id="matrix">All entries</h2><p>{overall.entries} entries.</p>' + heatmap_svg(overall)
            + _downloads(here) + table_html(catalog, overall)
            + f'<h2 id="groups">By {" and by ".join(_title(catalog, k)[1].lower() for k in KINDS)}</h2><p>{kinds}</p>')
    return front_matter("Coverage",
                        description="How many catalog entries teach each competency, and where the gaps are.",
                        portal={"kind": "coverage"}) + block(body, "portal-coverage")


def kind_page(catalog: Catalog, kind: str, matrices: list[Matrix]) -> str:
    here = urls.coverage(kind)
    title, noun = _title(catalog, kind)
    tiers = matrices[0].tiers if matrices else ()
    head = "".join(f'<th scope="col">Tier {t}</th>' for t in tiers)
    rows = []
    for m in matrices:
        t = tally(m)
        cells = "".join(f"<td>{x.gaps} gap{'' if x.gaps == 1 else 's'}, {x.thin} thin</td>" for x in by_tier(m))
        rows.append(f'<tr><th scope="row">{a(here, urls.coverage(kind, m.term), m.label)}</th><td>{m.entries}</td>'
                    f'<td>{m.courses}</td><td>{t.gaps}</td>{cells}</tr>')
    body = (_intro(here) + f"<p>{a(here, urls.coverage(), 'Back to the whole catalog')}</p>"
            + f'<div class="portal-coverage-table" role="region" tabindex="0" aria-label="Table: {esc(title)}">'
              f'<table class="portal-coverage-grid"><caption>{esc(title)}: entries, of them training '
              f'(courses, programmes, events), and gaps and thin competencies at each tier</caption><thead><tr><th scope="col">{noun}</th><th scope="col">Entries</th>'
              f'<th scope="col">Training</th><th scope="col">Gaps</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
            + _downloads(here, kind, what="every matrix on this page"))
    return front_matter(title, portal={"kind": "coverage", "group": kind}) + block(body, "portal-coverage")


def _training_note(m: Matrix) -> str:
    """Say plainly when a group has fewer than two training entries: reports alone do not train staff."""
    if m.courses >= 2:
        return f"<p>{m.courses} of them are training (courses, programmes, communities of practice or events).</p>"
    others = m.entries - m.courses
    rest = (f" The other {others} entr{'y is' if others == 1 else 'ies are'} guidance, toolkits or reading."
            if others else "")
    if m.courses == 0:
        return (f'<p class="portal-training-gap"><strong>No training is listed for this group</strong>: the portal '
                f"knows of no course, programme or event.{rest}</p>")
    return (f'<p class="portal-training-gap"><strong>Only one training entry is listed for this group.</strong>'
            f"{rest}</p>")


def term_page(catalog: Catalog, m: Matrix, pathway_ids: set[str]) -> str:
    here = urls.coverage(m.kind, m.term)
    t = tally(m)
    noun = "for this profession" if m.kind == "professions" else "focused on this group"
    facts = (f"<p>{m.entries} entr{'y is' if m.entries == 1 else 'ies are'} {noun}. Of the {t.total} competencies, "
             f"{t.gaps} {'has' if t.gaps == 1 else 'have'} no entry and {t.thin} {'is' if t.thin == 1 else 'are'} "
             f"thin. " + "; ".join(f"{x.label}: {x.words()}" for x in by_tier(m)) + ".</p>")
    facts += _training_note(m)
    if m.kind == "professions":
        wanted = [(profession_pathway_id(m.term, tier), f"Tier {tier}") for tier in m.tiers]
    else:
        wanted = [(audience_pathway_id(m.term), "Focused pathway")]
    links = [a(here, urls.pathway(pid), text) for pid, text in wanted if pid in pathway_ids]
    paths = f"<p>Generated pathways: {' · '.join(links)}</p>" if links else ""
    body = (f'<link rel="stylesheet" href="{esc(rel(here, COVERAGE_CSS))}">' + facts + paths
            + f"<p>{a(here, urls.facet(m.kind, m.term), 'The entries')} · "
            f"{a(here, urls.coverage(m.kind), _title(catalog, m.kind)[0])} · {a(here, urls.coverage(), 'Whole catalog')}</p>"
            + heatmap_svg(m) + _downloads(here, m.kind, m.term) + table_html(catalog, m))
    return front_matter(f"Coverage: {m.label}", search={"exclude": True},
                        portal={"kind": "coverage", "group": m.kind, "id": m.term}) + block(body, "portal-coverage")


def coverage_pages(outputs: Outputs) -> dict[str, str]:
    """Every coverage page, keyed by URL (a PAGE_SOURCES function)."""
    catalog = outputs.catalog
    matrices = all_matrices(catalog)
    pathway_ids = {p.id for p in outputs.generated_pathways}
    out = {urls.coverage(): overview_page(catalog, matrices)}
    for kind in KINDS:
        mine = [m for m in matrices if m.kind == kind]
        out[urls.coverage(kind)] = kind_page(catalog, kind, mine)
        for m in mine:
            out[urls.coverage(kind, m.term)] = term_page(catalog, m, pathway_ids)
    return out


def coverage_files(outputs: Outputs) -> Iterator[tuple[str, bytes]]:
    """The stylesheet, and the CSV beside each coverage page (an ASSET_SOURCES function)."""
    yield COVERAGE_CSS, (resources.files("generator") / "assets" / "coverage" / "coverage.css").read_bytes()
    catalog = outputs.catalog
    matrices = all_matrices(catalog)
    yield urls.coverage_csv(), matrices_csv(catalog, matrices[:1]).encode("utf-8")
    for kind in KINDS:
        mine = [m for m in matrices if m.kind == kind]
        yield urls.coverage_csv(kind), matrices_csv(catalog, mine).encode("utf-8")
        for m in mine:
            yield urls.coverage_csv(kind, m.term), matrices_csv(catalog, [m]).encode("utf-8")
