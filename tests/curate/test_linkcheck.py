"""``portal check-links`` logic, against a server on 127.0.0.1 only (never the internet)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.curate.linkcheck import LinkChecker, Result, catalog_links, default_opener, format_results
from generator.load.project import load_project
from generator.settings import load_settings


class Handler(BaseHTTPRequestHandler):
    """Routes: /ok, /gone (404), /moved (301 to /ok), /nohead (405 for HEAD), /slow, /error (500)."""

    hits: list[tuple[str, str]] = []

    def _answer(self) -> None:
        self.hits.append((self.command, self.path))
        path = self.path.split("?")[0]
        if path == "/ok":
            self.send_response(200)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif path == "/nohead" and self.command == "HEAD":
            self.send_response(405)
        elif path == "/nohead":
            self.send_response(200)
        elif path == "/slow":
            time.sleep(1.5)
            self.send_response(200)
        elif path == "/error":
            self.send_response(500)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = _answer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Handler.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def checker(tmp_path: Path, **options: object) -> LinkChecker:
    # The test server is on 127.0.0.1, which the check refuses unless allowed.
    options = {"cache_file": tmp_path / "links.json", "timeout": 5, "per_host_delay": 0,
               "opener": default_opener(proxies={}), "allow_private": True, **options}
    return LinkChecker(**options)  # type: ignore[arg-type]


def test_statuses_redirects_and_head_fallback(server: str, tmp_path: Path) -> None:
    urls = [f"{server}/{p}" for p in ("ok", "gone", "moved", "nohead", "error")]
    results = {r.url.rsplit("/", 1)[1]: r for r in checker(tmp_path).check_all(urls)}
    assert results["ok"].ok and results["ok"].status == 200
    assert not results["gone"].ok and results["gone"].status == 404
    assert not results["error"].ok and results["error"].status == 500
    assert results["moved"].ok and results["moved"].redirected and results["moved"].final_url == f"{server}/ok"
    assert results["nohead"].ok
    # HEAD first; GET only where HEAD was refused; the redirect was followed with HEAD, not GET.
    assert ("GET", "/nohead") in Handler.hits and ("HEAD", "/nohead") in Handler.hits
    assert [m for m, p in Handler.hits if p != "/nohead"] == ["HEAD"] * 5


def test_timeouts_and_refused_connections_are_reported(server: str, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port that nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/x"
    results = checker(tmp_path, timeout=0.3).check_all([f"{server}/slow", closed])
    by_url = {r.url: r for r in results}
    assert by_url[f"{server}/slow"].error == "timed out" and not by_url[f"{server}/slow"].ok
    assert not by_url[closed].ok and by_url[closed].status is None and by_url[closed].error


def test_a_malformed_address_is_reported_not_a_crash(tmp_path: Path) -> None:
    bad = "https://[::1/x"  # an unclosed IPv6 bracket: urlsplit refuses it
    [result] = checker(tmp_path, timeout=0.3).check_all([bad])
    assert result.url == bad and not result.ok and result.status is None and result.error


def test_catalog_links_keep_malformed_addresses(mini_portal: Path) -> None:
    path = mini_portal / "catalog" / "mini-basics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "url: https://example.org/mini-programme/basics", "url: https://[::1/basics"), encoding="utf-8")
    links = catalog_links(load_project(load_settings(mini_portal)).documents)
    assert links["https://[::1/basics"] == {"catalog/mini-basics.yaml"}


def test_cache_is_used_until_it_expires(server: str, tmp_path: Path) -> None:
    now = [1_000_000.0]
    urls = [f"{server}/ok", f"{server}/gone"]
    first = checker(tmp_path, clock=lambda: now[0], max_age_days=7)
    first.check_all(urls)
    assert first.requests == 2
    cache = json.loads((tmp_path / "links.json").read_text())
    assert set(cache["results"]) == set(urls)

    now[0] += 3600  # an hour later: everything from the cache
    second = checker(tmp_path, clock=lambda: now[0], max_age_days=7)
    assert [r.ok for r in second.check_all(urls)] == [False, True]
    assert second.requests == 0

    now[0] += 2 * 86400  # two days later: the failure is asked again, the success is still fresh
    third = checker(tmp_path, clock=lambda: now[0], max_age_days=7)
    third.check_all(urls)
    assert third.requests == 1 and Handler.hits[-1] == ("HEAD", "/gone")

    now[0] += 8 * 86400  # past the maximum age: both again
    fourth = checker(tmp_path, clock=lambda: now[0], max_age_days=7)
    fourth.check_all(urls)
    assert fourth.requests == 2


def test_an_unreadable_cache_means_checking_again(server: str, tmp_path: Path) -> None:
    (tmp_path / "links.json").write_text("{not json", encoding="utf-8")
    c = checker(tmp_path)
    assert c.check_all([f"{server}/ok"])[0].ok and c.requests == 1


def PUBLIC(host: str) -> list[str]:  # noqa: N802 - a constant-like stand-in for DNS
    """Every test host resolves to one public address, without asking DNS."""
    return ["93.184.216.34"]


class FakeOpener:
    """Answers 200 at once and records, per host, how many requests were in flight together."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active: dict[str, int] = {}
        self.most: dict[str, int] = {}
        self.total_most = 0
        self.calls: list = []

    def open(self, request, timeout: float):  # noqa: ANN001 - urllib's Request
        host = request.host
        with self.lock:
            self.calls.append(request)
            self.active[host] = self.active.get(host, 0) + 1
            self.most[host] = max(self.most.get(host, 0), self.active[host])
            self.total_most = max(self.total_most, sum(self.active.values()))
        time.sleep(0.01)  # hold the request a moment so overlaps can happen
        with self.lock:
            self.active[host] -= 1
        return self.Response(request.full_url)

    class Response:
        status = 200

        def __init__(self, url: str) -> None:
            self.url = url

        def geturl(self) -> str:
            return self.url

        def read(self, n: int = -1) -> bytes:
            return b""

        def __enter__(self):  # noqa: ANN204
            return self

        def __exit__(self, *exc: object) -> None:
            pass


