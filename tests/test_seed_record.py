"""The founding example, end to end: every 'Meaning that matters' point of the contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimgraph.models import SCHEMA, iter_spans


@pytest.fixture(scope="module")
def rec(seed_record):
    return seed_record.to_dict()


def _ent(rec, name):
    for e in rec["entities"]:
        if e["name"] == name or name in e["aliases"]:
            return e
    raise AssertionError(f"no entity {name!r}: {[e['name'] for e in rec['entities']]}")


def _events(rec, mode=None, type_=None):
    return [
        e for e in rec["events"]
        if (mode is None or e["mode"] == mode) and (type_ is None or e["type"] == type_)
    ]


def test_seed_metadata(rec):
    d = rec["document"]
    assert rec["schema"] == SCHEMA
    assert d["publisher"] == "Azernews"
    assert d["headline"] == (
        "Iran’s failed terror plot in Baku signals deeper intent to derail diplomacy and regional stability"
    )
    assert d["authors"] == ["Akbar Novruz"]
    assert d["published"] == "2025-04-07T20:11:00+04:00"
    assert d["text"].startswith("The American newspaper The Washington Post")
    assert d["text"].endswith("may depend on it.")
    for furniture in ("Read more", "Subscribe", "Loading...", "See more", "@AzerNewsAz"):
        assert furniture not in d["text"]


def test_seed_every_span_matches_text(rec):
    text = rec["document"]["text"]
    spans = list(iter_spans(rec))
    assert len(spans) > 50
    bad = [s for s in spans if text[s["start"] : s["end"]] != s["text"]]
    assert not bad, bad[:3]


def test_seed_rabbi_is_one_entity_with_role(rec):
    rabbi = _ent(rec, "Shneor Segal")
    assert rabbi["type"] == "PERSON"
    assert "rabbi" in rabbi["roles"]
    texts = {m["text"] for m in rabbi["mentions"]}
    assert any("Segal" in t and "Shneor" not in t for t in texts), texts
    assert sum(1 for e in rec["entities"] if "Segal" in e["name"]) == 1


def test_seed_rabbi_segal_himself_is_the_rabbi(rec):
    """ "Rabbi Segal himself affirmed when speaking to The Washington Post": spaCy has no
    entity there; coreference adds the titled surname to Shneor Segal."""
    rabbi = _ent(rec, "Shneor Segal")
    segal = [m for m in rabbi["mentions"] if "Segal" in m["text"]]
    assert len(segal) >= 3, [m["text"] for m in rabbi["mentions"]]
    text = rec["document"]["text"]
    at = text.index("Rabbi Segal himself")
    assert any(m["start"] == at and m["text"] == "Rabbi Segal" for m in rabbi["mentions"])


def test_seed_aslanov_full_name_and_roles(rec):
    a = _ent(rec, "Agil Aslanov")
    assert a["name"] == "Agil Aslanov"
    assert {m["text"] for m in a["mentions"]} >= {"Agil Aslanov", "Aslanov"}
    assert "convicted drug trafficker" in a["roles"]


def test_seed_quds_force_without_article(rec):
    assert _ent(rec, "Quds Force")["type"] == "ORG"


def test_seed_georgia_is_the_country(rec):
    g = _ent(rec, "Georgia")
    assert g["geo"]["geonames_id"] == 614540
    assert g["geo"]["country_code"] == "GE"


def test_seed_plot_is_foiled_not_occurred(rec):
    assassinations = _events(rec, mode="assassination")
    assert assassinations, [(e["type"], e["mode"], e["trigger"]["text"]) for e in rec["events"]]
    target_plot = [
        e for e in assassinations
        if any(p["entity"] == _ent(rec, "Shneor Segal")["id"] for p in e["participants"])
    ]
    assert target_plot and all(e["status"] == "foiled" for e in target_plot)


def test_seed_arrest_occurred(rec):
    arrests = _events(rec, mode="arrest")
    assert arrests and all(e["status"] == "occurred" for e in arrests)


def test_seed_visit_planned_later_this_month(rec):
    visits = _events(rec, mode="visit")
    assert visits and visits[0]["status"] == "planned"
    t = visits[0]["time"]
    assert t is not None and t["start"] is not None and t["start"].startswith("2025-04")


def test_seed_counterfactual_is_hypothetical(rec):
    text = rec["document"]["text"]
    cf_start = text.index("If the assassination had succeeded")
    cf_end = text.index(".", text.index("diplomatic crisis"))
    inside = [e for e in rec["events"] if cf_start <= e["trigger"]["start"] < cf_end]
    assert inside and all(e["status"] == "hypothetical" for e in inside)


def test_seed_every_event_has_a_claim_with_a_chain(rec):
    claims = {c["id"]: c for c in rec["claims"]}
    for ev in rec["events"]:
        assert ev["claim"] in claims
        assert claims[ev["claim"]]["chain"][0]["kind"] == "publisher"


def test_seed_washington_post_chain_has_three_links(rec):
    claims = {c["id"]: c for c in rec["claims"]}
    arrest = _events(rec, mode="arrest")[0]
    chain = claims[arrest["claim"]]["chain"]
    names = [link["name"] for link in chain]
    assert names[0] == "Azernews"
    assert any("Washington Post" in n for n in names)
    assert chain[-1]["kind"] == "anonymous"
    assert len(chain) == 3


def test_seed_opinion_kept_apart(rec):
    text = rec["document"]["text"]
    start = text.index("Unfortunately, Georgian authorities")
    ops = [c for c in rec["claims"] if c["evidence"]["start"] <= start < c["evidence"]["end"]]
    assert ops and ops[0]["kind"] == "opinion"
    assert len(ops[0]["chain"]) == 1


def test_seed_quote_speaker_is_the_rabbi(rec):
    rabbi = _ent(rec, "Shneor Segal")
    assert rec["quotes"]
    q = rec["quotes"][0]
    assert q["speaker"] == rabbi["id"]
    assert q["text"].startswith("We live here peacefully")


def test_seed_times_resolved(rec):
    values = {t["span"]["text"]: t["value"] for t in rec["times"]}
    assert values.get("later this month") == "2025-04"
    assert any(v == "2025-04-05" for v in values.values())
    assert "2023" in values.values()


def test_seed_amount(rec):
    amounts = [e["amount"] for e in rec["events"] if e["amount"]]
    assert {"text": "$200,000", "value": 200000, "currency": "USD"} in amounts


def test_seed_cli_analyze_prints_the_record(example_path):
    out = subprocess.run(
        [sys.executable, "-m", "claimgraph", "analyze", str(example_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["schema"] == SCHEMA and rec["document"]["publisher"] == "Azernews"
