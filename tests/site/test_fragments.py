"""Parts drawn once for many pages (generator/site/plugin_fragments.py): every page comes out byte for byte as if
each part were drawn on it anew, in one language and in two, with a navigation that has a section; and a portal
that replaces one of those parts' templates gets its template drawn on every page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.site import plugin_fragments as fragments

from tests.site_support import build

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def assemble(root: Path, parts: tuple[str, ...]) -> Path:
    for part in parts:
        shutil.copytree(FIXTURES / part, root, dirs_exist_ok=True)
    # A section in the navigation: its pages are marked, and the section opened, in their own navigation.
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [*config["nav"][:-2], {"About the portal": config["nav"][-2:]}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


def pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize("parts", [("mini", "site-small"), ("mini", "site-small", "site-french")],
                         ids=["one language", "two languages"])
def test_pages_with_kept_parts_are_the_pages_with_every_part_drawn_anew(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: tuple[str, ...]) -> None:
    root = assemble(tmp_path / "portal", parts)
    served = []
    real_kept = fragments.Fragments.kept

    def counting(self: fragments.Fragments, key: object) -> str | None:
        part = real_kept(self, key)
        served.append(part is not None)
        return part

    monkeypatch.setattr(fragments.Fragments, "kept", counting)
    kept = pages(build(root, tmp_path / "kept"))
    assert sum(served) > len(kept)  # the parts were served from the store, several per page
    served.clear()
    monkeypatch.setattr(fragments, "overridden", lambda dirs: ["every template"])
    drawn = pages(build(root, tmp_path / "drawn"))
    assert not any(served)
    assert kept.keys() == drawn.keys()
    assert [name for name in kept if kept[name] != drawn[name]] == []


def test_a_page_in_the_navigation_is_marked_in_its_own_navigation(tmp_path: Path) -> None:
    site = build(assemble(tmp_path / "portal", ("mini", "site-small")), tmp_path / "site")
    section = re.compile(r'<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_5"\s*(checked)?>')
    for page, current, opened in (("catalog/index.html", "Catalog", False), ("about/index.html", "About", True)):
        html = (site / page).read_text(encoding="utf-8")
        active = re.findall(r'class="md-nav__link md-nav__link--active"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*<',
                            html)
        assert set(active) == {current}, page
        assert [bool(m) for m in section.findall(html)] == [opened], page
    entry = (site / "catalog" / "mini-basics" / "index.html").read_text(encoding="utf-8")
    assert "md-nav__link--active" not in entry
    assert [bool(m) for m in section.findall(entry)] == [False]


def test_a_portal_that_replaces_a_shared_template_gets_it_drawn_on_every_page(tmp_path: Path) -> None:
    root = assemble(tmp_path / "portal", ("mini", "site-small"))
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    logo = root / "overrides" / "partials" / "logo.html"
    logo.parent.mkdir(parents=True)
    # A logo that differs from page to page: the store would give every page the first page's.
    logo.write_text('<span class="portal-test-logo">{{ page.url if page else "" }}</span>\n', encoding="utf-8")
    site = build(root, tmp_path / "site")
    for url in ("catalog/mini-basics/", "catalog/mini-advanced/", "competencies/"):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert html.count(f'<span class="portal-test-logo">{url}</span>') == 2, url  # header and navigation
