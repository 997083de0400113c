"""The generated pages' raw HTML kept away from Markdown: set aside before conversion, put back after."""

from __future__ import annotations

import markdown
import pytest

from generator.site.rawhtml import RAW_CLOSE, RAW_OPEN, restore, stash

O, C = RAW_OPEN, RAW_CLOSE


@pytest.mark.parametrize(("source", "kept", "blocks"), [
    ("# Title\n\nNo raw HTML here.\n", "# Title\n\nNo raw HTML here.\n", []),
    (f"# T\n\n{O}<div>a</div>{C}\n", "# T\n\n\n\nPORTALRAWBLOCK0X\n\n\n", ["<div>a</div>"]),
    (f"{O}<p>1</p>{C}between{O}<p>2</p>{C}after",
     "\n\nPORTALRAWBLOCK0X\n\nbetween\n\nPORTALRAWBLOCK1X\n\nafter", ["<p>1</p>", "<p>2</p>"]),
    (f"{O}<ul>\n<li>x</li>\n</ul>{C}", "\n\nPORTALRAWBLOCK0X\n\n", ["<ul>\n<li>x</li>\n</ul>"]),
    (f"{O}<p>closed</p>{C} and {O}<p>never closed</p>", f"\n\nPORTALRAWBLOCK0X\n\n and {O}<p>never closed</p>",
     ["<p>closed</p>"]),
    (f"{O}<p>only opened</p>", f"{O}<p>only opened</p>", []),
    (f"{O}<p>a</p>{O}<p>b</p>{C}{C}", f"\n\nPORTALRAWBLOCK0X\n\n{C}", [f"<p>a</p>{O}<p>b</p>"]),  # the first end ends it
])
def test_stash_sets_each_marked_block_aside(source: str, kept: str, blocks: list[str]) -> None:
    assert stash(source) == (kept, blocks)


def test_blocks_come_back_in_place_after_markdown() -> None:
    source = f"# Heading\n\n{O}<div class=\"x\">\n  <p>raw &amp; kept</p>\n</div>{C}\n\nSome *text*.\n\n{O}<hr>{C}\n"
    kept, blocks = stash(source)
    html = restore(markdown.markdown(kept), blocks)
    assert html == ('<h1>Heading</h1>\n<div class="x">\n  <p>raw &amp; kept</p>\n</div>\n'
                    "<p>Some <em>text</em>.</p>\n<hr>")


def test_a_placeholder_without_its_block_is_left_alone() -> None:
    assert restore("<p>PORTALRAWBLOCK3X</p>", ["<b>only one</b>"]) == "<p>PORTALRAWBLOCK3X</p>"
