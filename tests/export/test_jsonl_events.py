"""JSONL event rows carry the status across reports, corroboration and the Admiralty grade."""

from __future__ import annotations

import json
import re

from claimgraph.export import export


def test_jsonl_event_rows_carry_credibility_and_reports(kb, tmp_path):
    path = tmp_path / "kb.jsonl"
    export(kb, "jsonl", path)
    events = [r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["kind"] == "event"]
    assert events
    for ev in events:
        assert ev["credibility"] in range(1, 7)
        assert ev["credibility_label"] and re.match(r"R[1-9]: ", ev["credibility_reasons"][0])
        reports = ev["status_across_reports"]["reports"]
        assert [r["document"] for r in reports] == [m["document"] for m in ev["mentions"]]
        assert {r["status"] for r in reports} == set(ev["statuses"])
        assert ev["corroboration"]["independent_sources"] == ev["independent_sources"]
        first = ev["corroboration"]["first_report"]
        assert first["document"] in {m["document"] for m in ev["mentions"]}
