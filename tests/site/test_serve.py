"""`mkdocs serve` picks up catalog edits, and reports a broken catalog without dying."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8")


def _wait(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_on_catalog_change_and_survives_errors(small_portal: Path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=small_portal, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=ENV,
    )
    log: list[str] = []
    reader = threading.Thread(target=lambda: [log.append(line) for line in proc.stderr], daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/catalog/mini-basics/"
    entry = small_portal / "catalog" / "mini-basics.yaml"
    original = entry.read_text(encoding="utf-8")
    try:
        assert _wait(lambda: "Basics of end of life care" in _get(url)), "".join(log)
        entry.write_text(original.replace("title: Basics of end of life care", "title: Renamed basics"), encoding="utf-8")
        assert _wait(lambda: "Renamed basics" in _get(url)), "".join(log)
        entry.write_text(original.replace("tiers: [1]", "tiers: [1"), encoding="utf-8")
        assert _wait(lambda: any("catalog/mini-basics.yaml:" in line for line in log)), "".join(log)
        assert proc.poll() is None, "serve died on a broken catalog"
        assert _wait(lambda: "Renamed basics" in _get(url))  # the last good site is still served
        entry.write_text(original, encoding="utf-8")
        assert _wait(lambda: "Basics of end of life care" in _get(url)), "".join(log)
        assert not any("Traceback" in line for line in log)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_starts_on_a_broken_catalog_and_lists_the_errors(small_portal: Path):
    entry = small_portal / "catalog" / "mini-basics.yaml"
    original = entry.read_text(encoding="utf-8")
    entry.write_text(original.replace("competencies:", "competences:", 1), encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=small_portal, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=ENV,
    )
    log: list[str] = []
    threading.Thread(target=lambda: [log.append(line) for line in proc.stderr], daemon=True).start()
    home = f"http://127.0.0.1:{port}/"
    try:
        assert _wait(lambda: "The catalog has errors" in _get(home)), "".join(log)
        assert "catalog/mini-basics.yaml:" in _get(home)
        assert "did you mean &#x27;competencies&#x27;?" in _get(home) or "did you mean 'competencies'?" in _get(home)
        entry.write_text(original, encoding="utf-8")
        assert _wait(lambda: "Basics of end of life care" in _get(home + "catalog/mini-basics/")), "".join(log)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
