"""TIMEX3 values: resolving a recognised expression against the anchor date.

:func:`resolve` turns one :class:`~claimgraph.nlp.temporal.rules.Candidate` into a TIMEX3
``(type, value)`` given the document's anchor date (``document.published``, or ``None``)
and the tense of the governing verb (``PAST``, ``PRESENT``, ``FUTURE`` or ``NONE``), which
decides whether "Friday" or "April 5" means the last one or the next one. Without an
anchor, values that need one take TimeBank's underspecified forms (``XXXX-04-05``,
``XXXX-WXX-5``, ``PAST_REF``). ``None`` means "not a temporal expression after all".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from .rules import (
    DECADE_WORDS,
    DEICTIC,
    HOLIDAYS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    SET_ADVERBS,
    UNITS,
    WEEKDAYS,
    Candidate,
)

Value = tuple[str, str]
SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_SEASON_OF_MONTH = {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3, 1: 3, 2: 3}
_FUZZY = re.compile(r"few|several|some|many|number|dozens|hundreds", re.I)
_WS = re.compile(r"[\s-]+")
_BACK = ("last", "past", "previous", "the past", "the last", "the previous", "latest", "the latest")
_FORWARD = ("next", "coming", "following", "the next", "the coming", "the following")


def fmt_day(d: date) -> str:
    return d.isoformat()


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def _norm(s: str) -> str:
    return _WS.sub(" ", s.lower()).strip()


def parse_number(s: str) -> float | None:
    """``"two"`` -> 2, ``"2 1/2"`` -> 2.5, ``"twenty-five"`` -> 25; fuzzy words -> None."""
    s = _norm(s)
    half = 0.0
    if s.endswith(" and a half"):
        s, half = s[: -len(" and a half")], 0.5
    if s.endswith(" 1/2"):
        s, half = s[:-4], 0.5
    try:
        return float(s) + half
    except ValueError:
        pass
    if s in NUMBER_WORDS:
        return NUMBER_WORDS[s] + half
    parts = s.split(" ")
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        a, b = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if a >= 20 and b < 10:
            return a + b + half
    return None


def duration_value(num: float | None, unit: str) -> str:
    """``(3, "day")`` -> ``P3D``; ``(None, "year")`` -> ``PXY``; ``(2.5, "year")`` -> ``P2Y6M``."""
    letter, is_time = UNITS[unit]
    prefix = "PT" if is_time else "P"
    if letter == "DE":  # TimeBank and AQUAINT write decades in years: P10Y, PXY
        num, letter = (None if num is None else num * 10), "Y"
    if num is None:
        return f"{prefix}X{letter}"
    if letter == "2W":
        num, letter = num * 2, "W"
    if num == int(num):
        return f"{prefix}{int(num)}{letter}"
    whole, frac = int(num), num - int(num)
    if letter == "Y":
        return f"P{whole}Y{round(frac * 12)}M" if whole else f"P{round(frac * 12)}M"
    if letter == "D":
        return f"P{whole}DT{round(frac * 24)}H" if whole else f"PT{round(frac * 24)}H"
    if letter == "H":
        return f"PT{whole}H{round(frac * 60)}M" if whole else f"PT{round(frac * 60)}M"
    if letter == "M" and is_time:
        return f"PT{whole}M{round(frac * 60)}S" if whole else f"PT{round(frac * 60)}S"
    return f"{prefix}{num:g}{letter}"


def unit_of(word: str) -> str | None:
    w = word.lower()
    if w in UNITS:
        return w
    if w == "centuries":
        return "century"
    if w == "millennia":
        return "millennium"
    if w.endswith("s") and w[:-1] in UNITS:
        return w[:-1]
    return None


def _year_for(month: int, day: int, anchor: date, tense: str, slack: int = 30) -> int:
    """The year of a month/day given without one: the anchor's, unless the tense says it
    is past (or future) and it lies more than ``slack`` days the other way, or it lies
    far (over six months without a tense, nine with one) from the anchor."""
    y = anchor.year
    try:
        cand = date(y, month, min(day, 28) if month == 2 and day == 29 else day)
    except ValueError:
        return y
    diff = (cand - anchor).days
    if tense == "PAST":  # a past event is never dated after the anchor
        return y - 1 if diff > slack else y
    if tense == "FUTURE":
        return y + 1 if diff < -slack else y
    reach = 183 if tense == "NONE" else 270
    if diff > reach:
        return y - 1
    if diff < -reach:
        return y + 1
    return y


def weekday_date(wd: int, anchor: date, tense: str, rel: str = "") -> date:
    """The date of weekday ``wd`` (1 = Monday) relative to ``anchor``."""
    back = (anchor.isoweekday() - wd) % 7
    fwd = (wd - anchor.isoweekday()) % 7
    if rel == "last" or rel == "past" or rel == "previous":
        return anchor - timedelta(days=back or 7)
    if rel in ("next", "following"):
        return anchor + timedelta(days=fwd or 7)
    if rel in ("this coming", "coming"):
        return anchor + timedelta(days=fwd)
    if rel == "this":
        return anchor + timedelta(days=wd - anchor.isoweekday())
    if tense == "PAST":
        return anchor - timedelta(days=back)
    if tense == "FUTURE":
        return anchor + timedelta(days=fwd)
    return anchor - timedelta(days=back) if back <= fwd else anchor + timedelta(days=fwd)


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day_num(s: str) -> int | None:
    word = ORDINALS.get(_norm(s))
    d = word if word is not None else int(re.sub(r"\D", "", s) or 0)
    return d if 1 <= d <= 31 else None


def _given_year(g: dict[str, str]) -> int | None:
    """The year written in the expression, in digits (``y``) or in words (``yw``)."""
    if g.get("y"):
        return int(g["y"])
    if g.get("yw"):
        return year_from_words(g["yw"])
    return None


def _with_pod(day_value: str, pod: str | None) -> Value:
    if not pod:
        return "DATE", day_value
    code = PARTS_OF_DAY[pod.lower().rstrip("s")]
    return "TIME", f"{day_value}T{code}"


def _r_iso(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    v = f"{g['y']}-{g['m']}-{g['d']}"
    return ("TIME", f"{v}T{g['t']}") if g.get("t") else ("DATE", v)


def _r_slash(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    m, d, y = int(g["m"]), int(g["d"]), int(g["y"])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    if y < 100:
        y += 2000 if y < 50 else 1900
    return "DATE", f"{y:04d}-{m:02d}-{d:02d}"


def _r_month_day(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    month, day = _month_num(g["mon"]), _day_num(g.get("day") or g.get("dayw", ""))
    if day is None:
        return None
    given = _given_year(g)
    if given is not None:
        return "DATE", f"{given}-{month:02d}-{day:02d}"
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    year = _year_for(month, day, anchor, tense)
    if g.get("wd"):
        year = _year_matching_weekday(month, day, WEEKDAYS[g["wd"].lower().rstrip(".")], anchor, year)
    return "DATE", f"{year}-{month:02d}-{day:02d}"


def _year_matching_weekday(month: int, day: int, wd: int, anchor: date, default: int) -> int:
    for y in (default, anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            if date(y, month, day).isoweekday() == wd:
                return y
        except ValueError:
            continue
    return default


def _r_month(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    month = _month_num(g["mon"])
    given = _given_year(g)
    if given is not None:
        return "DATE", f"{given}-{month:02d}"
    if anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    rel, rely = _norm(g.get("rel", "")), _norm(g.get("rely", ""))
    y = anchor.year
    if rely:
        y += {"this": 0, "last": -1, "next": 1}[rely]
    elif rel in ("last", "past", "previous"):
        y = y if month < anchor.month else y - 1
    elif rel in ("next", "coming", "following"):
        y = y if month > anchor.month else y + 1
    elif rel in ("this", "current", "same"):
        pass
    elif rel == "that":
        return None
    else:
        y = _year_for(month, 15, anchor, tense, slack=45)
    return "DATE", f"{y}-{month:02d}"


def _r_year(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    y = int(c.groups["y"])
    if y < 1000 or (anchor is not None and y > anchor.year + 100):
        return None
    return "DATE", f"{y:04d}"


_YEAR_WORD = re.compile(r"(nineteen|twenty)[\s-](.+)|two thousand(?: (?:and )?(.+))?", re.I)


def year_from_words(words: str) -> int | None:
    """``"nineteen ninety-four"`` -> 1994, ``"two thousand and one"`` -> 2001, else None."""
    m = _YEAR_WORD.fullmatch(_norm(words))
    if not m:
        return None
    if m.group(1):
        rest_s = m.group(2)
        oh = rest_s.startswith("oh ")
        rest = parse_number(rest_s[3:] if oh else rest_s)
        if rest is None or not (1 <= rest < 10 if oh else 10 <= rest < 100):
            return None
        return (19 if m.group(1).lower() == "nineteen" else 20) * 100 + int(rest)
    tail = parse_number(m.group(3)) if m.group(3) else 0
    if tail is None:
        return None
    return 2000 + int(tail)


def _r_year_words(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    y = year_from_words(c.groups["yw"])
    return None if y is None else ("DATE", f"{y}")


def _r_decade(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    if g.get("dec"):
        return "DATE", g["dec"][:3]
    digit = int(g["dec2"][0]) if g.get("dec2") else DECADE_WORDS[g["decw"].lower()]
    century = 19
    if anchor is not None:
        century = anchor.year // 100
        if digit > (anchor.year % 100) // 10:
            century -= 1
    return "DATE", f"{century}{digit}"


def _r_century(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    o = c.groups["ord"].lower()
    n = ORDINALS.get(o) or int(re.sub(r"\D", "", o) or 0)
    return ("DATE", f"{n - 1:02d}") if 1 <= n <= 30 else None


_QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _r_quarter(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    unit = g["unit"].lower()
    ordw = (g.get("ord") or "").lower()
    adj = g.get("adj", "").lower()
    det = _norm(g.get("det", ""))
    if det == "that":
        return None
    if det == "this" and not ordw and unit == "quarter" and anchor is not None:
        return "DATE", f"{anchor.year}-Q{(anchor.month - 1) // 3 + 1}"
    if not ordw and (not det or det == "a") and not adj:
        return None
    if det == "a" and not ordw:
        return None
    if unit == "half" and ordw not in ("first", "second", "1st", "2nd", "last"):
        return None
    if unit == "half" and ordw == "last":
        ordw = "second"
    if unit == "period":
        if ordw or not (adj.strip() or det == "the latest"):
            return None
        if not re.search(r"year-(?:earlier|ago)|latest|comparable|same|corresponding|\d{4}", adj + det):
            return None
    year_m = re.search(r"\b(\d{4})\b", adj)
    if g.get("y"):
        year: int | None = int(g["y"])
    elif year_m:
        year = int(year_m.group(1))
    else:
        year = None
    if anchor is None and year is None:
        return ("DATE", f"XXXX-Q{_QORD[ordw]}") if unit == "quarter" and ordw in _QORD else None
    aq = ((anchor.month - 1) // 3 + 1) if anchor else 1
    if unit == "half":
        n = _QORD[ordw]
        if year is not None:
            y = year
        else:
            assert anchor is not None
            y = anchor.year if n == 1 or anchor.month > 6 else anchor.year - 1
        return "DATE", f"{y}-H{n}"
    if ordw in _QORD:
        q = _QORD[ordw]
        if year is None:
            assert anchor is not None
            year = anchor.year if q <= aq or tense == "FUTURE" else anchor.year - 1
    else:
        assert anchor is not None or year is not None
        if "current" in adj:
            yq = ((anchor or date(year or 1, 1, 1)).year, aq)
        else:
            base_y = anchor.year if anchor else (year or 0)
            yq = (base_y, aq - 1) if aq > 1 else (base_y - 1, 4)
        q = yq[1]
        if year is None:
            year = yq[0]
    if "year-earlier" in adj or "year-ago" in adj or det.startswith("last year"):
        year -= 1
    elif det.startswith("next year") and year is not None:
        year += 1
    return "DATE", f"{year}-Q{q}"


def _r_weekday(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    wd = WEEKDAYS[g["wd"].lower().rstrip(".")]
    if anchor is None:
        return _with_pod(f"XXXX-WXX-{wd}", g.get("pod"))
    d = weekday_date(wd, anchor, tense, _norm(g.get("rel", "")))
    return _with_pod(fmt_day(d), g.get("pod"))


def _r_weekdays_pl(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    wd = WEEKDAYS[(c.groups.get("wds") or c.groups["wd"] + "s").lower()[:-1].rstrip(".")]
    _, v = _with_pod(f"XXXX-WXX-{wd}", c.groups.get("pod"))
    return "SET", v


def clock_value(g: dict[str, str]) -> str | None:
    if g.get("noon"):
        return "24:00" if g["noon"].lower() == "midnight" else "12:00"
    if g.get("h24"):
        h, mi = int(g["h24"]), int(g["mi24"])
        return f"{h:02d}:{mi:02d}" if h < 24 else None
    if g.get("podc"):  # "4 in the morning", "7 in the evening"
        h, mi = int(g["hp"]), int(g.get("mip") or 0)
        if not 1 <= h <= 12:
            return None
        pm = g["podc"].lower() != "morning"
        return f"{(h % 12) + (12 if pm else 0):02d}:{mi:02d}"
    h, mi = int(g["h"]), int(g.get("mi") or 0)
    if not 1 <= h <= 12:
        return None
    pm = g["ampm"].lower().startswith("p")
    h = (h % 12) + (12 if pm else 0)
    return f"{h:02d}:{mi:02d}"


def _r_clock(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    hm = clock_value(g)
    if hm is None:
        return None
    if g.get("wd"):
        wd = WEEKDAYS[g["wd"].lower().rstrip(".")]
        day = fmt_day(weekday_date(wd, anchor, tense)) if anchor else f"XXXX-WXX-{wd}"
    else:
        day = fmt_day(anchor) if anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{hm}"


_DD = {"today": 0, "yesterday": -1, "tomorrow": 1}
_DD_REF = {"today": "PRESENT_REF", "yesterday": "PAST_REF", "tomorrow": "FUTURE_REF"}


def _r_deictic_day(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    dd = c.groups["dd"].lower()
    if anchor is None:
        return "DATE", _DD_REF[dd]
    pod = c.groups.get("pod") or c.groups.get("podpre", "").lower().removeprefix("mid").lstrip("-")
    return _with_pod(fmt_day(anchor + timedelta(days=_DD[dd])), pod)


def _r_pod(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    pod = g["pod"].lower()
    rel = (g.get("rel") or "").lower()
    if not rel and pod not in ("tonight", "overnight"):
        return None
    if anchor is None:
        return "TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[pod]}"
    shift = {"last": -1, "yesterday": -1, "tomorrow": 1}.get(rel, 0)
    if (rel == "last" and pod != "night") or (rel == "the" and pod == "night"):
        return None
    return _with_pod(fmt_day(anchor + timedelta(days=shift)), pod)


def _season_value(season: str, anchor: date, rel: str) -> str:
    s = SEASON_ORDER[season]
    cur = _SEASON_OF_MONTH[anchor.month]
    # January and February belong to the winter that began the December before
    season_year = anchor.year - 1 if anchor.month <= 2 else anchor.year
    if rel in _BACK:
        y = season_year if s < cur else season_year - 1
    elif rel in _FORWARD:
        y = season_year if s > cur else season_year + 1
    else:
        y = season_year if season == "WI" else anchor.year
    return f"{y}-{season}"


def _r_relative(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    if not g.get("rel") and not g.get("mod"):
        return None  # a bare "week", "summer": not a date by itself
    rel = _norm(g.get("rel", "")).replace(" fiscal", "").replace(" calendar", "").replace("this past", "past")
    unit = _norm(g["unit"])
    if rel in ("that", "the same", "same") or unit == "season":
        return None
    if unit == "fiscal year":
        unit = "year"
    if (
        rel in ("the", "fiscal", "calendar", "the fiscal", "the calendar")
        and unit == "year"
        and not g.get("mod")
    ):
        return "DURATION", "P1Y"
    back, fwd = rel in _BACK, rel in _FORWARD
    if unit in ("decade", "century") and rel in ("the past", "the last", "past"):
        return "DURATION", duration_value(1, unit)
    if rel == "the" and unit in ("decade", "century"):
        return None
    if anchor is None:
        return "DATE", "PAST_REF" if back else "FUTURE_REF" if fwd else "PRESENT_REF"
    k = -1 if back else 1 if fwd else 0
    if unit in SEASONS:
        return "DATE", _season_value(SEASONS[unit], anchor, "last" if back else "next" if fwd else "")
    if unit == "year":
        return "DATE", str(anchor.year + k)
    if unit == "month":
        y, m = shift_month(anchor.year, anchor.month, k)
        return "DATE", f"{y}-{m:02d}"
    if unit == "weekend" and not back and not fwd:
        if tense == "PAST" and anchor.isoweekday() < 6:
            k = -1
        elif tense != "FUTURE" and anchor.isoweekday() <= 3:
            k = -1
    if unit in ("week", "weekend"):
        wk = fmt_week(anchor + timedelta(weeks=k))
        return "DATE", wk + ("-WE" if unit == "weekend" else "")
    if unit == "decade":
        return "DATE", str(anchor.year // 10 + k)
    return "DATE", str(anchor.year // 100 + k)


def _r_season(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    year = _given_year(c.groups)
    return None if year is None else ("DATE", f"{year}-{SEASONS[c.groups['season'].lower()]}")


def _r_week_of(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    """ "the week of March 6": the ISO week of that day."""
    found = _r_month_day(c, anchor, tense)
    if found is None or found[1].startswith("X"):
        return None
    y, m, d = (int(x) for x in found[1].split("-"))
    return "DATE", fmt_week(date(y, m, d))


def _r_half_year(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    n = 1 if c.groups["half"].lower() == "first" else 2
    return "DATE", f"{c.groups['y']}-H{n}"


def _ago_value(n: float, unit: str, anchor: date, sign: int) -> str | None:
    k = int(round(n)) * sign
    if unit in ("day", "night"):
        return fmt_day(anchor + timedelta(days=k))
    if unit in ("week", "fortnight"):
        return fmt_week(anchor + timedelta(weeks=k * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        y, m = shift_month(anchor.year, anchor.month, k)
        return f"{y}-{m:02d}"
    if unit == "quarter":
        y, m = shift_month(anchor.year, anchor.month, 3 * k)
        return f"{y}-Q{(m - 1) // 3 + 1}"
    if unit == "year":
        return str(anchor.year + k)
    if unit == "decade":
        return str(anchor.year + 10 * k)
    if unit == "century":
        return str(anchor.year // 100 + k)
    return None


def _r_duration(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    unit = unit_of(g["unit"])
    if unit is None or unit == "weekend":
        return None
    num_s = _norm(g["num"])
    if num_s in ("a", "an", "one") and unit in ("second", "quarter") and not g.get("rel"):
        return None
    num_s = re.split(r" (?:to|or) ", num_s)[0]
    fuzzy = bool(_FUZZY.search(num_s))
    num = None if fuzzy else parse_number(num_s)
    if num is None and not fuzzy:
        return None
    if num is not None and g.get("half"):
        num += 0.5
    direction = _norm(g.get("dir", "")).replace(" or so", "").replace("or so", "")
    if direction in ("ago", "earlier", "later", "from now", "hence"):
        if anchor is None or num is None:
            return "DATE", "FUTURE_REF" if direction in ("later", "from now", "hence") else "PAST_REF"
        sign = 1 if direction in ("later", "from now", "hence") else -1
        try:
            v = _ago_value(num, unit, anchor, sign)
        except (OverflowError, ValueError):
            v = None
        return ("DATE", v) if v else ("DURATION", duration_value(num, unit))
    return "DURATION", duration_value(num, unit)


def _r_duration_hyphen(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    if (c.groups.get("old") or "").lower() == "old":
        return None
    num_s = _norm(c.groups["num"])
    num = None if num_s in ("several", "multi") else parse_number(num_s)
    if num is None and num_s not in ("several", "multi"):
        return None
    return "DURATION", duration_value(num, c.groups["unit"].lower())


def _r_unit_long(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    word = c.groups["unit"].lower()
    unit = unit_of(word)
    if unit is None:
        return None
    return "DURATION", duration_value(1 if unit == word else None, unit)


def _r_year_ago(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    ya = _norm(c.groups["ya"])
    if anchor is None:
        return None
    if ya in ("year-earlier", "year-ago", "year earlier", "year ago"):
        return "DATE", str(anchor.year - 1)
    if ya in ("year-end", "year end"):
        return "DATE", f"{anchor.year}-12-31"
    return None


def _r_vague_units(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    unit = unit_of(g["unit"])
    if unit is None or unit in ("second", "night"):
        return None
    det, rel, direction = g.get("det"), _norm(g.get("rel", "")), _norm(g.get("dir", ""))
    if det and not rel and not direction:
        return None
    if direction == "ago":
        return "DATE", "PAST_REF"
    return "DURATION", duration_value(None, unit)


def _r_set_every(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    if g.get("wd"):
        return "SET", f"XXXX-WXX-{WEEKDAYS[g['wd'].lower().rstrip('.')]}"
    if g.get("mon"):
        return "SET", f"XXXX-{_month_num(g['mon']):02d}"
    if g.get("pod"):
        return "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[g['pod'].lower()]}"
    unit = g["unit"].lower()
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE"
    num = parse_number(g["num"]) if g.get("num") else 1
    return "SET", duration_value(num, unit)


def _r_set_adverb(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    return "SET", SET_ADVERBS[c.groups["adv"].lower()]


def _r_deictic(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    return DEICTIC[_norm(c.groups["word"])]


_ADJ = {"current": "PRESENT_REF", "recent": "PAST_REF", "future": "FUTURE_REF"}


def _r_current_adj(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    v = _ADJ.get(c.groups["word"].lower())
    return ("DATE", v) if v else None


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    w = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * w) // 451
    month = (h + w - 7 * m + 114) // 31
    return date(year, month, (h + w - 7 * m + 114) % 31 + 1)


def nth_weekday(year: int, month: int, wd: int, n: int) -> date:
    """The ``n``-th weekday ``wd`` (1 = Monday) of the month; ``n = -1`` is the last."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    y2, m2 = shift_month(year, month, 1)
    last = date(y2, m2, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - wd) % 7)


