"""An edited proposal never erases what curators pushed: real git repositories in a temporary folder play
the repository, the workflow's read-only checking job, its publishing job and a curator."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.curate.proposal_branch import BOT_EMAIL, plan, write_plan
from validate_support import MINI

BRANCH = "proposal/issue-7"
REL = "catalog/example-dementia.yaml"
ENTRY = """\
id: example-dementia
type: course
title: Dementia care at the end of life
url: {url}
provider: Example Hospice
summary: A short course for care home staff.
tiers: [1]
competencies: [communication-t1]
review_by: 2027-11-23
"""


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-c", "user.name=Curator", "-c", "user.email=curator@example.org",
                           "-c", "init.defaultBranch=main", *args], cwd=repo, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A bare repository whose main holds a small portal."""
    seed = tmp_path / "seed"
    shutil.copytree(MINI, seed)
    git(seed, "init", "-q")
    git(seed, "add", ".")
    git(seed, "commit", "-qm", "A small portal")
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(bare))
    return bare


def clone(origin: Path, where: Path) -> Path:
    git(origin.parent, "clone", "-q", str(origin), str(where))
    return where


def check_job(origin: Path, tmp: Path, url: str, name: str) -> tuple[str, Path]:
    """What the read-only job does: check out main with every branch, write the proposal, plan the branch."""
    work = clone(origin, tmp / f"check-{name}")
    (work / REL).write_text(ENTRY.format(url=url), encoding="utf-8")
    result = plan(work, branch_ref=f"origin/{BRANCH}", base_ref="origin/main", rel=REL,
                  content=(work / REL).read_bytes(), issue="7")
    out = tmp / f"out-{name}"
    write_plan(work, result, out)
    assert git(work, "status", "--porcelain") == f"?? {REL}"  # the planning touched nothing else
    return result.action, out


def publish_job(origin: Path, tmp: Path, out: Path, name: str) -> subprocess.CompletedProcess[str]:
    """What the publishing job does: fetch the planned commit and push it, never forced."""
    work = clone(origin, tmp / f"publish-{name}")
    git(work, "fetch", "-q", str(out / "proposal.bundle"), "refs/proposal/planned:refs/proposal/planned")
    return subprocess.run(["git", "push", "-q", "origin", f"refs/proposal/planned:refs/heads/{BRANCH}"],
                          cwd=work, capture_output=True, text=True, timeout=60)


def curator_commits(origin: Path, tmp: Path) -> str:
    work = clone(origin, tmp / "curator")
    git(work, "switch", "-q", BRANCH)
    path = work / REL
    path.write_text(path.read_text(encoding="utf-8") + "duration: 2h\nformats: [online-self-paced]\n",
                    encoding="utf-8")
    git(work, "commit", "-qam", "Complete the entry: duration and format")
    git(work, "push", "-q", "origin", BRANCH)
    return git(work, "rev-parse", "HEAD")


def branch_log(origin: Path) -> list[str]:
    return git(origin, "log", "--format=%ae %s", BRANCH).splitlines()


def test_a_first_proposal_starts_the_branch_from_main(origin: Path, tmp_path: Path) -> None:
    action, out = check_job(origin, tmp_path, "https://example.org/dementia", "first")
    assert action == "create"
    assert publish_job(origin, tmp_path, out, "first").returncode == 0
    log = branch_log(origin)
    assert log[0] == f"{BOT_EMAIL} Add {REL} (proposed in #7)" and log[1].endswith("A small portal")
    assert "Web address: ` https://example.org/dementia `" in (out / "comment.md").read_text(encoding="utf-8")


def test_an_edit_after_a_curators_commit_keeps_that_commit(origin: Path, tmp_path: Path) -> None:
    _, out = check_job(origin, tmp_path, "https://example.org/dementia", "first")
    assert publish_job(origin, tmp_path, out, "first").returncode == 0
    curated = curator_commits(origin, tmp_path)

    action, out = check_job(origin, tmp_path, "https://examp1e.org/dementia", "edit")
    assert action == "comment"
    assert not (out / "proposal.bundle").exists()
    assert git(origin, "rev-parse", BRANCH) == curated  # the branch is as the curator left it
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert ("**The web address changed** from ` https://example.org/dementia ` to ` https://examp1e.org/dementia `"
            in comment)
    assert "1 commit that this workflow did not make" in comment
    assert "-url: https://example.org/dementia\n+url: https://examp1e.org/dementia" in comment
    plan_doc = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan_doc["previous_url"] == "https://example.org/dementia" and plan_doc["commit"] == ""


def test_a_stale_plan_cannot_overwrite_a_commit_pushed_meanwhile(origin: Path, tmp_path: Path) -> None:
    _, out = check_job(origin, tmp_path, "https://example.org/dementia", "first")
    assert publish_job(origin, tmp_path, out, "first").returncode == 0
    action, stale = check_job(origin, tmp_path, "https://example.org/dementia-2", "edit")
    assert action == "append"
    curated = curator_commits(origin, tmp_path)  # pushed between the plan and the push
    pushed = publish_job(origin, tmp_path, stale, "late")
    assert pushed.returncode != 0 and "rejected" in pushed.stderr
    assert git(origin, "rev-parse", BRANCH) == curated


def test_an_edit_of_the_workflows_own_branch_adds_a_commit(origin: Path, tmp_path: Path) -> None:
    _, out = check_job(origin, tmp_path, "https://example.org/dementia", "first")
    assert publish_job(origin, tmp_path, out, "first").returncode == 0
    first = git(origin, "rev-parse", BRANCH)

    action, out = check_job(origin, tmp_path, "https://example.org/dementia-care", "edit")
    assert action == "append"
    assert publish_job(origin, tmp_path, out, "edit").returncode == 0
    assert git(origin, "rev-parse", f"{BRANCH}~1") == first  # on top, not instead
    assert branch_log(origin)[0] == f"{BOT_EMAIL} Update {REL} from the edited proposal (#7)"
    assert "url: https://example.org/dementia-care" in git(origin, "show", f"{BRANCH}:{REL}")
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert "**The web address changed** from ` https://example.org/dementia ` to" in comment
    assert "approvals given before it no longer count" in comment


def test_an_edit_that_changes_nothing_leaves_the_branch_alone(origin: Path, tmp_path: Path) -> None:
    _, out = check_job(origin, tmp_path, "https://example.org/dementia", "first")
    assert publish_job(origin, tmp_path, out, "first").returncode == 0
    action, out = check_job(origin, tmp_path, "https://example.org/dementia", "again")
    assert action == "unchanged" and not (out / "proposal.bundle").exists()


def test_a_commit_that_only_looks_like_the_workflows_counts_as_someone_elses(origin: Path, tmp_path: Path) -> None:
    _, out = check_job(origin, tmp_path, "https://example.org/dementia", "first")
    assert publish_job(origin, tmp_path, out, "first").returncode == 0
    work = clone(origin, tmp_path / "mimic")
    git(work, "switch", "-q", BRANCH)
    (work / REL).write_text(ENTRY.format(url="https://example.org/other"), encoding="utf-8")
    # The trailer alone does not make it the workflow's: the author is a curator.
    git(work, "commit", "-qam", "Update\n\nProposal-Issue: 7")
    git(work, "push", "-q", "origin", BRANCH)
    action, _ = check_job(origin, tmp_path, "https://example.org/dementia-3", "edit")
    assert action == "comment"
