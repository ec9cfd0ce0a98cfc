"""Bad inputs: each yields ONE InputError subclass naming the input, and the batch goes on."""

from __future__ import annotations

import gzip
import zlib

import pytest

from claimgraph.config import Settings
from claimgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    UnreadableInputError,
    UnsupportedInputError,
)
from claimgraph.ingest import read_inputs
from claimgraph.models import DocumentInfo

GOOD = "Rescue teams reached the flooded village of Harnow on Friday, officials said."


def _batch(tmp_path, bad_name: str, bad_bytes: bytes | None, settings: Settings | None = None):
    """Read [good, bad, good]; return the error for the bad one after checking the others survive."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    bad = tmp_path / bad_name
    if bad_bytes is not None:
        bad.write_bytes(bad_bytes)
    items = list(read_inputs([str(good), str(bad), str(good)], settings or Settings()))
    assert len(items) == 3, items
    assert isinstance(items[0], DocumentInfo) and isinstance(items[2], DocumentInfo)
    err = items[1]
    assert isinstance(err, InputError), err
    assert err.source == str(bad) and str(bad) in str(err)
    assert "\n" not in str(err)  # printed as one line on stderr
    return err


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG"),
        ("doc.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("archive.json", b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        ("prog.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 30, "ELF"),
        ("nul.txt", b"Some words\x00\x00 and more words", "NUL"),
        ("controls.txt", bytes(range(1, 9)) * 20 + b"text", "control"),
    ],
)
def test_bad_inputs_binary(tmp_path, name, data, says):
    err = _batch(tmp_path, name, data)
    assert isinstance(err, BinaryInputError) and says in str(err)


def test_bad_inputs_binary_with_unknown_extension(tmp_path):
    err = _batch(tmp_path, "photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    assert isinstance(err, BinaryInputError)


def test_bad_inputs_empty_file(tmp_path):
    assert isinstance(_batch(tmp_path, "empty.txt", b"  \n\n "), EmptyInputError)


def test_bad_inputs_empty_after_extraction(tmp_path):
    page = (
        b"<html><head><script>var x = 1;</script></head><body><nav></nav><script>go()</script></body></html>"
    )
    assert isinstance(_batch(tmp_path, "blank.html", page), EmptyInputError)


def test_bad_inputs_only_furniture_text(tmp_path):
    assert isinstance(_batch(tmp_path, "furniture.txt", b"Share\nSubscribe\nLoading...\n"), EmptyInputError)


def test_bad_inputs_undecodable_bytes_are_decoded_by_detection(tmp_path):
    latin = (
        "Le café de la rue Général-Leclerc a rouvert ses portes après des mois de travaux, "
        "a annoncé la mairie, qui s'en félicite."
    ).encode("latin-1")
    good = tmp_path / "latin.txt"
    good.write_bytes(latin)
    (info,) = list(read_inputs([str(good)], Settings()))
    assert "café" in info.text and "Général" in info.text and "\ufffd" not in info.text


def test_bad_inputs_html_meta_charset_and_bom(tmp_path):
    html = '<html><head><meta charset="windows-1251"></head><body><p>Привет, мир. Это новость дня о погоде в городе.</p></body></html>'
    p = tmp_path / "ru.html"
    p.write_bytes(html.encode("cp1251"))
    q = tmp_path / "bom.txt"
    q.write_bytes("Ünïcode text with a BOM, from a UTF-16 file.".encode("utf-16"))
    a, b = list(read_inputs([str(p), str(q)], Settings()))
    assert "Привет, мир" in a.text
    assert b.text == "Ünïcode text with a BOM, from a UTF-16 file."


def test_bad_inputs_over_max_bytes(tmp_path):
    err = _batch(tmp_path, "big.txt", b"word " * 400, Settings(max_bytes=1000))
    assert isinstance(err, InputTooLargeError) and "max_bytes" in str(err)


def test_bad_inputs_over_max_chars(tmp_path):
    err = _batch(tmp_path, "long.txt", ("A long sentence of words. " * 40).encode(), Settings(max_chars=500))
    assert isinstance(err, InputTooLargeError) and "max_chars" in str(err)


def test_bad_inputs_gzip_bomb_stopped_while_decompressing(tmp_path):
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"a" * (1 << 20)
    bomb = b"".join(comp.compress(chunk) for _ in range(64)) + comp.flush()  # 64 MiB -> ~64 KiB
    assert len(bomb) < 200_000
    err = _batch(tmp_path, "bomb.txt.gz", bomb, Settings(max_bytes=1 << 20))
    assert isinstance(err, InputTooLargeError) and "decompresses" in str(err)


def test_bad_inputs_broken_gzip(tmp_path):
    data = gzip.compress(b"Some article text. " * 50)
    assert isinstance(_batch(tmp_path, "cut.txt.gz", data[: len(data) // 2]), MalformedInputError)


def test_bad_inputs_malformed_json(tmp_path):
    err = _batch(tmp_path, "broken.json", b'{"text": "unterminated')
    assert isinstance(err, MalformedInputError)


def test_bad_inputs_malformed_feed_xml(tmp_path):
    err = _batch(tmp_path, "feed.rss", b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</titl')
    assert isinstance(err, MalformedInputError | EmptyInputError)
    err = _batch(tmp_path, "data.xml", b'<?xml version="1.0"?><catalog><book id="1">A</book></catalog>')
    assert isinstance(err, MalformedInputError) and "not an RSS/Atom feed" in str(err)


def test_bad_inputs_unsupported_type(tmp_path):
    err = _batch(tmp_path, "sheet.csv", b"a,b,c\n1,2,3\n")
    assert isinstance(err, UnsupportedInputError) and ".csv" in str(err)


def test_bad_inputs_nonexistent_path(tmp_path):
    err = _batch(tmp_path, "missing.txt", None)
    assert isinstance(err, UnreadableInputError) and "no such file" in str(err)


def test_bad_inputs_unsupported_url_scheme():
    (err,) = list(read_inputs(["ftp://example.org/a.txt"], Settings()))
    assert isinstance(err, UnsupportedInputError) and err.source == "ftp://example.org/a.txt"


def test_bad_inputs_hostile_html_yields_clean_text(tmp_path):
    huge = "x" * 200_000
    page = f"""<html><head><script>alert('head')</script><style>p {{color:red}}</style></head>