def holiday_date(name: str, year: int) -> date:
    rule = HOLIDAYS[name]
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:]))
    if rule.startswith("nth:"):
        _, m, wd, n = rule.split(":")
        return nth_weekday(year, int(m), int(wd), int(n))
    if rule == "election":
        return nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    mm, dd = rule.split("-")
    return date(year, int(mm), int(dd))


def _r_holiday(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    g = c.groups
    name = g["hol"].lower()
    if g.get("y"):
        year = int(g["y"])
    elif anchor is None:
        rule = HOLIDAYS[name]
        return ("DATE", f"XXXX-{rule}") if rule[:2].isdigit() else None
    else:
        rel = (g.get("rel") or "").lower()
        this = holiday_date(name, anchor.year)
        if rel == "last":
            year = anchor.year if this < anchor else anchor.year - 1
        elif rel == "next":
            year = anchor.year if this > anchor else anchor.year + 1
        else:
            year = _year_for(this.month, this.day, anchor, tense)
    d = holiday_date(name, year)
    if g.get("week"):
        return "DATE", fmt_week(d) + ("-WE" if g["week"].lower() == "weekend" else "")
    return "DATE", fmt_day(d)


_ANA_SHIFT = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "prior": -1}


def anaphoric_value(unit: str, rel: str, ref: date) -> Value:
    """The value of "that day", "the following year" ... relative to the reference date ``ref``."""
    k = _ANA_SHIFT.get(rel, 0)
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        d = fmt_day(ref + timedelta(days=k))
        return _with_pod(d, unit) if unit != "day" else ("DATE", d)
    if unit == "week":
        return "DATE", fmt_week(ref + timedelta(weeks=k))
    if unit == "month":
        y, m = shift_month(ref.year, ref.month, k)
        return "DATE", f"{y}-{m:02d}"
    return "DATE", str(ref.year + k)