def test_one_request_at_a_time_per_host_and_at_most_four_overall(tmp_path: Path) -> None:
    opener = FakeOpener()
    urls = [f"https://host{h}.test/page{i}" for h in range(6) for i in range(4)]
    c = LinkChecker(cache_file=None, per_host_delay=0, workers=10, opener=opener, resolver=PUBLIC)
    assert c.workers == 4
    assert all(r.ok for r in c.check_all(urls))
    assert set(opener.most.values()) == {1}
    assert 1 <= opener.total_most <= 4


def test_polite_pause_between_requests_to_one_host(tmp_path: Path) -> None:
    now = [0.0]
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(round(seconds, 3))
        now[0] += seconds

    c = LinkChecker(cache_file=None, per_host_delay=2.5, workers=1, opener=FakeOpener(), clock=lambda: now[0],
                    sleep=sleep, resolver=PUBLIC)
    c.check_all(["https://a.test/1", "https://a.test/2", "https://a.test/3", "https://b.test/1"])
    # Hosts are interleaved (a1, b1, a2, a3): three requests to a.test need two full pauses,
    # and b.test never waits for a.test.
    assert pauses == [2.5, 2.5]


def test_catalog_links_and_the_report(mini_portal: Path) -> None:
    links = catalog_links(load_project(load_settings(mini_portal)).documents)
    assert "https://example.org/mini-programme/basics" in links
    assert links["https://example.org/mini-programme/basics"] == {"catalog/mini-basics.yaml"}
    assert all(u.startswith(("http://", "https://")) for u in links)
    text = format_results([Result("https://example.org/mini-programme/basics", 404, "", "", 0.0)], links)
    assert "catalog/mini-basics.yaml: broken link https://example.org/mini-programme/basics (HTTP 404)" in text


