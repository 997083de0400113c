"""Generated pathways: one for every profession × tier, and one for every audience.

Each is a weighted set cover (see :mod:`.setcover`): the universe is the
competencies expected at the pathway's tier, cumulatively (tier 2 builds on
tier 1, tier 3 on both: ``Framework.competencies_up_to``); the candidates are
the active catalog entries a learner in that group can use; the weights
prefer fewer, free, shorter and openly accessible entries (:mod:`.weights`).

* A **profession** pathway at tier ``t`` uses entries listed for that
  profession (or for no profession in particular) that are pitched at tier
  ``t`` or below: nobody is sent to a specialist course for a first step.
* An **audience** pathway uses only entries that focus on that group, at
  ``AUDIENCE_TIER`` (staff who care for people regularly; it builds on tier 1).

Competencies that no suitable entry teaches are not hidden: they are the
pathway's ``uncovered`` list, shown on its page, and they are exactly the
gaps a commissioner needs to see. Where entries that are not listed for the
profession do teach one, the page offers them (:func:`offers`): a nurse is
better served by a course tagged for doctors than by "nothing exists".

Where a curator has written a pathway for the same profession and tier, its
steps are preferred (their weight is halved, and they may be used even when
not tagged for the profession): the curated core course is what the curator
would send that learner to first. :func:`counterparts` links the two pathways
both ways.

Steps come in a learnable order: prerequisites first (added to the pathway
when a chosen entry needs them), then by the lowest tier the entry is
pitched at, then in greedy's pick order (broadest first), then by id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..i18n import _, compose, join_marked, ngettext
from ..model import Catalog, Entry, Pathway, Step
from .order import topological, with_prerequisites
from .setcover import Candidate, greedy_cover
from .weights import weight

log = logging.getLogger("generator")

# Curated pathway ids are slugs a curator picks; this prefix marks ours. A curated id that
# starts with it would collide, so the generated pathway of that id is skipped with a warning.
PREFIX = "for-"
AUDIENCE_TIER = 2
# How much cheaper a curated pathway's step is for the generated pathway of the same role and tier.
CURATED_DISCOUNT = 2


def profession_pathway_id(profession: str, tier: int) -> str:
    """The permanent id of a profession's generated pathway, e.g. 'for-paramedic-tier-2'."""
    return f"{PREFIX}{profession}-tier-{tier}"


def audience_pathway_id(audience: str) -> str:
    """The permanent id of an audience's generated pathway, e.g. 'for-audience-homelessness'."""
    return f"{PREFIX}audience-{audience}"


@dataclass(frozen=True)
class _Usable:
    entry: Entry
    mask: int
    tier: int  # the lowest tier it is pitched at
    candidate: Candidate  # made once, shared by every pathway's cover


class _Index:
    """Bitsets and weights for every usable entry, computed once for all pathways."""

    def __init__(self, catalog: Catalog, language: str) -> None:
        fw = catalog.framework
        self.order = list(fw.competencies)
        self.bit = {c: 1 << i for i, c in enumerate(self.order)}
        self.up_to = {t: sum(self.bit[c.id] for c in fw.competencies_up_to(t)) for t in sorted(fw.tiers)}
        self.usable: dict[str, _Usable] = {}
        self.by_profession: dict[str, list[_Usable]] = {}
        self.for_anyone: list[_Usable] = []
        self.by_audience: dict[str, list[_Usable]] = {}
        for e in catalog.entries.values():
            if e.status != "active" or language not in e.languages or not e.tiers:
                continue
            mask = sum(self.bit.get(c, 0) for c in set(e.competencies))
            u = _Usable(e, mask, min(e.tiers), Candidate(e.id, mask, weight(e)))
            self.usable[e.id] = u
            if not e.professions:
                self.for_anyone.append(u)
            for p in e.professions:
                self.by_profession.setdefault(p, []).append(u)
            for a in e.audiences:
                self.by_audience.setdefault(a, []).append(u)

    def ids(self, mask: int) -> list[str]:
        return [c for c in self.order if mask & self.bit[c]]


