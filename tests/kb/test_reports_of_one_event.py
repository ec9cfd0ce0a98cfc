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


MUSTAFA_2023 = {
    "id": "mustafa-2023",
    "text": ("BAKU, March 28 (Reuters) - Azerbaijani member of parliament Fazil Mustafa was wounded on "
             "Tuesday in an assassination attempt outside his home in Baku, the interior ministry said.\n\n"
             "An unidentified gunman opened fire on Mustafa as he left the building, the ministry said in a "
             "statement. Mustafa was taken to hospital with gunshot wounds."),
    "published": "2023-03-28T10:00:00+00:00",
    "publisher": "reuters.com",
}
SEGAL_WIRE = {
    "id": "segal-2025",
    "text": ("Iran plotted to assassinate Rabbi Shneor Segal, a leader of the Jewish community in Azerbaijan, "
             "according to Western and Middle Eastern security officials.\n\nAzerbaijan's State Security "
             "Service arrested two men, Agil Aslanov and Jeyhun Ismailov, before they could carry out the "
             "killing, the officials said."),
    "published": "2025-04-05T12:00:00+00:00",
    "publisher": "washingtonpost.com",
}


def test_the_seed_links_to_both_of_its_plots(tmp_path, example_path):
    """The seed (2025) names the 2023 attempt on MP Fazil Mustafa in passing ("the 2023
    assassination attempt"); a 2023 wire report of the attempt says "wounded in an assassination
    attempt" (another word, the same incident mode) with the day. The two are one stored event,
    dated to the day the report gives, while the Segal plot joins a second report as `foiled`.
    Before: the wire dateline "BAKU, March 28 (Reuters) -" made Reuters the victim, the year
    "2023" never met "March 28, 2023" (start against start), and the words never matched."""
    import json

    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text("".join(json.dumps(d) + "\n" for d in (MUSTAFA_2023, SEGAL_WIRE)), encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    kb.ingest([str(example_path), str(inputs)])
    plots = [e for e in kb.events() if e.get("mode") == "assassination"]
    seed_doc = next(m["document"] for e in plots for m in e["mentions"] if m["trigger"]["text"] == "assassination attempt")
    mustafa = next(e for e in plots if any(p["name"] == "Fazil Mustafa" for p in e["participants"]))
    segal = next(e for e in plots if any("Segal" in (p["name"] or "") for p in e["participants"]))
    assert mustafa["id"] != segal["id"]
    assert len(set(mustafa["documents"])) == 2 and seed_doc in mustafa["documents"], mustafa["mentions"]
    assert mustafa["status"] == "attempted" and mustafa["date"] == "2023-03-28"
    assert not any(p["name"] == "Reuters" for p in mustafa["participants"])
    assert len(set(segal["documents"])) == 2 and segal["status"] == "foiled"
