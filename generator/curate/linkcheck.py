"""``portal check-links``: check the catalog's web addresses, politely, for curators.

Needs the internet, so it is never part of the tests or the build (the tests
drive it against a server on 127.0.0.1). Politeness: at most four requests at
a time, one request at a time per host with a pause between them, a timeout
on every request, a HEAD first and a short GET only when HEAD is refused, and
results cached in a JSON file so a second run does not ask again.

Catalog addresses come from pull requests, so the check never requests a
loopback, link-local, private or otherwise reserved address (a cloud
provider's metadata service at 169.254.169.254, a router's admin page)
unless asked to: host names are resolved first and every address they
resolve to is checked, and so is every address a redirect leads to.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from .. import __version__
from ..load.project import Document, Kind

log = logging.getLogger("generator")

MAX_WORKERS = 4
# Servers that refuse HEAD (or refuse it to robots) often answer GET.
RETRY_WITH_GET = {400, 403, 405, 406, 429, 501}
FAILURE_MAX_AGE_DAYS = 1.0  # a failure may be a blip: ask again sooner than for a success
USER_AGENT = f"portal-generator-linkcheck/{__version__} (curators' link check; one request per host at a time)"
CACHE_VERSION = 1


class Opener(Protocol):
    def open(self, request: urllib.request.Request, timeout: float) -> Any: ...


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None
    final_url: str
    error: str
    checked_at: float

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400 and not self.error

    @property
    def redirected(self) -> bool:
        return self.ok and self.final_url.rstrip("/") != self.url.rstrip("/")

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"ok": self.ok}


Resolver = Callable[[str], list[str]]


def resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to (empty when it does not resolve)."""
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)})
    except (OSError, UnicodeError):
        return []


def private_address(url: str, resolver: Resolver = resolve) -> str | None:
    """Why ``url`` must not be requested without leave: it is, or resolves to, a non-public address."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None  # not an address at all; the request reports that
    try:
        addresses = [host] if ipaddress.ip_address(host) else []
    except ValueError:
        addresses = resolver(host)
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            kind = ("loopback" if address.is_loopback else "link-local" if address.is_link_local
                    else "unspecified" if address.is_unspecified else "private" if address.is_private
                    else "reserved")
            shown = host if host == text else f"{host} ({text})"
            article = "an" if kind == "unspecified" else "a"
            return (f"not requested: {shown} is {article} {kind} address; "
                    "pass --allow-private-addresses to check addresses on your own network")
    return None


class _KeepHead(urllib.request.HTTPRedirectHandler):
    """Follow redirects of a HEAD with a HEAD (urllib would switch to GET and fetch the page),
    and never to an address the check may not request."""

    def __init__(self, guard: Callable[[str], str | None] | None = None) -> None:
        super().__init__()
        self.guard = guard

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        refused = self.guard(newurl) if self.guard else None
        if refused:
            raise urllib.error.URLError(f"redirected to {newurl}, which was {refused}")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


def default_opener(proxies: dict[str, str] | None = None,
                   guard: Callable[[str], str | None] | None = None) -> urllib.request.OpenerDirector:
    """urllib's opener with HEAD kept across redirects; ``proxies={}`` ignores proxy variables;
    ``guard`` says why an address a redirect leads to must not be requested."""
    handlers: list[Any] = [_KeepHead(guard)]
    if proxies is not None:
        handlers.append(urllib.request.ProxyHandler(proxies))
    return urllib.request.build_opener(*handlers)


def _host(url: str) -> str:
    """The address's host and port, lowercased; empty when the address cannot be split (an unclosed '[')."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


def catalog_links(documents: Iterable[Document]) -> dict[str, set[str]]:
    """Every http(s) address in the entries, with the files that use it."""
    found: dict[str, set[str]] = defaultdict(set)

    def add(value: Any, path: str) -> None:
        # A malformed address is checked too: it is reported as unreachable rather than skipped.
        if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")):
            found[value.strip()].add(path)

    for doc in documents:
        if doc.kind is not Kind.ENTRY or not isinstance(doc.data, dict):
            continue
        d = doc.data
        add(d.get("url"), doc.path)
        for key in ("provider", "sources", "runs"):
            items = d.get(key)
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict):
                    add(item.get("url"), doc.path)
    return dict(found)


def _by_host_round_robin(urls: list[str]) -> list[str]:
    """Interleave hosts, so that workers are not all queued behind one host's pause."""
    groups: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        groups[_host(url)].append(url)
    ordered = [groups[h] for h in sorted(groups)]
    return [u for row in zip_longest(*ordered) for u in row if u is not None]


