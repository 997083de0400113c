"""The home page: what the portal is, and ways in by role, tier, setting and audience."""

from __future__ import annotations

from ..model import Catalog
from . import urls
from .html import a, block, esc, front_matter

# The roles most visitors arrive as; every profession is one click further.
_FEATURED_ROLES = ("support-worker", "registered-nurse", "physician", "paramedic", "social-worker",
                   "allied-health-professional", "volunteer", "carer-public")


def home_page(catalog: Catalog, site_name: str) -> str:
    here = urls.home()
    v = catalog.vocab
    active = catalog.active_entries

    def count(kind: str, term: str) -> int:
        return sum(term in getattr(e, kind) for e in active)

    roles = [r for r in _FEATURED_ROLES if r in v["professions"]]
    role_links = "".join(f"<li>{a(here, urls.facet('professions', r), v.label('professions', r))}</li>" for r in roles)
    tiers = "".join(
        f'<li>{a(here, urls.tier(n), f"Tier {n}: {t.name}")}<br><span class="portal-meta">{esc(t.summary)}</span></li>'
        for n, t in sorted(catalog.framework.tiers.items()))
    settings = "".join(f"<li>{a(here, urls.facet('settings', s.id), s.label)}</li>"
                       for s in v["settings"].values() if count("settings", s.id))
    audiences = "".join(
        f"<li>{a(here, urls.facet('audiences', t.id), t.label)} <span class=\"portal-count\">({count('audiences', t.id)})</span></li>"
        for t in v["audiences"].values())
    curated = "".join(f"<li>{a(here, urls.pathway(p.id), p.title)}</li>" for p in list(catalog.pathways.values())[:8])
    body = (
        f'<p class="portal-lead">{esc(site_name)} signposts {len(active)} courses and resources in palliative and '
        f"end of life care, each mapped to the {esc(catalog.framework.short_title or catalog.framework.title)} "
        f"and its three tiers. Find what fits your role, your setting and the people you care for, then go to the "
        f"provider to take it.</p>"
        '<form class="portal-home-search" action="catalog/" method="get" role="search">'
        '<label for="portal-home-q">Search the catalog</label> '
        '<input id="portal-home-q" name="q" type="search" autocomplete="off"> '
        '<button type="submit" class="md-button">Search</button></form>'
        '<div class="portal-ways">'
        f'<section><h2 id="by-role">By role</h2><ul>{role_links}</ul>'
        f'<p>{a(here, urls.facet_index("professions"), "All roles")}</p></section>'
        f'<section><h2 id="by-tier">By tier</h2><ul>{tiers}</ul></section>'
        f'<section><h2 id="by-setting">By setting</h2><ul>{settings}</ul></section>'
        f'<section><h2 id="by-audience">People who face inequity</h2>'
        f"<p>Staff who work with groups that get worse access to good end of life care.</p><ul>{audiences}</ul></section>"
        f'<section><h2 id="pathways">Learning pathways</h2>'
        f'<p>{a(here, urls.find_my_pathway(), "Find my pathway")}: a short, private self-assessment.</p><ul>{curated}</ul>'
        f'<p>{a(here, urls.pathways(), "All pathways, including one for every role and tier")}</p></section>'
        "</div>"
        f'<p>{a(here, urls.catalog(), "Browse the whole catalog")} · {a(here, urls.competencies(), "The competency framework")}'
        f' · {a(here, "coverage/", "Where the gaps are")} · {a(here, "about/", "About the portal and how entries are chosen")}</p>'
    )
    return front_matter(site_name, portal={"kind": "home"}, hide=["navigation", "toc"]) + block(body, "portal-home")
