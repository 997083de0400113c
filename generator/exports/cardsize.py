"""How tall an embed card is at a given column width, worked out from its text without a browser.

A partner who pastes the snippet without the host script gets an iframe of a fixed
height, so that height must hold the whole card — title, primary action, facts,
every step and the attribution — in whatever font the reader's system has. The
estimate wraps each block of text word by word with deliberately wide average
character widths (wider than the common system fonts), then adds a margin;
tests/browser/test_embed_fit.py measures every card in Chromium against it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

# Column widths partners were asked about: a narrow sidebar, a phone column, the card's designed width.
WIDTHS = (280, 400, 560)
# Below this iframe width, facts stack (term above value) instead of sitting in two columns.
STACK_BELOW = 400

# The card's CSS metrics (generator/exports/embeds.py builds its stylesheet from these).
FONT = 15
LINE = 1.45
SMALL = 13
TITLE = 18
TITLE_LINE = 1.3
PAD_X = 16
PAD_Y = 14
BORDER = 1
GAP = 8
LIST_INDENT = 22
BUTTON_X = 12
BUTTON_Y = 6

# Average advance of one character, in em: regular, bold and spaced capitals. Common sans-serif system fonts
# average 0.48–0.55 em over English text; these are wider on purpose.
REGULAR_EM = 0.58
BOLD_EM = 0.64
CAPS_EM = 0.80
MARGIN = 1.08  # and then a few pixels more: the estimate must err on the tall side
EXTRA_PX = 16


@dataclass(frozen=True)
class Text:
    """One block of text: its size in px, its line height in px, and how wide its characters run."""

    text: str
    size: float = FONT
    line: float = FONT * LINE
    em: float = REGULAR_EM
    indent: float = 0  # horizontal room taken from the column (list indent, button padding)


@dataclass
class Card:
    """What a card shows, in order, as the size estimate needs it."""

    kicker: str
    title: str
    action: str
    status: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    summary: str = ""
    notes: list[str] = field(default_factory=list)  # small print after the summary
    steps: list[tuple[str, str]] = field(default_factory=list)  # (title line, detail line)
    footer: str = ""


@lru_cache(maxsize=16384)  # kickers, facts and footers repeat from card to card: three in four calls are repeats
def lines(text: str, width: float, size: float, em: float) -> int:
    """How many lines ``text`` takes when wrapped word by word in ``width`` px; long words break."""
    per_char = size * em
    room = max(1, int(width // per_char))
    count, used = 1, 0
    for word in text.split():
        n = len(word)
        if used and used + 1 + n <= room:
            used += 1 + n
            continue
        if used:
            count += 1
        count += (n - 1) // room  # a word longer than a line breaks (overflow-wrap: anywhere)
        used = n - ((n - 1) // room) * room
    return count


def _block(block: Text, width: float) -> float:
    """The block's height; a text of several lines (a line break between them) wraps each on its own."""
    return sum(lines(part, width - block.indent, block.size, block.em)
               for part in block.text.split("\n")) * block.line


def height(card: Card, width: int) -> int:
    """The card's estimated height in px inside an iframe ``width`` px wide, margin included."""
    inner = width - 2 * (BORDER + PAD_X)
    total = 2 * (BORDER + PAD_Y)
    total += _block(Text(card.kicker, SMALL, SMALL * LINE, CAPS_EM), inner) + 4
    total += _block(Text(card.title, TITLE, TITLE * TITLE_LINE, BOLD_EM), inner) + 6
    if card.status:
        total += _block(Text(card.status, em=BOLD_EM), inner) + GAP
    total += _block(Text(card.action, em=BOLD_EM, indent=2 * BUTTON_X), inner) + 2 * BUTTON_Y + 4 + GAP
    if card.facts:
        total += 2 * GAP
        if width < STACK_BELOW:
            for term, value in card.facts:
                total += _block(Text(term, em=BOLD_EM), inner) + _block(Text(value), inner) + 4
        else:
            terms = max(len(term) for term, _ in card.facts) * FONT * BOLD_EM + 12
            for _term, value in card.facts:
                total += _block(Text(value, indent=terms), inner) + 2
    if card.summary:
        total += _block(Text(card.summary), inner) + GAP
    for note in card.notes:
        total += _block(Text(note, SMALL, SMALL * LINE), inner) + GAP
    if card.steps:
        total += 2 * GAP
        for title, detail in card.steps:
            total += _block(Text(title, indent=LIST_INDENT), inner)
            total += lines(detail, inner - LIST_INDENT, SMALL, REGULAR_EM) * FONT * LINE + 6
    total += _block(Text(card.footer, SMALL, SMALL * LINE), inner) + 1 + 10 + 8
    return math.ceil(total * MARGIN + EXTRA_PX)


def heights(card: Card) -> dict[int, int]:
    """The card's height at each width class; narrower columns need taller frames."""
    return {width: height(card, width) for width in WIDTHS}
