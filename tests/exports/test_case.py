"""The framework as a 1EdTech CASE 1.1 CFPackage: structure, references and stable identifiers."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from export_support import SITE_URL, make_outputs
from generator.exports.case import case_package

ITEM_FIELDS = {"identifier", "uri", "fullStatement", "CFItemType", "CFItemTypeURI", "CFDocumentURI",
               "lastChangeDateTime"}
ASSOCIATION_FIELDS = {"identifier", "uri", "associationType", "originNodeURI", "destinationNodeURI",
                      "CFDocumentURI", "lastChangeDateTime"}


@pytest.fixture(scope="module")
def package(site: Path) -> dict[str, Any]:
    return json.loads((site / "api/v1/case/eolc-csetf-2017.json").read_text(encoding="utf-8"))


def test_package_has_document_items_and_associations(package: dict[str, Any]) -> None:
    assert set(package) == {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"}
    doc = package["CFDocument"]
    for field in ("identifier", "uri", "title", "creator", "lastChangeDateTime", "version", "adoptionStatus",
                  "CFPackageURI"):
        assert doc[field], field
    assert doc["uri"] == SITE_URL + "competencies/"
    assert doc["CFPackageURI"]["uri"] == SITE_URL + "api/v1/case/eolc-csetf-2017.json"
    kinds = Counter(item["CFItemType"] for item in package["CFItems"])
    assert kinds == {"Tier": 3, "Domain": 5, "Subject": 13, "Competency": 39}
    for item in package["CFItems"]:
        assert ITEM_FIELDS <= set(item), item["identifier"]
        assert item["CFDocumentURI"]["identifier"] == doc["identifier"]
    for association in package["CFAssociations"]:
        assert ASSOCIATION_FIELDS <= set(association)
    defined = {t["identifier"] for t in package["CFDefinitions"]["CFItemTypes"]}
    assert {item["CFItemTypeURI"]["identifier"] for item in package["CFItems"]} <= defined


def test_identifiers_are_unique_uuids_and_every_association_resolves(package: dict[str, Any]) -> None:
    doc_id = package["CFDocument"]["identifier"]
    items = {item["identifier"]: item for item in package["CFItems"]}
    ids = [doc_id, *items, *(a["identifier"] for a in package["CFAssociations"])]
    assert len(ids) == len(set(ids))
    assert all(uuid.UUID(i).version == 5 for i in ids)
    for association in package["CFAssociations"]:
        for end in ("originNodeURI", "destinationNodeURI"):
            ref = association[end]["identifier"]
            assert ref == doc_id or ref in items, f"{association['associationType']} points at nothing"


def test_tiers_hold_their_competencies_as_is_child_of(package: dict[str, Any]) -> None:
    items = {item["identifier"]: item for item in package["CFItems"]}
    doc_id = package["CFDocument"]["identifier"]
    parents: dict[str, list[str]] = {}
    for a in package["CFAssociations"]:
        if a["associationType"] == "isChildOf":
            parents.setdefault(a["originNodeURI"]["identifier"], []).append(a["destinationNodeURI"]["identifier"])
    for identifier, item in items.items():
        [parent] = parents[identifier]  # one place in the tree each
        kind = item["CFItemType"]
        if kind in ("Tier", "Domain"):
            assert parent == doc_id
        elif kind == "Subject":
            assert items[parent]["CFItemType"] == "Domain"
        else:
            tier = items[parent]
            assert tier["CFItemType"] == "Tier"
            assert tier["humanCodingScheme"] == "T" + item["humanCodingScheme"].rsplit("-t", 1)[1]
    kinds = Counter(a["associationType"] for a in package["CFAssociations"])
    assert kinds["isPartOf"] == 39 and kinds["precedes"] == 13 * 2


def test_identifiers_are_stable_across_builds_and_hosts(epoch: str) -> None:
    one = case_package(make_outputs(site_url=SITE_URL))
    two = case_package(make_outputs(site_url="https://mirror.example.net/"))
    assert [i["identifier"] for i in one["CFItems"]] == [i["identifier"] for i in two["CFItems"]]
    assert one["CFDocument"]["identifier"] == two["CFDocument"]["identifier"]
    assert one == case_package(make_outputs(site_url=SITE_URL))


def test_only_confirmed_subject_numbers_are_given_as_codes(package: dict[str, Any]) -> None:
    subjects = [item for item in package["CFItems"] if item["CFItemType"] == "Subject"]
    coded = {item["abbreviatedStatement"]: item["humanCodingScheme"] for item in subjects if "humanCodingScheme" in item}
    assert coded == {"Support for carers, including into bereavement": "S9"}
    hidden = [item for item in subjects if "humanCodingScheme" not in item and "not confirmed" in item.get("notes", "")]
    assert len(hidden) >= 10
