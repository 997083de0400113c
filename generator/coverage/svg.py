"""The coverage heatmap as inline SVG: no JavaScript, a text alternative, and the numbers written in.

Colour is never the only signal (WCAG 1.4.1): every cell shows its count,
gaps also get a dashed outline, and the legend names each band. Text on
each fill has at least 4.5:1 contrast. Labels use ``currentColor`` so the
picture follows Material's light and dark schemes.
"""

from __future__ import annotations

from ..i18n import N_, _, ngettext
from ..pages.html import esc, lang_of
from .matrix import THIN, Matrix

# Narrow enough that a phone shrinks it little: about 10 px text on a 360 px screen.
LABEL_W = 262
CELL_W = 56
CELL_H = 26
HEAD_H = 26
LEGEND_H = 40
FONT = 13
MAX_LABEL = 34  # characters; longer subject names are shortened here (the table has them in full)

# (lowest count, fill, text colour, legend label); the first band is the gap.
BANDS = (
    (0, "#fde8e6", "#8a1c13", N_("0: gap")),
    (1, "#deebf7", "#08306b", N_("1–{last}: thin")),
    (THIN, "#9ecae1", "#08306b", "{first}–5"),
    (6, "#4292c6", "#000000", "6–10"),
    (11, "#08519c", "#ffffff", N_("11 or more")),
)
GAP_STROKE = ' stroke="#b3261e" stroke-width="2" stroke-dasharray="4 3"'


def band(count: int) -> tuple[int, str, str, str]:
    return [b for b in BANDS if count >= b[0]][-1]


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1].rstrip(" ,") + "…"


def heatmap_svg(m: Matrix, uid: str = "heatmap") -> str:
    """The matrix as an SVG image, labelled by its <title> and <desc>.

    Cells are drawn as short paths and grouped by what they share (fill,
    anchor) because the picture repeats on every coverage page and pages
    must stay under 30 KB. A count's cell is found from its position:
    row ``(y - HEAD_H) // CELL_H``, column ``(x - LABEL_W) // CELL_W``.
    """
    width = LABEL_W + CELL_W * len(m.tiers) + 4
    height = HEAD_H + CELL_H * len(m.rows) + LEGEND_H
    gaps, thin = len(m.gaps()), len(m.thin())
    title = _("Entries teaching each competency: {group}").format(group=m.label)
    desc = " ".join((
        _("Rows are the framework's subjects and columns its tiers; each cell shows how many catalog entries teach "
          "that competency."),
        ngettext("{n} competency has no entry (a gap, outlined with a dashed line)",
                 "{n} competencies have no entry (a gap, outlined with a dashed line)", gaps).format(n=gaps),
        ngettext("and {n} is thinly covered (1 or {last} entries).", "and {n} are thinly covered (1 or {last} entries).",
                 thin).format(n=thin, last=THIN - 1),
        _("The same numbers are in the table below and in the CSV file.")))
    heads, labels, cells, counts = [], [], [], []
    for i, t in enumerate(m.tiers):
        heads.append(f'<text x="{LABEL_W + CELL_W * i + CELL_W // 2}" y="{HEAD_H - 8}">'
                     f'{esc(_("Tier {number}").format(number=t))}</text>')
    for r, row in enumerate(m.rows):
        y = HEAD_H + CELL_H * r
        labels.append(f'<text x="{LABEL_W - 8}" y="{y + CELL_H // 2 + 4}"{lang_of(row.name)}>{esc(_short(row.name))}</text>')
        for i, c in enumerate(row.cells):
            if c is None:
                continue
            n = m.counts[c]
            _low, fill, ink, _label = band(n)
            x = LABEL_W + CELL_W * i
            cells.append(f'<path d="M{x + 1} {y + 1}h{CELL_W - 2}v{CELL_H - 2}h-{CELL_W - 2}z" fill="{fill}"'
                         f'{GAP_STROKE if n == 0 else ""}/>')
            counts.append(f'<text x="{x + CELL_W // 2}" y="{y + CELL_H // 2 + 4}" fill="{ink}">{n}</text>')
    legend = []
    x, y = 4, HEAD_H + CELL_H * len(m.rows) + 14
    for low, fill, _ink, words in BANDS:
        label = _(words).format(first=THIN, last=THIN - 1)
        legend.append(f'<path d="M{x} {y}h16v16h-16z" fill="{fill}"{GAP_STROKE if low == 0 else ""}/>'
                      f'<text x="{x + 22}" y="{y + 12}">{esc(label)}</text>')
        x += 22 + 7 * len(label) + 12
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="portal-heatmap" role="img" '
            f'aria-labelledby="{uid}-title {uid}-desc" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" style="max-width:100%;height:auto" font-size="{FONT}" font-family="sans-serif">'
            f'<title id="{uid}-title">{esc(title)}</title><desc id="{uid}-desc">{esc(desc)}</desc>'
            f'<g fill="currentColor" font-weight="bold" text-anchor="middle">{"".join(heads)}</g>'
            f'<g class="portal-heatmap-labels" fill="currentColor" text-anchor="end">{"".join(labels)}</g>'
            f'<g stroke="#fff">{"".join(cells)}</g>'
            f'<g class="portal-heatmap-counts" text-anchor="middle">{"".join(counts)}</g>'
            f'<g fill="currentColor">{"".join(legend)}</g></svg>')
