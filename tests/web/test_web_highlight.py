"""The article view's segmentation: marks never change the text and never build HTML."""

from __future__ import annotations

from claimgraph.web.graphics import network_picture, timeline_picture
from claimgraph.web.highlight import chain_text, marks_of, segments

TEXT = "Police said two gunmen attacked a bus in Kabul on Monday. We think it was a warning."


def _record() -> dict:
    def sp(s: str) -> dict:
        i = TEXT.index(s)
        return {"start": i, "end": i + len(s), "text": s}

    return {
        "document": {"text": TEXT},
        "entities": [
            {"id": "e1", "type": "PERSON", "named": False, "name": "two gunmen", "mentions": [sp("two gunmen")]},
            {"id": "e2", "type": "VEHICLE", "named": False, "name": "a bus", "mentions": [sp("a bus")]},
            {"id": "e3", "type": "GPE", "named": True, "name": "Kabul", "mentions": [sp("Kabul")]},
        ],
        "events": [{"id": "v1", "type": "ASSAULT", "status": "occurred", "trigger": sp("attacked"), "claim": "c1"}],
        "claims": [
            {"id": "c1", "kind": "attributed", "evidence": sp("two gunmen attacked a bus in Kabul on Monday"),
             "chain": [{"name": "Daily", "kind": "publisher"}, {"name": "Police", "kind": "government"}]},
            {"id": "c2", "kind": "opinion", "evidence": sp("it was a warning"), "chain": [{"name": "Daily", "kind": "publisher"}]},
        ],
        "times": [{"span": sp("Monday"), "type": "DATE", "value": "2025-04-07"}],
    }


def test_segments_keep_the_text_exactly():
    rec = _record()
    segs = segments(TEXT, marks_of(rec), {c["id"]: c for c in rec["claims"]})
    assert "".join(s.text for s in segs) == TEXT


def test_segments_assign_layers_and_badges():
    rec = _record()
    segs = segments(TEXT, marks_of(rec), {c["id"]: c for c in rec["claims"]})
    by_text = {s.text: s for s in segs}
    assert by_text["attacked"].event.ref == "v1" and by_text["attacked"].claim.ref == "c1"
    assert by_text["attacked"].after == [("status-label status-occurred", "occurred")]
    assert by_text["two gunmen"].entity.css.endswith("unnamed")
    assert by_text["Monday"].time is not None
    opinion = by_text["it was a warning"]
    assert opinion.claim.css == "claim claim-opinion"
    assert ("badge-opinion", "opinion") in opinion.badges
    assert ("badge-attributed", "via Police") in by_text["two gunmen"].badges


def test_segments_ignore_spans_outside_text():
    bad = _record()
    bad["entities"].append({"id": "e9", "type": "ORG", "name": "x", "mentions": [{"start": 80, "end": 500, "text": "x"}]})
    segs = segments(TEXT, marks_of(bad))
    assert "".join(s.text for s in segs) == TEXT
    assert all(s.entity is None or s.entity.ref != "e9" for s in segs)


def test_chain_text_joins_links_with_arrows():
    chain = [{"name": "Azernews"}, {"name": "The Washington Post"}, {"name": "security services"}]
    assert chain_text(chain) == "Azernews → The Washington Post → security services"


def test_network_picture_places_neighbours_around_centre():
    net = {"center": {"id": "a1", "name": "Agil Aslanov", "type": "PERSON"},
           "nodes": [{"id": f"a{i}", "name": f"Actor {i}", "type": "ORG"} for i in range(2, 40)],
           "edges": [{"source": "a1", "target": f"a{i}", "type": "works_for", "count": i} for i in range(2, 40)]
           + [{"source": "a3", "target": "a1", "type": "member_of", "count": 1}]}
    pic = network_picture(net)
    assert pic.hidden == 38 - 24 and len(pic.edges) == 24
    centre = [n for n in pic.nodes if n.center][0]
    assert (centre.x, centre.y) == (pic.width / 2, pic.height / 2)
    assert pic.edges[0].label.startswith("works_for ×39")
    assert all(0 < n.x < pic.width and 0 < n.y < pic.height for n in pic.nodes)


def test_timeline_picture_orders_by_date_and_counts_undated():
    evs = [{"id": "v2", "type": "ASSAULT", "status": "foiled", "time": {"start": "2025-03-01"}},
           {"id": "v1", "type": "ASSAULT", "status": "occurred", "time": {"start": "2023-01-27"}},
           {"id": "v3", "type": "CONSULT", "status": "planned", "time": None}]
    pic = timeline_picture(evs)
    assert [d.event for d in pic.dots] == ["v1", "v2"]
    assert pic.dots[0].x < pic.dots[1].x and pic.undated == 1
    assert pic.dots[1].status == "foiled"


def test_segments_label_a_run_of_opinions_once():
    text = "It was bad. It will get worse. Police said so. It was awful."
    spans = ["It was bad.", "It will get worse.", "It was awful."]
    claims = [{"id": f"c{i}", "kind": "opinion", "chain": [{"name": "Daily", "kind": "publisher"}],
               "evidence": {"start": text.index(s), "end": text.index(s) + len(s), "text": s}}
              for i, s in enumerate(spans)]
    rec = {"claims": claims}
    segs = segments(text, marks_of(rec), {c["id"]: c for c in claims})
    labelled = [s.text for s in segs if ("badge-opinion", "opinion") in s.badges]
    assert labelled == ["It was bad.", "It was awful."]
