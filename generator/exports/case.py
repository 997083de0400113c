"""The competency framework as a 1EdTech CASE 1.1 CFPackage (JSON).

Tree: the CFDocument has the tiers as children and each tier has its
competencies as children (``isChildOf``, ordered by ``sequenceNumber``); the
domains are children of the document too, with their subjects as children.
A competency ``isPartOf`` its subject, and within a subject each tier's
competency ``precedes`` the next tier's. Identifiers are UUIDv5 of stable
framework ids, so they never change between builds or hosts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..pages import urls
from .common import absolute, stable_uuid

if TYPE_CHECKING:
    from ..model.framework import Provenance
    from ..outputs import Outputs

ITEM_TYPES = ("Tier", "Domain", "Subject", "Competency")
# CASE's adoption statuses; a framework under review is still the one in force.
_ADOPTION = {"under-review": "Adopted", "current": "Adopted", "adopted": "Adopted", "draft": "Draft",
             "superseded": "Deprecated", "withdrawn": "Deprecated", "deprecated": "Deprecated"}


def _changed(outputs: Outputs) -> str:
    """When the portal last checked the framework: its newest source check, else its publication date."""
    fw = outputs.catalog.framework
    dates = [str(s.get("checked", "")) for s in fw.sources if s.get("checked")]
    day = max(dates) if dates else (fw.published or "1970-01-01")
    return f"{day}T00:00:00+00:00"


def _provenance_note(prov: Provenance, code_hidden: bool = False) -> str | None:
    """Where an item comes from, in words; a number that is not the framework's own is left out and said so."""
    words = {"confirmed": "Confirmed from a primary source.", "portal": "The portal's own, not the framework's.",
             "unconfirmed": "Not confirmed against the framework."}.get(prov.status, "")
    parts = [words, prov.note, f"Source: {prov.source}" if prov.source else "",
             "Its subject number is not confirmed, so none is given." if code_hidden else ""]
    return " ".join(p for p in parts if p) or None


