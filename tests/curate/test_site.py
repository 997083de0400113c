"""The built site: internal links resolve, no third-party requests while analytics is off, and on when asked."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.curate.linkcheck_internal import check_site

# Elements and attributes that make the browser fetch something as the page loads.
FETCHING = {("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"), ("source", "src"),
            ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
            ("object", "data"), ("track", "src")}
# <link rel=...> values that are fetched (canonical and alternate are only references).
FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "prefetch",
                "preconnect", "dns-prefetch", "manifest", "mask-icon"}


class Requests(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for name, value in a.items():
            if (tag, name) in FETCHING:
                self.urls += [p.strip().split()[0] for p in value.split(",") if p.strip()] if "srcset" in name \
                    else [value]
        if tag == "link" and set(a.get("rel", "").lower().split()) & FETCHED_RELS:
            self.urls.append(a.get("href", ""))
        if tag == "script" and not a.get("src") and a.get("type", "text/javascript") in (
                "text/javascript", "module", "application/javascript"):
            self._in_script = True

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def third_party(site: Path, own_host: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        parser = Requests()
        parser.feed(page.read_text(encoding="utf-8"))
        external = [u for u in parser.urls if (urlsplit(u).scheme or u.startswith("//"))
                    and urlsplit(u).hostname != own_host]
        if external:
            found[page.relative_to(site).as_posix()] = external
    return found


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, html in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(html, encoding="utf-8")
    return root


def test_internal_link_checker_finds_each_kind_of_broken_link(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "index.html": ('<link rel="canonical" href="https://example.org/portal/">\n'
                       '<a href="a/">ok</a> <a href="a/#top">ok fragment</a> <a href="#here">here</a>\n'
                       '<a id="here"></a><a href="missing/">missing page</a>\n'
                       '<img src="img/x.png" srcset="img/x.png 1x, img/none.png 2x">\n'
                       '<a href="a/#nowhere">bad fragment</a> <a href="https://elsewhere.org/x">external</a>\n'
                       '<a href="mailto:a@b.org">mail</a> <a href="/portal/a/">rooted</a> <a href="/other/">out</a>\n'
                       '<a href="../../etc/passwd">escape</a> <script src="assets/app.js"></script>\n'
                       '<meta http-equiv="refresh" content="0; url=gone/">'),
        "a/index.html": '<h1 id="top">A</h1><a href="../">home</a><a href="../index.html?q=1">home again</a>',
        "img/x.png": "",
        "assets/app.js": "",
    })
    broken, pages = check_site(site)
    assert pages == 2
    assert [(b.page, b.line, b.url) for b in broken] == [
        ("index.html", 3, "missing/"),
        ("index.html", 4, "img/none.png"),
        ("index.html", 5, "a/#nowhere"),
        ("index.html", 6, "/other/"),
        ("index.html", 7, "../../etc/passwd"),
        ("index.html", 8, "gone/"),
    ]
    assert "no id 'nowhere' on a/index.html" in str(broken[2])
    assert check_site(site, fragments=False)[0][2].url != "a/#nowhere"


def test_check_site_command(tmp_path: Path, run_portal) -> None:
    site = write_site(tmp_path / "site", {"index.html": '<a href="nope/">x</a>'})
    out = run_portal("check-site", str(site))
    assert out.code == 1 and "index.html:1: broken link 'nope/'" in out.out
    (site / "nope").mkdir()
    (site / "nope" / "index.html").write_text("", encoding="utf-8")
    assert run_portal("check-site", str(site)).code == 0
    assert run_portal("check-site", str(tmp_path / "absent")).code == 2


def test_the_real_site_has_no_broken_internal_links(real_site: Path) -> None:
    broken, pages = check_site(real_site)
    assert pages > 100
    assert broken == [], "\n".join(map(str, broken[:20]))


def test_with_analytics_off_pages_make_no_third_party_request(real_site: Path) -> None:
    assert third_party(real_site, "peolc-portal.github.io") == {}
    assert not (real_site / "assets" / "javascripts" / "portal" / "analytics.js").exists()
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert "portal-analytics" not in home and 'name="feedback"' not in home


def test_the_curators_page_is_published_and_light(real_site: Path) -> None:
    page = real_site / "curators" / "index.html"
    assert page.is_file() and (real_site / "curators" / "report.json").is_file()
    assert page.stat().st_size < 30_000
    assert "Past their review date" in page.read_text(encoding="utf-8")


ANALYTICS = """
extra:
  analytics:
    provider: portal
    endpoint: https://collector.example.net/api/event
    domain: portal.example.org
    feedback:
      title: Was this page helpful?
      ratings:
        - {icon: material/thumb-up-outline, name: This page was helpful, data: 1, note: Thanks!}
        - {icon: material/thumb-down-outline, name: This page could be improved, data: 0, note: Thanks, tell us more.}
  csp:
    connect-src: [https://collector.example.net]
"""


@pytest.fixture(scope="module")
def analytics_site(tmp_path_factory: pytest.TempPathFactory, site_tools) -> Path:
    build, mini_with_site_config = site_tools
    root = mini_with_site_config(tmp_path_factory.mktemp("analytics") / "portal")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as fh:
        fh.write(ANALYTICS)
    return build(root, root / "site")


def test_with_analytics_on_the_script_is_a_file_and_the_widget_is_rendered(analytics_site: Path) -> None:
    page = (analytics_site / "catalog" / "mini-basics" / "index.html").read_text(encoding="utf-8")
    tag = re.search(r'<script src="([^"]+)" id="portal-analytics"[^>]*>', page)
    assert tag and tag[1] == "../../assets/javascripts/portal/analytics.js"
    assert 'data-endpoint="https://collector.example.net/api/event"' in tag[0]
    assert (analytics_site / "assets" / "javascripts" / "portal" / "analytics.js").is_file()
    assert 'form class="md-feedback" name="feedback" hidden' in page and "Was this page helpful?" in page
    parser = Requests()
    parser.feed(page)
    assert parser.inline_scripts == 0, "analytics must not add inline script (CSP without 'unsafe-inline')"
    assert "https://collector.example.net" in page.split("Content-Security-Policy", 1)[1].split(">", 1)[0]
    # Only the site's own files are fetched: the collector receives beacons, it serves no script.
    assert third_party(analytics_site, "peolc-portal.github.io") == {}


@pytest.mark.parametrize(("analytics", "message"), [
    ({"provider": "google", "property": "G-X"}, "use 'portal'"),
    ({"provider": "portal"}, "endpoint must be an https:// address"),
    ({"provider": "portal", "endpoint": "http://insecure.example/e"}, "endpoint must be an https:// address"),
    ({"provider": "portal", "endpoint": "https://x.example/e", "feedbak": {}}, "unknown key(s) feedbak"),
    ({"provider": "portal", "endpoint": "https://x.example/e", "feedback": {"title": "t"}}, "list of ratings"),
])
def test_analytics_settings_are_checked(analytics: dict[str, object], message: str) -> None:
    from generator.curate.analytics import read_settings
    from generator.errors import ConfigError

    with pytest.raises(ConfigError, match=re.escape(message)):
        read_settings({"analytics": analytics})


def test_analytics_is_off_without_settings() -> None:
    from generator.curate.analytics import read_settings

    assert read_settings({}) is None and read_settings({"analytics": {}}) is None
