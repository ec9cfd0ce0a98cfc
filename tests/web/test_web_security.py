"""The workbench's guards, checked through the real app (in process, real DuckDB store)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from claimgraph.cli import main
from claimgraph.web.app import create_app
from claimgraph.web.security import LOOPBACK_HOSTS, cross_site_reason, needs_csrf

TOKEN = "s3cret-token-for-tests"


@pytest.fixture()
def guarded(tmp_path):
    app = create_app(db_path=tmp_path / "kb.duckdb", token=TOKEN, allowed_hosts=sorted(LOOPBACK_HOSTS))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        yield client


def test_token_missing_is_refused_with_json_403(guarded):
    r = guarded.get("/api/jobs/nothing")
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "token_required"
    assert "Bearer" in r.json()["error"]["message"]


def test_token_bearer_header_is_accepted(guarded):
    r = guarded.get("/api/jobs/nothing", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 404  # past the guard: the job does not exist


def test_token_wrong_value_is_refused(guarded):
    r = guarded.get("/api/jobs/nothing", headers={"Authorization": "Bearer wrong-token-value"})
    assert r.status_code == 403


def test_token_query_sets_cookie_and_strips_token(guarded):
    r = guarded.get(f"/docs?token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/docs"
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
    follow = guarded.get("/docs")  # the client now holds the cookie
    assert follow.status_code == 200
    assert "/api/analyze" in follow.text


def test_host_outside_loopback_is_refused(guarded):
    r = guarded.get("/docs", headers={"Host": "attacker.example", "Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "bad_host"


def test_cross_site_post_is_refused(tmp_path):
    client = TestClient(create_app(db_path=tmp_path / "kb.duckdb"), base_url="http://127.0.0.1:8000")
    body = {"text": "Police arrested two men in Baku on Saturday."}
    r = client.post("/api/analyze", json=body, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "cross_site"
    r = client.post("/api/analyze", json=body, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    r = client.post("/api/analyze", json=body, headers={"Referer": "https://evil.example/page"})
    assert r.status_code == 403


def test_cross_site_reason_accepts_own_origin():
    headers = {"host": "127.0.0.1:8000", "origin": "http://127.0.0.1:8000", "sec-fetch-site": "same-origin"}
    assert cross_site_reason(headers, "http") is None
    assert cross_site_reason({"host": "127.0.0.1:8000", "origin": "null"}, "http") is not None
    assert cross_site_reason({"host": "127.0.0.1:8000"}, "http") is None  # a script, not a browser


def test_needs_csrf_only_for_browser_form_posts():
    assert needs_csrf({"content-type": "multipart/form-data; boundary=x", "origin": "http://a"})
    assert needs_csrf({"content-type": "text/plain", "cookie": "a=b"})
    assert not needs_csrf({"content-type": "application/json", "origin": "http://a"})
    assert not needs_csrf({"content-type": "multipart/form-data; boundary=x"})


def test_csrf_form_post_without_token_is_refused(tmp_path):
    client = TestClient(create_app(db_path=tmp_path / "kb.duckdb"), base_url="http://127.0.0.1:8000")
    page = client.get("/add", headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'name="csrf_token"' in page.text
    r = client.post("/add", data={"text": "Police arrested two men."},
                    headers={"Origin": "http://127.0.0.1:8000"})
    assert r.status_code == 403
    assert "CSRF" in r.json()["error"]["message"]


def test_body_over_limit_is_413(tmp_path):
    client = TestClient(create_app(db_path=tmp_path / "kb.duckdb", max_body=1024))
    r = client.post("/api/analyze", content=b"{" + b" " * 4096 + b"}", headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"


def test_security_headers_on_every_response(tmp_path):
    client = TestClient(create_app(db_path=tmp_path / "kb.duckdb"))
    for path in ("/docs", "/static/style.css", "/no/such/page"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_serve_refuses_public_bind_without_token(capsys, monkeypatch):
    monkeypatch.delenv("CLAIMGRAPH_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--token" in err[0] and "0.0.0.0" in err[0]


def test_token_refusal_for_pages_is_html(guarded):
    r = guarded.get("/", headers={"Accept": "text/html"})
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("text/html")
    assert "token" in r.text and "<script" not in r.text
