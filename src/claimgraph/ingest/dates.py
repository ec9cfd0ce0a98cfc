"""Reading publication datelines: ``7 April 2025 20:11 (UTC+04:00)``, ``April 7, 2025 8:11 PM
EDT``, ``2025-04-07T20:11:00+04:00``, ``Updated: ...`` — into ISO 8601 with the page's offset.

A date with a time becomes ``YYYY-MM-DDTHH:MM:SS`` (plus ``+HH:MM`` when the page gives an
offset or a known zone abbreviation); a date alone becomes ``YYYY-MM-DD``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i

#: Zone abbreviations common in English-language datelines -> UTC offset in minutes.
ZONES: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,
    "CET": 60,
    "WEST": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "AZT": 240,
    "GST": 240,
    "IST": 330,
    "PKT": 300,
    "ICT": 420,
    "WIB": 420,
    "HKT": 480,
    "SGT": 480,
    "AWST": 480,
    "JST": 540,
    "KST": 540,
    "ACST": 570,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "AST": -240,
    "ADT": -180,
}

_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_CLOCK = r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
#: A UTC offset or zone: "(UTC+04:00)", "GMT+5:30", "+0400", "Z", or an upper-case abbreviation.
_ZONE = (
    r"(?:\s*\(?\s*(?P<tz>(?:UTC|GMT)\s*(?P<tzsign>[+-−])\s*(?P<tzh>\d{1,2})(?::?(?P<tzm>\d{2}))?"
    r"|[+-]\d{2}:?\d{2}|(?-i:[A-Z]{2,5}(?![a-z]))|(?-i:Z(?![a-z])))\s*\)?)?"
)
_TIME = r"(?:\s*(?:,|at|-|–|—|\|)?\s*" + _CLOCK + _ZONE + ")?"
_DMY_DATE = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<y>\d{4})"
_MDY_DATE = _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"
_TIME_FIRST = _CLOCK + _ZONE + r"\s*(?:,|on|-|–|—|\|)?\s*"
_DMY = re.compile(_WEEKDAY + _DMY_DATE + _TIME, re.I)
_MDY = re.compile(_WEEKDAY + _MDY_DATE + _TIME, re.I)
_T_DMY = re.compile(_TIME_FIRST + _WEEKDAY + _DMY_DATE, re.I)
_T_MDY = re.compile(_TIME_FIRST + _WEEKDAY + _MDY_DATE, re.I)
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|(?-i:[A-Z]{2,5}(?![a-z])))?)?"
)
_LABEL = re.compile(
    r"\b(?P<label>published|posted|updated|last updated|modified|created|first published|date)\b\s*(?:on|at)?\s*:?",
    re.I,
)


@dataclass(slots=True)
class DateHit:
    """One date found in a line: its ISO value, whether it had a time, and its label."""

    iso: str
    has_time: bool
    label: str | None
    start: int
    end: int


def _offset(m: re.Match[str]) -> int | None:
    tz = m.group("tz")
    if not tz:
        return None
    groups = m.groupdict()
    if groups.get("tzsign"):
        minutes = int(groups["tzh"]) * 60 + int(groups.get("tzm") or 0)
        return -minutes if groups["tzsign"] in "-−" else minutes
    tz = tz.strip()
    if tz[0] in "+-":
        digits = tz[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:4])
        return -minutes if tz[0] == "-" else minutes
    return ZONES.get(tz.upper())


def _format(y: int, mo: int, d: int, h: int | None, mi: int, s: int, off: int | None) -> str | None:
    try:
        if h is None:
            return date(y, mo, d).isoformat()
        out = datetime(y, mo, d, h, mi, s).isoformat()
    except ValueError:
        return None
    if off is not None:
        sign = "-" if off < 0 else "+"
        out += f"{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}"
    return out


def _hour(m: re.Match[str]) -> int | None:
    if m.group("h") is None:
        return None
    h = int(m.group("h"))
    ampm = (m.groupdict().get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    return h if h < 24 else None


def _hit(m: re.Match[str], month: int, text: str) -> DateHit | None:
    h = _hour(m)
    tz_ok = h is not None
    off = _offset(m) if tz_ok else None
    iso = _format(
        int(m.group("y")), month, int(m.group("d")), h, int(m.group("mi") or 0), int(m.group("s") or 0), off
    )
    if iso is None:
        return None
    labels = list(_LABEL.finditer(text, 0, m.start()))
    label_m = labels[-1] if labels else None
    label = label_m.group("label").lower() if label_m and m.start() - label_m.end() < 4 else None
    return DateHit(iso, h is not None, label, m.start(), m.end())


def find_dates(text: str) -> list[DateHit]:
    """Every date (with its time and offset when given) in ``text``, in order.

    Overlapping readings are resolved in favour of the one with a time, then the longer one.
    """
    found: list[DateHit] = []
    for rx in (_DMY, _MDY, _T_DMY, _T_MDY):
        for m in rx.finditer(text):
            hit = _hit(m, MONTHS[m.group("mon").lower().rstrip(".")], text)
            if hit:
                found.append(hit)
    for m in _ISO.finditer(text):
        hit = _hit(m, int(m.group("mo")), text)
        if hit:
            found.append(hit)
    kept: list[DateHit] = []
    for hit in sorted(found, key=lambda h: (not h.has_time, h.start - h.end)):
        if not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def normalise_datetime(value: str | None) -> str | None:
    """An ISO 8601 form of ``value`` (any format :func:`find_dates` reads), or None."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        hits = find_dates(value)
        return hits[0].iso if hits else None
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()
