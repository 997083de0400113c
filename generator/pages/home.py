"""The home page: what the portal is for, one search, three ways in, then every other way.

Above the fold on a phone: the portal's purpose as the main heading, a sentence,
the search box, and three ways in (by role, a pathway, "Find my pathway"). The
words and the featured roles and settings are the portal's own (the plugin's
``home`` option in mkdocs.yml), so another field's portal says its own thing.
"""

from __future__ import annotations

import json

from ..i18n import Fallback, _, in_language, localized, mark
from ..model import Catalog
from . import urls
from .badges import tier_badge
from .html import a, block, esc, rel

# Featured ways in when mkdocs.yml names none: the first few of the vocabulary.
DEFAULT_FEATURED = 8


def _featured(catalog: Catalog, vocab: str, wanted: object, active_ids: set[str]) -> list[str]:
    terms = catalog.vocab[vocab]
    if isinstance(wanted, list) and wanted:
        return [t for t in wanted if t in terms]
    return [t for t in terms if t in active_ids][:DEFAULT_FEATURED]


def home_page(catalog: Catalog, site_name: str, home: dict[str, object]) -> str:
    here = urls.home()
    v = catalog.vocab
    active = catalog.active_entries

    def count(kind: str, term: str) -> int:
        return sum(term in getattr(e, kind) for e in active)

    def text(key: str, default: str = "") -> str:
        # The portal's words: one line, or {language tag: line}, in the active language.
        value = home.get(key)
        words = localized(value) if isinstance(value, (str, dict)) else ""
        return words if words.strip() else default

    heading = text("heading", text("description", site_name))
    given = text("lead")
    lead = given.replace("{entries}", str(len(active)))
    lead = in_language(lead, given.lang) if isinstance(given, Fallback) else lead
    examples = text("search_examples")
    # Translators: the search box's hint; {examples} are a few search words the portal chose.
    placeholder = _("e.g. {examples}").format(examples=examples) if examples else ""
    used_roles = {p for e in active for p in e.professions}
    used_settings = {s for e in active for s in e.settings}
    roles = _featured(catalog, "professions", home.get("roles"), used_roles)
    settings = _featured(catalog, "settings", home.get("settings"), used_settings)

    role_links = "".join(f"<li>{a(here, urls.facet('professions', r), v.label('professions', r))}</li>" for r in roles)
    setting_links = "".join(f"<li>{a(here, urls.facet('settings', s), v.label('settings', s))}</li>" for s in settings)
    tiers = "".join(
        f'<li><a href="{esc(rel(here, urls.tier(n)))}">{tier_badge(catalog, n)}</a><br>'
        f'<span class="portal-meta">{mark(t.summary)}</span></li>'
        for n, t in sorted(catalog.framework.tiers.items()))
    audiences = "".join(
        f"<li>{a(here, urls.facet('audiences', t.id), t.label)} <span class=\"portal-count\">({count('audiences', t.id)})</span></li>"
        for t in v["audiences"].values() if count("audiences", t.id))
    curated = "".join(
        f'<li>{a(here, urls.pathway(p.id), p.words("title"))} {tier_badge(catalog, p.tier, short=True)}</li>'
        for p in catalog.pathways.values())
    ways = '<ul class="portal-ways3">' + "".join(
        f'<li><a href="{esc(href)}"><strong>{mark(title)}</strong><span>{mark(note)}</span></a></li>' for href, title, note in (
            ("#by-role", _("My role"), _("Courses and resources for the work you do")),
            ("#pathways", _("A learning pathway"), _("Steps in order, each with its reason")),
            (rel(here, urls.find_my_pathway()), _("Find my pathway"), _("Three questions, answered privately")))) + "</ul>"
    audience_section = ""
    if audiences:
        intro = text("audiences_intro")
        audience_section = (f'<section><h2 id="by-audience">{mark(text("audiences_heading", catalog.portal.name("audiences").title))}</h2>'
                            + (f"<p>{mark(intro)}</p>" if intro else "") + f"<ul>{audiences}</ul></section>")
    body = (
        f'<h1 class="portal-purpose">{mark(heading)}</h1>'
        + (f'<p class="portal-lead">{mark(lead)}</p>' if lead else "")
        + '<form class="portal-home-search" action="catalog/" method="get" role="search">'
        f'<label for="portal-home-q">{mark(_("Search courses and resources"))}</label>'
        '<span class="portal-home-search__row"><input id="portal-home-q" name="q" type="search" autocomplete="off"'
        + (f' placeholder="{esc(placeholder)}"' if placeholder else "") + '>'
        f'<button type="submit" class="md-button md-button--primary">{mark(_("Search"))}</button></span></form>'
        + ways
        + '<div class="portal-more">'
        f'<section><h2 id="by-role">{mark(_("By role"))}</h2><ul class="portal-pills">{role_links}</ul>'
        f'<p>{a(here, urls.facet_index("professions"), _("Every role"))}</p></section>'
        f'<section><h2 id="pathways">{mark(_("Learning pathways"))}</h2><ul>{curated}</ul>'
        f'<p>{a(here, urls.pathways(), _("Every pathway, with one for each role and tier"))} · '
        f'{a(here, urls.find_my_pathway(), _("Find my pathway"))}</p></section>'
        f'<section><h2 id="by-tier">{mark(_("By tier"))}</h2><ul class="portal-tier-list">{tiers}</ul></section>'
        f'<section><h2 id="by-setting">{mark(_("By setting"))}</h2><ul class="portal-pills">{setting_links}</ul>'
        f'<p>{a(here, urls.facet_index("settings"), _("Every setting"))}</p></section>'
        + audience_section + "</div>"
        f'<p>{a(here, urls.catalog(), _("The whole catalog"))} · {a(here, urls.competencies(), _("The competency framework"))}'
        + (f' · {a(here, "coverage/", _("Where the gaps are"))}' if home.get("coverage", True) else "")
        + f' · {a(here, "about/", _("About the portal"))}</p>'
    )
    # No title in the front matter: the tab then shows the site's name once, and the heading is the purpose.
    meta = ["---", f"portal: {json.dumps({'kind': 'home'})}", f"hide: {json.dumps(['navigation', 'toc'])}", "---"]
    return "\n".join(meta) + "\n\n" + block(body, "portal-home")