def case_package(outputs: Outputs) -> dict[str, Any]:
    fw = outputs.catalog.framework
    changed = _changed(outputs)
    package_url = absolute(outputs, urls.case_package(fw.id))
    doc_id = stable_uuid(outputs, "case", fw.id)
    doc_uri = {"title": fw.title, "identifier": doc_id, "uri": absolute(outputs, urls.competencies())}

    def uid(kind: str, key: str) -> str:
        return stable_uuid(outputs, "case", fw.id, kind, key)

    type_uri = {t: {"title": t, "identifier": uid("item-type", t), "uri": f"{package_url}#item-type-{t.lower()}"}
                for t in ITEM_TYPES}
    items: list[dict[str, Any]] = []
    nodes: dict[tuple[str, str], dict[str, str]] = {}

    def item(kind: str, key: str, statement: str, uri: str, **extra: Any) -> None:
        identifier = uid(kind, key)
        node = {"identifier": identifier, "uri": uri, "fullStatement": statement, "CFItemType": kind,
                "CFItemTypeURI": type_uri[kind], "CFDocumentURI": doc_uri, "lastChangeDateTime": changed,
                "language": "en", **{k: v for k, v in extra.items() if v not in (None, "", [])}}
        items.append(node)
        nodes[(kind, key)] = {"title": extra.get("abbreviatedStatement") or statement[:60], "identifier": identifier,
                              "uri": uri}

    for t in fw.tiers.values():
        learners = "; ".join(t.learners)
        prov = _provenance_note(t.provenance)
        item("Tier", str(t.tier), _("Tier {number}: {name}").format(number=t.tier, name=t.name) + f". {t.summary}", f"{package_url}#tier-{t.tier}",
             humanCodingScheme=f"T{t.tier}", abbreviatedStatement=f"Tier {t.tier}: {t.name}",
             listEnumeration=str(t.tier), notes=" ".join(x for x in (f"Learners: {learners}." if learners else "", prov or "") if x))
    layer = fw.domain_layer.get("name", "")
    for d in fw.domains.values():
        item("Domain", d.id, d.summary, f"{package_url}#domain-{d.id}", abbreviatedStatement=d.name,
             notes=" ".join(x for x in (f"Grouping: {layer}." if layer else "", _provenance_note(d.provenance) or "") if x))
    for s in fw.subjects.values():
        item("Subject", s.id, s.summary, f"{package_url}#subject-{s.id}", abbreviatedStatement=s.name,
             humanCodingScheme=s.public_code or None, notes=_provenance_note(s.provenance, bool(s.code and not s.public_code)))
    for c in fw.competencies.values():
        subject = fw.subjects[c.subject]
        item("Competency", c.id, c.statement, absolute(outputs, urls.competency(c.id)),
             abbreviatedStatement=f"{subject.name} (tier {c.tier})", humanCodingScheme=c.id,
             notes=_provenance_note(fw.statement_provenance(c.id)),
             conceptKeywords=list(c.indicators), educationLevel=[f"tier-{c.tier}"])

    associations: list[dict[str, Any]] = []

    def associate(kind: str, origin: dict[str, str], destination: dict[str, str], seq: int | None = None) -> None:
        identifier = stable_uuid(outputs, "case", fw.id, "association", kind, origin["identifier"], destination["identifier"])
        node: dict[str, Any] = {"identifier": identifier, "uri": f"{package_url}#association-{identifier}",
                                "associationType": kind, "CFDocumentURI": doc_uri, "originNodeURI": origin,
                                "destinationNodeURI": destination, "lastChangeDateTime": changed}
        if seq is not None:
            node["sequenceNumber"] = seq
        associations.append(node)

    for n, t in enumerate(fw.tiers.values(), 1):
        associate("isChildOf", nodes[("Tier", str(t.tier))], doc_uri, n)
    for n, d in enumerate(fw.domains.values(), 1):
        associate("isChildOf", nodes[("Domain", d.id)], doc_uri, len(fw.tiers) + n)
    for n, s in enumerate(fw.subjects.values(), 1):
        associate("isChildOf", nodes[("Subject", s.id)], nodes[("Domain", s.domain)], n)
    per_tier: dict[int, int] = {}
    by_subject: dict[str, list[str]] = {}
    for c in fw.competencies.values():
        per_tier[c.tier] = per_tier.get(c.tier, 0) + 1
        if ("Tier", str(c.tier)) in nodes:
            associate("isChildOf", nodes[("Competency", c.id)], nodes[("Tier", str(c.tier))], per_tier[c.tier])
        associate("isPartOf", nodes[("Competency", c.id)], nodes[("Subject", c.subject)])
        by_subject.setdefault(c.subject, []).append(c.id)
    for ids in by_subject.values():
        ordered = sorted(ids, key=lambda i: fw.competencies[i].tier)
        for lower, higher in zip(ordered, ordered[1:], strict=False):
            associate("precedes", nodes[("Competency", lower)], nodes[("Competency", higher)])

    source = next((str(s["url"]) for s in fw.sources if s.get("url")), None)
    document: dict[str, Any] = {
        "identifier": doc_id, "uri": doc_uri["uri"], "title": fw.title, "creator": fw.publisher or outputs.site_name,
        "publisher": outputs.site_name, "lastChangeDateTime": changed, "version": fw.version, "language": "en",
        "adoptionStatus": _ADOPTION.get(fw.status, "Adopted"), "subject": [s for s in (catalog_subject(outputs),) if s],
        "CFPackageURI": {"title": fw.title, "identifier": doc_id, "uri": package_url},
    }
    for key, value in (("officialSourceURL", source), ("description", fw.summary), ("notes", fw.note),
                       ("frameworkType", "Competency framework")):
        if value:
            document[key] = value
    definitions = {"CFConcepts": [], "CFSubjects": [], "CFLicenses": [], "CFAssociationGroupings": [],
                   "CFItemTypes": [{"identifier": type_uri[t]["identifier"], "uri": type_uri[t]["uri"], "title": t,
                                    "description": f"A {t.lower()} of the framework", "hierarchyCode": str(n),
                                    "lastChangeDateTime": changed} for n, t in enumerate(ITEM_TYPES, 1)]}
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations,
            "CFDefinitions": definitions, "CFRubrics": []}


def catalog_subject(outputs: Outputs) -> str:
    """The portal's field (mkdocs.yml ``subject``), capitalised as a subject heading."""
    subject = outputs.catalog.portal.subject_text
    return subject[:1].upper() + subject[1:]
