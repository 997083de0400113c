"""The Nu Html Checker (npm ``vnu-jar``) finds no errors on a sample of every kind of generated page.

One Java run checks every sampled page (Java's start-up dominates otherwise).
Accepted errors are listed, each with its reason, in accepted.txt beside this file.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from browser.conftest import ROOT, build_portal
from browser.page_kinds import sample

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ACCEPTED = Path(__file__).with_name("accepted.txt")
PER_KIND = 3


def accepted() -> list[tuple[re.Pattern[str], str]]:
    rules = []
    for line in ACCEPTED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, _, reason = line.partition("\t")
            assert reason.strip(), f"accepted.txt: no reason given for {pattern!r}"
            rules.append((re.compile(pattern), reason))
    return rules


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_portal(ROOT, tmp_path_factory.mktemp("html") / "site")


@pytest.fixture(scope="module")
def checked(site: Path) -> tuple[dict[str, list[str]], list[dict]]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("the Nu Html Checker needs Java and node_modules/vnu-jar: run `make test`")
    pages = sample(site, PER_KIND)
    files = [str(site / rel) for rels in pages.values() for rel in rels]
    done = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    return pages, report["messages"]


def test_every_kind_of_page_is_in_the_sample(checked) -> None:
    pages, _ = checked
    kinds = set(pages)
    for kind in ("/", "catalog/", "catalog/*/", "competencies/*/", "tiers/*/", "pathways/*/", "audiences/*/", "404.html"):
        assert kind in kinds, f"no {kind} page was checked; kinds: {sorted(kinds)}"


def test_no_html_errors_but_the_accepted_ones(checked, site: Path) -> None:
    _, messages = checked
    rules = accepted()
    used: set[str] = set()
    errors = []
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        rule = next((r for r, _ in rules if r.search(m.get("message", ""))), None)
        if rule is not None:
            used.add(rule.pattern)
            continue
        where = m.get("url", "").split(str(site) + "/")[-1]
        errors.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')} [{m.get('extract', '').strip()[:120]}]")
    assert errors == [], "\n".join(errors[:40])
    stale = [r.pattern for r, _ in rules if r.pattern not in used]
    assert stale == [], f"accepted.txt lists errors that no longer occur; remove them: {stale}"
