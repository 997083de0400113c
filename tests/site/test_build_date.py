"""The date a build is stamped with: the last commit's, today's outside git, or SOURCE_DATE_EPOCH's."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.site.conftest import assemble

REPO = Path(__file__).resolve().parents[2]


def _build(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "CI")}
    environment.update({"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), "GIT_CEILING_DIRECTORIES": str(root.parent),
                        **env})
    return subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", "site"], cwd=root,
                          capture_output=True, text=True, timeout=180, env=environment)


def test_outside_git_the_build_is_dated_today_not_1970(tmp_path: Path) -> None:
    root = assemble(tmp_path / "portal")
    done = _build(root)
    assert done.returncode == 0, done.stderr
    today = time.strftime("%Y-%m-%d", time.gmtime())
    assert f"not a git checkout: the build is dated today, {today}" in done.stderr
    assert f'"today": "{today}"' in (root / "site" / "curators" / "report.json").read_text(encoding="utf-8")


def test_a_malformed_source_date_epoch_is_a_clear_error(tmp_path: Path) -> None:
    root = assemble(tmp_path / "portal")
    for value in ("", "yesterday"):
        done = _build(root, SOURCE_DATE_EPOCH=value)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        assert f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {value!r}" in done.stderr
        assert not (root / "site").exists()


def test_source_date_epoch_dates_the_build(tmp_path: Path) -> None:
    root = assemble(tmp_path / "portal")
    done = _build(root, SOURCE_DATE_EPOCH="1772323200")  # 2026-03-01
    assert done.returncode == 0, done.stderr
    assert "not a git checkout" not in done.stderr
    assert '"today": "2026-03-01"' in (root / "site" / "curators" / "report.json").read_text(encoding="utf-8")
