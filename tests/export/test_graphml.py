"""The ``graphml`` export loads in networkx with typed attributes."""

from __future__ import annotations

import networkx as nx

from claimgraph.export import export


def test_graphml_loads_in_networkx_with_typed_attributes(kb, rows, tmp_path):
    path = tmp_path / "kb.graphml"
    counts = export(kb, "graphml", path)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == len(rows["actors"]) + len(rows["events"]) == counts["nodes"]
    assert graph.number_of_edges() == counts["edges"]
    kinds = nx.get_node_attributes(graph, "kind")
    assert sum(k == "event" for k in kinds.values()) == len(rows["events"])
    for actor in rows["actors"]:
        node = graph.nodes[actor["id"]]
        assert node["name"] == actor["name"] and node["kind"] == "actor"
        assert isinstance(node["named"], bool)
        if (actor.get("geo") or {}).get("lat") is not None:
            assert isinstance(node["lat"], float) and isinstance(node["lon"], float)
    for event in rows["events"]:
        node = graph.nodes[event["id"]]
        assert node["status"] == event["status"]
        assert isinstance(node["independent_sources"], int)


def test_graphml_participation_edges_carry_roles(kb, rows, tmp_path):
    path = tmp_path / "kb.graphml"
    export(kb, "graphml", path)
    graph = nx.read_graphml(path)
    found = {(u, v, d["role"]) for u, v, d in graph.edges(data=True) if d["kind"] == "participation"}
    expected = {(e["id"], p["actor"], p["role"]) for e in rows["events"] for p in e["participants"]}
    assert expected and found == expected
