"""The GitHub Actions workflows, the issue form and the pre-commit hook: linted, schema-checked, consistent."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-entry.yml"
# Values an outsider controls: never expanded by ${{ }} inside a script (script injection).
UNTRUSTED = re.compile(r"\$\{\{[^}]*github\.event\.(issue|comment|pull_request|review|head_commit)\."
                       r"[^}]*(title|body|name|label|ref|message|email)[^}]*\}\}")


def tool(name: str) -> str:
    """A command-line tool from the test extras, next to this Python or on PATH."""
    found = Path(sys.executable).with_name(name)
    if found.is_file():
        return str(found)
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} not found: install the test extras (pip install -e '.[test]', or `make test`)")
    return path


def load(path: Path) -> dict[Any, Any]:
    # YAML 1.1 reads the key `on` as True; workflows are read with that in mind.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def test_there_are_the_three_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["pages.yml", "proposal.yml", "pull-request.yml"]


def test_actionlint_finds_nothing() -> None:
    proc = subprocess.run([tool("actionlint"), "-no-color", *map(str, WORKFLOWS)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(("schema", "files"), [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", [FORM]),
])
def test_files_match_githubs_schemas(schema: str, files: list[Path]) -> None:
    proc = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_untrusted_event_text_is_expanded_inside_a_script(path: Path) -> None:
    for step in steps(load(path)):
        assert not UNTRUSTED.search(step.get("run", "")), f"{path.name}: {step.get('name')}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_portal_commands_in_workflows_exist(path: Path) -> None:
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    used = {m[1] for step in steps(load(path)) for m in re.finditer(r"\bportal ([a-z-]+)", step.get("run", ""))}
    assert used and used <= commands


def test_pull_requests_are_validated_built_link_checked_and_previewed() -> None:
    wf = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in wf[True]
    assert wf["permissions"] == {"contents": "read"}
    runs = " ".join(s.get("run", "") for s in steps(wf))
    assert "portal validate --strict --format github" in runs
    assert "portal build" in runs and "portal check-site site" in runs
    uploads = [s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"] == "site/"


def test_main_is_published_with_the_official_pages_actions() -> None:
    wf = load(ROOT / ".github" / "workflows" / "pages.yml")
    assert wf[True]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    uses = [s.get("uses", "").split("@")[0] for s in steps(wf)]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    build_runs = " ".join(s.get("run", "") for s in wf["jobs"]["build"]["steps"])
    assert "portal build" in build_runs and "portal check-site" in build_runs


def test_proposals_only_run_for_labelled_open_issues() -> None:
    wf = load(ROOT / ".github" / "workflows" / "proposal.yml")
    assert set(wf[True]["issues"]["types"]) == {"opened", "edited", "labeled"}
    job = wf["jobs"]["propose"]
    assert "'proposal'" in job["if"] and "state == 'open'" in job["if"]
    body_steps = [s for s in job["steps"] if "BODY" in s.get("env", {})]
    assert body_steps and "portal from-issue" in body_steps[0]["run"]
    assert "proposal" in load(FORM)["labels"]


def test_pre_commit_runs_the_validator() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    hook = next(h for h in hooks if h["id"] == "portal-validate")
    argv = shlex.split(hook["entry"])
    assert argv[:2] == ["portal", "validate"]
    args = build_parser().parse_args(argv[1:])
    assert args.command == "validate" and args.strict
    assert re.match(hook["files"], "catalog/pathways/x.yaml") and re.match(hook["files"], "competencies/a.yaml")
    assert not re.match(hook["files"], "docs/about.md")


def test_the_linters_do_catch_a_broken_workflow(tmp_path: Path) -> None:
    # Guards the two tests above against passing because a tool silently checks nothing.
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - uses: actions/checkout@v4\n        run: echo both\n", encoding="utf-8")
    lint = subprocess.run([tool("actionlint"), "-no-color", str(bad)], capture_output=True, text=True, timeout=120)
    assert lint.returncode != 0 and "bad.yml" in lint.stdout
    schema = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(bad)],
                            capture_output=True, text=True, timeout=120)
    assert schema.returncode != 0


def test_the_proposal_workflow_gives_each_job_only_what_it_needs() -> None:
    wf = load(ROOT / ".github" / "workflows" / "proposal.yml")
    assert wf["permissions"] == {}
    jobs = wf["jobs"]
    assert jobs["propose"]["permissions"] == {"contents": "read"}
    assert jobs["reply"]["permissions"] == {"issues": "write"}
    assert set(jobs["publish"]["permissions"]) == {"contents", "pull-requests", "issues", "actions"}
    for name, job in jobs.items():
        runs = " ".join(s.get("run", "") for s in job["steps"])
        assert "--force" not in runs and "push -f" not in runs, name
        writes = any(v == "write" for v in job["permissions"].values())
        installs = "pip install" in runs or "portal " in runs
        # A job that can write runs no installed code; the job that installs keeps no credentials.
        assert not (writes and installs), name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@") and installs:
                assert step["with"]["persist-credentials"] is False, name
        # The token is given only to the steps that call gh, never to the whole job.
        assert "GH_TOKEN" not in job.get("env", {}), name
        for step in job["steps"]:
            if "GH_TOKEN" in step.get("env", {}):
                assert "gh " in step["run"], (name, step.get("name"))


def test_the_proposal_workflow_installs_pinned_versions() -> None:
    wf = load(ROOT / ".github" / "workflows" / "proposal.yml")
    installs = [s["run"] for s in steps(wf) if "pip install" in s.get("run", "")]
    assert installs and all("--constraint .github/proposal-constraints.txt" in run for run in installs)
    pins = [ln for ln in (ROOT / ".github" / "proposal-constraints.txt").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.+-]*", ln) for ln in pins)
    pinned = {ln.split("==")[0].lower().replace("_", "-") for ln in pins}
    # Every runtime dependency of the generator is pinned.
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement)[0].lower().replace("_", "-")
        assert name in pinned, name


def test_the_proposal_branch_is_planned_read_only_and_pushed_without_force() -> None:
    wf = load(ROOT / ".github" / "workflows" / "proposal.yml")
    plan = " ".join(s.get("run", "") for s in wf["jobs"]["propose"]["steps"])
    assert "portal proposal-branch" in plan
    push = [s["run"] for s in wf["jobs"]["publish"]["steps"] if "git push" in s.get("run", "")]
    assert push and all(re.search(r"git push origin \"refs/proposal/planned:refs/heads/\$BRANCH\"", r) for r in push)
