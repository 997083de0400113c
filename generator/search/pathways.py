"""'Find my pathway': a private self-assessment that suggests a pathway, in the browser.

The page is a plain form; ``pathways.json`` holds, for every curated and
generated pathway, who it is for and the competencies its steps cover, so the
suggestion is worked out on the visitor's device. Nothing is submitted: the
form has no action and stays hidden until its script runs.
"""

from __future__ import annotations

from ..model import Catalog, Pathway
from ..pages import urls
from ..pages.badges import cut
from ..pages.html import a, block, esc, front_matter
from .store import dumps

DATA_PATH = "search/pathways.json"


def pathway_competencies(catalog: Catalog, pathway: Pathway) -> list[str]:
    """The competencies the pathway's steps teach up to its tier (what the framework expects
    at that tier: a step may touch deeper ones, but that is not what the pathway is for)."""
    taught = {c for s in pathway.steps if s.entry in catalog.entries for c in catalog.entries[s.entry].competencies}
    return [c.id for c in catalog.framework.competencies_up_to(pathway.tier) if c.id in taught]


def pathways_data(catalog: Catalog, generated: list[Pathway]) -> bytes:
    rows = []
    for p in [*catalog.pathways.values(), *generated]:
        rows.append({"id": p.id, "title": p.title, "url": urls.pathway(p.id), "tier": p.tier,
                     "professions": list(p.professions), "settings": list(p.settings),
                     "audiences": list(p.audiences), "competencies": pathway_competencies(catalog, p),
                     "generated": p.generated, "steps": len(p.steps), "summary": cut(p.summary, 200)})
    subjects: dict[str, dict[str, list[str]]] = {}
    for c in catalog.framework.competencies.values():
        subjects.setdefault(c.subject, {}).setdefault(str(c.tier), []).append(c.id)
    first = {t.id: t.first_tier for t in catalog.vocab["professions"].values() if t.first_tier > 1}
    return dumps({"pathways": rows, "subjects": subjects, "firstTier": first})


def _select(name: str, label: str, options: list[tuple[str, str]], first: str) -> str:
    opts = f'<option value="">{esc(first)}</option>' + "".join(
        f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in options)
    return (f'<p class="portal-field"><label for="pf-{name}">{esc(label)}</label>'
            f'<select id="pf-{name}" name="{name}">{opts}</select></p>')


def find_pathway_page(catalog: Catalog) -> str:
    """The page's Markdown: the form (hidden until its script runs) and where results appear."""
    v = catalog.vocab
    fw = catalog.framework
    role = _select("role", "I work as", [(t.id, t.label) for t in v["professions"].values()], "Choose your role")
    setting = _select("setting", "Mostly in", [(t.id, t.label) for t in v["settings"].values()], "Any setting")
    tiers = "".join(
        f'<li><input type="radio" name="tier" id="pf-tier-{n}" value="{n}">'
        f'<label for="pf-tier-{n}"><strong>Tier {n}: {esc(t.name)}</strong> '
        f'<span class="portal-meta">{esc(t.summary)}</span></label></li>'
        for n, t in sorted(fw.tiers.items()))
    tiers += ('<li><input type="radio" name="tier" id="pf-tier-any" value="" checked>'
              '<label for="pf-tier-any"><strong>Not sure</strong> <span class="portal-meta">We will work it out '
              'from what you already feel confident in.</span></label></li>')
    audiences = "".join(
        f'<li><input type="checkbox" name="audience" id="pf-aud-{esc(t.id)}" value="{esc(t.id)}">'
        f'<label for="pf-aud-{esc(t.id)}">{esc(t.label)}</label></li>' for t in v["audiences"].values())
    levels = [("0", "Not yet")] + [(str(n), f"Confident at tier {n}") for n in sorted(fw.tiers)]
    confidence = "".join(
        f'<li><label for="pf-s-{esc(s.id)}">{esc(s.name)}</label>'
        f'<select id="pf-s-{esc(s.id)}" name="subject" data-subject="{esc(s.id)}">'
        + "".join(f'<option value="{val}">{esc(text)}</option>' for val, text in levels)
        + "</select></li>" for s in fw.subjects.values())
    here = urls.find_my_pathway()
    body = (
        '<p class="portal-lead">Three questions, and we suggest a learning pathway that fits your role, your '
        "setting and your experience. More questions are optional.</p>"
        '<p class="portal-private"><strong>Private:</strong> your answers stay in this browser. Nothing is sent '
        "anywhere or saved; closing the page forgets them.</p>"
        f'<noscript><p>This self-assessment needs JavaScript. You can {a(here, urls.pathways(), "browse every pathway")} '
        "instead.</p></noscript>"
        '<form id="portal-find" class="portal-find" hidden>'
        f'<fieldset><legend>Your work</legend>{role}{setting}</fieldset>'
        f'<fieldset><legend>How experienced you are</legend><ul class="portal-choices">{tiers}</ul></fieldset>'
        '<p><button type="submit" class="md-button md-button--primary">Suggest a pathway</button></p>'
        '<details class="portal-find-more"><summary>Tell us more for a closer fit (optional)</summary>'
        f'<fieldset><legend>People you often care for</legend><ul class="portal-choices portal-columns">'
        f"{audiences}</ul></fieldset>"
        f'<fieldset><legend>What you already feel confident in</legend><ul class="portal-confidence">{confidence}</ul>'
        "</fieldset>"
        '<p><button type="submit" class="md-button">Suggest a pathway</button></p></details></form>'
        '<section id="portal-find-result" class="portal-find-result" aria-live="polite" tabindex="-1"></section>'
        f'<p>{a(here, urls.pathways(), "All learning pathways")}</p>'
    )
    return (front_matter("Find my pathway", description="A short, private self-assessment that suggests a learning "
                         "pathway.", portal={"kind": "find-my-pathway"})
            + block(body, "portal-find-page"))
