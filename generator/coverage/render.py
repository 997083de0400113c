"""The same numbers as the heatmap, as an HTML table and as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..i18n import _, mark, mark_format
from ..model import Catalog
from ..pages.html import esc
from .matrix import Matrix, status

CSV_COLUMNS = ("scope", "scope_id", "scope_label", "domain", "subject", "competency", "tier", "entries", "status")


def table_html(catalog: Catalog, m: Matrix) -> str:
    """Subjects by tier, grouped under their domains; gaps and thin cells say so in words."""
    head = "".join(f'<th scope="col">{mark(_("Tier {number}").format(number=t))}</th>' for t in m.tiers)
    rows = []
    domain = None
    for row in m.rows:
        if row.domain != domain:
            domain = row.domain
            name = catalog.framework.domains[domain].name if domain in catalog.framework.domains else domain
            rows.append(f'<tr><th colspan="{len(m.tiers) + 1}" scope="colgroup">{mark(name)}</th></tr>')
        cells = []
        for c in row.cells:
            if c is None:
                cells.append('<td>—</td>')
                continue
            n = m.counts[c]
            word = {"gap": _("(gap)"), "thin": _("(thin)")}.get(status(n), "")
            cells.append(f'<td class="portal-{status(n)}">{n}{" " + mark(word) if word else ""}</td>')
        rows.append(f'<tr><th scope="row">{mark(row.name)}</th>{"".join(cells)}</tr>')
    # Classed, so Material leaves it alone: coverage.css keeps it phone-sized, and the region scrolls by keyboard.
    table = _("Table: {name}").format(name=m.label)
    caption = mark_format(_("Entries teaching each competency: {group}"), group=m.label)
    return (f'<div class="portal-coverage-table" role="region" tabindex="0" aria-label="{esc(table)}">'
            f'<table class="portal-coverage-grid"><caption>{caption}'
            f'</caption><thead><tr><th scope="col">{mark(_("Subject"))}</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (labels are curators' text)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def matrices_csv(catalog: Catalog, matrices: Iterable[Matrix]) -> str:
    """One row per competency per matrix (long format), with a header; UTF-8 with a BOM for Excel."""
    fw = catalog.framework
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in matrices:
        for row, tier, c, n in m.cells():
            domain = fw.domains[row.domain].name if row.domain in fw.domains else row.domain
            writer.writerow([_cell(v) for v in (m.kind or "all", m.term, m.label, domain, row.name, c, tier, n,
                                                status(n))])
    return "\ufeff" + buf.getvalue()