<body onload="steal()"><div data-blob="{huge}">
<p>The council of Brenmoor approved the new bridge on Thursday after a long debate among members of the
planning committee, who had argued over its cost for more than two years.</p>
<p>Work is due to begin in the spring, <a href="javascript:alert(document.cookie)">the council said</a>,
and should take about eighteen months to complete, according to the engineers' estimate.</p>
<script>document.write('<p>injected text</p>')</script><iframe src="javascript:evil()"></iframe>
<img src=x onerror="alert(1)"></div></body></html>"""
    p = tmp_path / "hostile.html"
    p.write_text(page)
    (info,) = list(read_inputs([str(p)], Settings()))
    assert isinstance(info, DocumentInfo), info
    assert info.text.startswith("The council of Brenmoor") and "the council said" in info.text
    for bad in ("alert", "javascript", "injected", "<", "steal", "color:red", "xxxxxxxx"):
        assert bad not in info.text


@pytest.mark.parametrize(
    "page",
    [b"<html><head><title>x</title></head><body><div class='art", b"<<<>>> ### <<<>>>", b"</p></div></html>"],
)
def test_bad_inputs_malformed_html(tmp_path, page):
    assert isinstance(_batch(tmp_path, "broken.html", page), MalformedInputError)


def test_bad_inputs_text_without_words(tmp_path):
    assert isinstance(_batch(tmp_path, "symbols.txt", b"### *** 123 456 ---\n"), EmptyInputError)
