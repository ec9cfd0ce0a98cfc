"""Bytes to text: binary sniffing, capped gzip decompression, charset detection.

Order of trust for the charset: a byte-order mark, then a charset the container declares
(HTTP ``Content-Type``, HTML ``<meta charset>``, XML declaration), then strict UTF-8, then
*mostly* UTF-8 (see :func:`mostly_utf8`: the stray bytes become U+FFFD and a warning naming
the input is logged on the ``claimgraph.ingest`` logger), then charset-normalizer's guess,
then UTF-8 with replacement characters. The guess is only asked about bytes that hold no
UTF-8 to speak of (cp1252/latin-1 text, Shift-JIS, ...): a detector given UTF-8 text with a
few bad bytes may well call all of it cp932.
"""

from __future__ import annotations

import codecs
import logging
import re
import zlib

from ..errors import BinaryInputError, InputTooLargeError, MalformedInputError

#: Leading bytes of common non-text formats -> a human name for the error message.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office/EPUB file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
GZIP_MAGIC = b"\x1f\x8b"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SNIFF = 8192
#: Control bytes that are not normal in text (everything below 0x20 except \t \n \v \f \r, ESC).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_SHARE = 0.05
_REPLACEMENT_SHARE = 0.10

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
#: ``surrogateescape`` turns each byte that is not UTF-8 into one of these.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
#: Stray bytes always forgiven in text that otherwise holds valid UTF-8 multibyte characters.
FEW_BAD_BYTES = 8

log = logging.getLogger("claimgraph.ingest")


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text (a phrase for the error message), or None if it may be text."""
    for magic, name in MAGIC:
        if data.startswith(magic):
            return f"it is {name}, not text"
    head = data[:_SNIFF]
    if not head or bom_encoding(head) in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        return None
    if b"\x00" in head:
        return "it contains NUL bytes, so it is binary data, not text"
    controls = sum(head.count(c) for c in _CONTROL)
    if controls / len(head) > _CONTROL_SHARE:
        return f"{controls / len(head):.0%} of its first bytes are control characters; it is not text"
    return None


def check_text_bytes(data: bytes, source: str) -> None:
    reason = binary_reason(data)
    if reason:
        raise BinaryInputError(source, f"{reason}; give a text, HTML, JSON or feed file")


def gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress gzip ``data`` (all members), stopping as soon as output passes ``max_bytes``."""
    out = bytearray()
    rest = data
    while rest:
        dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = rest
        try:
            while chunk:
                out += dec.decompress(chunk, max_bytes + 1 - len(out))
                if len(out) > max_bytes:
                    raise InputTooLargeError(
                        source,
                        f"it decompresses to more than {max_bytes:,} bytes; split it or raise max_bytes",
                    )
                chunk = dec.unconsumed_tail
        except zlib.error as exc:
            raise MalformedInputError(source, f"broken gzip data ({exc}); re-compress the file") from exc
        if not dec.eof:
            raise MalformedInputError(source, "the gzip data is truncated; re-download or re-compress it")
        rest = dec.unused_data.lstrip(b"\x00")
        if rest and not rest.startswith(GZIP_MAGIC):
            break
    return bytes(out)


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """A charset named by the HTTP header, an XML declaration or an HTML meta tag."""
    if content_type:
        named = _HEADER_CHARSET.search(content_type)
        if named:
            return named.group(1)
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, source: str, content_type: str | None = None) -> str:
    """Decode ``data`` to text (see the module docstring for the order of trust)."""
    bom = bom_encoding(data)
    if bom:
        return data.decode(bom, errors="replace").lstrip("\ufeff")
    check_text_bytes(data, source)
    declared = _known(declared_charset(data, content_type))
    if declared:
        if declared in ("utf-16", "utf-32"):  # a document that reached us as 8-bit bytes is not
            declared = "utf-8"
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    bad = mostly_utf8(data)
    if bad:
        log.warning(
            "%s: %s not valid UTF-8 (the first at byte offset %s); read as UTF-8 with U+FFFD in %s",
            source,
            "1 byte is" if bad == 1 else f"{bad} bytes are",
            f"{first_bad:,}",
            "its place" if bad == 1 else "their places",
        )
        return data.decode("utf-8", errors="replace")
    text = _guess(data)
    if text.count("\ufffd") > _REPLACEMENT_SHARE * max(len(text), 1):
        raise BinaryInputError(
            source, "its bytes are not text in any charset claimgraph can detect; convert it to UTF-8"
        )
    return text


def mostly_utf8(data: bytes) -> int:
    """How many bytes of ``data`` are not UTF-8, when it is UTF-8 but for those; else 0.

    It is UTF-8 when it holds at least one valid multibyte UTF-8 character, and its bad bytes
    are few: no more than :data:`FEW_BAD_BYTES` or than its valid multibyte characters, and
    no more than a tenth of all bytes. Text in a single-byte codec (cp1252, latin-1) almost
    never forms a valid multibyte sequence, and other multibyte codecs (Shift-JIS, GBK) break
    on most of their non-ASCII bytes, so neither passes.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(text))
    multibyte = len(_NON_ASCII.findall(text)) - bad
    if multibyte < 1 or bad == 0:
        return 0
    if bad > max(FEW_BAD_BYTES, multibyte) or bad > _REPLACEMENT_SHARE * len(data):
        return 0
    return bad


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("utf-8", errors="replace")
