"""Embed pages, oEmbed JSON, the head tags of entry and pathway pages, and the embed snippet."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html as html_module
import json
import re
from pathlib import Path

import pytest

from export_support import SITE_URL, Tags

PAGES = ["catalog/paid-course/", "catalog/echo-series/", "catalog/free-guide/", "catalog/retired-course/",
         "pathways/first-steps/"]


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", PAGES)
def test_embed_page_runs_only_its_height_reporter_is_attributed_and_links_back(site: Path, url: str) -> None:
    text = html(site, "embed/" + url)
    tags = Tags(text)
    [script] = tags.find("script")
    assert (site / "embed" / url / script["src"]).resolve() == (site / "embed/card.js").resolve()
    assert not tags.raw.get("script", [""])[0].strip(), "no inline script"
    assert not [a for _t, a in tags.tags for k in a if k.startswith("on")], "no inline event handlers"
    assert ' style="' not in text, "no style attributes"
    assert "stylesheet" not in text and not tags.find("link", rel="stylesheet"), "its CSS is its own"
    back = SITE_URL + url
    assert tags.find("link", rel="canonical")[0]["href"] == back
    links = tags.find("a")
    assert any(a["href"] == back for a in links), "a link back to the full page"
    assert any(a["href"] == SITE_URL and "Exports Test Portal" in text for a in links), "attribution"
    assert all(a.get("target") == "_blank" and "noopener" in a.get("rel", "") for a in links)
    [licence] = [a for a in links if "license" in a.get("rel", "")]
    assert licence["href"] == "https://creativecommons.org/licenses/by/4.0/" and "CC BY 4.0" in text
    if url.startswith("catalog/"):
        assert re.search(r"(Last reviewed|Facts last checked) \d{4}-\d{2}-\d{2}\.", text), "when it was reviewed"
    else:
        assert "Last reviewed 2030-06-30." in text, "the pathway's last review, as its page gives it"
    assert len(text.encode("utf-8")) < 12_000, "embeds stay light"


def test_primary_action_comes_before_the_details(site: Path) -> None:
    entry = html(site, "embed/catalog/paid-course/")
    assert entry.index('class="go"') < entry.index("<dl>") < entry.index("<footer>")
    pathway = html(site, "embed/pathways/first-steps/")
    assert pathway.index('class="go"') < pathway.index("<ol>") < pathway.index("<footer>")
    assert "Open the pathway: 3 steps" in pathway


def test_embed_csp_allows_exactly_its_own_style_and_script_files(site: Path) -> None:
    tags = Tags(html(site, "embed/catalog/paid-course/"))
    [csp] = tags.find("meta", http_equiv="Content-Security-Policy")
    policy = dict(part.strip().split(" ", 1) for part in csp["content"].split(";"))
    assert policy["default-src"] == "'none'"
    style = re.search(r"<style>(.*?)</style>", html(site, "embed/catalog/paid-course/"), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    assert policy["style-src"] == f"'sha256-{digest}'"
    assert policy["script-src"] == "'self'", "script files of the portal only: no inline script, no other host"


def test_card_is_light_unless_the_snippet_asks(site: Path) -> None:
    text = html(site, "embed/catalog/paid-course/")
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    assert style.startswith(":root{--fg:#1f2328;"), "light by default, whatever the reader's system prefers"
    assert ":root:has(#dark:target){" in style
    assert "@media (prefers-color-scheme:dark){:root:has(#auto:target){" in style
    assert style.count("prefers-color-scheme") == 1, "only #auto follows the reader's system"
    tags = Tags(text)
    assert {a["id"] for a in tags.find("span") if "hidden" in a} == {"dark", "auto"}


def test_partner_scripts_are_published_with_the_resizer_licence(site: Path) -> None:
    licence = (site / "embed/open-iframe-resizer.LICENSE.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted, free of charge" in licence
    for name in ("card.js", "host.js"):
        script = (site / "embed" / name).read_text(encoding="utf-8")
        assert script.startswith("/*! @open-iframe-resizer/core 2.1.0 | MIT licence")
        assert SITE_URL + "embed/open-iframe-resizer.LICENSE.txt" in script.splitlines()[0]
        assert "iframe-child-init" in script
    assert "data-portal-embed" in (site / "embed/host.js").read_text(encoding="utf-8")
    native = (site / "embed/native.js").read_text(encoding="utf-8")
    assert "innerHTML" not in native and "insertAdjacentHTML" not in native and "document.write" not in native
    assert "credentials: \"omit\"" in native
    # An English portal's script keeps its own words, and knows that the cards it draws are in English.
    assert 'var words = {"lang": "en", "messages": {}, "plural": {}};' in native


def test_embed_escapes_catalog_text(site: Path) -> None:
    text = html(site, "embed/catalog/paid-course/")
    assert "<masterclass>" not in text and "</script><script>" not in text
    assert "&lt;masterclass&gt;" in text


def test_pathway_embed_lists_its_steps(site: Path) -> None:
    tags = Tags(html(site, "embed/pathways/first-steps/"))
    steps = [a["href"] for t, a in tags.tags if t == "a" and "/catalog/" in a["href"]]
    assert steps == [SITE_URL + f"catalog/{e}/" for e in ("free-guide", "echo-series", "paid-course")]


@pytest.mark.parametrize("url", PAGES)
def test_oembed_json_describes_a_rich_iframe_of_the_embed_page(site: Path, url: str) -> None:
    data = json.loads((site / "embed" / url / "oembed.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["provider_name"] == "Exports Test Portal" and data["provider_url"] == SITE_URL
    assert isinstance(data["width"], int) and isinstance(data["height"], int) and data["height"] > 0
    assert data["title"]
    assert (data["license"], data["license_url"]) == ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
    if url.startswith("catalog/"):
        api = json.loads((site / "api/v1/entries" / (url.split("/")[1] + ".json")).read_text(encoding="utf-8"))
        assert (data["reviewed"], data["updated"]) == (api["reviewed"], api["updated"]), "the same dates as the API"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["updated"])
    else:
        assert data["reviewed"] == "2030-06-30", "a pathway's last review, as in the API"
    tags = Tags(data["html"])
    [frame] = tags.find("iframe")
    assert frame["src"] == SITE_URL + "embed/" + url
    assert (site / "embed" / url / "index.html").is_file()
    assert frame["width"] == "100%" and frame["height"] == str(data["height"]), "as wide as the host's column"
    assert "style" not in frame and frame["frameborder"] == "0", "no style attribute; no border to widen it"
    sandbox = frame["sandbox"].split()
    assert "allow-scripts" in sandbox and "allow-same-origin" not in sandbox, "its script runs in an opaque origin"
    assert "data-portal-embed" in frame
    assert frame["title"] == data["title"], "the frame is named after what it shows"


def test_snippet_height_is_per_card_and_width_class(outputs) -> None:
    from generator.exports.embeds import embed_height, embed_heights, iframe

    entries = outputs.catalog.entries
    for item in [*entries.values(), *outputs.catalog.pathways.values()]:
        heights = embed_heights(outputs, item)
        assert sorted(heights) == [280, 400, 560]
        assert heights[280] >= heights[400] >= heights[560], "narrower columns need taller frames"
        assert embed_height(outputs, item) == heights[280]
    short, long = entries["free-guide"], entries["paid-course"]
    assert embed_height(outputs, long) != embed_height(outputs, short), "worked out per card"
    longer = dataclasses.replace(long, summary=long.summary + " More words." * 20)
    assert embed_height(outputs, longer) > embed_height(outputs, long)
    assert iframe(outputs, "catalog/x/", "X", 500, theme="dark").startswith(f'<iframe src="{SITE_URL}embed/catalog/x/#dark"')


@pytest.mark.parametrize("url", PAGES)
def test_page_head_has_oembed_discovery_open_graph_and_twitter(site: Path, url: str) -> None:
    tags = Tags(html(site, url))
    [oembed] = tags.find("link", rel="alternate", type="application/json+oembed")
    assert oembed["href"] == SITE_URL + "embed/" + url + "oembed.json"
    assert (site / oembed["href"].removeprefix(SITE_URL)).is_file()
    og = {a["property"]: a["content"] for a in tags.find("meta") if a.get("property", "").startswith("og:")}
    assert og["og:url"] == SITE_URL + url
    assert og["og:title"] and og["og:description"] and og["og:site_name"] == "Exports Test Portal"
    twitter = {a["name"]: a["content"] for a in tags.find("meta") if a.get("name", "").startswith("twitter:")}
    assert twitter == {"twitter:card": "summary"}, "the card takes its title and description from og:"
    assert len(og["og:description"]) <= 201


def test_head_values_are_escaped(site: Path) -> None:
    text = html(site, "catalog/paid-course/")
    head = text.split("</head>", 1)[0]
    tags = Tags(head)
    og = {a["property"]: a["content"] for a in tags.find("meta") if a.get("property", "").startswith("og:")}
    assert og["og:title"] == 'Symptom control <masterclass> & "more"', "the parser gets the exact text back"
    assert og["og:description"].startswith('</script><script>alert("x")')
    assert "<masterclass>" not in head and "<script>alert" not in head


def test_feed_discovery_is_on_the_other_pages(site: Path) -> None:
    for url in ("", "catalog/", "open-data/", "competencies/"):
        tags = Tags(html(site, url))
        [atom] = tags.find("link", rel="alternate", type="application/atom+xml")
        assert atom["href"] == SITE_URL + "feeds/entries.atom"
        assert not tags.find("link", type="application/json+oembed"), "only entries and pathways"


@pytest.mark.parametrize("url", PAGES)
def test_page_offers_a_copy_and_paste_snippet(site: Path, url: str) -> None:
    tags = Tags(html(site, url))
    [area] = tags.find("textarea")
    assert "readonly" in area
    [snippet] = tags.raw["textarea"]
    oembed = json.loads((site / "embed" / url / "oembed.json").read_text(encoding="utf-8"))
    assert snippet == oembed["html"], "the snippet is the very HTML oEmbed hands out"
    [frame] = Tags(snippet).find("iframe")
    assert frame["src"] == SITE_URL + "embed/" + url


@pytest.mark.parametrize("url", PAGES)
def test_pages_stay_under_the_size_limit(site: Path, url: str) -> None:
    assert len(html(site, url).encode("utf-8")) < 30_000


def _text_of(fragment: str) -> str:
    """What a reader sees of some card HTML: its text, a line break as a new line."""
    return html_module.unescape(re.sub(r"<[^>]+>", "", fragment.replace("<br>", "\n")))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_cards_text_form_reads_as_its_html(outputs, lang: str) -> None:
    from generator.exports import embeds
    from generator.i18n import active
    from generator.pages import urls

    with active(lang):
        for item in [*outputs.catalog.entries.values(), *outputs.catalog.pathways.values()]:
            page_url = embeds.page_url_of(item)
            body, footer, size = embeds._card(outputs, item, urls.embed(page_url))
            assert size.footer == _text_of(footer)
            assert size.kicker == _text_of(re.search(r'<p class="kicker">(.*?)</p>', body).group(1))
            assert size.title == _text_of(re.search(r"<h1[^>]*>(.*?)</h1>", body).group(1))
            assert size.action == _text_of(re.search(r'class="go"[^>]*>(.*?)</a>', body).group(1))
            facts = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", body)
            assert size.facts == [(_text_of(k), _text_of(v)) for k, v in facts]
            assert size.summary in [_text_of(p) for p in re.findall(r"<p>(.*?)</p>", body)]
            status = re.search(r"<p><strong>(.*?)</strong></p>", body)
            assert size.status == (_text_of(status.group(1)) if status else "")
            if lang == "fr":
                assert "Listing is not endorsement" not in size.footer and "From " not in size.footer


def test_a_long_summary_put_together_from_several_languages_is_cut_keeping_each_parts_language() -> None:
    from generator.exports.embeds import SUMMARY_CHARS, _summary
    from generator.i18n import active, compose, in_language, mark

    with active("fr"):
        long = compose("{lead} {name} {rest}", lead="Établi à partir du catalogue :",
                       name=in_language("General awareness & <care>", "en"), rest="mot " * 100)
        cut = _summary(long)
        assert str(cut).endswith("…") and len(cut) <= SUMMARY_CHARS + 1 and str(long).startswith(str(cut)[:-1])
        assert mark(cut) == ('Établi à partir du catalogue : <span lang="en">General awareness &amp; &lt;care&gt;</span> '
                             + html_module.escape(str(cut)[len("Établi à partir du catalogue : General awareness & <care> "):]))
        inside = _summary(compose("{lead} {name}", lead="mot " * 60, name=in_language("General awareness " * 5, "en")))
        assert mark(inside).endswith("</span>…") and mark(inside).count("<span") == mark(inside).count("</span>") == 1
