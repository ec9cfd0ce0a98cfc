"""Exporting a query's view (``--actor``): the actor, its events, related actors, claims and documents."""

from __future__ import annotations

import json

from claimgraph.export import export


def _busiest_actor(rows):
    counts: dict[str, int] = {}
    for e in rows["events"]:
        for p in e["participants"]:
            counts[p["actor"]] = counts.get(p["actor"], 0) + 1
    actors = {a["id"]: a for a in rows["actors"]}
    return actors[max(counts, key=lambda a: (counts[a], a))]


def test_export_actor_view_keeps_its_events_and_closes_references(kb, rows, tmp_path):
    actor = _busiest_actor(rows)
    path = tmp_path / "view.jsonl"
    export(kb, "jsonl", path, view=kb.view(actor=actor["name"]))
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    kinds: dict[str, dict[str, dict]] = {}
    for row in lines:
        kinds.setdefault(row["kind"], {})[row.get("id") or f"{row['subject']}|{row['object']}"] = row
    assert actor["id"] in kinds["actor"]
    own = {e["id"] for e in rows["events"] if any(p["actor"] == actor["id"] for p in e["participants"])}
    assert own <= set(kinds["event"])
    for event in kinds["event"].values():
        for p in event["participants"]:
            assert p["actor"] in kinds["actor"]
        for c in event["claims"]:
            assert c in kinds["claim"]
    for claim in kinds["claim"].values():
        assert claim["document"] in kinds["document"]
    assert len(kinds["actor"]) < len(rows["actors"])


def test_export_view_stix_is_smaller_and_valid(kb, rows, tmp_path):
    from stix2validator import ValidationOptions, validate_instance

    actor = _busiest_actor(rows)
    path = tmp_path / "view.json"
    counts = export(kb, "stix", path, view=kb.view(actor=actor["name"]))
    bundle = json.loads(path.read_text(encoding="utf-8"))
    assert not validate_instance(bundle, ValidationOptions(version="2.1")).errors
    assert 0 < counts["incident"] < len(rows["events"])