class LinkChecker:
    """Checks URLs with a cache, a per-host pause and a small thread pool.

    ``opener``, ``clock`` and ``sleep`` are injectable so the logic can be
    tested without the internet and without waiting.
    """

    def __init__(self, *, cache_file: Path | None = None, max_age_days: float = 7, timeout: float = 15,
                 per_host_delay: float = 2.0, workers: int = MAX_WORKERS, opener: Opener | None = None,
                 clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep,
                 allow_private: bool = False, resolver: Resolver = resolve) -> None:
        self.cache_file = cache_file
        self.max_age = max_age_days * 86400
        self.timeout = timeout
        self.delay = per_host_delay
        self.workers = max(1, min(workers, MAX_WORKERS))
        self.allow_private = allow_private
        self.resolver = resolver
        self.opener: Opener = opener or default_opener(guard=self.refusal)
        self.clock = clock
        self.sleep = sleep
        self._host_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._next_allowed: dict[str, float] = {}
        self._guard = threading.Lock()
        self.requests = 0  # how many requests went out, for the caller's summary

    # -- cache -------------------------------------------------------------
    def load_cache(self) -> dict[str, Result]:
        if not self.cache_file or not self.cache_file.is_file():
            return {}
        try:
            doc = json.loads(self.cache_file.read_text(encoding="utf-8"))
            if doc.get("version") != CACHE_VERSION:
                return {}
            return {url: Result(url, r.get("status"), r.get("final_url", url), r.get("error", ""),
                                float(r["checked_at"])) for url, r in doc.get("results", {}).items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            log.warning("link cache %s is unreadable; checking every link again", self.cache_file)
            return {}

    def save_cache(self, results: dict[str, Result]) -> None:
        if not self.cache_file:
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        doc = {"version": CACHE_VERSION,
               "results": {u: {k: v for k, v in asdict(r).items() if k != "url"} for u, r in sorted(results.items())}}
        # Write then rename, so an interrupted run never leaves half a cache.
        fd, tmp = tempfile.mkstemp(prefix=".links-", dir=self.cache_file.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1, sort_keys=True)
        os.replace(tmp, self.cache_file)

    def fresh(self, result: Result, now: float) -> bool:
        max_age = self.max_age if result.ok else min(self.max_age, FAILURE_MAX_AGE_DAYS * 86400)
        return now - result.checked_at < max_age

    # -- requests ----------------------------------------------------------
    def refusal(self, url: str) -> str | None:
        """Why ``url`` is not requested (a non-public address, unless allowed), or None."""
        return None if self.allow_private else private_address(url, self.resolver)

    def _request(self, url: str, method: str) -> tuple[int | None, str, str]:
        refused = self.refusal(url)
        if refused:
            return None, url, refused
        try:
            req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        except ValueError as exc:  # an address urllib cannot even parse: nothing is sent
            return None, url, f"not a valid address: {exc}"
        with self._guard:
            self.requests += 1
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                if method == "GET":
                    resp.read(65536)  # enough to know the server answers; never the whole page
                return resp.status, resp.geturl(), ""
        except urllib.error.HTTPError as exc:
            exc.close()
            return exc.code, exc.geturl() or url, ""
        except urllib.error.URLError as exc:
            reason = exc.reason
            text = "timed out" if isinstance(reason, (socket.timeout, TimeoutError)) else str(reason)
            return None, url, text or "cannot connect"
        except (TimeoutError, socket.timeout):
            return None, url, "timed out"
        except (OSError, ValueError) as exc:  # connection reset, bad status line, invalid URL
            return None, url, str(exc) or exc.__class__.__name__

    def _polite(self, host: str) -> None:
        """Wait until this host may be asked again (call with the host's lock held)."""
        wait = self._next_allowed.get(host, 0.0) - self.clock()
        if wait > 0:
            self.sleep(wait)

    def check_one(self, url: str) -> Result:
        host = _host(url)
        with self._host_locks[host]:  # one request at a time per host
            self._polite(host)
            status, final, error = self._request(url, "HEAD")
            if status in RETRY_WITH_GET:
                self._next_allowed[host] = self.clock() + self.delay
                self._polite(host)
                status, final, error = self._request(url, "GET")
            self._next_allowed[host] = self.clock() + self.delay
        return Result(url, status, final, error, self.clock())

    def check_all(self, urls: Iterable[str]) -> list[Result]:
        """Results for every URL (cached ones reused), sorted by URL; the cache is updated."""
        wanted = sorted(set(urls))
        cache = self.load_cache()
        now = self.clock()
        todo = [u for u in wanted if u not in cache or not self.fresh(cache[u], now)]
        if todo:
            log.info("checking %d link(s), %d from the cache", len(todo), len(wanted) - len(todo))
            with ThreadPoolExecutor(max_workers=self.workers) as pool:
                for result in pool.map(self.check_one, _by_host_round_robin(todo)):
                    cache[result.url] = result
            self.save_cache(cache)
        return [cache[u] for u in wanted]


def format_results(results: list[Result], links: dict[str, set[str]], *, only_problems: bool = True) -> str:
    lines = []
    for r in results:
        files = ", ".join(sorted(links.get(r.url, ())))
        if not r.ok:
            what = f"HTTP {r.status}" if r.status else r.error
            lines.append(f"{files}: broken link {r.url} ({what})")
        elif r.redirected:
            lines.append(f"{files}: {r.url} redirects to {r.final_url}; consider updating it")
        elif not only_problems:
            lines.append(f"{files}: {r.url} OK ({r.status})")
    bad = sum(not r.ok for r in results)
    lines.append(f"{len(results)} link{'s' if len(results) != 1 else ''} checked: "
                 f"{bad or 'none'} broken, {sum(r.redirected for r in results)} redirected")
    return "\n".join(lines) + "\n"
