"""'Find my pathway': a private self-assessment that suggests a pathway, in the browser.

The page is a plain form; ``pathways.json`` holds, for every curated and
generated pathway, who it is for and the competencies its steps cover, so the
suggestion is worked out on the visitor's device. Nothing is submitted: the
form has no action and stays hidden until its script runs.
"""

from __future__ import annotations

from ..i18n import _, language_parts, mark, mark_format
from ..model import Catalog, Pathway
from ..pages import urls
from ..pages.badges import cut, cut_parts
from ..pages.html import a, block, esc, front_matter, lang_of
from .store import dumps

DATA_PATH = "search/pathways.json"
SUMMARY_CHARS = 200


def pathway_competencies(catalog: Catalog, pathway: Pathway) -> list[str]:
    """The competencies the pathway's steps teach up to its tier (what the framework expects
    at that tier: a step may touch deeper ones, but that is not what the pathway is for)."""
    taught = {c for s in pathway.steps if s.entry in catalog.entries for c in catalog.entries[s.entry].competencies}
    return [c.id for c in catalog.framework.competencies_up_to(pathway.tier) if c.id in taught]


def pathways_data(catalog: Catalog, generated: list[Pathway]) -> bytes:
    rows = []
    for p in [*catalog.pathways.values(), *generated]:
        # As the pathway's page shows them; with their runs of words in other languages than the page's, if any.
        title, summary = p.words("title"), p.words("summary")
        row = {"id": p.id, "title": str(title), "url": urls.pathway(p.id), "tier": p.tier,
               "professions": list(p.professions), "settings": list(p.settings),
               "audiences": list(p.audiences), "competencies": pathway_competencies(catalog, p),
               "generated": p.generated, "steps": len(p.steps), "summary": str(cut(summary, SUMMARY_CHARS))}
        for key, runs in (("title_marks", language_parts(title)), ("summary_marks", cut_parts(summary, SUMMARY_CHARS))):
            if any(lang for _words, lang in runs):
                row[key] = [list(run) for run in runs]
        rows.append(row)
    subjects: dict[str, dict[str, list[str]]] = {}
    for c in catalog.framework.competencies.values():
        subjects.setdefault(c.subject, {}).setdefault(str(c.tier), []).append(c.id)
    first = {t.id: t.first_tier for t in catalog.vocab["professions"].values() if t.first_tier > 1}
    return dumps({"pathways": rows, "subjects": subjects, "firstTier": first})


def _select(name: str, label: str, options: list[tuple[str, str]], first: str) -> str:
    opts = f'<option value="">{esc(first)}</option>' + "".join(
        f'<option value="{esc(v)}"{lang_of(text)}>{esc(text)}</option>' for v, text in options)
    return (f'<p class="portal-field"><label for="pf-{name}">{mark(label)}</label>'
            f'<select id="pf-{name}" name="{name}">{opts}</select></p>')


def find_pathway_page(catalog: Catalog) -> str:
    """The page's Markdown: the form (hidden until its script runs) and where results appear."""
    v = catalog.vocab
    fw = catalog.framework
    role = _select("role", _("I work as"), [(t.id, t.label) for t in v["professions"].values()],
                   _("Choose your role"))
    setting = _select("setting", _("Mostly in"), [(t.id, t.label) for t in v["settings"].values()],
                      _("Any setting"))
    tiers = "".join(
        f'<li><input type="radio" name="tier" id="pf-tier-{n}" value="{n}">'
        f'<label for="pf-tier-{n}"><strong>{mark_format(_("Tier {number}: {name}"), number=n, name=t.name)}</strong> '
        f'<span class="portal-meta">{mark(t.summary)}</span></label></li>'
        for n, t in sorted(fw.tiers.items()))
    tiers += ('<li><input type="radio" name="tier" id="pf-tier-any" value="" checked>'
              f'<label for="pf-tier-any"><strong>{mark(_("Not sure"))}</strong> <span class="portal-meta">'
              f'{mark(_("We will work it out from what you already feel confident in."))}</span></label></li>')
    audiences = "".join(
        f'<li><input type="checkbox" name="audience" id="pf-aud-{esc(t.id)}" value="{esc(t.id)}">'
        f'<label for="pf-aud-{esc(t.id)}">{mark(t.label)}</label></li>' for t in v["audiences"].values())
    levels = [("0", _("Not yet"))] + [(str(n), _("Confident at tier {number}").format(number=n))
                                      for n in sorted(fw.tiers)]
    confidence = "".join(
        f'<li><label for="pf-s-{esc(s.id)}">{mark(s.name)}</label>'
        f'<select id="pf-s-{esc(s.id)}" name="subject" data-subject="{esc(s.id)}">'
        + "".join(f'<option value="{val}">{esc(text)}</option>' for val, text in levels)
        + "</select></li>" for s in fw.subjects.values())
    here = urls.find_my_pathway()
    suggest = mark(_("Suggest a pathway"))
    # Translators: {link} is a link whose text is "browse every pathway".
    no_script = mark(_("This self-assessment needs JavaScript. You can {link} instead.")).replace(
        "{link}", a(here, urls.pathways(), _("browse every pathway")))
    body = (
        '<p class="portal-lead">'
        + mark(_("Three questions, and we suggest a learning pathway that fits your role, your setting and your "
                 "experience. More questions are optional.")) + "</p>"
        f'<p class="portal-private"><strong>{mark(_("Private:"))}</strong> '
        + mark(_("your answers stay in this browser. Nothing is sent anywhere or saved; closing the page forgets "
                 "them.")) + "</p>"
        f"<noscript><p>{no_script}</p></noscript>"
        '<form id="portal-find" class="portal-find" hidden>'
        f'<fieldset><legend>{mark(_("Your work"))}</legend>{role}{setting}</fieldset>'
        f'<fieldset><legend>{mark(_("How experienced you are"))}</legend><ul class="portal-choices">{tiers}</ul></fieldset>'
        f'<p><button type="submit" class="md-button md-button--primary">{suggest}</button></p>'
        f'<details class="portal-find-more"><summary>{mark(_("Tell us more for a closer fit (optional)"))}</summary>'
        f'<fieldset><legend>{mark(_("People you often care for"))}</legend><ul class="portal-choices portal-columns">'
        f"{audiences}</ul></fieldset>"
        f'<fieldset><legend>{mark(_("What you already feel confident in"))}</legend>'
        f'<ul class="portal-confidence">{confidence}</ul>'
        "</fieldset>"
        f'<p><button type="submit" class="md-button">{suggest}</button></p></details></form>'
        '<section id="portal-find-result" class="portal-find-result" aria-live="polite" tabindex="-1"></section>'
        f'<p>{a(here, urls.pathways(), _("All learning pathways"))}</p>'
    )
    return (front_matter(_("Find my pathway"), description=_("A short, private self-assessment that suggests a "
                                                            "learning pathway."), portal={"kind": "find-my-pathway"})
            + block(body, "portal-find-page"))
