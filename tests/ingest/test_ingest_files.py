"""Every input kind from disk and stdin: .txt, .html, .json, .jsonl, .gz, directories, feeds, '-'."""

from __future__ import annotations

import gzip
import io
import json
import sys

from claimgraph.config import Settings
from claimgraph.errors import InputError
from claimgraph.ingest import document_id, read_inputs
from claimgraph.models import DocumentInfo

BODY = (
    "Firefighters in the town of Westerby contained a warehouse fire on Sunday after working "
    "through the night, the regional fire service said in a statement on Monday morning.\n\n"
    "No one was injured, but the service said the building, which stored paper and packaging, "
    "was badly damaged and that the cause of the blaze had not yet been established."
)

PAGE = f"""<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Warehouse fire contained in Westerby | Westerby Courier</title>
<meta property="og:site_name" content="Westerby Courier">
<meta property="og:title" content="Warehouse fire contained in Westerby">
<meta name="author" content="Lena Marsh">
<meta property="article:published_time" content="2025-03-09T18:45:00+01:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Warehouse fire contained in Westerby</h1>
<p>{BODY.split(chr(10) + chr(10))[0]}</p>
<p>{BODY.split(chr(10) + chr(10))[1]}</p>
</article>
<footer><p>Copyright 2025 Westerby Courier. All rights reserved.</p></footer>
</body></html>
"""


def _one(inputs, settings=None):
    items = list(read_inputs([str(i) for i in inputs], settings or Settings()))
    assert len(items) == 1, items
    return items[0]


def test_files_txt_body_and_id(tmp_path):
    p = tmp_path / "fire.txt"
    p.write_text("Warehouse fire contained\n\n" + BODY + "\n", encoding="utf-8")
    info = _one([p])
    assert isinstance(info, DocumentInfo)
    assert info.source == str(p)
    assert info.headline == "Warehouse fire contained"
    assert info.text == BODY
    assert info.id == document_id(BODY)


def test_files_html_body_and_metadata(tmp_path):
    p = tmp_path / "fire.html"
    p.write_text(PAGE, encoding="utf-8")
    info = _one([p])
    assert isinstance(info, DocumentInfo), info
    assert info.text == BODY
    assert info.publisher == "Westerby Courier"
    assert info.headline == "Warehouse fire contained in Westerby"
    assert info.authors == ["Lena Marsh"]
    assert info.published == "2025-03-09T18:45:00+01:00"


def test_files_json_text_is_verbatim_except_crlf(tmp_path):
    raw = "  Line one of the body.\r\n\r\nLine two , kept   as is.  "
    obj = {
        "text": raw,
        "url": "https://example.org/a",
        "publisher": "Example Daily",
        "headline": "A headline",
        "authors": ["A. Writer"],
        "published": "2025-01-02T03:04:05+02:00",
    }
    p = tmp_path / "one.json"
    p.write_text(json.dumps(obj), encoding="utf-8")
    info = _one([p])
    assert info.text == raw.replace("\r\n", "\n")
    assert info.source == str(p)
    assert (info.url, info.publisher, info.headline) == (
        "https://example.org/a",
        "Example Daily",
        "A headline",
    )
    assert info.authors == ["A. Writer"] and info.published == "2025-01-02T03:04:05+02:00"


def test_files_json_array_sources_and_html_field(tmp_path):
    p = tmp_path / "many.json"
    p.write_text(json.dumps([{"text": BODY}, {"html": PAGE, "id": "page-7"}, {"text": BODY + " More."}]))
    items = list(read_inputs([str(p)], Settings()))
    assert [i.source for i in items] == [f"{p}#1", "page-7", f"{p}#3"]
    assert items[1].text == BODY and items[1].publisher == "Westerby Courier"


def test_files_jsonl_with_a_bad_line_object(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": BODY, "id": "a"}),
        json.dumps({"title": "no body"}),
        json.dumps({"text": "Second."}),
    ]
    p.write_text("\n".join(lines) + "\n")
    items = list(read_inputs([str(p)], Settings()))
    assert items[0].source == "a" and items[0].text == BODY
    assert (
        isinstance(items[1], InputError)
        and items[1].source == f"{p}#2"
        and "'text' or 'html'" in str(items[1])
    )
    assert items[2].text == "Second."


