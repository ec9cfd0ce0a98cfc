"""The workbench end to end in real headless Chromium against a real `claimgraph serve`.

One server and store for the module: the example article goes in through the Add page
(file upload) and a hostile article through the paste box; later tests read what they
stored. Screenshots of each page land in docs/screenshots/.
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = """Attackers hit a checkpoint in Mosul on Monday, police said.
<script>window.__pwned = 1; document.title = "pwned"; alert("xss");</script>
Read the <a href="javascript:window.__pwned=2">full report</a> or see
<img src="x" onerror="window.__pwned=3;alert(3)"> the photo.
"><svg onload="window.__pwned=4"> {{ 7*7 }} </textarea><b onmouseover="alert(5)">hover</b>
Officials said the gunmen fled toward the border."""


def _wait_job(page) -> None:
    page.wait_for_selector("#job[data-state='done']", timeout=120_000)


@pytest.fixture(scope="module")
def ingested(server, browser, example_path):
    """Upload the example and paste the hostile article through the Add page."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(server.url + "/add")
    screenshot(page, "add")
    page.set_input_files("input[name=files]", str(example_path))
    page.click("#add-submit")
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f]+$"))
    _wait_job(page)
    screenshot(page, "job")
    rows = page.locator("#job-rows tr")
    assert rows.count() == 1
    assert rows.first.locator(".jobstatus").inner_text().lower() == "new"
    doc_url = rows.first.locator("a").get_attribute("href")
    page.goto(server.url + "/add")
    page.fill("textarea[name=text]", HOSTILE)
    page.fill("input[name=headline]", "<script>window.__pwned=9</script>Checkpoint attack")
    page.click("#add-submit")
    _wait_job(page)
    hostile_url = page.locator("#job-rows tr a").first.get_attribute("href")
    context.close()
    return {"example": doc_url, "hostile": hostile_url}


def test_add_page_shows_each_input_and_errors(server, page, ingested):
    page.goto(server.url + "/add")
    page.set_input_files("input[name=files]", [
        {"name": "empty.txt", "mimeType": "text/plain", "buffer": b"   \n"},
        {"name": "photo.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(64)},
    ])
    page.click("#add-submit")
    _wait_job(page)
    statuses = page.locator("#job-rows .jobstatus").all_inner_texts()
    assert [s.lower() for s in statuses] == ["failed", "failed"]
    errors = page.locator("#job-rows .err").all_inner_texts()
    assert len(errors) == 2 and all(e.strip() for e in errors)


def test_home_lists_document_events_and_actors(server, page, ingested):
    page.goto(server.url + "/")
    assert page.locator("a[href^='/documents/']").count() >= 2
    assert page.locator("a[href^='/actors/']").count() >= 3
    screenshot(page, "home")


def test_dossier_shows_foiled_plot_with_source_chain(server, page, ingested):
    page.goto(server.url + "/search?q=Segal")
    link = page.locator("a[href^='/actors/']", has_text="Segal").first
    link.click()
    page.wait_for_selector("h1")
    assert "Segal" in page.locator("h1").inner_text()
    assert "rabbi" in page.locator(".profile").inner_text().lower()
    foiled = page.locator("table.events tr", has=page.locator(".status-foiled"))
    assert foiled.count() >= 1
    row = foiled.first.inner_text()
    assert "The Washington Post" in row and "→" in row
    assert page.locator("svg.timeline .dot.status-foiled").count() >= 1
    assert page.locator("svg.network .node").count() >= 2
    screenshot(page, "actor")


def test_document_view_highlights_and_event_selection(server, page, ingested):
    page.goto(server.url + ingested["example"])
    text = page.locator("#article-text")
    assert "Rabbi Shneor Segal" in text.inner_text()
    assert page.locator("#article-text mark.ent").count() >= 10
    segal = page.locator("#article-text mark.ent-person", has_text="Segal")
    assert segal.count() >= 2
    assert page.locator("#article-text .badge-opinion").count() >= 1
    assert page.locator("#article-text .claim-opinion").count() >= 1
    trigger = page.locator("#article-text mark.ev.status-foiled").first
    event_id = trigger.get_attribute("data-event")
    card = page.locator(f"#event-{event_id}")
    assert not card.locator(".more").is_visible()
    trigger.click()
    assert card.locator(".more").is_visible()
    chain = card.locator(".source-chain").inner_text()
    assert chain.startswith("Azernews → The Washington Post")
    assert "foiled" in card.locator(".status").inner_text().lower()
    screenshot(page, "document")


def test_hostile_article_renders_inert(server, page, ingested):
    page.goto(server.url + ingested["hostile"])
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.title() == "<script>window.__pwned=9</script>Checkpoint attack · claimgraph"
    assert page.dialogs == []
    body = page.locator("#article-text")
    assert "<script>window.__pwned = 1;" in body.inner_text()
    assert "{{ 7*7 }}" in body.inner_text()
    assert page.locator("#article-text script, #article-text img, #article-text svg, #article-text b").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("[onerror], [onload], [onmouseover]").count() == 0
    assert "<script>" in page.locator("h1").inner_text()
    screenshot(page, "hostile")


def test_events_page_filters_by_status(server, page, ingested):
    page.goto(server.url + "/events")
    total = page.locator("table.events tbody tr").count()
    page.select_option("select[name=status]", "foiled")
    page.click(".filters button[type=submit]")
    page.wait_for_url(re.compile(r"status=foiled"))
    labels = page.locator("table.events tbody .status").all_inner_texts()
    assert labels and {label.lower() for label in labels} == {"foiled"}
    assert len(labels) < total
    screenshot(page, "events")


def test_export_page_downloads_stix_bundle(server, page, ingested):
    page.goto(server.url + "/export")
    screenshot(page, "export")
    with page.expect_download() as info:
        page.click("a[href='/api/export/stix']")
    download = info.value
    bundle = json.loads(open(download.path(), encoding="utf-8").read())
    assert bundle["type"] == "bundle" and bundle["id"].startswith("bundle--")
    kinds = {o["type"] for o in bundle["objects"]}
    assert "identity" in kinds or "threat-actor" in kinds
    import stix2

    assert stix2.parse(json.dumps(bundle), allow_custom=True).type == "bundle"


def test_api_docs_page_is_local(server, page, ingested):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server.url + "/docs")
    assert page.locator("table.apidocs tr", has_text="/api/analyze").count() == 1
    assert all(u.startswith(server.url) for u in requests), requests
    screenshot(page, "docs")
