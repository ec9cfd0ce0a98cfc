"""The ``stix`` export: a STIX 2.1 bundle the OASIS validator accepts, faithful to the store."""

from __future__ import annotations

import json

import pytest
from stix2validator import ValidationOptions, validate_instance

from claimgraph.export import export
from claimgraph.export.selection import chain_text, confidence
from claimgraph.export.stix_objects import ADMIRALTY_CONFIDENCE, EXTENSION_ID, is_hostile_event


@pytest.fixture(scope="module")
def bundle(kb, tmp_path_factory):
    path = tmp_path_factory.mktemp("stix") / "bundle.json"
    export(kb, "stix", path)
    return json.loads(path.read_text(encoding="utf-8"))


def _ext(obj):
    return obj["extensions"][EXTENSION_ID]


def test_stix_bundle_passes_oasis_validator(bundle):
    result = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert not result.errors, [str(e) for e in result.errors][:5]
    assert result.is_valid


def test_stix_ids_are_stable_across_exports(kb, bundle, tmp_path):
    again = tmp_path / "again.json"
    export(kb, "stix", again)
    assert json.loads(again.read_text(encoding="utf-8")) == bundle


def test_stix_incident_per_event_carries_status_and_source_chains(bundle, rows):
    incidents = {_ext(o)["kb_id"]: o for o in bundle["objects"] if o["type"] == "incident"}
    assert set(incidents) == {e["id"] for e in rows["events"]}
    for event in rows["events"]:
        inc = incidents[event["id"]]
        assert _ext(inc)["status"] == event["status"]
        assert _ext(inc)["event_type"] == event["type"]
        assert inc.get("confidence") == ADMIRALTY_CONFIDENCE[event["credibility"]]  # absent for grade 6
        chains = {ref["description"] for ref in inc.get("external_references", [])}
        assert {chain_text(c) for c in event["sources"]} <= chains


def test_stix_report_per_document_with_published_and_url(bundle, rows):
    reports = {_ext(o)["document_id"]: o for o in bundle["objects"] if o["type"] == "report"}
    assert set(reports) == {d["id"] for d in rows["documents"]}
    ids = {o["id"] for o in bundle["objects"]}
    for doc in rows["documents"]:
        report = reports[doc["id"]]
        assert report["object_refs"] and set(report["object_refs"]) <= ids
        if doc["url"]:
            assert report["external_references"][0]["url"] == doc["url"]
    second = next(r for r in reports.values() if r["name"].startswith("Two held"))
    assert second["published"] == "2025-05-13T05:00:00.000Z"


def test_stix_relationships_reference_objects_in_bundle(bundle):
    ids = {o["id"] for o in bundle["objects"]}
    rels = [o for o in bundle["objects"] if o["type"] == "relationship"]
    assert rels
    for rel in rels:
        assert rel["source_ref"] in ids and rel["target_ref"] in ids
        assert 0 <= rel.get("confidence", 0) <= 100  # absent where the event's grade is 6 (cannot be judged)


def test_stix_threat_actors_follow_hostility_rule(bundle, rows):
    hostile = {p["actor"] for e in rows["events"] if is_hostile_event(e) for p in e["participants"]
               if p["role"] == "actor"}
    threat = {_ext(o)["kb_id"] for o in bundle["objects"] if o["type"] == "threat-actor"}
    people = {a["id"] for a in rows["actors"] if a["type"] in ("PERSON", "ORG", "NORP")}
    assert threat == hostile & people


def test_stix_hostility_rule_separates_attacks_from_arrests():
    assert is_hostile_event({"type": "ASSAULT", "mode": "assassination", "status": "foiled"})
    assert is_hostile_event({"type": "COERCE", "mode": "abduction", "status": "occurred"})
    assert not is_hostile_event({"type": "COERCE", "mode": "arrest", "status": "occurred"})
    assert not is_hostile_event({"type": "ASSAULT", "mode": "bombing", "status": "negated"})
    assert not is_hostile_event({"type": "CONSULT", "mode": "visit", "status": "planned"})


def test_confidence_grows_with_sources_and_drops_with_hedges():
    assert confidence(1) < confidence(2) < confidence(3) <= 100
    assert confidence(2, ["allegedly"]) < confidence(2)
    assert confidence(2, contested=True) < confidence(2)
    assert confidence(1, ["allegedly", "reportedly", "purportedly", "apparently"], contested=True,
                      anonymous_origin=True) >= 5


def test_stix_note_per_claim_keeps_who_says_so(bundle, rows):
    notes = {_ext(o)["kb_id"]: o for o in bundle["objects"] if o["type"] == "note"}
    assert set(notes) == {c["id"] for c in rows["claims"] if c["evidence"]["text"]}
    incidents = {_ext(o)["kb_id"]: o["id"] for o in bundle["objects"] if o["type"] == "incident"}
    for claim in rows["claims"]:
        note = notes[claim["id"]]
        assert note["content"] == claim["evidence"]["text"]
        assert note["authors"] == [link["name"] for link in claim["chain"] if link.get("name")]
        assert _ext(note)["claim_kind"] == claim["claim_kind"]
    for event in rows["events"]:
        for cid in event["claims"]:
            assert incidents[event["id"]] in notes[cid]["object_refs"]