def test_check_links_command_against_a_local_portal(server: str, mini_portal: Path, run_portal,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    for path in (mini_portal / "catalog").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        lines = [ln for ln in text.splitlines() if not ln.startswith(("url:", "  - url:", "    url:"))]
        target = "gone" if path.stem == "mini-basics" else "ok"
        path.write_text("\n".join([f"url: {server}/{target}", *lines]) + "\n", encoding="utf-8")
    with contextlib.chdir(mini_portal):
        out = run_portal("check-links", "--root", str(mini_portal), "--delay", "0", "--format", "json",
                         "--allow-private-addresses")
    assert out.code == 1
    doc = out.json()
    assert doc["broken"] == 1
    broken = [r for r in doc["results"] if not r["ok"]]
    assert broken[0]["files"] == ["catalog/mini-basics.yaml"] and broken[0]["status"] == 404
    assert (mini_portal / ".cache" / "portal-links.json").is_file()


# --- addresses on the checker's own network are not requested unless allowed --------------------------------------

@pytest.mark.parametrize(("url", "kind"), [
    ("http://127.0.0.1:8080/admin", "loopback"),
    ("http://[::1]/x", "loopback"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.1.2.3/", "private"),
    ("https://192.168.0.1/", "private"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://100.64.0.1/", "reserved"),
])
def test_non_public_addresses_are_not_requested(url: str, kind: str) -> None:
    from generator.curate.linkcheck import private_address

    opener = FakeOpener()
    [result] = LinkChecker(cache_file=None, per_host_delay=0, opener=opener).check_all([url])
    assert not result.ok and result.error.startswith("not requested:") and f" {kind} address;" in result.error
    assert "--allow-private-addresses" in result.error
    assert opener.calls == [] and private_address(url) == result.error


def test_host_names_are_resolved_and_every_address_checked() -> None:
    resolved = {"intranet.example": ["93.184.216.34", "10.0.0.7"], "public.example": ["93.184.216.34"]}
    opener = FakeOpener()
    checker = LinkChecker(cache_file=None, per_host_delay=0, opener=opener, resolver=lambda h: resolved.get(h, []))
    results = {r.url: r for r in checker.check_all(["https://intranet.example/", "https://public.example/"])}
    assert results["https://intranet.example/"].error.startswith("not requested: intranet.example (10.0.0.7) is a "
                                                                 "private address")
    assert results["https://public.example/"].ok
    assert [req.full_url for req in opener.calls] == ["https://public.example/"]


def test_allowing_private_addresses_requests_them() -> None:
    opener = FakeOpener()
    [result] = LinkChecker(cache_file=None, per_host_delay=0, opener=opener, allow_private=True).check_all(
        ["http://127.0.0.1:9/"])
    assert result.ok and len(opener.calls) == 1


def test_a_redirect_to_a_refused_address_is_not_followed(server: str, tmp_path: Path) -> None:
    def guard(url: str) -> str | None:
        return "not requested: a test refusal" if url.endswith("/ok") else None

    Handler.hits.clear()
    c = checker(tmp_path, opener=default_opener(proxies={}, guard=guard))
    [result] = c.check_all([f"{server}/moved"])
    assert not result.ok and f"redirected to {server}/ok, which was not requested: a test refusal" in result.error
    assert ("HEAD", "/ok") not in Handler.hits


def test_check_links_refuses_the_local_network_by_default(server: str, mini_portal: Path, run_portal,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    path = mini_portal / "catalog" / "mini-basics.yaml"
    text = path.read_text(encoding="utf-8").replace("url: https://example.org/mini-programme/basics",
                                                    f"url: {server}/ok")
    path.write_text(text, encoding="utf-8")
    Handler.hits.clear()
    with contextlib.chdir(mini_portal):
        out = run_portal("check-links", "--root", str(mini_portal), "--delay", "0", "--format", "json",
                         "--cache", str(mini_portal / "links.json"))
    local = [r for r in out.json()["results"] if r["url"] == f"{server}/ok"]
    assert local and local[0]["error"].startswith("not requested: 127.0.0.1 is a loopback address")
    assert Handler.hits == []
