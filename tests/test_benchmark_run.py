"""The benchmark's turns: the run of median CPU time is reported, and built sites are moved aside, not deleted."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import run as bench
from benchmarks.measure import Run


def _run(cpu: float) -> Run:
    return Run(seconds=cpu + 1, cpu=cpu, peak_mb=100.0, code=0, output="")


@pytest.mark.parametrize(("cpus", "median"), [([7.0], 7.0), ([9.0, 7.0, 8.0], 8.0), ([9.0, 7.0], 7.0),
                                              ([6.0, 12.0, 7.5, 7.0, 30.0], 7.5)])
def test_the_reported_run_is_the_one_of_median_cpu_time(cpus: list[float], median: float) -> None:
    assert bench.median_run([_run(c) for c in cpus]).cpu == median


def test_a_built_site_is_moved_aside_before_the_next_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "PILE", tmp_path / "pile")
    site = tmp_path / "portal-10" / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("x", encoding="utf-8")
    bench.set_aside(site)
    bench.set_aside(site)  # nothing there any more: nothing to do
    assert not site.exists()
    [moved] = (tmp_path / "pile").iterdir()
    assert moved.name.startswith("portal-10-") and (moved / "a" / "index.html").read_text(encoding="utf-8") == "x"
