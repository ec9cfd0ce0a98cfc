"""Story pages in real headless Chromium, and /api/stories, against a real `claimgraph serve`.

The store holds five reports (tests/fixtures/story_articles.jsonl), stored with
`claimgraph ingest`: a foiled bomb plot told by four outlets, one a syndicated copy of the
first report, and an unrelated pipeline deal.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from claimgraph.cli import main

from .conftest import Server, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "story_articles.jsonl"


@pytest.fixture(scope="module")
def story_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("stories") / "kb.duckdb"
    assert main(["ingest", str(ARTICLES), "--db", str(db)]) == 0
    srv = Server(db)
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.stop()


def _plot_id(server: Server) -> str:
    stories = httpx.get(server.url + "/api/stories", timeout=30).json()["stories"]
    return next(s["id"] for s in stories if "Marneuli" in s["title"])


def test_story_page_draws_outlets_on_a_time_axis(story_server: Server, page) -> None:
    page.goto(story_server.url + "/")
    page.click("nav a[href='/stories']")
    page.wait_for_selector("table.stories")
    rows = page.locator("table.stories tbody tr")
    assert rows.count() == 2
    page.locator("table.stories a", has_text="Marneuli").click()
    page.wait_for_selector("svg.storyline")
    assert "Police foil plot to bomb Marneuli bus station" in page.locator("h1").inner_text()
    outlets = page.locator("svg.storyline text.outlet").all_text_contents()
    assert outlets == ["Caucasus Wire", "Tbilisi Herald", "Regional Monitor", "Caspian Post"]
    assert page.locator("svg.storyline .report").count() == 4
    assert page.locator("svg.storyline .report.first").count() == 1
    assert page.locator("svg.storyline .report.copy").count() == 1
    assert page.locator("svg.storyline line.copyline").count() == 1
    first_row = page.locator("table.reports tbody tr").first.inner_text()
    assert "Caucasus Wire" in first_row and "first report" in first_row
    copy_row = page.locator("table.reports tr", has=page.locator(".flag.copy")).inner_text()
    assert "Regional Monitor" in copy_row
    assert page.locator("table.reports tr", has_text="Tbilisi Herald").inner_text().count("text") == 1
    assert page.locator(".indep").inner_text() == "3"
    foiled = page.locator("table.story-events tr", has=page.locator(".status-foiled"))
    assert foiled.count() >= 1
    cred = page.locator("dd.credibility").inner_text()
    assert cred == "not graded" or cred.strip()[0] in "123456"
    screenshot(page, "story")
    page.locator("svg.storyline .report.first circle").click()
    page.wait_for_url("**/documents/**")


def test_stories_api_lists_and_describes(story_server: Server) -> None:
    url = story_server.url
    stories = httpx.get(url + "/api/stories", timeout=30).json()["stories"]
    assert [s["n_documents"] for s in stories] == [1, 4]  # the latest reported first
    sid = _plot_id(story_server)
    s = httpx.get(url + f"/api/stories/{sid}", timeout=30).json()
    assert s["id"] == sid and len(s["documents"]) == 4 and s["independent_sources"] == 3
    assert {d["publisher"] for d in s["document_details"] if d["first_report"]} == {"Caucasus Wire"}
    later = httpx.get(url + "/api/stories", params={"since": "2025-05-14"}, timeout=30).json()["stories"]
    assert [x["n_documents"] for x in later] == [1]
    by_actor = httpx.get(url + "/api/stories", params={"actor": "Giorgi Beridze"}, timeout=30).json()["stories"]
    assert [x["id"] for x in by_actor] == [sid]
    missing = httpx.get(url + "/api/stories/S999", timeout=30)
    assert missing.status_code == 404 and "claimgraph stories" in missing.text
    bad = httpx.get(url + "/api/stories", params={"since": "soon"}, timeout=30)
    assert bad.status_code == 400 and "not a date" in bad.text
