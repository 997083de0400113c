"""What the build's link check reads from a page: links in the content only, ids anywhere on the page."""

from __future__ import annotations

from pathlib import Path

from generator.site.sitelinks import LinkBook

PAGE = """<html><head><link href="../assets/x.css"></head><body><nav><a href="../nav-only/">n</a></nav>
<div id="top" data-id="not-an-id"><p\tid="tabbed">x</p>
<article class="md-content__inner md-typeset"><h1 id="title">T</h1>
<a href="../a/">a</a> <a href="../a/">again</a> <img src="b.png"><a href="https://example.org/">out</a>
<a href="#title">here</a><a href="../c/?q=1&amp;r=2#x">c</a><span data-href="../not-a-link/"></span>
</article><footer><a href="../footer-only/">f</a><p
id="after-a-line-break">x</p></footer></body></html>"""


def test_links_come_from_the_content_and_ids_from_the_whole_page() -> None:
    book = LinkBook()
    book.add("p/index.html", PAGE)
    assert book.links["p/index.html"] == ["../a/", "b.png", "#title", "../c/?q=1&r=2#x"]
    assert book.ids["p/index.html"] == {"top", "tabbed", "title", "after-a-line-break"}


def test_a_page_without_the_content_area_has_no_links_to_check(tmp_path: Path) -> None:
    book = LinkBook()
    book.add("q/index.html", '<p id="x"><a href="../nowhere/">n</a></p>')
    assert book.links["q/index.html"] == [] and book.ids["q/index.html"] == {"x"}
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "index.html").write_text("", encoding="utf-8")
    assert book.broken(tmp_path) == []


def test_an_unclosed_content_area_has_no_links_to_check() -> None:
    book = LinkBook()
    book.add("r/index.html", '<article class="md-content__inner"><a href="../x/">x</a>')
    assert book.links["r/index.html"] == []
