"""Shared fixtures for the validator tests: a small valid portal and ways to run ``portal``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from site_support import build
from validate_support import MINI, REPO, Outcome


@pytest.fixture
def mini_portal(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/mini, a small portal that validates cleanly under --strict."""
    dest = tmp_path / "portal"
    shutil.copytree(MINI, dest)
    return dest


@pytest.fixture
def run_portal(capsys: pytest.CaptureFixture[str]):
    """Run ``portal ARGS`` in this process; usage errors come back as code 2, not SystemExit."""

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Outcome(code, out, err)

    return run


@pytest.fixture
def run_module():
    """Run ``python -m generator ARGS`` in a child process with ``cwd``, as CI would."""

    def run(*args: str, cwd: Path) -> Outcome:
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"}
        env.pop("CI", None)
        proc = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                              text=True, timeout=120, env=env)
        return Outcome(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped portal in every one of its languages, built once for all the tests that read its pages."""
    return build(REPO, tmp_path_factory.mktemp("real") / "site")
