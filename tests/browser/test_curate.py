"""Evaluation in a real browser: no third-party request while analytics is off; events and feedback when on."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT, build_portal, serve

pytestmark = pytest.mark.browser

COLLECTOR = "https://collector.example.net"
ANALYTICS = f"""
extra:
  analytics:
    provider: portal
    endpoint: {COLLECTOR}/api/event
    domain: portal.example.org
    feedback:
      title: Was this page helpful?
      ratings:
        - {{icon: material/thumb-up-outline, name: This page was helpful, data: 1, note: Thanks for telling us!}}
        - {{icon: material/thumb-down-outline, name: This page could be improved, data: 0, note: Sorry to hear it.}}
  csp:
    connect-src: [{COLLECTOR}]
"""


def test_with_analytics_off_nothing_leaves_the_site(browser, base_url) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    own = urlsplit(base_url).netloc
    for path in ("", "catalog/", "curators/"):
        page.goto(base_url + path)
        # The page's own scripts have run their start: the header search on every page, the catalog's app
        # on the catalog; a script that phoned out on start would have done so by now.
        page.wait_for_selector(".md-search-result[data-portal-search=ready]", state="attached")
        if path == "catalog/":
            page.wait_for_selector("#portal-search-app[data-state]", state="attached")
    assert page.locator("form[name=feedback]").count() == 0
    context.close()
    assert requested and all(urlsplit(u).netloc == own for u in requested if not u.startswith("data:")), \
        [u for u in requested if urlsplit(u).netloc != own]


@pytest.fixture(scope="module")
def analytics_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("analytics-browser") / "portal"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", root)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8") + ANALYTICS, encoding="utf-8")
    server, url = serve(build_portal(root, root / "site"))
    yield url
    server.shutdown()


def test_with_analytics_on_page_views_and_feedback_reach_the_collector(browser, analytics_url) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    events: list[dict[str, object]] = []

    def collect(route) -> None:  # noqa: ANN001 - Playwright's Route
        events.append(json.loads(route.request.post_data or "{}"))
        route.fulfill(status=202, body="")

    context.route(f"{COLLECTOR}/**", collect)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    # Wait for the page's own beacon to be answered, not for the network to look quiet.
    with page.expect_request_finished(lambda r: r.url.startswith(COLLECTOR)):
        page.goto(analytics_url + "catalog/mini-basics/")
    assert {"name": "pageview", "domain": "portal.example.org"}.items() <= events[0].items()
    assert str(events[0]["url"]).endswith("/catalog/mini-basics/")

    form = page.locator("form[name=feedback]")
    assert form.is_visible()
    assert form.get_by_role("group", name="Was this page helpful?").is_visible()
    with page.expect_request_finished(lambda r: r.url.startswith(COLLECTOR) and "feedback" in (r.post_data or "")):
        form.get_by_role("button", name="This page was helpful").click()
    page.get_by_text("Thanks for telling us!").wait_for()
    feedback = [e for e in events if e.get("name") == "feedback"]
    assert feedback and feedback[0]["props"] == {"page": "/catalog/mini-basics/", "rating": "1"}
    assert problems == []
    context.close()
