"""Headline, authors and publication time chosen from a page's own markup (ingest/pagemeta.py)."""

from __future__ import annotations

from lxml import html as lxml_html

from claimgraph.config import Settings
from claimgraph.ingest.html import html_document
from claimgraph.ingest.pagemeta import (
    choose_published,
    clean_name,
    jsonld_objects,
    page_authors,
    page_headline,
    split_authors,
    strip_site_name,
)

PARA = (
    "The city council voted on Tuesday to expand the riverside park by twelve hectares, "
    "after a two-year campaign by residents who said the area had too little green space. "
)


def _tree(body: str, head: str = ""):
    return lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_pagemeta_headline_prefers_the_h1_that_agrees_with_the_title():
    tree = _tree(
        "<h1>Example Daily</h1><h1>Council expands the riverside park</h1>",
        "<title>Council expands the riverside park | Example Daily</title>",
    )
    assert page_headline(tree, None, "Example Daily", None) == "Council expands the riverside park"


def test_pagemeta_headline_skips_a_logo_h1_and_strips_the_site_name():
    tree = _tree(
        "<h1>Example Daily</h1>",
        '<meta property="og:title" content="Council expands the park - Example Daily">'
        '<meta property="og:site_name" content="Example Daily">',
    )
    assert (
        page_headline(tree, None, "Example Daily", "https://www.example.com/a") == "Council expands the park"
    )


def test_pagemeta_strip_site_name_keeps_a_dash_inside_the_headline():
    assert strip_site_name("Left - right debate | Example", ["Example"]) == "Left - right debate"
    assert strip_site_name("No site here", ["Example"]) == "No site here"


def test_pagemeta_clean_name_drops_prefixes_and_dates_not_surnames():
    assert clean_name("By Jane Roe") == "Jane Roe"
    assert clean_name("Supermove February 8, 2022") == "Supermove"
    assert clean_name("Mike Marshall") == "Mike Marshall"
    assert clean_name("Theresa May") == "Theresa May"


def test_pagemeta_split_authors_reads_lists_and_unescapes():
    assert split_authors("Maria &amp; Katerina") == ["Maria", "Katerina"]
    assert split_authors("Ann Lee, Bo Chan and Cy Diaz") == ["Ann Lee", "Bo Chan", "Cy Diaz"]
    assert split_authors("Center for Drug Evaluation and Research", organisation=True) == [
        "Center for Drug Evaluation and Research"
    ]
    assert split_authors("https://facebook.com/x") == []


def test_pagemeta_authors_follow_jsonld_ids_and_prefer_people_to_the_site():
    head = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "Article", "headline": "H", "author": {"@id": "#p1"}},'
        '{"@type": "Person", "@id": "#p1", "name": "Jane Roe"}]}</script>'
    )
    assert page_authors(_tree("", head), "Example Daily", ["Example Daily"]) == ["Jane Roe"]
    org = '<script type="application/ld+json">{"@type": "Article", "author": {"@type": "Organization", "name": "Example Daily"}}</script>'
    assert page_authors(_tree("", org), "Jane Roe", ["Example Daily"]) == ["Jane Roe"]
    assert page_authors(_tree("", org), None, ["Example Daily"]) == ["Example Daily"]


def test_pagemeta_authors_from_a_marked_byline_and_shorter_repeats_dropped():
    tree = _tree('<p>by <span itemprop="author"><span itemprop="name">Sam O\'Brien</span></span></p>')
    assert page_authors(tree, None, []) == ["Sam O'Brien"]
    assert page_authors(_tree(""), "Tina Flint Huffman; Tina Huffman", []) == ["Tina Flint Huffman"]


def test_pagemeta_published_prefers_the_day_the_page_shows():
    published, modified = "2021-08-12T19:35:44+00:00", "2025-02-22T22:13:14+00:00"
    shown = "Updated February 22, 2025\nSome text"
    assert choose_published([published, None, modified], shown) == modified
    assert choose_published([published, None, modified], "no dates here") == published
    assert choose_published([None, None], "") is None


def test_pagemeta_jsonld_too_deep_is_skipped():
    tree = _tree("", '<script type="application/ld+json">' + "[" * 50_000 + "</script>")
    assert jsonld_objects(tree) == []


def test_html_document_reads_headline_author_and_shown_date():
    page = f"""<html><head><title>Park grows | Example Daily</title>
    <meta property="og:site_name" content="Example Daily">
    <meta property="article:published_time" content="2020-01-02T10:00:00+00:00">
    <meta property="article:modified_time" content="2025-03-04T09:00:00+00:00">
    <meta name="author" content="By Jane Roe"></head>
    <body><header><h1>Example Daily</h1></header><article><h1>Park grows</h1>
    <p>Updated March 4, 2025</p><p>{PARA * 3}</p><p>{PARA * 2}</p></article></body></html>"""
    info = html_document(page, "page.html", settings=Settings())
    assert info.headline == "Park grows"
    assert info.authors == ["Jane Roe"]
    assert info.published.startswith("2025-03-04")
    assert "city council voted" in info.text


def test_pagemeta_headline_keeps_a_dash_in_a_title_without_site():
    tree = _tree("<p>text</p>", "<title>Left - right debate heats up</title>")
    assert page_headline(tree, None, None, None) == "Left - right debate heats up"
