"""A pathway step whose entry is retired, as ``portal build --lenient`` lets through: said so, not linked, not counted."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.model import Pathway
from generator.pages.pathway import render_pathway, totals
from pathway_catalogs import catalog, entry

REPO = Path(__file__).resolve().parents[2]


def _shop(retired: dict[str, str]):
    live = entry("live", ["talk-t1"], duration="1h", cost="free",
                 credits=[{"type": "cpd", "amount": 1, "body": "Body"}])
    gone = entry("gone", ["care-t1"], duration="3h", cost="paid", status="retired",
                 credits=[{"type": "cpd", "amount": 5, "body": "Body"}], **retired)
    p = Pathway.from_data({"id": "p", "title": "P", "summary": "s", "tier": 1, "review_by": "2030-01-01",
                           "steps": [{"entry": "live", "reason": "first"}, {"entry": "gone", "reason": "then"}]})
    return catalog(live, gone, pathways=(p,)), p


def _step(page: str, n: int) -> str:
    return re.search(rf'<li id="step-{n}".*?</li>', page, re.S)[0]


def test_a_retired_step_says_so_and_has_no_time_cost_or_provider_link() -> None:
    cat, p = _shop({"retired_on": "2026-01-31"})
    page = render_pathway(cat, p)
    live, gone = _step(page, 1), _step(page, 2)
    # A step that is offered shows its time and cost and leads to its entry's page; a retired one shows neither.
    assert 'class="pb-time"' in live and 'href="../../catalog/live/"' in live
    assert 'class="pb-time"' not in gone and "https://example.org/gone" not in gone
    assert "Retired on 2026-01-31: no longer offered" in gone
    assert "portal-status--retired" in gone
    # Its own page still explains it, and the passport keeps its line.
    assert 'href="../../catalog/gone/"' in gone and '<p class="portal-tick">' in gone


def test_a_retired_step_without_a_date_still_says_it_is_retired() -> None:
    cat, p = _shop({})
    gone = _step(render_pathway(cat, p), 2)
    assert "Retired: no longer offered" in gone and "Go to provider" not in gone


def test_a_retired_step_is_not_counted_in_the_totals() -> None:
    cat, p = _shop({"retired_on": "2026-01-31"})
    t = totals(cat, p)
    assert (t["minutes"], t["unknown_time"], t["paid"], t["retired"]) == (60, 0, [], ["gone"])
    assert t["credits"] == {("cpd", "Body"): 1}
    page = render_pathway(cat, p)
    assert "<dt>Total time</dt><dd>1 h (not counting 1 step no longer offered)</dd>" in page
    assert "<dt>Cost</dt><dd>Free</dd>" in page


def test_a_lenient_build_shows_the_retired_step(tmp_path: Path, run_portal, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "portal"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    advanced = root / "catalog" / "mini-advanced.yaml"
    advanced.write_text(advanced.read_text(encoding="utf-8") + "status: retired\nretired_on: 2026-01-31\n",
                        encoding="utf-8")
    strict = run_portal("--root", str(root), "build", "--site-dir", str(root / "site"))
    assert strict.code == 1 and "'mini-advanced' is retired" in caplog.text
    lenient = run_portal("--root", str(root), "build", "--lenient", "--site-dir", str(root / "site"))
    assert lenient.code == 0, lenient.err
    html = (root / "site" / "pathways" / "mini-route" / "index.html").read_text(encoding="utf-8")
    step = re.search(r'<li id="step-2".*?</li>', html, re.S)[0]
    assert "Retired on 2026-01-31" in step
    assert "Go to provider" not in step and "https://example.org/mini-programme/symptoms" not in step
    assert 'class="pb-time"' in re.search(r'<li id="step-1".*?</li>', html, re.S)[0]


def test_the_embed_says_a_step_is_retired_instead_of_its_time(tmp_path: Path) -> None:
    from generator.exports.embeds import embed_page
    from generator.settings import Settings
    from generator.outputs import Outputs

    cat, p = _shop({"retired_on": "2026-01-31"})
    html = embed_page(Outputs(cat, Settings(root=tmp_path), site_name="Portal"), p)
    live, gone = re.findall(r"<li>.*?</li>", html, re.S)
    assert "1 h" in live
    assert "Retired on 2026-01-31: no longer offered" in gone and "3 h" not in gone