def generate_all(catalog: Catalog, *, language: str = "en") -> list[Pathway]:
    """Every generated pathway for ``catalog``, in a stable order (this is what the benchmark times).

    Args:
        catalog: the validated catalog.
        language: only entries offered in this language are used (the site's language).
    """
    index = _Index(catalog, language)
    v = catalog.vocab
    fw = catalog.framework
    out: list[Pathway] = []
    for p, term in v["professions"].items():
        pool = [*index.by_profession.get(p, ()), *index.for_anyone]
        for t in sorted(fw.tiers):
            out.append(_pathway(
                catalog, index, profession_pathway_id(p, t), _preferring(index, pool, curated_steps(catalog, p, t), t), t,
                title=compose(_("{role}: tier {tier} pathway"), role=term.label, tier=t),
                for_whom=compose(_("{role}, learning at tier {tier}: {name}."), role=term.label, tier=t,
                                 name=fw.tiers[t].name),
                professions=(p,), audiences=(), language=language))
    if AUDIENCE_TIER in fw.tiers:
        for a, term in v["audiences"].items():
            pool = [u for u in index.by_audience.get(a, ()) if u.tier <= AUDIENCE_TIER]
            out.append(_pathway(
                catalog, index, audience_pathway_id(a), pool, AUDIENCE_TIER,
                title=compose(_("{group}: a focused pathway"), group=term.label),
                for_whom=compose(_("Anyone who cares for or supports this group: {group}. It uses only entries that "
                                   "focus on them, up to tier {tier}."), group=term.label, tier=AUDIENCE_TIER),
                professions=(), audiences=(a,), language=language))
    kept = []
    for pathway in out:
        if pathway.id in catalog.pathways:
            log.warning("curated pathway %s has the id of a generated pathway; the generated one was left out",
                        pathway.id)
        else:
            kept.append(pathway)
    return kept


def curated_steps(catalog: Catalog, profession: str, tier: int) -> list[str]:
    """The steps (not optional ones) of the curated pathways for ``profession`` at ``tier``, in order, once each."""
    out: dict[str, None] = {}
    for cp in catalog.pathways.values():
        if profession in cp.professions and cp.tier == tier:
            out.update(dict.fromkeys(s.entry for s in cp.steps if not s.optional))
    return list(out)


