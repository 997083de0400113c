"""``make bench`` (``python -m benchmarks.run``): the portal at 1,000 and 10,000 entries, against its targets.

For each size it writes a seeded synthetic catalog (benchmarks/synth.py) and
measures, each in its own child process:

* validation (``portal validate``) and the portal's own stages (benchmarks/stages.py);
* the full build (``portal build``): wall time and peak memory, beside the floor,
  a bare Material build of the same number of plain pages (benchmarks/floor.py);
* HTML bytes per page, by kind of page;
* what Chromium fetches on a first visit to the home page, and up to the first
  header-search result (plus benchmarks/search_bench.py's figures, when present);

then how each grows from the smallest size to the largest, and writes
benchmarks/results.md with the machine described. Targets: build at most
1.25 × the floor and linear; no page over 30 KB; home page under 150 KB.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .floor import floor_project
from .measure import ROOT, CHROMIUM, Fetched, Run, Sizes, browse, page_sizes, python, run_child
from .synth import synth_project


def scratch_folder() -> Path:
    """Where the catalogs and sites are written: a folder in memory when the machine has room in one.

    On a disk, creating a file costs the system time of allocating its inode, and on ext4 that cost grows
    after many files were deleted nearby (the allocator passes over recently freed inodes): measured here, the
    same 1,000-entry build took 0.5 s of system time on a quiet disk and 2.9 s after a day of builds had been
    deleted, against 0.4 to 1.0 s in memory. That measures the disk's history, not the generator, and it falls
    hardest on the build that writes more files. In memory, both builds pay for their files alike.
    """
    ram = Path("/dev/shm")
    if ram.is_dir() and os.access(ram, os.W_OK) and shutil.disk_usage(ram).free > 4 * 1024 ** 3:
        return ram / f"portal-benchmarks-{os.getpid()}"
    return ROOT / "benchmarks" / "scratch"


SCRATCH = scratch_folder()
PILE = SCRATCH / "built"  # sites set aside between builds (set_aside)
RESULTS = ROOT / "benchmarks" / "results.md"
FINDINGS = ROOT / "benchmarks" / "findings.md"
WORST = ROOT / "benchmarks" / "worst-cases.md"  # written by benchmarks/worst.py
KB = 1024
TARGET_RATIO = 1.25
TARGET_PAGE = 30 * KB
TARGET_HOME = 150 * KB
TARGET_LANGUAGES = 1.10  # a second language costs its pages, and at most a tenth more per page
QUERY = "pain"


@dataclass
class Size:
    entries: int
    synth_s: float = 0.0
    validate: Run | None = None
    stages: dict[str, float] = field(default_factory=dict)
    build: Run | None = None
    floor: Run | None = None
    floor_pages: int = 0
    sizes: Sizes | None = None
    browser: dict[str, Any] = field(default_factory=dict)
    search: dict[str, Any] = field(default_factory=dict)
    # The same catalog published in two languages (mkdocs.yml's languages): its build and its pages.
    bilingual: Run | None = None
    bilingual_pages: int = 0
    # Every run's CPU time, in the order run; build, floor and bilingual above are the runs of median CPU time.
    build_cpus: list[float] = field(default_factory=list)
    floor_cpus: list[float] = field(default_factory=list)
    bilingual_cpus: list[float] = field(default_factory=list)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def median_run(runs: list[Run]) -> Run:
    """The run of median CPU time (the lower of the middle two for an even count)."""
    return sorted(runs, key=lambda r: r.cpu)[(len(runs) - 1) // 2]


def set_aside(site: Path) -> None:
    """Move a built site out of the way before the next build: renaming is instant, where deleting thousands
    of files just before a build would load the file system during it. The pile goes at the end of the run."""
    if site.exists():
        PILE.mkdir(parents=True, exist_ok=True)
        site.rename(PILE / f"{site.parent.name}-{time.monotonic_ns()}")


def build_site(project: Path, command: list[str], what: str) -> Run:
    """One build of ``project`` into its ``site`` folder, the last one set aside first; a failed build ends the run."""
    set_aside(project / "site")
    run = run_child(command, cwd=project)
    if run.code != 0:
        raise SystemExit(f"{what} failed:\n{run.output[-3000:]}")
    return run


def measure(n: int, seed: int, two_languages: bool = False, repeats: int = 1) -> Size:
    out = Size(n)
    project = SCRATCH / f"portal-{n}"
    shutil.rmtree(project, ignore_errors=True)
    started = time.perf_counter()
    synth_project(project, n, seed)
    out.synth_s = time.perf_counter() - started
    log(f"{n:,} entries written in {out.synth_s:.1f} s")

    out.validate = run_child(python("-m", "generator", "validate"), cwd=project)
    log(f"validate: {out.validate.seconds:.1f} s, exit {out.validate.code}")
    stages = run_child(python("-m", "benchmarks.stages", str(project)), cwd=ROOT)
    if stages.code == 0:
        out.stages = json.loads(stages.output.strip().splitlines()[-1])
    log(f"stages: {out.stages or stages.output[-500:]}")

    # The build and the floor take turns, so that a spell of other work on the machine falls on both alike.
    floor = SCRATCH / f"floor-{n}"
    builds: list[Run] = []
    floors: list[Run] = []
    for turn in range(repeats):
        build = build_site(project, python("-m", "generator", "build", "--site-dir", "site"),
                           f"the portal build of {n} entries")
        builds.append(build)
        if turn == 0:
            out.sizes = page_sizes(project / "site")
            shutil.rmtree(floor, ignore_errors=True)
            out.floor_pages = out.sizes.pages - 1  # the portal's pages but its 404.html, which the floor makes too
            floor_project(floor, out.floor_pages, ROOT, seed)
        log(f"build: {build.seconds:.1f} s ({build.cpu:.1f} s CPU), {build.peak_mb:.0f} MB")
        bare = build_site(floor, python("-m", "mkdocs", "build", "-q", "--site-dir", "site"), "the floor build")
        floors.append(bare)
        log(f"floor: {bare.seconds:.1f} s ({bare.cpu:.1f} s CPU), {bare.peak_mb:.0f} MB")
    out.build, out.floor = median_run(builds), median_run(floors)
    out.build_cpus, out.floor_cpus = [r.cpu for r in builds], [r.cpu for r in floors]

    out.browser = browse(project / "site", QUERY)
    home = out.browser["home"]
    log(f"home page: {home.requests} requests, {home.raw_bytes / KB:.0f} KB ({home.gzip_bytes / KB:.0f} KB gzipped)")
    out.search = search_figures(project / "site")
    if two_languages:
        measure_languages(out, seed, repeats)
    return out


def measure_languages(out: Size, seed: int, repeats: int = 1) -> None:
    """The same catalog in English and French: it should cost about twice the pages, no more."""
    project = SCRATCH / f"portal-{out.entries}-two-languages"
    shutil.rmtree(project, ignore_errors=True)
    synth_project(project, out.entries, seed, languages=True)
    runs: list[Run] = []
    for turn in range(repeats):
        run = build_site(project, python("-m", "generator", "build", "--site-dir", "site"),
                         f"the two-language build of {out.entries} entries")
        runs.append(run)
        if turn == 0:
            out.bilingual_pages = page_sizes(project / "site").pages
        log(f"two languages: {run.seconds:.1f} s ({run.cpu:.1f} s CPU), {out.bilingual_pages:,} pages")
    out.bilingual, out.bilingual_cpus = median_run(runs), [r.cpu for r in runs]
    shutil.rmtree(project, ignore_errors=True)


def search_figures(site: Path) -> dict[str, Any]:
    """benchmarks/search_bench.py's measure() and pagefind_measure(), when that module exists."""
    try:
        from . import search_bench  # type: ignore[attr-defined]
    except ImportError:
        return {}
    figures: dict[str, Any] = {}
    for name in ("measure", "pagefind_measure"):
        fn = getattr(search_bench, name, None)
        if fn is None:
            continue
        try:
            figures[name] = fn(site)
        except Exception as exc:  # a broken helper must not sink the whole benchmark
            figures[name] = {"error": f"{exc.__class__.__name__}: {exc}"}
        log(f"search_bench.{name}: done" if "error" not in figures[name] else f"search_bench.{name}: {figures[name]}")
    return figures