def _r_anaphoric(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    if anchor is None:
        return None
    return anaphoric_value(c.groups["unit"].lower(), (c.groups.get("rel") or "").lower(), anchor)


RESOLVERS: dict[str, Callable[[Candidate, date | None, str], Value | None]] = {
    "iso": _r_iso,
    "slash": _r_slash,
    "month_day": _r_month_day,
    "day_month": _r_month_day,
    "month": _r_month,
    "year": _r_year,
    "year_words": _r_year_words,
    "decade": _r_decade,
    "century": _r_century,
    "quarter": _r_quarter,
    "weekday": _r_weekday,
    "weekdays_pl": _r_weekdays_pl,
    "weekday_pods": _r_weekdays_pl,
    "clock": _r_clock,
    "deictic_day": _r_deictic_day,
    "pod": _r_pod,
    "relative": _r_relative,
    "holiday": _r_holiday,
    "anaphoric": _r_anaphoric,
    "season": _r_season,
    "week_of": _r_week_of,
    "half_year": _r_half_year,
    "duration": _r_duration,
    "duration_hyphen": _r_duration_hyphen,
    "year_ago": _r_year_ago,
    "unit_long": _r_unit_long,
    "vague_units": _r_vague_units,
    "set_every": _r_set_every,
    "set_adverb": _r_set_adverb,
    "deictic": _r_deictic,
    "current_adj": _r_current_adj,
}


def resolve(c: Candidate, anchor: date | None, tense: str) -> Value | None:
    """The TIMEX3 ``(type, value)`` of candidate ``c``, or ``None`` to drop it."""
    try:
        return RESOLVERS[c.rule](c, anchor, tense)
    except (OverflowError, ValueError):  # a date beyond the calendar's range: not resolvable
        return None
