"""The ``ftm`` export: FollowTheMoney entities with FtM's schema and property names."""

from __future__ import annotations

import json

import pytest

from claimgraph.export import export
from claimgraph.export.ftm import REQUIRED, SCHEMA_PROPERTIES, _relation, ftm_id
from claimgraph.export.selection import Selection

LEGAL = {"Person", "Organization", "PublicBody", "Company", "LegalEntity"}
#: Entity-valued FtM properties and the schemata FtM allows them to point at.
RANGES = {
    "involved": LEGAL, "organizer": LEGAL, "addressEntity": {"Address"}, "proof": {"Article"},
    "document": {"Article"}, "member": LEGAL, "organization": {"Organization", "PublicBody"},
    "employee": {"Person"}, "employer": {"Organization", "PublicBody"}, "person": {"Person"},
    "associate": {"Person"},
}
ANY_THING = {"entity", "subject", "object"}


@pytest.fixture(scope="module")
def entities(kb, tmp_path_factory):
    path = tmp_path_factory.mktemp("ftm") / "kb.ftm.json"
    export(kb, "ftm", path)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _check_refs(entities):
    by_id = {e["id"]: e for e in entities}
    for ent in entities:
        for prop, values in ent["properties"].items():
            if prop in RANGES or prop in ANY_THING:
                for v in values:
                    assert v in by_id, (ent["schema"], prop, v)
                    if prop in RANGES:
                        assert by_id[v]["schema"] in RANGES[prop], (ent["schema"], prop, by_id[v]["schema"])


def test_ftm_entities_follow_schema(entities, rows):
    assert len({e["id"] for e in entities}) == len(entities)
    for ent in entities:
        assert set(ent) == {"id", "schema", "properties"}
        assert ent["schema"] in SCHEMA_PROPERTIES
        assert set(ent["properties"]) <= SCHEMA_PROPERTIES[ent["schema"]]
        assert all(ent["properties"].get(p) for p in REQUIRED.get(ent["schema"], ()))
        for values in ent["properties"].values():
            assert values and all(isinstance(v, str) and v for v in values)
    _check_refs(entities)
    schemas = [e["schema"] for e in entities]
    assert schemas.count("Article") == len(rows["documents"])
    assert schemas.count("Event") == len(rows["events"])


def test_ftm_events_name_organizers_and_status(entities, rows):
    events = {e["id"]: e for e in entities if e["schema"] == "Event"}
    persons = {e["id"] for e in entities if e["schema"] in LEGAL}
    for event in rows["events"]:
        props = events[ftm_id("event", event["id"])]["properties"]
        assert f"status:{event['status']}" in props["keywords"]
        organizers = {ftm_id("actor", p["actor"]) for p in event["participants"] if p["role"] == "actor"}
        assert set(props.get("organizer", [])) == organizers & persons


def test_ftm_relations_map_onto_ftm_link_schemata(kb, rows):
    snap = Selection(kb).load()
    people = [a for a in rows["actors"] if a["type"] == "PERSON"]
    orgs = [a for a in rows["actors"] if a["type"] == "ORG"]
    ids = {a["id"]: ftm_id("actor", a["id"]) for a in people + orgs}
    from claimgraph.export.ftm import actor_schema

    schemas = {a["id"]: actor_schema(a) for a in people + orgs}
    member = _relation({"type": "member_of", "subject": people[0]["id"], "object": orgs[0]["id"], "count": 2,
                        "claims": []}, ids, schemas, snap)
    assert member["schema"] == "Membership"
    assert member["properties"]["member"] == [ids[people[0]["id"]]]
    assoc = _relation({"type": "recruited_by", "subject": people[0]["id"], "object": people[1]["id"]},
                      ids, schemas, snap)
    assert assoc["schema"] == "Associate" and assoc["properties"]["relationship"] == ["recruited_by"]
    other = _relation({"type": "located_in", "subject": orgs[0]["id"], "object": people[0]["id"]}, ids, schemas, snap)
    assert other["schema"] == "UnknownLink"


def test_ftm_entities_pass_followthemoney_model(entities):
    ftm = pytest.importorskip("followthemoney")
    by_id = {e["id"]: e for e in entities}
    for ent in entities:
        proxy = ftm.model.get_proxy(ent, cleaned=False)
        assert all(proxy.get(p) for p in proxy.schema.required)
        for prop, values in ent["properties"].items():
            spec = proxy.schema.get(prop)
            assert spec is not None, (ent["schema"], prop)
            for v in values:
                assert spec.type.clean(v, proxy=proxy) is not None, (ent["schema"], prop, v)
                if spec.type.name == "entity":
                    assert ftm.model.get(by_id[v]["schema"]).is_a(spec.range)