# --- the report ------------------------------------------------------------------------------------

# (label, search_bench function, dotted path into its result, format)
SEARCH_ROWS = [
    ("portal: bytes to the first result", "measure", "first_result_bytes.search_gzip.median", "{:,.0f} B"),
    ("portal: page + search bytes to the first result", "measure", "first_result_bytes.page_gzip.median", "{:,.0f} B"),
    ("portal: time per query, warm (ms)", "measure", "query_ms.median", "{:.1f}"),
    ("portal: slowest query, warm (ms)", "measure", "query_ms.max", "{:.1f}"),
    ("portal: first query, cold (ms)", "measure", "query_ms.cold.median", "{:.1f}"),
    ("portal: index on disk (gzip)", "measure", "index_on_disk.gzip", "{:,.0f} B"),
    ("Pagefind: bytes to the first result", "pagefind_measure", "first_result_bytes.search_gzip.median", "{:,.0f} B"),
    ("Pagefind: time per query, warm (ms)", "pagefind_measure", "query_ms.median", "{:.1f}"),
    ("Pagefind: first query, cold (ms)", "pagefind_measure", "query_ms.cold.median", "{:.1f}"),
    ("Pagefind: index build (s)", "pagefind_measure", "index_build_s", "{:.1f}"),
]


def _dig(data: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data if isinstance(data, (int, float)) else None


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    versions = []
    for dist in ("mkdocs", "mkdocs-material", "lunr", "PyYAML", "jsonschema", "Markdown", "Jinja2", "playwright"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            pass
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "not found"
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM: {ram}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}; {', '.join(versions)}",
        f"- Browser: {chromium}",
        f"- Load average when the run started: {load} (other work on the machine makes times noisier)",
    ]


