"""The HTTP API and pages in process (TestClient) against a real DuckDB store in tmp_path."""

from __future__ import annotations

import io
import json

import pytest
from fastapi.testclient import TestClient

from claimgraph.config import load_settings
from claimgraph.kb import KnowledgeBase
from claimgraph.models import iter_spans
from claimgraph.web.app import create_app

OWN_TEXT = (
    "Police in Lagos arrested three suspected kidnappers on Tuesday, officials said. "
    "The men had planned to seize a school bus, according to a police spokesman."
)
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def store(tmp_path_factory, seed_record):
    path = tmp_path_factory.mktemp("api") / "kb.duckdb"
    kb = KnowledgeBase(path)
    assert kb.add(seed_record) is True
    kb.close()
    return path


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(db_path=store), base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.fixture()
def script(client):
    """A client with no cookies, like curl: form posts need no CSRF token from it."""
    return TestClient(client.app, base_url="http://127.0.0.1:8000")


@pytest.fixture(scope="module")
def segal(client):
    actors = client.get("/api/actors", params={"q": "Segal"}).json()["actors"]
    assert actors, "the rabbi should be found by surname"
    return actors[0]


def _error(r, status: int, code: str | None = None) -> str:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert set(err) == {"code", "message"} and err["message"]
    if code:
        assert err["code"] == code
    return err["message"]


def test_api_analyze_returns_document_record(client):
    r = client.post("/api/analyze", json={"text": OWN_TEXT, "published": "2025-03-04T10:00:00+01:00"})
    assert r.status_code == 200
    rec = r.json()
    assert rec["schema"] == "claimgraph.document/1"
    assert rec["document"]["published"] == "2025-03-04T10:00:00+01:00"
    text = rec["document"]["text"]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in iter_spans(rec))
    assert any(e["name"] == "Lagos" for e in rec["entities"])


def test_api_analyze_accepts_plain_text_body(client):
    r = client.post("/api/analyze", content=OWN_TEXT.encode(), headers={"content-type": "text/plain"})
    assert r.status_code == 200 and r.json()["document"]["text"] == OWN_TEXT


def test_api_analyze_rejects_bad_bodies(client):
    _error(client.post("/api/analyze", json={"text": "   "}), 400, "bad_request")
    _error(client.post("/api/analyze", json={}), 400)
    _error(client.post("/api/analyze", json=["not", "an", "object"]), 400)
    _error(client.post("/api/analyze", json={"text": 42}), 400)
    _error(client.post("/api/analyze", content=b"{broken", headers={"content-type": "application/json"}), 400)
    _error(client.post("/api/analyze", content=b"<x/>", headers={"content-type": "application/xml"}), 415,
           "unsupported_media_type")
    _error(client.post("/api/analyze", json={"url": "ftp://example.com/a"}), 400)


