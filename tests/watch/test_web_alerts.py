"""The workbench's recent alerts: ``/alerts`` and ``GET /api/alerts`` read what ``watch`` stored."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from claimgraph.config import load_settings
from claimgraph.kb import KnowledgeBase
from claimgraph.watch import AlertRules, Watcher, WatchOptions
from claimgraph.web.app import create_app


def test_web_alerts_page_and_api_show_watch_alerts(tmp_path, feed_server, paragraphs):
    feed_server.add("w1", "A drug trafficker recruited", paragraphs[1:2])
    db, alerts = tmp_path / "kb.duckdb", tmp_path / "alerts.jsonl"
    opts = WatchOptions(interval=0.3, host_delay=0.0, max_rounds=1, alerts_path=alerts,
                        rules=AlertRules.build(actors=["Agil Aslanov"]))
    Watcher([feed_server.url], KnowledgeBase(db), load_settings(allow_private=True), opts).run()
    written = [json.loads(line) for line in alerts.read_text().splitlines()]
    assert written
    with TestClient(create_app(db_path=db), base_url="http://127.0.0.1:8000") as c:
        got = c.get("/api/alerts").json()["alerts"]
        assert [a["event"] for a in got] == [a["event"] for a in reversed(written)]  # newest first
        assert c.get("/api/alerts?limit=1").json()["alerts"] == got[:1]
        page = c.get("/alerts", headers={"accept": "text/html"})
        assert page.status_code == 200
        assert "Agil Aslanov" in page.text and "actor=Agil Aslanov" in page.text
        for a in written:
            assert f'href="/events/{a["event"]}"' in page.text
        assert "/api/alerts" in c.get("/api/openapi.json").json()["paths"]


def test_web_alerts_page_empty_store(tmp_path):
    with TestClient(create_app(db_path=tmp_path / "kb.duckdb"), base_url="http://127.0.0.1:8000") as c:
        page = c.get("/alerts", headers={"accept": "text/html"})
        assert page.status_code == 200 and "No alerts yet" in page.text
        assert c.get("/api/alerts").json() == {"alerts": []}
