"""``python -m benchmarks.worst`` (part of ``make bench``): hostile inputs beside normal ones.

Each case is run in its own child process, like the rest of the benchmark:

* validation of an entry whose title is one 250 KB line (plain, and ending in
  a line break, which used to take minutes), and of ten such files;
* 5,000 unknown profession ids against a vocabulary of 5,000 ("did you mean");
* the full build of 10,000 entries sharing one title, beside the same catalog
  with its own titles: time, peak memory and the size of curators/report.json;
* the curators' report alone for 50,000 entries sharing one title.

Targets: the 250 KB title validated in under a second (start-up excluded);
the shared-title build within 1.25 × the normal build in time and memory, with
a report of a few kilobytes. The figures go to benchmarks/worst-cases.md, and
into benchmarks/results.md in place of the section written by the last run.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from pathlib import Path

from .measure import ROOT, Run, python, run_child
from .synth import synth_project

SCRATCH = ROOT / "benchmarks" / "scratch-worst"
OUT = ROOT / "benchmarks" / "worst-cases.md"
RESULTS = ROOT / "benchmarks" / "results.md"
HEADING = "## Worst cases"
TITLE_BYTES = 250_000
SHARED_TITLE = "Palliative care for everyone"

ENTRY = """\
id: {id}
type: course
title: {title}
url: https://example.org/{id}
provider: Example Hospice Education
summary: A test entry for the validator.
tiers: [1]
competencies: [{competency}]
review_by: 2030-06-30
"""


def log(message: str) -> None:
    print(f"[worst {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _project(name: str, n: int = 0) -> Path:
    project = SCRATCH / name
    shutil.rmtree(project, ignore_errors=True)
    synth_project(project, n, seed=1)
    return project


def _competency(project: Path) -> str:
    text = (project / "competencies" / "framework.yaml").read_text(encoding="utf-8")
    return re.search(r"^\s*- id: (\S+)\n\s+subject:", text, re.M)[1]  # type: ignore[index]


def _validate(project: Path, *options: str) -> Run:
    return run_child(python("-m", "generator", "validate", "--format", "json", *options), cwd=project)


def long_titles() -> list[dict[str, object]]:
    """A 250 KB one-line title: plain, ending in a line break (a block scalar), and ten files of it."""
    project = _project("long-title")
    competency = _competency(project)
    baseline = _validate(project)
    rows = [{"case": "the shipped framework, no entries (start-up and framework)", "run": baseline}]
    words = ("palliative care " * (TITLE_BYTES // 16 + 1))[:TITLE_BYTES].strip()
    shapes = {"one 250 KB title on one line": words,
              "one 250 KB title ending in a line break (block scalar)": "|\n  " + words}
    for case, title in shapes.items():
        for old in (project / "catalog").glob("long-*.yaml"):
            old.unlink()
        (project / "catalog" / "long-0.yaml").write_text(
            ENTRY.format(id="long-0", title=title, competency=competency), encoding="utf-8")
        rows.append({"case": case, "run": _validate(project)})
    for i in range(1, 10):
        (project / "catalog" / f"long-{i}.yaml").write_text(
            ENTRY.format(id=f"long-{i}", title="|\n  " + words, competency=competency), encoding="utf-8")
    rows.append({"case": "ten such files (line breaks)", "run": _validate(project)})
    for row in rows[1:]:
        run: Run = row["run"]  # type: ignore[assignment]
        problems = json.loads(run.output)["problems"] if run.output.strip().startswith("{") else []
        row["errors"] = len(problems)
        row["messages"] = sorted({re.sub(r"\d+ characters", "N characters", p["message"]) for p in problems})
        row["net"] = run.seconds - baseline.seconds
    return rows


def unknown_values() -> dict[str, object]:
    """5,000 unknown profession ids in one entry, against a vocabulary of 5,000."""
    project = _project("vocabulary")
    vocab = project / "competencies" / "vocabularies.yaml"
    known = [f"{a}-{b}-{i}" for i, (a, b) in enumerate(
        (a, b) for a in ("care", "nurse", "pain", "home", "grief", "talk", "team", "child", "adult", "ward")
        for b in ("worker", "lead", "assistant", "manager", "officer", "aide", "support", "practitioner",
                  "specialist", "coordinator") for _ in range(50))]
    text = vocab.read_text(encoding="utf-8")
    extra = "".join(f"  - id: {k}\n    label: Profession {k}\n" for k in known)
    vocab.write_text(text.replace("professions:\n", "professions:\n" + extra, 1), encoding="utf-8")
    entry = ENTRY.format(id="many-unknown", title="Many unknown professions", competency=_competency(project))
    unknown = [f"{k[:-1]}x{k[-1]}" for k in known]
    (project / "catalog" / "many-unknown.yaml").write_text(
        entry + "professions:\n" + "".join(f"  - {u}\n" for u in unknown), encoding="utf-8")
    run = _validate(project, "--max-bytes", "1000000")  # the vocabulary file is larger than files usually are
    problems = json.loads(run.output)["problems"]
    suggested = sum("did you mean" in p["message"] for p in problems)
    return {"run": run, "errors": len(problems), "suggested": suggested}


def shared_title(n: int, cases: tuple[str, ...] = ("own titles", "one shared title")) -> list[dict[str, object]]:
    """The full build of ``n`` entries, with their own titles and with one shared title."""
    rows = []
    for case in cases:
        project = _project(f"build-{case.replace(' ', '-')}", n)
        if case == "one shared title":
            for path in (project / "catalog").glob("*.yaml"):
                text = path.read_text(encoding="utf-8")
                # A long title may continue on indented lines; they go with it.
                path.write_text(re.sub(r"^title: .*(?:\n  .*)*$", f"title: {SHARED_TITLE}", text, count=1,
                                       flags=re.M), encoding="utf-8")
        run = run_child(python("-m", "generator", "build", "--site-dir", "site"), cwd=project)
        if run.code != 0:
            raise SystemExit(f"the build ({case}) failed:\n{run.output[-3000:]}")
        report = project / "site" / "curators" / "report.json"
        doc = json.loads(report.read_text(encoding="utf-8"))
        rows.append({"case": case, "run": run, "report_bytes": report.stat().st_size,
                     "clusters": [c["size"] for c in doc["similar_titles"]][:3],
                     "site_mb": sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file()) / 1e6})
        log(f"build, {case}: {run.seconds:.1f} s ({run.cpu:.1f} s CPU), {run.peak_mb:.0f} MB, "
            f"report {report.stat().st_size:,} bytes")
        shutil.rmtree(project, ignore_errors=True)
    return rows


REPORT_ONLY = """\
import datetime as dt, json, sys, time, tracemalloc
from generator.curate.report import Record, build_report
n = int(sys.argv[1])
records = [Record(f"e{i:06d}", "entry", f"catalog/e{i:06d}.yaml", "Palliative care for everyone", "2030-01-01",
                  f"https://example.org/{i}", "", "Example Hospice", f"Summary {i} of a course.", "")
           for i in range(n)]
