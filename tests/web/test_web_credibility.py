"""The event page and API show the Admiralty grade, its reasons and the status report by report."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from claimgraph.kb import KnowledgeBase
from claimgraph.web.app import create_app

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory, seed_record):
    path = tmp_path_factory.mktemp("cred") / "kb.duckdb"
    kb = KnowledgeBase(path)
    kb.add(seed_record)
    with TestClient(create_app(db_path=path), base_url="http://127.0.0.1:8000") as c:
        yield c


def test_event_api_and_page_show_grade_and_reports(client):
    events = client.get("/api/events").json()["events"]
    foiled = next(e for e in events if e["status"] == "foiled")
    detail = client.get(f"/api/events/{foiled['id']}").json()
    event = detail.get("event", detail)
    assert 1 <= event["credibility"] <= 6
    assert event["credibility_reasons"][0].split(":")[0] in {f"R{i}" for i in range(1, 10)}
    reports = event["status_across_reports"]["reports"]
    assert reports and all(r["publisher"] == "Azernews" and r["source"].startswith("Azernews") for r in reports)
    assert [r["status"] for r in reports] == [m["status"] for m in event["mentions"]]
    page = client.get(f"/events/{foiled['id']}", headers=HTML)
    assert page.status_code == 200
    html = page.text
    assert "credibility" in html and event["credibility_label"] in html
    assert "Status report by report" in html
    assert event["credibility_reasons"][0].split(":")[0] in html
