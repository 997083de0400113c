"""Configuration values printed into pages are escaped: a script in mkdocs.yml does not become part of a page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from generator.settings import load_settings
from generator.site.plugin_build import build_site

PAYLOAD = '"><script>window.PWNED=1</script><meta x="'


class _Scripts(HTMLParser):
    """Every <script> element's src and inline text, and every <meta> element's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.metas: list[dict[str, str]] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script = True
        if tag == "meta":
            self.metas.append({k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline.append(data)


def test_description_author_scope_and_csp_sources_are_escaped(small_portal: Path) -> None:
    config = small_portal / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + f"site_description: '{PAYLOAD}'\nsite_author: '{PAYLOAD}'\n"
                      f"extra:\n  scope: '{PAYLOAD}'\n  csp:\n    connect-src: ['{PAYLOAD}']\n", encoding="utf-8")
    assert build_site(load_settings(small_portal), small_portal / "site") == 0
    page = (small_portal / "site" / "index.html").read_text(encoding="utf-8")
    parser = _Scripts()
    parser.feed(page)
    assert not any("PWNED" in s for s in parser.inline), "a script from mkdocs.yml is in the page"
    for other in (small_portal / "site").rglob("*.html"):
        assert "<script>window.PWNED" not in other.read_text(encoding="utf-8"), other
    about = _Scripts()
    about.feed((small_portal / "site" / "about" / "index.html").read_text(encoding="utf-8"))
    assert {m["content"] for m in about.metas if m.get("name") == "description"} == {PAYLOAD}
    described = [m for m in parser.metas if m.get("name") in ("description", "author")]
    # The browser reads the escaped attribute back as the text that was configured, inert.
    assert {m["content"] for m in described} >= {PAYLOAD}
    policy = next(m["content"] for m in parser.metas if m.get("http-equiv") == "Content-Security-Policy")
    assert f"connect-src 'self' {PAYLOAD}" in policy