tracemalloc.start()
started = time.perf_counter()
report = build_report(records, dt.date(2026, 1, 1))
seconds = time.perf_counter() - started
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1e6, "bytes": len(json.dumps(report.to_json())),
                  "cluster": report.similar_titles[0].size}))
"""


def report_only(n: int) -> dict[str, object]:
    run = run_child(python("-c", REPORT_ONLY, str(n)), cwd=ROOT)
    return {"run": run, **json.loads(run.output.strip().splitlines()[-1])}


def write(titles: list[dict[str, object]], vocab: dict[str, object], builds: list[dict[str, object]],
          big: dict[str, object], n: int, big_n: int, started: str) -> str:
    lines = [HEADING, "",
             f"`python -m benchmarks.worst`, run {started}, on the machine described above (a shared 2-core "
             "machine: wall times are noisier than CPU times). Each case runs in its own process.", "",
             "### Validation", "",
             "| case | wall (s) | CPU (s) | less start-up (s) | errors | messages |", "|---|---|---|---|---|---|"]
    for row in titles:
        run: Run = row["run"]  # type: ignore[assignment]
        net = row.get("net")
        lines.append(f"| {row['case']} | {run.seconds:.2f} | {run.cpu:.2f} | "
                     f"{'' if net is None else f'{net:.2f}'} | {row.get('errors', '')} | "
                     f"{'; '.join(row.get('messages', []))} |")  # type: ignore[arg-type]
    run = vocab["run"]
    lines.append(f"| 5,000 unknown profession ids, vocabulary of 5,000 | {run.seconds:.2f} | {run.cpu:.2f} | | "  # type: ignore[attr-defined]
                 f"{vocab['errors']:,} | {vocab['suggested']:,} with a 'did you mean' |")
    lines += ["", f"### Build of {n:,} entries", "",
              "| catalog | wall (s) | CPU (s) | peak memory (MB) | curators/report.json (bytes) | largest title clusters "
              "| site (MB) |", "|---|---|---|---|---|---|---|"]
    for row in builds:
        run = row["run"]  # type: ignore[assignment]
        clusters = row.get("clusters")
        site = row.get("site_mb")
        lines.append(f"| {row['case']} | {run.seconds:.1f} | {run.cpu:.1f} | {run.peak_mb:.0f} | "  # type: ignore[attr-defined]
                     f"{row['report_bytes']:,} | "
                     f"{'–' if clusters is None else ', '.join(f'{c:,}' for c in clusters) or 'none'} | "  # type: ignore[attr-defined]
                     f"{'–' if site is None else f'{site:.1f}'} |")
    own, shared = builds
    ratio_t = shared["run"].cpu / own["run"].cpu  # type: ignore[attr-defined]
    ratio_m = shared["run"].peak_mb / own["run"].peak_mb  # type: ignore[attr-defined]
    lines += ["", f"One shared title ÷ own titles: {ratio_t:.2f} × the CPU time, {ratio_m:.2f} × the peak memory.",
              "", f"### Curators' report alone, {big_n:,} entries with one title", "",
              f"{big['seconds']:.1f} s wall ({big['run'].cpu:.1f} s CPU for the whole process, records made up "  # type: ignore[attr-defined]
              f"included), {big['peak_mb']:.0f} MB at most allocated while it ran (tracemalloc), "
              f"{big['bytes']:,} bytes of JSON; one cluster of {big['cluster']:,} entries."]
    return "\n".join(lines) + "\n"


def splice(section: str) -> None:
    """Put ``section`` into results.md in place of the last run's, before the findings written by hand."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else "# Benchmark results\n"
    text = re.sub(rf"\n{re.escape(HEADING)}\n.*?(?=\n## |\Z)", "", text, flags=re.S)
    marker = "\n## Findings"
    at = text.find(marker)
    text = (text[:at] + "\n" + section + text[at:]) if at >= 0 else (text.rstrip("\n") + "\n\n" + section)
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    n = int(args[0]) if args else 10_000
    big_n = int(args[1]) if len(args) > 1 else 50_000
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    SCRATCH.mkdir(parents=True, exist_ok=True)
    try:
        titles = long_titles()
        log("long titles: " + ", ".join(f"{r['run'].seconds:.2f} s" for r in titles))  # type: ignore[attr-defined]
        vocab = unknown_values()
        log(f"unknown values: {vocab['run'].seconds:.2f} s")  # type: ignore[attr-defined]
        big = report_only(big_n)
        log(f"report alone at {big_n:,}: {big['seconds']:.1f} s, {big['peak_mb']:.0f} MB, {big['bytes']:,} bytes")
        builds = shared_title(n)
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
    section = write(titles, vocab, builds, big, n, big_n, started)
    OUT.write_text(section, encoding="utf-8")
    splice(section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
