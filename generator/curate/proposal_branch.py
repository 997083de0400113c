"""The commit an edited proposal adds to its pull request's branch, worked out without the right to push.

The proposal workflow's checking job (read-only) calls :func:`plan`; its
publishing job only pushes the commit planned here, never with ``--force``,
so a push that is not a fast-forward fails instead of erasing anything. The
branch is never rebuilt: a first proposal starts it from the default branch,
an edit adds a commit on top, and once anyone else has pushed to the branch
(a curator completing the entry) an edit changes nothing there and the
validated change is posted as a comment for a curator to apply. Either way the
comment says plainly when the web address changed, so that an address swapped
after review cannot pass unnoticed.

Commits are made with git's plumbing in a private index, so the working tree
(where the proposal was checked) is not touched.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import PortalError
from ..load.yamlsafe import YamlError, parse

BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"
TRAILER = "Proposal-Issue"
# The ref the planned commit is bundled under, for the publishing job to fetch and push.
PLANNED_REF = "refs/proposal/planned"


@dataclass
class Plan:
    """What to do with the proposal's branch, and what to tell the people following it."""

    action: str  # "create", "append", "comment" (others pushed to the branch) or "unchanged"
    commit: str = ""  # the commit to push, for "create" and "append"
    parent: str = ""  # the commit it goes on top of
    url: str = ""
    previous_url: str = ""
    diff: str = ""
    comment: str = ""

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def _git(repo: Path, *args: str, env: dict[str, str] | None = None, data: bytes | None = None,
         check: bool = True) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, input=data, capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=120)
    if check and proc.returncode != 0:
        raise PortalError(f"git {' '.join(args)} failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout.decode("utf-8", "replace").strip() if proc.returncode == 0 else ""


def _file_at(repo: Path, commit: str, rel: str) -> bytes | None:
    proc = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=repo, capture_output=True, timeout=120)
    return proc.stdout if proc.returncode == 0 else None


def _is_ours(repo: Path, commit: str, issue: str) -> bool:
    """Whether the workflow made ``commit`` for this issue: its author, and its trailer naming the issue."""
    author = _git(repo, "log", "-1", "--format=%ae", commit)
    message = _git(repo, "log", "-1", "--format=%B", commit)
    return author == BOT_EMAIL and re.search(rf"^{TRAILER}: {re.escape(issue)}$", message, re.M) is not None


def _commit(repo: Path, parent: str, rel: str, content: bytes, message: str) -> str:
    """A commit on ``parent`` with ``rel`` set to ``content``, made in a private index."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index"), "GIT_AUTHOR_NAME": BOT_NAME,
               "GIT_AUTHOR_EMAIL": BOT_EMAIL, "GIT_COMMITTER_NAME": BOT_NAME, "GIT_COMMITTER_EMAIL": BOT_EMAIL}
        _git(repo, "read-tree", parent, env=env)
        blob = _git(repo, "hash-object", "-w", "--stdin", data=content)
        _git(repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{rel}", env=env)
        tree = _git(repo, "write-tree", env=env)
        return _git(repo, "commit-tree", tree, "-p", parent, "-m", message, env=env)


def _url(content: bytes | None) -> str:
    if not content:
        return ""
    try:
        data = parse(content).data
    except YamlError:
        return ""
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) else ""


def _fenced(text: str, info: str = "") -> str:
    """``text`` in a code block whose fence no run of backticks inside it can close."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}\n"


def _inline(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def _url_lines(previous: str, url: str) -> str:
    if previous and previous != url:
        return (f"**The web address changed** from {_inline(previous)} to {_inline(url)}. Reviewers: check the new "
                "address against the provider's own pages before approving again.\n\n")
    return f"Web address: {_inline(url)}\n\n" if url else ""


def plan(repo: Path, *, branch_ref: str, base_ref: str, rel: str, content: bytes, issue: str) -> Plan:
    """The plan for the proposal's branch (``branch_ref``, which may not exist yet) given the proposal's file."""
    url = _url(content)
    message = f"Add {rel} (proposed in #{issue})\n\n{TRAILER}: {issue}\n"
    head = _git(repo, "rev-parse", "--verify", "--quiet", f"{branch_ref}^{{commit}}", check=False)
    if not head:
        parent = _git(repo, "rev-parse", "--verify", f"{base_ref}^{{commit}}")
        commit = _commit(repo, parent, rel, content, message)
        comment = _url_lines("", url)
        return Plan("create", commit, parent, url, "", "", comment)
    current = _file_at(repo, head, rel)
    previous_url = _url(current)
    if current == content:
        return Plan("unchanged", parent=head, url=url, previous_url=previous_url,
                    comment="The edit does not change the proposed entry; the pull request stays as it is.\n")
    old = (current or b"").decode("utf-8", "replace").splitlines(keepends=True)
    new = content.decode("utf-8", "replace").splitlines(keepends=True)
    diff = "".join(difflib.unified_diff(old, new, f"a/{rel}", f"b/{rel}"))
    merge_base = _git(repo, "merge-base", base_ref, head)
    commits = _git(repo, "rev-list", f"{merge_base}..{head}").split()
    others = [c for c in commits if not _is_ours(repo, c, issue)]
    if others:
        comment = (_url_lines(previous_url, url)
                   + f"The issue was edited, but the pull request's branch has {len(others)} commit"
                   f"{'s' if len(others) != 1 else ''} that this workflow did not make, so it was left as it is. "
                   "This is the edited proposal's change, checked by the validator, for a curator to apply "
                   "if it is right:\n\n" + _fenced(diff, "diff"))
        return Plan("comment", parent=head, url=url, previous_url=previous_url, diff=diff, comment=comment)
    update = f"Update {rel} from the edited proposal (#{issue})\n\n{TRAILER}: {issue}\n"
    commit = _commit(repo, head, rel, content, update)
    comment = (_url_lines(previous_url, url)
               + "The edited proposal was added to the pull request as a new commit; approvals given before it "
               "no longer count. The change:\n\n" + _fenced(diff, "diff"))
    return Plan("append", commit, head, url, previous_url, diff, comment)


def write_plan(repo: Path, result: Plan, out: Path) -> None:
    """plan.json, comment.md and, when there is a commit to push, proposal.bundle holding it, in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "plan.json").write_text(json.dumps(result.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (out / "comment.md").write_text(result.comment, encoding="utf-8")
    if result.commit:
        _git(repo, "update-ref", PLANNED_REF, result.commit)
        try:
            _git(repo, "bundle", "create", str(out / "proposal.bundle"), PLANNED_REF, f"^{result.parent}")
        finally:
            _git(repo, "update-ref", "-d", PLANNED_REF)