def test_api_deeply_nested_json_is_400_not_500(client):
    for path in ("/api/analyze", "/api/ingest"):
        for body in (b"[" * 100_000, b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"):
            r = client.post(path, content=body, headers={"content-type": "application/json"})
            message = _error(r, 400, "bad_request")
            assert "nested too deeply" in message and "Recursion" not in message


def test_api_analyze_text_over_limit_is_413(store):
    app = create_app(db_path=store, settings=load_settings(max_chars=100))
    with TestClient(app) as c:
        message = _error(c.post("/api/analyze", json={"text": "word " * 100}), 413, "too_large")
    assert "100" in message


def test_api_analyze_url_refuses_private_address(client):
    message = _error(client.post("/api/analyze", json={"url": "http://127.0.0.1:9/article"}), 400)
    assert "127.0.0.1" in message or "private" in message.lower() or "loopback" in message.lower()


def test_api_documents_list_and_get(client, seed_record):
    docs = client.get("/api/documents").json()["documents"]
    assert seed_record.info.id in [d["id"] for d in docs]
    rec = client.get(f"/api/documents/{seed_record.info.id}").json()
    assert rec["document"]["text"] == seed_record.info.text
    _error(client.get("/api/documents/" + "0" * 64), 404, "not_found")


def test_api_actor_dossier_has_sources_per_event(client, segal):
    dossier = client.get(f"/api/actors/{segal['id']}").json()
    assert dossier["actor"]["name"] == segal["name"]
    assert "rabbi" in dossier["actor"]["roles"]
    foiled = [e for e in dossier["events"] if e["status"] == "foiled"]
    assert foiled and foiled[0]["independent_sources"] >= 1
    assert foiled[0]["sources"][0][0]["kind"] == "publisher"
    _error(client.get("/api/actors/Nobody%20Atall%20Xyzzy"), 404)


def test_api_events_filters(client):
    foiled = client.get("/api/events", params={"status": "foiled"}).json()["events"]
    assert foiled and {e["status"] for e in foiled} == {"foiled"}
    everything = client.get("/api/events").json()["events"]
    assert len(everything) > len(foiled)
    assert client.get("/api/events", params={"min_sources": 50}).json()["events"] == []
    limited = client.get("/api/events", params={"limit": 2}).json()["events"]
    assert len(limited) == 2
    _error(client.get("/api/events", params={"min_sources": "many"}), 400)


def test_api_timeline_is_in_time_order(client):
    events = client.get("/api/timeline").json()["events"]
    dates = [e["date"] for e in events if e.get("date")]
    assert dates == sorted(dates) and len(dates) >= 2


def test_api_network_of_actor(client, segal):
    net = client.get(f"/api/network/{segal['id']}").json()
    assert net["center"]["id"] == segal["id"]
    assert all({"source", "target", "type", "count"} <= set(e) for e in net["edges"])
    _error(client.get(f"/api/network/{segal['id']}", params={"depth": 9}), 400)


def test_api_ingest_text_then_known(client):
    first = client.post("/api/ingest?wait=true", json={"text": OWN_TEXT, "headline": "Lagos arrests"})
    assert first.status_code == 200
    job = first.json()
    assert job["done"] and job["new"] == 1 and job["rows"][0]["status"] == "new"
    again = client.post("/api/ingest?wait=true", json={"texts": [OWN_TEXT]}).json()
    assert again["known"] == 1 and again["rows"][0]["document"] == job["rows"][0]["document"]
    rec = client.get(f"/api/documents/{job['rows'][0]['document']}").json()
    assert rec["document"]["headline"] == "Lagos arrests"


def test_api_ingest_job_is_polled(client):
    r = client.post("/api/ingest", json={"texts": [OWN_TEXT + " More followed."]})
    assert r.status_code == 202 and r.headers["location"] == r.json()["poll"]
    for _ in range(600):
        job = client.get(r.json()["poll"]).json()
        if job["done"]:
            break
        import time

        time.sleep(0.1)
    assert job["done"] and job["rows"][0]["status"] == "new"
    _error(client.get("/api/jobs/feedface"), 404)


def test_api_ingest_upload_reports_each_file(script):
    files = [("files", ("lagos.txt", io.BytesIO(("Update: " + OWN_TEXT).encode()), "text/plain")),
             ("files", ("blank.txt", io.BytesIO(b"  \n "), "text/plain"))]
    job = script.post("/api/ingest?wait=true", files=files).json()
    assert [r["status"] for r in job["rows"]] == ["new", "failed"]
    assert job["rows"][1]["error"]


def test_api_form_post_from_browser_needs_csrf(client):
    client.get("/add", headers=HTML)  # the browser now holds the CSRF cookie
    r = client.post("/api/ingest", data={"text": OWN_TEXT})
    assert "CSRF" in _error(r, 403)
    token = client.cookies.get("claimgraph_csrf")
    ok = client.post("/api/ingest?wait=true", data={"text": OWN_TEXT, "csrf_token": token})
    assert ok.status_code == 200 and ok.json()["rows"][0]["status"] in ("new", "known")


def test_api_ingest_rejects_nothing(client):
    _error(client.post("/api/ingest", json={}), 400)
    _error(client.post("/api/ingest", json={"urls": ["file:///etc/passwd"]}), 400)


def test_api_export_stix_and_actor_view(client, segal):
    r = client.get("/api/export/stix")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    bundle = r.json()
    assert bundle["type"] == "bundle" and bundle["objects"]
    lines = client.get("/api/export/jsonl", params={"actor": segal["id"]}).text.splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert any(row["kind"] == "actor" and row["id"] == segal["id"] for row in rows)
    everything = client.get("/api/export/jsonl").text.count("\n")
    assert len(rows) < everything
    _error(client.get("/api/export/pdf"), 404)


def test_api_unknown_route_is_json_404(client):
    _error(client.get("/api/nothing/here"), 404, "not_found")


def test_pages_render_from_the_store(client, seed_record, segal):
    home = client.get("/", headers=HTML)
    assert home.status_code == 200 and "Most-connected actors" in home.text
    doc = client.get(f"/documents/{seed_record.info.id}", headers=HTML).text
    assert "<mark" in doc and 'class="badge badge-opinion"' in doc and "Rabbi Shneor Segal" in doc
    dossier = client.get(f"/actors/{segal['id']}", headers=HTML).text
    assert "<svg" in dossier and "status-foiled" in dossier
    assert "foiled" in client.get("/events?status=foiled", headers=HTML).text
    assert segal["name"] in client.get("/search?q=Segal", headers=HTML).text
    for path in ("/add", "/export", "/docs", f"/export?actor={segal['id']}"):
        assert client.get(path, headers=HTML).status_code == 200, path


def test_pages_errors_are_html(client):
    r = client.get("/actors/Nobody%20Atall%20Xyzzy", headers=HTML)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Nobody Atall Xyzzy" in r.text
    r = client.get("/events?status=maybe", headers=HTML)
    assert r.status_code == 400 and "occurred" in r.text


def test_api_store_busy_is_503_with_advice(tmp_path):
    import subprocess
    import sys

    store = tmp_path / "held.duckdb"

    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
         "time.sleep(30)", str(store)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
        with TestClient(create_app(db_path=store, lock_timeout=0.3)) as c:
            message = _error(c.get("/api/stats"), 503, "store_unavailable")
        assert "busy" in message and "another process" in message
    finally:
        holder.kill()
        holder.wait()


def test_api_ingest_form_text_over_limit_is_413(script):
    # over 1 MB: the form parser must let the part through so the 2M-character rule can answer
    message = _error(script.post("/api/ingest", data={"text": "x" * 2_000_001}), 413, "too_large")
    assert "2,000,000" in message
