"""Each report of an event is its own event of the document record; the store makes one event.

The guideline (and the held-out checks) annotate every mention with its own status and
source: "Mexico will pay" (planned, Trump) and "we are not going to pay" (negated, Fox) are
two reports; so are "Trump will meet Kim, officials said" and "the meeting would be
cancelled if ..., Pompeo warned". The record keeps them apart (nlp/events/extract.py, ``merge_mentions``); the
knowledge base joins the reports of one real-world event (kb/resolve_events.py).
"""

from __future__ import annotations

from claimgraph.api import analyze
from claimgraph.kb import KnowledgeBase

MEETING = (
    "Donald Trump will meet Kim Jong Un in Singapore in June, White House officials said on Monday. "
    "The meeting would be cancelled if North Korea refused to disarm, Secretary of State Mike Pompeo warned."
)


def test_each_report_keeps_its_own_claim_in_the_record():
    doc = analyze(MEETING)
    meetings = [e for e in doc.events if e.type == "CONSULT"]
    assert [e.trigger.text for e in meetings] == ["meet", "meeting"], [(e.trigger.text, e.type) for e in doc.events]
    assert all(e.status == "planned" for e in meetings)
    claims = {c.id: c for c in doc.claims}
    origins = [claims[e.claim].chain[-1].name for e in meetings]
    assert "officials" in origins[0].lower() and "Pompeo" in origins[1], origins


def test_two_mentions_of_the_seed_visit_are_one_event_in_the_store(tmp_path, example_path, seed_record):
    visits = [e for e in seed_record.events if e.mode == "visit"]
    assert len(visits) == 2 and {e.status for e in visits} == {"planned"}
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    kb.ingest([str(example_path)])
    stored = [e for e in kb.events() if e.get("mode") == "visit"]
    assert len(stored) == 1, stored
    assert len(stored[0]["mentions"]) == 2 and stored[0]["status"] == "planned"


def test_the_seeds_two_plots_stay_two_events_in_the_store(tmp_path, example_path):
    """The seed names two assassination plots: the foiled one against Rabbi Segal (early 2025)
    and Baku's accusation about the 2023 attempt on MP Fazil Mustafa. A bare "the
    assassination" between them once chained the 2023 attempt into the plot (single link),
    giving the plot the date 2023 and the wrong status; one article that names two targets
    tells two events apart."""
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    kb.ingest([str(example_path)])
    plots = [e for e in kb.events() if e.get("mode") == "assassination"]
    by_target = {p["name"]: e for e in plots for p in e["participants"] if p["role"] == "target"}
    segal = next(e for name, e in by_target.items() if "Segal" in name)
    mustafa = next(e for name, e in by_target.items() if "Mustafa" in name)
    assert segal["id"] != mustafa["id"], plots
    assert segal["status"] == "foiled" and mustafa["status"] == "attempted"
    assert segal["date"].startswith("2025") and mustafa["date"].startswith("2023")
    assert not any("Mustafa" in p["name"] for p in segal["participants"])
