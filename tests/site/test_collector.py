"""The build takes what lives until its end out of the garbage collector's passes, and gives it back when it
ends, whether it succeeds or fails, in one language or two (``mkdocs serve`` builds again in the same process)."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from generator.settings import load_settings
from generator.site.plugin_build import build_site

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many objects each hold took out of the collector's passes during a build."""
    counts: list[int] = []
    freeze = gc.freeze

    def counting() -> None:
        freeze()
        counts.append(gc.get_freeze_count())

    monkeypatch.setattr(gc, "freeze", counting)
    return counts


def assemble(root: Path, *parts: str) -> Path:
    for part in parts:
        shutil.copytree(FIXTURES / part, root, dirs_exist_ok=True)
    return root


@pytest.mark.parametrize("parts", [("mini", "site-small"), ("mini", "site-small", "site-french")],
                         ids=["one language", "two languages"])
def test_a_build_holds_its_catalog_and_pages_and_lets_them_go_at_the_end(
        tmp_path: Path, held: list[int], parts: tuple[str, ...]) -> None:
    assert gc.get_freeze_count() == 0
    root = assemble(tmp_path / "portal", *parts)
    assert build_site(load_settings(root), tmp_path / "site") == 0
    assert len(held) >= 3 and held[0] > 0  # the catalog, the pages and files made, the site's pages
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_failed_build_lets_go_too(tmp_path: Path, held: list[int]) -> None:
    root = assemble(tmp_path / "portal", "mini", "site-small")
    entry = root / "catalog" / "mini-basics.yaml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("competencies:", "competences:", 1), encoding="utf-8")
    assert build_site(load_settings(root), tmp_path / "site") == 1
    assert held  # the catalog was read (and found wanting) with the collector paused
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