def _preferring(index: _Index, pool: list[_Usable], preferred: list[str], tier: int) -> list[_Usable]:
    """The pool at ``tier`` or below, with the curated steps in it (tagged for the role or not) made cheaper."""
    chosen = {u.entry.id: u for u in pool if u.tier <= tier}
    for eid in preferred:
        u = index.usable.get(eid)
        if u is None or u.tier > tier:
            continue
        cheaper = Candidate(eid, u.mask, max(1, u.candidate.weight // CURATED_DISCOUNT))
        chosen[eid] = _Usable(u.entry, u.mask, u.tier, cheaper)
    return [chosen[k] for k in sorted(chosen)]


def offers(catalog: Catalog, pathway: Pathway) -> list[tuple[str, list[str]]]:
    """Entries that teach what the pathway leaves uncovered although they are not listed for its profession or
    group: the fewest, most open of them (the same weighted cover as the steps), each with the competencies it
    would add, in pick order. Entries pitched above the pathway's tier are not offered."""
    if not pathway.uncovered:
        return []
    bit = {c: 1 << i for i, c in enumerate(pathway.uncovered)}
    taken = {s.entry for s in pathway.steps}
    candidates = []
    for e in catalog.active_entries:
        mask = sum(bit.get(c, 0) for c in set(e.competencies))
        if (mask and e.id not in taken and e.tiers and min(e.tiers) <= pathway.tier
                and not set(pathway.languages).isdisjoint(e.languages)):
            candidates.append(Candidate(e.id, mask, weight(e)))
    cover = greedy_cover(sum(bit.values()), candidates)
    masks = {c.id: c.mask for c in candidates}
    return [(eid, [c for c in pathway.uncovered if masks[eid] & bit[c]]) for eid in cover.chosen]


def counterparts(catalog: Catalog, generated: Iterable[Pathway]) -> dict[str, list[Pathway]]:
    """For each pathway id, the pathways of the other kind for the same profession and tier
    (curated ↔ generated), so each page can link to the other."""
    by_key: dict[tuple[str, int], list[Pathway]] = {}
    for g in generated:
        for p in g.professions:
            by_key.setdefault((p, g.tier), []).append(g)
    out: dict[str, list[Pathway]] = {}
    for cp in catalog.pathways.values():
        for p in cp.professions:
            for g in by_key.get((p, cp.tier), ()):
                out.setdefault(cp.id, []).append(g)
                out.setdefault(g.id, []).append(cp)
    return out


def _pathway(catalog: Catalog, index: _Index, pid: str, pool: list[_Usable], tier: int, *, title: str,
             for_whom: str, professions: tuple[str, ...], audiences: tuple[str, ...], language: str) -> Pathway:
    universe = index.up_to[tier]
    cover = greedy_cover(universe, [u.candidate for u in pool])
    rank = {cid: n for n, cid in enumerate(cover.chosen)}
    needed_by = with_prerequisites(cover.chosen, lambda i: catalog.entries[i].prerequisites,
                                   lambda i: i in index.usable)
    for pre, users in needed_by.items():
        if users:
            rank[pre] = min(rank.get(u, len(rank)) for u in users)
    ordered = topological(list(needed_by), {i: catalog.entries[i].prerequisites for i in needed_by},
                          key=lambda i: (index.usable[i].tier, rank.get(i, len(rank)), i))
    steps = []
    seen = 0
    for i in ordered:
        mask = index.usable[i].mask & universe
        steps.append(Step(i, _reason(catalog, index.ids(mask & ~seen), index.ids(mask),
                                     [catalog.entries[u].words("title") for u in needed_by[i]])))
        seen |= mask
    uncovered = sorted(index.ids(universe & ~seen), key=lambda c: catalog.framework.competencies[c].tier)
    pathway = Pathway(
        id=pid, title=title, summary="", tier=tier, steps=tuple(steps), review_by="", for_whom=for_whom,
        professions=professions, audiences=audiences, languages=(language,), generated=True,
        uncovered=tuple(uncovered))
    offered = len({c for _, cs in offers(catalog, pathway) for c in cs})  # an entry may teach what another does
    summary = _summary(catalog, tier, len(steps), seen.bit_count(), universe.bit_count(), len(uncovered), offered,
                       "role" if professions else "group")
    return replace(pathway, summary=summary)


def _subjects(catalog: Catalog, competencies: Iterable[str]) -> str:
    """'Communication (tiers 1 and 2); Symptom management (tier 2)', in framework order."""
    fw = catalog.framework
    tiers: dict[str, list[int]] = {}
    for c in competencies:
        tiers.setdefault(fw.competencies[c].subject, []).append(fw.competencies[c].tier)
    parts = []
    for subject, ts in tiers.items():
        parts.append(compose(_("{subject} ({tiers})"), subject=fw.subjects[subject].name, tiers=tiers_text(sorted(ts))))
    return join_marked("; ", parts)


def tiers_text(tiers: list[int]) -> str:
    """'tier 2', 'tiers 1 and 2', 'tiers 1–3'."""
    if len(tiers) == 1:
        return _("tier {number}").format(number=tiers[0])
    if len(tiers) > 2 and tiers == list(range(tiers[0], tiers[-1] + 1)):
        return _("tiers {first}–{last}").format(first=tiers[0], last=tiers[-1])
    return _("tiers {list} and {last}").format(list=", ".join(map(str, tiers[:-1])), last=tiers[-1])


def _reason(catalog: Catalog, new: list[str], teaches: list[str], needed_for: list[str]) -> str:
    parts = []
    if new:
        parts.append(compose(_("Adds {competencies}."), competencies=_subjects(catalog, new)))
    elif teaches:
        parts.append(compose(_("Goes over {competencies} again, at its own level."),
                             competencies=_subjects(catalog, teaches)))
    if needed_for:
        parts.append(compose(_("Needed before: {steps}."), steps=join_marked("; ", needed_for)))
    return join_marked(" ", parts) or _("Needed before a later step.")


def _summary(catalog: Catalog, tier: int, steps: int, covered: int, expected: int, uncovered: int, offered: int,
             who: str) -> str:
    below = [t for t in sorted(catalog.framework.tiers) if t < tier]
    name = catalog.framework.tiers[tier].name
    if below:
        head = compose(_("Worked out from the catalog: the fewest, most open entries that together cover what the "
                         "framework expects at tier {tier} ({name}), which builds on {below}."), tier=tier, name=name,
                       below=tiers_text(below))
    else:
        head = compose(_("Worked out from the catalog: the fewest, most open entries that together cover what the "
                         "framework expects at tier {tier} ({name})."), tier=tier, name=name)
    cover = ngettext("{n} step covers {covered} of the {expected} competencies.",
                     "{n} steps cover {covered} of the {expected} competencies.", steps).format(
        n=steps, covered=covered, expected=expected)
    texts = [head, cover]
    if offered:
        elsewhere = (_("Entries not listed for this role teach {offered} of the {uncovered} left out: they are offered "
                       "on this page.") if who == "role" else
                     _("Entries not listed for this group teach {offered} of the {uncovered} left out: they are "
                       "offered on this page."))
        texts.append(elsewhere.format(offered=offered, uncovered=uncovered))
    rest = uncovered - offered
    if rest:
        texts.append(ngettext("{n} competency is taught by no entry in the catalog yet; listed on this page.",
                              "{n} competencies are taught by no entry in the catalog yet; listed on this page.",
                              rest).format(n=rest))
    return join_marked(" ", texts)
