"""Hostile and load-probe inputs: slow servers, broken bytes, bad lines, feed loops, DTDs, deep JSON.

Each bad input gives one :class:`InputError` line naming it; the good inputs beside it survive.
Real files in tmp_path and a real HTTP server on 127.0.0.1 (see ``conftest.py``).
"""

from __future__ import annotations

import json
import logging
import time

from claimgraph.config import SETTINGS, Settings
from claimgraph.errors import FetchError, InputError, MalformedInputError
from claimgraph.ingest import read_inputs
from claimgraph.models import DocumentInfo

PARA = (
    "The ferry service between Oskarby and the islands resumed on Monday after a week of storms, "
    "the operator said, adding that extra sailings would clear the backlog of passengers."
)
PAGE = f"""<html><head><title>Ferries resume</title></head>
<body><article><h1>Ferries resume</h1><p>{PARA}</p><p>{PARA.replace("Monday", "Tuesday")}</p></article></body></html>"""
HTML = {"Content-Type": "text/html; charset=utf-8"}
LOCAL = Settings(allow_private=True, connect_timeout=3.0, read_timeout=3.0)
GOOD = "Rescue teams reached the flooded village of Harnow on Friday, officials said."


def _one_line(err: InputError, source: str) -> str:
    assert err.source == source and source in str(err), err
    assert "\n" not in str(err)
    return str(err)


# -- 1. an overall deadline for every fetch ------------------------------------------------
def test_fetch_timeout_default_is_well_under_a_minute():
    assert 0 < Settings().fetch_timeout <= 30
    assert "fetch_timeout" in SETTINGS and SETTINGS["fetch_timeout"][1]


def test_fetch_timeout_stops_a_server_trickling_its_body(server):
    body = PAGE.encode()
    # one byte every 30 ms: each read is quick (read_timeout never trips), the whole takes ~20 s
    server.add("/trickle", body=body, headers=HTML, stream_chunks=len(body), chunk_delay=0.03)
    server.add("/ferry", body=body, headers=HTML)
    url = server.url("/trickle")
    settings = LOCAL.with_overrides(read_timeout=2.0, fetch_timeout=1.0)
    start = time.monotonic()
    err, ok = list(read_inputs([url, server.url("/ferry")], settings))
    elapsed = time.monotonic() - start
    assert elapsed < 5, f"the fetch ran {elapsed:.1f} s past a 1 s fetch_timeout"
    assert isinstance(err, FetchError), err
    assert "fetch_timeout" in _one_line(err, url)
    assert isinstance(ok, DocumentInfo), ok  # the rest of the batch goes on


# -- 2. mostly-UTF-8 text stays UTF-8 --------------------------------------------------------
def _mostly_utf8() -> bytes:
    article = (
        "Shares in Harnow Mills closed at £102.80 on Friday, up from £99.10 a week earlier, "
        "traders in London said. The company’s chairman called the rise “a vote of confidence”. "
    ) * 3 + "Analysts were more cautious about the outlook for the coming year. " * 10
    raw = article.encode("utf-8")
    # six stray bytes that are not UTF-8, in three places between words
    for word, stray in ((b" Friday,", b"\xff\xfe"), (b" outlook", b"\x80\x81"), (b" year.", b"\xc3\xfa")):
        at = raw.index(word)
        raw = raw[:at] + stray + raw[at:]
    return raw


def test_decode_mostly_utf8_keeps_utf8_and_warns(tmp_path, caplog):
    p = tmp_path / "shares.txt"
    p.write_bytes(_mostly_utf8())
    with caplog.at_level(logging.WARNING, logger="claimgraph"):
        (info,) = list(read_inputs([str(p)], Settings()))
    assert isinstance(info, DocumentInfo), info
    assert "£102.80" in info.text and "“a vote of confidence”" in info.text
    assert info.text.count("\ufffd") == 6
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and str(p) in warnings[0] and "UTF-8" in warnings[0], warnings


def test_decode_cp1252_without_utf8_sequences_is_still_detected(tmp_path):
    text = (
        "“Le café est fermé”, a déclaré le maire. Les travaux coûteront 2 000 € — "
        "selon la mairie, qui s’en félicite. L’école voisine reste ouverte."
    )
    p = tmp_path / "cafe.txt"
    p.write_bytes(text.encode("cp1252"))
    (info,) = list(read_inputs([str(p)], Settings()))
    assert "café" in info.text and "€" in info.text and "\ufffd" not in info.text