def test_files_gz_of_each_kind(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(("Fire contained\n\n" + BODY).encode()))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": BODY}).encode()))
    items = list(
        read_inputs([str(tmp_path / n) for n in ("a.txt.gz", "b.html.gz", "c.jsonl.gz")], Settings())
    )
    assert [i.text for i in items] == [BODY, BODY, BODY]


def test_files_directory_recursive_sorted_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second story.\n")
    (tmp_path / "a.txt").write_text("First story.\n")
    (tmp_path / ".secret.txt").write_text("Hidden story.\n")
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden too.\n")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    items = list(read_inputs([str(tmp_path)], Settings()))
    assert [i.source for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt")]
    assert [i.text for i in items] == ["First story.", "Second story."]


def test_files_stdin_dash(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(("Fire contained\n\n" + BODY).encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    info = _one(["-"])
    assert info.source == "<stdin>" and info.text == BODY


def test_files_published_setting_fills_missing_date(tmp_path):
    p = tmp_path / "fire.txt"
    p.write_text(BODY)
    assert _one([p]).published is None
    assert _one([p], Settings(published="2025-03-10")).published == "2025-03-10"
    q = tmp_path / "fire.html"
    q.write_text(PAGE)
    assert _one([q], Settings(published="2025-03-10")).published == "2025-03-09T18:45:00+01:00"


def test_files_feed_detected_by_content_with_fallback_content(tmp_path):
    long_text = " ".join([BODY] * 2)
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Westerby Courier</title><link>https://example.invalid/</link>
<item><title>Warehouse fire contained</title><link>http://127.0.0.1:9/fire</link>
<author>lena@example.invalid (Lena Marsh)</author>
<pubDate>Sun, 09 Mar 2025 18:45:00 +0100</pubDate>
<description><![CDATA[<p>{long_text}</p>]]></description></item>
<item><title>Short item</title><link>http://127.0.0.1:9/short</link><description>Too short.</description></item>
</channel></rss>"""
    p = tmp_path / "feed_without_extension"
    p.write_text(feed)
    items = list(read_inputs([str(p)], Settings(allow_private=True, connect_timeout=2.0)))
    first, second = items
    assert isinstance(first, DocumentInfo), first
    assert first.text == long_text
    assert first.headline == "Warehouse fire contained" and first.publisher == "Westerby Courier"
    assert first.published == "2025-03-09T18:45:00+01:00"
    assert first.source == "http://127.0.0.1:9/fire"
    assert isinstance(second, InputError) and second.source == "http://127.0.0.1:9/short"


def test_files_json_feed_items_use_content_when_link_fails(tmp_path):
    long_html = "<p>" + " ".join([BODY.replace("\n\n", " ")] * 2) + "</p><script>alert(1)</script>"
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Westerby Courier",
        "items": [
            {
                "id": "1",
                "url": "http://127.0.0.1:9/fire",
                "title": "Warehouse fire contained",
                "content_html": long_html,
                "date_published": "2025-03-09T18:45:00+01:00",
                "authors": [{"name": "Lena Marsh"}],
            },
        ],
    }
    p = tmp_path / "feed.json"
    p.write_text(json.dumps(feed))
    (info,) = list(read_inputs([str(p)], Settings(allow_private=True, connect_timeout=2.0)))
    assert isinstance(info, DocumentInfo), info
    assert info.publisher == "Westerby Courier" and info.authors == ["Lena Marsh"]
    assert info.published == "2025-03-09T18:45:00+01:00" and info.source == "http://127.0.0.1:9/fire"
    assert info.text.startswith("Firefighters in the town") and "alert" not in info.text


def test_files_content_sniffing_overrides_the_name(tmp_path, monkeypatch):
    page_as_txt = tmp_path / "saved_page.txt"
    page_as_txt.write_text(PAGE)
    info = _one([page_as_txt])
    assert info.text == BODY and info.publisher == "Westerby Courier"
    stdin = io.TextIOWrapper(io.BytesIO(gzip.compress(PAGE.encode())), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert _one(["-"]).text == BODY


def test_files_multi_member_gzip(tmp_path):
    p = tmp_path / "joined.txt.gz"
    p.write_bytes(gzip.compress(b"Fire contained\n\n") + gzip.compress(BODY.encode()))
    assert _one([p]).text == BODY
