"""Former ids (aliases) keep their URLs working through redirect pages; retired ids are not reused."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from export_support import PORTAL, SITE_URL, Tags, make_outputs
from generator.exports.redirects import redirect_files
from generator.settings import load_settings
from generator.validate import validate_project

REDIRECTS = [
    ("catalog/rural-echo/", "catalog/echo-series/", "../echo-series/"),
    ("catalog/old-echo-series/", "catalog/echo-series/", "../echo-series/"),
    ("pathways/nurse-first-steps/", "pathways/first-steps/", "../first-steps/"),
]
FORMER = [("catalog", "rural-echo", "echo-series", "entries"), ("catalog", "old-echo-series", "echo-series", "entries"),
          ("pathways", "nurse-first-steps", "first-steps", "pathways")]


@pytest.mark.parametrize(("old", "new", "relative"), REDIRECTS)
def test_old_url_points_at_the_new_one(site: Path, old: str, new: str, relative: str) -> None:
    text = (site / old / "index.html").read_text(encoding="utf-8")
    tags = Tags(text)
    [refresh] = tags.find("meta", http_equiv="refresh")
    assert refresh["content"] == f"0; url={relative}"
    assert (site / old / relative / "index.html").resolve() == (site / new / "index.html").resolve()
    assert (site / new / "index.html").is_file()
    assert tags.find("link", rel="canonical")[0]["href"] == SITE_URL + new
    assert [a["href"] for a in tags.find("a")] == [relative], "a plain link for when refresh is off"
    assert tags.find("meta", name="robots")[0]["content"] == "noindex"
    assert "<script" not in text


@pytest.mark.parametrize(("folder", "old", "new", "api"), FORMER)
def test_former_embed_oembed_and_api_addresses_serve_the_current_content(site: Path, folder: str, old: str,
                                                                        new: str, api: str) -> None:
    """A sandboxed iframe or a script cannot follow a redirect page, so the former addresses carry the content."""
    card = (site / f"embed/{folder}/{old}/index.html").read_text(encoding="utf-8")
    current = (site / f"embed/{folder}/{new}/index.html").read_text(encoding="utf-8")
    tags = Tags(card)
    assert not tags.find("meta", http_equiv="refresh")
    assert tags.find("link", rel="canonical")[0]["href"] == SITE_URL + f"{folder}/{new}/"
    assert card == current, "absolute links (site_url) make the card the same at either address"
    [script] = tags.find("script")
    assert (site / f"embed/{folder}/{old}" / script["src"]).resolve() == (site / "embed/card.js").resolve()
    assert (site / f"embed/{folder}/{old}/oembed.json").read_bytes() == \
        (site / f"embed/{folder}/{new}/oembed.json").read_bytes()
    assert (site / f"api/v1/{api}/{old}.json").read_bytes() == (site / f"api/v1/{api}/{new}.json").read_bytes()
    assert json.loads((site / f"api/v1/{api}/{old}.json").read_text(encoding="utf-8"))["id"] == new


def test_no_redirect_overwrites_a_real_page(caplog: pytest.LogCaptureFixture, epoch: str) -> None:
    outputs = make_outputs()
    entry = outputs.catalog.entries["paid-course"]
    entry.aliases = ("free-guide", "rural-echo", "old-paid-course")  # a current id and another entry's alias
    with caplog.at_level(logging.WARNING, logger="generator"):
        paths = dict(redirect_files(outputs))
    assert "catalog/free-guide/index.html" not in paths
    assert "../echo-series/" in paths["catalog/rural-echo/index.html"], "the first claim wins"
    assert "../paid-course/" in paths["catalog/old-paid-course/index.html"]
    assert len(caplog.records) == 2


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    shutil.copytree(PORTAL / "catalog", root / "catalog")
    shutil.copytree(PORTAL / "competencies", root / "competencies")
    return root


def _messages(root: Path) -> list[str]:
    return [p.message for p in validate_project(load_settings(root)).errors]


def test_validator_refuses_to_reuse_a_retired_pathway_id(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    text = (root / "catalog/pathways/first-steps.yaml").read_text(encoding="utf-8")
    reused = text.replace("id: first-steps", "id: nurse-first-steps").replace("aliases: [nurse-first-steps]\n", "")
    (root / "catalog/pathways/nurse-first-steps.yaml").write_text(reused, encoding="utf-8")
    assert any("was retired by a rename" in m and "nurse-first-steps" in m for m in _messages(root))


def test_validator_refuses_a_former_pathway_id_claimed_twice(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    text = (root / "catalog/pathways/first-steps.yaml").read_text(encoding="utf-8")
    (root / "catalog/pathways/second-steps.yaml").write_text(text.replace("id: first-steps", "id: second-steps"),
                                                             encoding="utf-8")
    assert any("former id 'nurse-first-steps' is already claimed" in m for m in _messages(root))


def test_validator_refuses_to_reuse_a_retired_entry_id(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    text = (root / "catalog/free-guide.yaml").read_text(encoding="utf-8")
    (root / "catalog/rural-echo.yaml").write_text(text.replace("id: free-guide", "id: rural-echo"), encoding="utf-8")
    assert any("was retired by a rename" in m for m in _messages(root))