# -- 3. one bad JSON line loses only itself -------------------------------------------------
def test_jsonl_bad_line_is_named_and_good_lines_kept(tmp_path):
    p = tmp_path / "batch.jsonl"
    good2 = GOOD.replace("Friday", "Saturday")
    p.write_text(
        json.dumps({"text": GOOD}) + "\n" + '{"text": "cut off\n' + json.dumps({"text": good2}) + "\n"
    )
    first, bad, second = list(read_inputs([str(p)], Settings()))
    assert isinstance(first, DocumentInfo) and first.text == GOOD
    assert isinstance(second, DocumentInfo) and second.text == good2
    assert isinstance(bad, MalformedInputError)
    assert "line 2" in _one_line(bad, f"{p}#2")


def test_json_file_that_is_not_json_at_all_is_one_error(tmp_path):
    p = tmp_path / "broken.json"
    p.write_bytes(b'{"text": "unterminated\n{"also": broken')
    (err,) = list(read_inputs([str(p)], Settings()))
    assert isinstance(err, MalformedInputError)
    _one_line(err, str(p))


# -- 4. feeds linking to feeds are bounded -----------------------------------------------------
def _rss(title: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><description>Short.</description></item>"
        for n, link in enumerate(links, start=1)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.org/</link>{items}</channel></rss>"
    ).encode()


def test_feed_linking_to_itself_is_fetched_once(server):
    rss = {"Content-Type": "application/rss+xml"}
    feed, other = server.url("/feed.xml"), server.url("/other.xml")
    server.add("/feed.xml", body=_rss("Loop", [feed, feed, other, server.url("/ferry")]), headers=rss)
    server.add("/other.xml", body=_rss("Other", [feed, other]), headers=rss)
    server.add("/ferry", body=PAGE.encode(), headers=HTML)
    items = list(read_inputs([feed], LOCAL))
    assert len(items) == 4, items
    assert server.paths.count("/feed.xml") == 1 and server.paths.count("/other.xml") == 1, server.paths
    self1, self2, nested, page = items
    for err, link in ((self1, feed), (self2, feed), (nested, other)):
        assert isinstance(err, FetchError), err
        assert "feed" in _one_line(err, link) and "Recursion" not in str(err)
    assert "links back" in str(self1)
    assert isinstance(page, DocumentInfo) and page.text.startswith("The ferry service")


# -- 5. feeds declaring a DTD or entities ---------------------------------------------------
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title>
<item><title>&lol3;</title><link>http://example.org/a</link><description>&lol3;</description></item>
</channel></rss>
"""


def test_feed_with_inline_dtd_is_refused_as_such(tmp_path):
    names = ["laughs.rss", "laughs.xml", "laughs"]
    for name in names:
        (tmp_path / name).write_bytes(LAUGHS)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    items = list(read_inputs([str(tmp_path / n) for n in names] + [str(good)], Settings()))
    assert len(items) == 4 and isinstance(items[3], DocumentInfo), items
    for name, err in zip(names, items, strict=False):
        assert isinstance(err, MalformedInputError), err
        message = _one_line(err, str(tmp_path / name))
        assert "DTD" in message and "entit" in message and "not an RSS/Atom feed" not in message


def test_feed_with_public_doctype_is_still_read(tmp_path):
    body = " ".join([PARA] * 4)
    feed = (
        '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
        f"<title>Oskarby Post</title><item><title>Ferries</title><description>{body}</description></item>"
        "</channel></rss>"
    )
    p = tmp_path / "old.rss"
    p.write_text(feed)
    (info,) = list(read_inputs([str(p)], Settings()))
    assert isinstance(info, DocumentInfo), info
    assert info.publisher == "Oskarby Post"


# -- 6. deeply nested JSON ----------------------------------------------------------------------
def test_deep_json_says_nested_too_deeply(tmp_path):
    deep, deep_lines = tmp_path / "deep.json", tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000)
    deep_lines.write_text(json.dumps({"text": GOOD}) + "\n" + "[" * 100_000 + "\n")
    a, b, c = list(read_inputs([str(deep), str(deep_lines)], Settings()))
    assert isinstance(a, MalformedInputError)
    assert "nested too deeply" in _one_line(a, str(deep)) and "Recursion" not in str(a)
    assert isinstance(b, DocumentInfo)
    assert isinstance(c, MalformedInputError)
    assert "nested too deeply" in _one_line(c, f"{deep_lines}#2") and "line 2" in str(c)


def test_deep_nesting_anywhere_never_shows_a_recursion_error(tmp_path):
    """Whatever parser meets it (here JSON-LD inside a page), deep nesting is named as such."""
    p = tmp_path / "deep-ld.html"
    p.write_text(
        '<html><head><script type="application/ld+json">' + "[" * 100_000 + "</script></head>"
        f"<body><article><p>{PARA}</p></article></body></html>"
    )
    (item,) = list(read_inputs([str(p)], Settings()))
    if isinstance(item, InputError):  # the page may also be read with its JSON-LD ignored
        assert "nested too deeply" in _one_line(item, str(p)) and "Recursion" not in str(item)
    else:
        assert item.text.startswith("The ferry service")
