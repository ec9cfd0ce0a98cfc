"""Plain-text page scrapes: the example article, a different site's page, BBC-style files."""

from __future__ import annotations

from claimgraph.config import Settings
from claimgraph.ingest import read_inputs
from claimgraph.ingest.textscrape import byline_names, scrape_text

PARA1 = (
    "The harbour authority in Port Lindell said on Tuesday that two cargo ships collided near the "
    "northern breakwater, spilling an unknown quantity of diesel into the bay."
)
PARA2 = (
    "Officials said divers were inspecting both hulls and that the port would stay closed to "
    "large vessels until the inspection was finished, which could take several days."
)
PARA3 = "The cause of the collision is under investigation, the authority added in a statement."

FURNISHED_PAGE = f"""lindellherald.com

Wednesday, 3 September 2025

Cargo ships collide off Port Lindell breakwater

By Maria Ostrova and Tomas Reyes | Staff reporters
September 3, 2025 8:11 PM EDT
Share
Advertisement

{PARA1}

{PARA2}

Read more: Port Lindell expands its container terminal

{PARA3}

Sign up for our newsletter to get the morning briefing in your inbox.

We rely on readers like you. Support our independent journalism today.

Follow us on Twitter @LindellHerald

Related articles
Cookie settings
"""


def test_textscrape_example_article_metadata(example_path):
    (info,) = list(read_inputs([str(example_path)], Settings()))
    assert info.publisher == "Azernews"
    assert info.headline == (
        "Iran’s failed terror plot in Baku signals deeper intent to derail diplomacy and regional stability"
    )
    assert info.authors == ["Akbar Novruz"]
    assert info.published == "2025-04-07T20:11:00+04:00"
    assert info.text.startswith("The American newspaper")
    assert info.text.endswith("may depend on it.")
    for furniture in ("Read more", "Subscribe", "Loading", "Twitter", "Latest", "Thank you"):
        assert furniture not in info.text
    assert "\n\nAccording to Western" in info.text


def test_textscrape_other_site_furniture_is_stripped():
    page = scrape_text(FURNISHED_PAGE)
    assert page.publisher == "lindellherald"
    assert page.headline == "Cargo ships collide off Port Lindell breakwater"
    assert page.authors == ["Maria Ostrova", "Tomas Reyes"]
    assert page.published == "2025-09-03T20:11:00-04:00"
    assert page.body == f"{PARA1}\n\n{PARA2}\n\n{PARA3}"


def test_textscrape_bbc_style_headline_then_body():
    text = f"Ships collide off Port Lindell\n\n{PARA1}\n\n{PARA2}\n\n{PARA3}\n"
    page = scrape_text(text)
    assert page.headline == "Ships collide off Port Lindell"
    assert page.body == f"{PARA1}\n\n{PARA2}\n\n{PARA3}"
    assert page.authors == [] and page.published is None and page.publisher is None


def test_textscrape_bare_body_passes_through():
    text = f"{PARA1}\n\n{PARA2}\n\n{PARA3}"
    page = scrape_text(text)
    assert page.headline is None
    assert page.body == text


def test_textscrape_short_first_paragraph_kept_after_headline():
    short = "Two ships collided on Tuesday."
    page = scrape_text(f"Ships collide\n\n{short}\n\n{PARA1}\n\n{PARA2}")
    assert page.headline == "Ships collide"
    assert page.body.startswith(short)


def test_textscrape_trailing_list_without_furniture_is_kept():
    table = "1 Roger Federer (Switzerland)\n2 Andy Roddick (US)"
    page = scrape_text(f"Seedings announced\n\n{PARA1}\n\n{PARA2}\n\n{table}\n")
    assert page.body.endswith(table.replace("\n", "\n\n"))


def test_textscrape_hard_wrapped_paragraphs_stay_whole():
    wrapped = (
        "The harbour authority in Port Lindell said on Tuesday that two cargo\n"
        "ships collided near the northern breakwater, spilling an unknown\n"
        "quantity of diesel into the bay."
    )
    page = scrape_text(f"Ships collide\n\n{wrapped}\n\n{PARA2}")
    assert page.body == f"{wrapped}\n\n{PARA2}"


def test_textscrape_byline_forms():
    assert byline_names("By Jane Doe") == ["Jane Doe"]
    assert byline_names("By Jane Doe, Ali bin Omar and Li Wei") == ["Jane Doe", "Ali bin Omar", "Li Wei"]
    assert byline_names("Jane Doe, Senior correspondent") == ["Jane Doe"]
    assert byline_names("Dal Maso in to replace Bergamasco") == []
    assert byline_names("Latest News") == []
    assert byline_names("The All Blacks") == []


def test_textscrape_name_masthead_and_time_first_datelines():
    page = scrape_text(
        f"""Harbour Times
World
Cargo ships collide off Port Lindell breakwater
By Maria Ostrova, Harbour Times
Updated 9:45 PM EDT, Wed September 3, 2025
Published 8:11 PM EDT, Wed September 3, 2025

{PARA1}

{PARA2}

Advertisement
"""
    )
    assert page.publisher == "Harbour Times"
    assert page.headline == "Cargo ships collide off Port Lindell breakwater"
    assert page.authors == ["Maria Ostrova"]
    assert page.published == "2025-09-03T20:11:00-04:00"  # the publication time, not the update
    assert page.body == f"{PARA1}\n\n{PARA2}"


def test_textscrape_wire_style_credit_line_ends_the_body():
    page = scrape_text(
        f"""Cargo ships collide off Port Lindell breakwater
By Maria Ostrova and Tomas Reyes
September 3, 20258:11 PM GMTUpdated 2 hours ago

{PARA1}
{PARA2}
Reporting by Maria Ostrova; Editing by Tomas Reyes
"""
    )
    assert page.published == "2025-09-03T20:11:00+00:00"
    assert page.authors == ["Maria Ostrova", "Tomas Reyes"]
    assert page.body == f"{PARA1}\n\n{PARA2}"
