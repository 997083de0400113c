"""The theme's inline icons are drawn from one sprite file; other SVG is left alone."""

from __future__ import annotations

from generator.pages.icons import SPRITE, Sprite

GIT = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M2.6 10.59 8.38 4.8z"/></svg>'
MENU = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'


def test_each_icon_becomes_a_reference_to_its_symbol_relative_to_the_page() -> None:
    sprite = Sprite()
    page = sprite.use(f"<header>{GIT}<label>{MENU}</label></header><nav>{GIT}</nav>", "pathways/x/")
    refs = page.split('href="')[1:]
    assert len(refs) == 3 and all(r.startswith("../../" + SPRITE + "#i") for r in refs)
    assert refs[0].split('"')[0] == refs[2].split('"')[0] != refs[1].split('"')[0], "one symbol per icon"
    assert "<path" not in page and page.startswith("<header><svg><use href=")
    doc = sprite.document()
    assert doc.count("<symbol ") == 2 and 'd="M2.6 10.59 8.38 4.8z"' in doc and 'd="M3 6h18v2H3z"' in doc
    assert 'viewBox="0 0 24 24"' in doc and "fill" not in doc, "the icon's colour comes from the page"
    assert sprite.use(GIT, "").startswith(f'<svg><use href="{SPRITE}#'), "from the home page"


def test_the_sprite_is_the_same_whatever_order_the_pages_come_in() -> None:
    one, two = Sprite(), Sprite()
    one.use(GIT + MENU, "a/")
    two.use(MENU, "b/")
    two.use(GIT, "c/")
    assert one.document() == two.document()


def test_svg_that_is_not_a_theme_icon_is_kept_as_it_is() -> None:
    chart = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" role="img"><title>Coverage</title>'
             '<path d="M0 0h4v4z"/></svg>')
    two_paths = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1z"/><path d="M2 2z"/></svg>'
    wide = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24"><path d="M1 1z"/></svg>'
    sprite = Sprite()
    for svg in (chart, two_paths, wide):
        assert sprite.use(svg, "x/") == svg
    assert sprite.paths == {}