def _kb(n: float) -> str:
    return f"{n / KB:,.1f} KB"


def _ok(good: bool) -> str:
    return "yes" if good else "**NO**"


def _every_run(cpus: list[float]) -> str:
    return ", ".join(f"{c:.1f}" for c in cpus) or "–"


def report(results: list[Size], started: str, seed: int, host: list[str], seconds: float, repeats: int = 1,
           scratch: str = "disk") -> str:
    where = (" Catalogs and sites were written to a folder in memory (/dev/shm): on this machine's disk, creating "
             "a file costs more after many deletions nearby, which swung system time by seconds between runs "
             "(benchmarks/run.py, scratch_folder)." if scratch == "memory" else
             " Catalogs and sites were written to the disk (benchmarks/scratch/).")
    compiled = " The generator's modules were compiled to bytecode first, as MkDocs' and Material's were when installed."
    turns = (f" The portal's build and the floor ran {repeats} times each at every size, taking turns (and the "
             f"two-language build {repeats} times); each figure is the run of median CPU time, and every run's "
             "CPU time is listed under Build." if repeats > 1 else "")
    lines = [
        "# Benchmark results",
        "",
        f"`make bench` (`python -m benchmarks.run`), run {started}, took {seconds / 60:.1f} minutes. "
        f"Synthetic catalogs from benchmarks/synth.py, seed {seed}. Each build runs in its own process; "
        "peak memory is that process's maximum resident set size. The build targets are judged on CPU time "
        "(user + system), which other work on a shared machine disturbs far less than wall time; both are shown."
        + where + compiled + turns,
        "",
        "## Machine",
        "",
        *host,
        "",
        "## Summary against the targets",
        "",
        "| target | " + " | ".join(f"{r.entries:,} entries" for r in results) + " | met |",
        "|---|" + "---|" * len(results) + "---|",
    ]
    ratios = [r.build.cpu / r.floor.cpu for r in results]
    wall_ratios = [r.build.seconds / r.floor.seconds for r in results]
    lines.append("| full build ≤ 1.25 × the floor (CPU time) | " + " | ".join(f"{x:.2f} ×" for x in ratios)
                 + f" | {_ok(all(x <= TARGET_RATIO for x in ratios))} |")
    lines.append("| … the same in wall time | " + " | ".join(f"{x:.2f} ×" for x in wall_ratios)
                 + f" | {_ok(all(x <= TARGET_RATIO for x in wall_ratios))} |")
    if any(r.bilingual is not None for r in results):
        # Per page, so that "about twice the pages, no more" is what is judged.
        per_page = [(r.bilingual.cpu / r.bilingual_pages) / (r.build.cpu / r.sizes.pages)
                    if r.bilingual is not None else None for r in results]
        lines.append(f"| two languages ≤ {TARGET_LANGUAGES:.2f} × one language's CPU time per page | "
                     + " | ".join("–" if x is None else f"{x:.2f} ×" for x in per_page)
                     + f" | {_ok(all(x <= TARGET_LANGUAGES for x in per_page if x is not None))} |")
    if len(results) > 1:
        per = [r.build.cpu / r.entries for r in results]
        growth = per[-1] / per[0]
        lines.append("| build time linear (CPU time per entry, largest ÷ smallest ≤ 1.25) | "
                     + " | ".join(f"{p * 1000:.1f} ms/entry" for p in per)
                     + f" | {_ok(growth <= TARGET_RATIO)} ({growth:.2f}) |")
    lines.append("| no page over 30 KB of HTML | " + " | ".join(_kb(r.sizes.largest[0]) + " largest" for r in results)
                 + f" | {_ok(all(r.sizes.largest[0] <= TARGET_PAGE for r in results))} |")
    lines.append("| home page < 150 KB on a first visit (gzip) | "
                 + " | ".join(_kb(r.browser['home'].gzip_bytes) for r in results)
                 + f" | {_ok(all(r.browser['home'].gzip_bytes < TARGET_HOME for r in results))} |")
    lines.append("| no third-party request | " + " | ".join(str(len(r.browser['home'].outside)) for r in results)
                 + f" | {_ok(all(not r.browser['home'].outside for r in results))} |")

    lines += ["", "## Build", "",
              "| | " + " | ".join(f"{r.entries:,} entries" for r in results)
              + (" | growth |" if len(results) > 1 else " |"),
              "|---|" + "---|" * len(results) + ("---|" if len(results) > 1 else "")]

    def row(label: str, values: list[float], fmt: str) -> None:
        cells = " | ".join(fmt.format(v) for v in values)
        grow = f" | {values[-1] / values[0]:.1f} ×" if len(values) > 1 and values[0] else (" | –" if len(values) > 1 else "")
        lines.append(f"| {label} | {cells}{grow} |")

    row("validation, `portal validate` (s, wall, incl. start-up)", [r.validate.seconds for r in results], "{:.1f}")
    row("validation, in process (s)", [r.stages.get("validate_s", 0) for r in results], "{:.2f}")
    row("pathway generation (s)", [r.stages.get("pathways_s", 0) for r in results], "{:.2f}")
    row("generated pathways", [r.stages.get("pathways", 0) for r in results], "{:,.0f}")
    row("rendering the pages' Markdown (s)", [r.stages.get("render_markdown_s", 0) for r in results], "{:.2f}")
    row("full build, `portal build`: wall (s)", [r.build.seconds for r in results], "{:.1f}")
    row("full build: CPU (s)", [r.build.cpu for r in results], "{:.1f}")
    row("floor, bare Material with the same page count: wall (s)", [r.floor.seconds for r in results], "{:.1f}")
    row("floor: CPU (s)", [r.floor.cpu for r in results], "{:.1f}")
    if any(len(r.build_cpus) > 1 for r in results):
        no_growth = " | |" if len(results) > 1 else " |"
        lines.append("| full build: CPU of every run (s) | " + " | ".join(_every_run(r.build_cpus) for r in results)
                     + no_growth)
        lines.append("| floor: CPU of every run (s) | " + " | ".join(_every_run(r.floor_cpus) for r in results)
                     + no_growth)
    row("build ÷ floor, CPU", ratios, "{:.2f}")
    row("build ÷ floor, wall", wall_ratios, "{:.2f}")
    row("build peak memory (MB)", [r.build.peak_mb for r in results], "{:,.0f}")
    row("floor peak memory (MB)", [r.floor.peak_mb for r in results], "{:,.0f}")
    row("HTML pages", [r.sizes.pages for r in results], "{:,.0f}")
    if any(r.bilingual is not None for r in results):
        growth = " | –" if len(results) > 1 else ""
        lines.append("| two languages: HTML pages | " + " | ".join(
            f"{r.bilingual_pages:,}" if r.bilingual else "–" for r in results) + growth + " |")
        lines.append("| two languages: full build CPU (s) | " + " | ".join(
            f"{r.bilingual.cpu:.1f}" if r.bilingual else "–" for r in results) + growth + " |")
        if any(len(r.bilingual_cpus) > 1 for r in results):
            lines.append("| two languages: CPU of every run (s) | " + " | ".join(
                _every_run(r.bilingual_cpus) for r in results) + growth + " |")
    row("HTML bytes, all pages (MB)", [r.sizes.total_bytes / KB / KB for r in results], "{:,.1f}")

    lines += ["", "## HTML bytes per page, by kind", "",
              "Median and largest page of each kind. Listing pages are paginated, so they should not grow.", "",
              "| kind | " + " | ".join(f"{r.entries:,}: pages, median, max" for r in results) + " |",
              "|---|" + "---|" * len(results)]
    kinds = sorted({k for r in results for k in r.sizes.by_kind})
    for kind in kinds:
        cells = []
        for r in results:
            got = r.sizes.by_kind.get(kind)
            cells.append(f"{got[0]:,}, {_kb(got[1])}, {_kb(got[2])}" if got else "–")
        lines.append(f"| `{kind}` | " + " | ".join(cells) + " |")
    for r in results:
        if r.sizes.over_30kb:
            lines.append("")
            lines.append(f"Over 30 KB at {r.entries:,} entries ({len(r.sizes.over_30kb)} pages): "
                         + ", ".join(f"`{p}` ({_kb(s)})" for s, p in r.sizes.over_30kb[:10]))

    lines += ["", "## What the browser fetches", "",
              "Chromium, empty cache, phone-sized window, site served from 127.0.0.1. Bytes as served and "
              "gzip-equivalent (what a static host that compresses text sends).", "",
              "| | " + " | ".join(f"{r.entries:,} entries" for r in results) + " |",
              "|---|" + "---|" * len(results)]
    lines.append("| home page: requests | " + " | ".join(str(r.browser["home"].requests) for r in results) + " |")
    lines.append("| home page: bytes | " + " | ".join(_kb(r.browser["home"].raw_bytes) for r in results) + " |")
    lines.append("| home page: gzip-equivalent | " + " | ".join(_kb(r.browser["home"].gzip_bytes) for r in results) + " |")
    if all(r.browser.get("search") for r in results):
        lines.append(f"| header search for “{QUERY}”: extra bytes to the first result | "
                     + " | ".join(_kb(r.browser["search"].raw_bytes) for r in results) + " |")
        lines.append("| … gzip-equivalent | " + " | ".join(_kb(r.browser["search"].gzip_bytes) for r in results) + " |")
        lines.append("| bytes before the first search result (home + search, gzip) | "
                     + " | ".join(_kb(r.browser["home"].gzip_bytes + r.browser["search"].gzip_bytes) for r in results) + " |")
        lines.append("| time from typing to the first result (s) | "
                     + " | ".join(f"{r.browser['search_seconds']:.2f}" for r in results) + " |")
    for r in results:
        if r.browser.get("search_error"):
            lines.append("")
            lines.append(f"Header search at {r.entries:,} entries: {r.browser['search_error']}.")
    for r in results:
        top = ", ".join(f"`{p or '/'}` {_kb(g)}" for _, g, p in sorted(r.browser["home"].files, key=lambda f: -f[1])[:6])
        lines.append("")
        lines.append(f"Largest home-page files at {r.entries:,} entries (gzip): {top}.")

    if any(r.search for r in results):
        lines += ["", "## Search (benchmarks/search_bench.py)", "",
                  "The portal's catalog search and a Pagefind index of the same site, over the same queries "
                  "(medians; bytes gzip-equivalent, fetched from typing the query to the first result).", "",
                  "| | " + " | ".join(f"{r.entries:,} entries" for r in results) + " |",
                  "|---|" + "---|" * len(results)]
        for label, which, path, fmt in SEARCH_ROWS:
            cells = [_dig(r.search.get(which), path) for r in results]
            if any(c is not None for c in cells):
                lines.append(f"| {label} | " + " | ".join("–" if c is None else fmt.format(c) for c in cells) + " |")
        ratios = []
        for r in results:
            ours = _dig(r.search.get("measure"), "first_result_bytes.search_gzip.median")
            theirs = _dig(r.search.get("pagefind_measure"), "first_result_bytes.search_gzip.median")
            ratios.append(f"{ours / theirs:.2f} ×" if ours and theirs else "–")
        lines.append("| search bytes, portal ÷ Pagefind | " + " | ".join(ratios) + " |")
        for r in results:
            for which, got in r.search.items():
                if isinstance(got, dict) and got.get("error"):
                    lines.append("")
                    lines.append(f"search_bench.{which} at {r.entries:,} entries failed: {got['error'][:300]}")

    if WORST.is_file():
        lines += ["", WORST.read_text(encoding="utf-8").strip()]
    if FINDINGS.is_file():
        lines += ["", FINDINGS.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def save(results: list[Size], meta: dict[str, Any], path: Path) -> None:
    """The raw figures as JSON, so that the report can be written again (``--report-only``)."""
    data = {"meta": meta, "results": [asdict(r) for r in results]}
    # Paths relative to the repository, so the file says the same wherever it was run.
    text = json.dumps(data, indent=1, sort_keys=True, default=str).replace(f"{ROOT}/", "")
    path.write_text(text + "\n", encoding="utf-8")


def load(path: Path) -> tuple[list[Size], dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    results = []
    for raw in data["results"]:
        r = Size(**{k: v for k, v in raw.items() if k in ("entries", "synth_s", "stages", "floor_pages", "search",
                                                           "build_cpus", "floor_cpus", "bilingual_cpus")})
        r.validate, r.build, r.floor = (Run(**raw[k]) for k in ("validate", "build", "floor"))
        if raw.get("bilingual"):
            r.bilingual, r.bilingual_pages = Run(**raw["bilingual"]), raw["bilingual_pages"]
        sizes = dict(raw["sizes"])
        sizes["by_kind"] = {k: tuple(v) for k, v in sizes["by_kind"].items()}
        sizes["largest"] = tuple(sizes["largest"])
        sizes["over_30kb"] = [tuple(x) for x in sizes["over_30kb"]]
        r.sizes = Sizes(**sizes)
        r.browser = {k: (Fetched(**v) if isinstance(v, dict) else v) for k, v in raw["browser"].items()}
        results.append(r)
    return results, data["meta"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="catalog sizes, comma-separated (default 1000,10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--keep", action="store_true",
                        help=f"keep the catalogs and sites ({SCRATCH}) for a look afterwards")
    parser.add_argument("--repeats", type=int, default=3,
                        help="builds of each kind per size, taking turns; the median is reported (default 3)")
    parser.add_argument("--report-only", action="store_true",
                        help="write the report again from the figures of the last run (results.json beside --out)")
    args = parser.parse_args(argv)
    figures = args.out.with_suffix(".json")
    if args.report_only:
        results, meta = load(figures)
    else:
        sizes = sorted(int(s) for s in args.sizes.split(","))
        began = time.perf_counter()
        meta = {"started": time.strftime("%Y-%m-%d %H:%M %Z"), "seed": args.seed, "host": machine(),
                "repeats": args.repeats, "scratch": "memory" if str(SCRATCH).startswith("/dev/shm") else "disk"}
        SCRATCH.mkdir(parents=True, exist_ok=True)
        # The floor's MkDocs and Material were compiled to bytecode when they were installed; the generator may be
        # a source tree (an editable install, or PYTHONDONTWRITEBYTECODE set), which every build would compile
        # again: about half a second of a 1,000-entry build. Compiled first, both builds start alike.
        compileall.compile_dir(str(ROOT / "generator"), quiet=1)
        # The two-language case at the smallest size: it answers "twice the pages, no more" on its own.
        results = [measure(n, args.seed, two_languages=n == sizes[0], repeats=max(1, args.repeats)) for n in sizes]
        meta["seconds"] = time.perf_counter() - began
        save(results, meta, figures)
    text = report(results, meta["started"], meta["seed"], meta["host"], meta["seconds"], meta.get("repeats", 1),
                  meta.get("scratch", "disk"))
    args.out.write_text(text, encoding="utf-8")
    log(f"wrote {args.out}")
    if not args.keep and not args.report_only:
        shutil.rmtree(SCRATCH, ignore_errors=True)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
