"""Broken and hostile catalogs are refused with a located error, never a traceback, and never half-built.

``portal validate`` runs in this process; ``portal build`` runs as CI runs it,
``python -m generator build``, over a portal whose previous site must come
through byte for byte, with no scratch folder left beside it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus import CASES, MINI, Case

REPO = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` -> sha256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CI", None)
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


@pytest.fixture(scope="module")
def built_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The mini portal with the site's config, built once; each case writes over it and puts it back."""
    root = tmp_path_factory.mktemp("reliability") / "portal"
    shutil.copytree(MINI, root)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    done = run_cli("build", cwd=root, timeout=300)
    assert done.returncode == 0, done.stderr
    yield root


def _apply(root: Path, case: Case) -> dict[Path, bytes | None]:
    """Write the case's files; what was there before, to put back."""
    before: dict[Path, bytes | None] = {}
    for rel, content in case.files.items():
        path = root / rel
        before[path] = path.read_bytes() if path.exists() else None
        path.write_bytes(content)
    return before


def _restore(before: dict[Path, bytes | None]) -> None:
    for path, content in before.items():
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)


def test_the_corpus_covers_every_kind_of_hostile_input() -> None:
    names = {c.name for c in CASES}
    for kind in ("syntax-error", "alias-bomb", "huge-file", "latin-1", "duplicate-key", "duplicate-entry-id"):
        assert kind in names
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_rejects_with_a_located_error(case: Case, mini_portal: Path, run_portal) -> None:
    _apply(mini_portal, case)
    started = time.monotonic()
    outcome = run_portal("--root", str(mini_portal), "validate", "--format", "json")
    assert time.monotonic() - started < 60, "validation must not blow up on hostile input"
    assert outcome.code == 1
    assert "Traceback" not in outcome.err
    errors = [p for p in outcome.json()["problems"] if p["severity"] == "error"]
    mine = [p for p in errors if p["path"] == case.path]
    assert mine, f"no error reported in {case.path}; got {errors}"
    if case.line == 0:  # a fault of the whole file: the file is the place (reported at 0:0 or 1:1)
        assert all(p["line"] in (0, 1) for p in mine), mine
        where = f"{case.path}:"
    else:
        located = [p for p in mine if p["line"] >= 1 and p["column"] >= 1]
        assert located, f"errors in {case.path} without a line and column: {mine}"
        if case.line is not None:
            assert case.line in [p["line"] for p in located], mine
        where = f"{case.path}:{located[0]['line']}:{located[0]['column']}: "
    # The text form a curator reads names the place too.
    text = run_portal("--root", str(mini_portal), "validate")
    assert where in text.out


# The CLI in a child process, exactly as CI runs it, for a few cases; in this process for all of them.
IN_CHILD = {"syntax-error", "alias-bomb", "huge-file", "latin-1", "duplicate-entry-id"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_build_rejects_and_keeps_the_previous_site(case: Case, built_portal: Path, run_portal, caplog) -> None:
    site = built_portal / "site"
    before_site = snapshot(site)
    before_dir = sorted(p.name for p in built_portal.iterdir())
    saved = _apply(built_portal, case)
    try:
        if case.name in IN_CHILD:
            done = run_cli("build", cwd=built_portal)
            code, said = done.returncode, done.stderr + done.stdout
        else:
            caplog.clear()
            outcome = run_portal("--root", str(built_portal), "build")  # an exception here fails the test
            code, said = outcome.code, outcome.err + outcome.out + caplog.text
    finally:
        _restore(saved)
    assert code == 1, said[-2000:]
    assert "Traceback" not in said
    assert f"{case.path}:" in said, said[-2000:]
    assert snapshot(site) == before_site, "a failed build changed the previous site"
    assert sorted(p.name for p in built_portal.iterdir()) == before_dir, "a failed build left files behind"
