"""The TIMEX3 recognition grammar: lexicons and precompiled patterns.

Each :class:`Rule` is one compiled regular expression over the document text with named
groups; a match becomes a :class:`Candidate` that :mod:`claimgraph.nlp.temporal.resolve`
turns into a TIMEX3 type and value. Extents follow TimeBank: determiners, modifiers
("early", "the end of", "nearly") and "ago" are inside; prepositions ("in", "on",
"since") are outside.

Month and weekday names are matched case-sensitively (``May`` yes, ``may`` no); the rest
ignores case. The rules only run in windows around key words (a digit, a month, a unit
word, "now" ...), found with one cheap word scan, so long texts cost little.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "noon": "12:00", "midnight": "24:00",
}  # fmt: skip

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "thousand": 1000, "a thousand": 1000, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "couple of": 2, "a couple": 2, "half a": 0.5, "a half": 0.5,
}  # fmt: skip

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
    "4th": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_UNIT_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9,
}  # fmt: skip
ORDINALS.update(
    {
        f"{tens}{sep}{w}": base + n
        for tens, base in (("twenty", 20), ("thirty", 30))
        for w, n in _UNIT_ORDINALS.items()
        for sep in ("-", " ")
        if base + n <= 31
    }
)

#: Unit word (singular, lower case) -> TIMEX3 duration letter(s) and whether it is a time unit.
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False),
    "fortnight": ("2W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
    "millennium": ("ML", False),
}  # fmt: skip

DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip

SET_ADVERBS = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
}  # fmt: skip

#: Single words and fixed phrases with a fixed value (lower case).
DEICTIC = {
    "now": ("DATE", "PRESENT_REF"),
    "currently": ("DATE", "PRESENT_REF"), "nowadays": ("DATE", "PRESENT_REF"),
    "these days": ("DATE", "PRESENT_REF"), "the present": ("DATE", "PRESENT_REF"),
    "at present": ("DATE", "PRESENT_REF"), "presently": ("DATE", "PRESENT_REF"),
    "recently": ("DATE", "PAST_REF"), "more recently": ("DATE", "PAST_REF"),
    "lately": ("DATE", "PAST_REF"), "the past": ("DATE", "PAST_REF"),
    "the future": ("DATE", "FUTURE_REF"), "then current": ("DATE", "PAST_REF"),
    "then-current": ("DATE", "PAST_REF"),
    "the near future": ("DATE", "FUTURE_REF"), "the near term": ("DATE", "FUTURE_REF"),
    "the short term": ("DATE", "FUTURE_REF"), "the long term": ("DATE", "FUTURE_REF"),
    "the years ahead": ("DATE", "FUTURE_REF"), "the days ahead": ("DATE", "FUTURE_REF"),
    "as soon as possible": ("DATE", "FUTURE_REF"), "a later date": ("DATE", "FUTURE_REF"),
}  # fmt: skip


#: Holidays: name -> fixed "MM-DD", or a rule ("easter+N", "nth:MONTH:WEEKDAY:N", N = -1 for last).
HOLIDAYS = {
    "christmas": "12-25", "christmas day": "12-25", "christmas eve": "12-24",
    "new year's day": "01-01", "new year's eve": "12-31", "new year's": "01-01",
    "independence day": "07-04", "fourth of july": "07-04", "halloween": "10-31",
    "valentine's day": "02-14", "veterans day": "11-11", "boxing day": "12-26",
    "easter": "easter+0", "easter sunday": "easter+0", "good friday": "easter-2",
    "easter monday": "easter+1", "thanksgiving": "nth:11:4:4", "thanksgiving day": "nth:11:4:4",
    "memorial day": "nth:5:1:-1", "labor day": "nth:9:1:1", "election day": "election",
    "martin luther king day": "nth:1:1:3", "presidents' day": "nth:2:1:3",
    "mother's day": "nth:5:7:2", "father's day": "nth:6:7:3",
}  # fmt: skip


def _alt(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _cased(words: list[str]) -> str:
    """Title- and upper-case variants of ``words``, matched case-sensitively."""
    forms = {w.capitalize() for w in words} | {w.upper() for w in words}
    return f"(?-i:{_alt(sorted(forms))})"


_MONTH_FULL = [w for w in MONTHS if len(w) > 3 and w != "sept"] + ["may"]
_MONTH_ABBR = [w for w in MONTHS if len(w) <= 4 and w not in ("may", "june", "july")]
MONTH = rf"(?:{_cased(_MONTH_FULL)}\b|{_cased(_MONTH_ABBR)}(?:\.|\b(?=\s*\d)))"
_WD_FULL = [w for w in WEEKDAYS if w.endswith("day")]
_WD_ABBR = [w for w in WEEKDAYS if not w.endswith("day")]
WEEKDAY = rf"(?:{_cased(_WD_FULL)}\b|{_cased(_WD_ABBR)}\.)"
WEEKDAYS_PL = rf"(?:{_cased([w + 's' for w in _WD_FULL])}\b)"
_DAY_ORD = [w for w, n in ORDINALS.items() if n <= 31 and not w[0].isdigit()]
DAYDIG = r"(?:[0-3]?\d)(?:st|nd|rd|th)?\b(?![-/:.,]?\d)"
DAYWORD = rf"(?:{_alt(_DAY_ORD)})\b(?![-\w])"
DAYNUM = rf"(?:{DAYDIG}|{DAYWORD})"
YEAR = r"(?:1[0-9]|20)\d\d(?![\d,.]\d|%|-\d)"
_UNITW = "one|two|three|four|five|six|seven|eight|nine"
_TEENW = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENSW = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
#: A year in words: "nineteen ninety-four", "two thousand and one".
YEAR_WORDS = (
    rf"(?:(?:nineteen|twenty)[\s-](?:(?:{_TENSW})(?:[\s-](?:{_UNITW}))?|{_TEENW}|oh[\s-](?:{_UNITW}))"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENW}|{_UNITW}))?)\b"
)
CARD = r"(?:\d+(?:\.\d+)?(?:\s+1/2)?)"
_NUMW = [w for w in NUMBER_WORDS if w not in ("a", "an")]
NUMWORD = rf"(?:(?:{_alt(_NUMW)})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?)"
NUM = rf"(?:{CARD}|{NUMWORD}|an?)(?:\s+and\s+a\s+half)?"
FUZZY = r"(?:a\s+few|few|several|some|many|a\s+number\s+of|dozens\s+of|hundreds\s+of|a\s+couple\s+of)"
UNIT_SG = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|millennium)"
UNIT_PL = r"(?:seconds|minutes|hours|days|nights|weeks|fortnights|months|quarters|years|decades|centuries|millennia)"
UNIT = rf"(?:{UNIT_PL}|{UNIT_SG})"
APPROX = (
    r"(?:about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|just\s+over|just\s+under|some)"
)
MOD = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:early|earlier|late|later|mid|middle)(?:\s+|-)(?:in\s+)?"
    r"|(?:the\s+)?(?:end|beginning|start|middle|close|turn|dawn|first\s+half|second\s+half"
    r"|last\s+half|latter\s+half|better\s+part|good\s+part)\s+of\s+(?:the\s+)?|sometime\s+)"
)
SEASON = r"(?:spring|summer|fall|autumn|winter)"
POD = r"(?:morning|afternoon|evening|night)"
REL = r"(?:this\s+past|this|last|next|past|coming|previous|following|current|same|that)"
CLOCK = (
    r"(?:(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
    r"|(?P<hp>[01]?\d)(?::(?P<mip>[0-5]\d))?(?:\s+o'clock)?\s+in\s+the\s+(?P<podc>morning|afternoon|evening)"
    r"|(?<![+\d])(?P<h24>[012]\d):(?P<mi24>[0-5]\d)(?![\d.])|(?P<noon>noon|midnight|midday))"
)
TZ = r"(?:\s+(?-i:[A-Z]{2,4}T|GMT|UTC))?"

_FLAGS = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]


def _rule(name: str, pattern: str) -> Rule:
    return Rule(name, re.compile(rf"(?<![\w-]){pattern}(?!\w|-\w)", _FLAGS))


RULES: tuple[Rule, ...] = (
    _rule("iso", r"(?P<y>(?:1\d|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<t>\d\d:\d\d(?::\d\d)?))?"),
    _rule("slash", r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:1\d|20)?\d\d)"),
    _rule(
        "month_day",
        rf"(?:(?P<mod>{MOD}))?(?:(?P<rel>this\s+coming|this|last|next|coming)\s+)?"
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})"
        rf"(?:,?\s+(?:(?P<y>{YEAR})|(?P<yw>{YEAR_WORDS})))?",
    ),
    _rule(
        "day_month",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?:the\s+)?(?P<day>{DAYDIG})\s+(?:of\s+)?|the\s+(?P<dayw>{DAYWORD})\s+of\s+)"
        rf"(?P<mon>{MONTH})"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
    ),
    _rule(
        "month",
        rf"(?:(?P<mod>{MOD}))?(?:(?P<rel>{REL})\s+)?(?P<mon>{MONTH})"
        rf"(?:,?\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<yw>{YEAR_WORDS}))|\s+(?P<rely>this|last|next)\s+year)?",
    ),
    _rule(
        "half_year",
        r"(?:the\s+)?(?P<half>first|second|last|latter)\s+(?:half|two\s+quarters)\s+of\s+(?:(?:the\s+)?fiscal\s+(?:year\s+)?)?"
        rf"(?P<y>{YEAR})",
    ),
    _rule(
        "year",
        rf"(?:(?P<mod>{MOD}))?(?:(?:the\s+)?(?P<fiscal>fiscal)(?:\s+year)?\s+)?"
        rf"(?:(?:the\s+)?year\s+)?(?:(?P<the>the)\s+(?=\d{{4}}\s+(?:period|quarter)))?(?P<y>{YEAR})"
        r"(?:\s+(?P<period>period|quarter)|\s+(?P<beyond>and\s+beyond|or\s+later|or\s+earlier))?",
    ),
    _rule(
        "year_words",
        r"(?:the\s+year\s+)?(?P<yw>(?:nineteen|twenty)[\s-]\w+(?:[\s-]\w+)?|two\s+thousand(?:\s+and\s+\w+)?)",
    ),
    _rule(
        "decade",
        rf"(?:the\s+)?(?:(?P<mod>{MOD}))?(?:(?P<dec>(?:1\d|20)\d0)'?s|'(?P<dec2>\d0)s"
        rf"|(?P<decw>{_alt(list(DECADE_WORDS))}))",
    ),
    _rule(
        "century",
        rf"(?:the\s+)?(?:(?P<mod>{MOD}))?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_alt(list(ORDINALS))})"
        r"[\s-]+century",
    ),
    _rule(
        "quarter",
        r"(?:(?P<det>the|this\s+year'?s|last\s+year'?s|next\s+year'?s|that|this)\s+)?"
        rf"(?:(?P<adj>(?:(?:comparable|year-earlier|year-ago|latest|most\s+recent|recent|current"
        rf"|previous|prior|same|fiscal|flat|{YEAR})\s+)*))"
        r"(?:fiscal-)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest)?(?:[\s-]+fiscal)?"
        r"(?P<sep>[\s-]+)?(?P<unit>quarter|half|period)(?!\s+of\s+(?![$£€]|(?:fiscal\s+)?\d))"
        rf"(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR}))?",
    ),
    _rule(
        "weekday",
        rf"(?:(?P<mod>{MOD}))?(?:(?:the\s+)?(?P<rel>this\s+coming|this|last|next|coming|past|previous|following)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}))?",
    ),
    _rule("weekdays_pl", rf"(?P<wds>{WEEKDAYS_PL})(?:\s+(?P<pod>{POD}s?))?"),
    _rule("weekday_pods", rf"(?P<wd>{WEEKDAY})\s+(?P<pod>{POD})s"),
    _rule(
        "clock",
        rf"(?:(?P<approx>about|around|approximately|at\s+about|shortly\s+(?:before|after))\s+)?"
        rf"{CLOCK}{TZ}(?:,?\s+(?:on\s+)?(?P<wd>{WEEKDAY}))?",
    ),
    _rule(
        "deictic_day",
        rf"(?:(?P<mod>{MOD}))?(?:(?P<podpre>(?:mid-?)?{POD})\s+)?(?P<dd>today|yesterday|tomorrow)"
        rf"(?:\s+(?P<pod>{POD}))?",
    ),
    _rule(
        "pod",
        rf"(?:(?P<rel>this|last|tomorrow|yesterday|the)\s+)?(?P<pod>{POD}|tonight|overnight)",
    ),
    _rule(
        "holiday",
        rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>(?-i:{_alt([h.title() for h in HOLIDAYS])}))"
        rf"(?:\s+(?P<week>week|weekend))?(?:,?\s+(?P<y>{YEAR}))?",
    ),
    _rule(
        "anaphoric",
        r"(?:(?P<mod>earlier|later)\s+)?(?:(?P<ana>that(?:\s+same)?|the\s+same)|the\s+(?P<rel>next|following"
        r"|previous|preceding|prior))\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)",
    ),
    _rule(
        "relative",
        rf"(?:(?P<mod>{MOD}))?(?:(?P<rel>(?:the\s+)?(?:{REL}|latest|fiscal|calendar|full)(?:\s+(?:fiscal|calendar))?|the)\s+)?"
        rf"(?P<unit>week|weekend|month|year|decade|century|{SEASON}|season|fiscal\s+year)",
    ),
    _rule(
        "season",
        rf"(?:the\s+)?(?:(?P<mod>{MOD}))?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<yw>{YEAR_WORDS})))",
    ),
    _rule(
        "week_of",
        rf"(?:the\s+)?week\s+of\s+(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
    ),
    _rule(
        "duration",
        rf"(?:(?P<det>the)\s+)?(?:(?P<rel>past|last|next|first|coming|previous"
        rf"|final|following|ensuing|preceding|remaining|initial|prior|latest|better\s+part\s+of\s+the)\s+)?"
        rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>(?:{CARD}|{NUMWORD})\s+(?:to|or)\s+(?:{NUM})|{NUM}|{FUZZY})\s+(?:(?:more|additional|full|straight"
        rf"|consecutive|trading|business|calendar|working|long)\s+)?(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?"
        r"(?:\s+(?P<dir>ago|earlier|from\s+now|hence|or\s+so\s+ago|or\s+so))?",
    ),
    _rule(
        "duration_hyphen",
        rf"(?P<num>\d+(?:\.\d+)?|{NUMWORD}|several|multi)-(?P<unit>{UNIT_SG})(?:-(?P<old>old|long))?",
    ),
    _rule("unit_long", rf"(?P<unit>{UNIT})-long"),
    _rule("year_ago", r"(?:around\s+)?(?P<ya>year-earlier|year-ago|year-end|year\s+end)"),
    _rule(
        "vague_units",
        rf"(?:(?P<det>the)\s+)?(?:(?P<rel>past|last|next|coming|recent|previous|few|several|many|ensuing|future)\s+)?"
        rf"(?P<unit>{UNIT_PL})(?:\s+(?P<dir>ago|ahead|to\s+come))?",
    ),
    _rule(
        "set_every",
        rf"(?P<every>every|each|per)\s+(?:other\s+)?(?:(?P<num>{NUM})\s+)?"
        rf"(?:(?P<unit>{UNIT_SG}|weekend)|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})|(?P<pod>{POD}))",
    ),
    _rule("set_adverb", rf"(?P<adv>{_alt(list(SET_ADVERBS))})"),
    _rule("deictic", rf"(?P<word>{_alt(list(DEICTIC))})"),
    _rule("current_adj", r"(?P<word>current)"),
)


@dataclass(slots=True)
class Candidate:
    """One match of one rule: ``[start, end)`` in the text, the rule name, its groups."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]
    priority: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


#: Words at least one of which (or a digit) every rule's match contains; the rules only run
#: in windows around them, which keeps the step cheap on long texts.
_KEYWORDS = frozenset(
    list(MONTHS)
    + list(WEEKDAYS)
    + list(SEASONS)
    + list(PARTS_OF_DAY)
    + list(DECADE_WORDS)
    + list(SET_ADVERBS)
    + list(UNITS)
    + [w.split()[-1] for w in DEICTIC]
    + list(ORDINALS)
    + [h.split()[0].split("'")[0] for h in HOLIDAYS]
    + [w + "s" for w in UNITS]
    + [w + "s" for w in WEEKDAYS]
    + "today yesterday tomorrow now current centuries millennia nineteen twenty thousand"
    " period half quarter fortnight year day week month hour minute second".split()
)
_WORD = re.compile(r"[A-Za-z]+|\d")
_WINDOW = 50


def _windows(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        w = m.group()
        if not (w.isdigit() or w.lower() in _KEYWORDS):
            continue
        lo, hi = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def _words(*groups: str | Iterable[str]) -> frozenset[str]:
    """The lower-case words of some phrases (a string is split at spaces)."""
    out: set[str] = set()
    for g in groups:
        for phrase in (g.split() if isinstance(g, str) else g):
            out.update(_WORD.findall(phrase.lower()))
    return frozenset(out)


_DIGIT = "0"  # every digit reads as this word in a window's words
_UNIT_WORDS = _words(UNITS, [u + "s" for u in UNITS], "centuries millennia")
#: Words one of which every match of a rule contains, as a whole word of the text ("0" for a
#: digit): a rule runs only in the windows that hold one. A window is searched as if the text
#: ended at its edges, so a match lies inside it and its words are among the window's words;
#: the gates only skip searches that cannot match (same candidates on every text).
_GATES: dict[str, frozenset[str]] = {
    "iso": _words(_DIGIT), "slash": _words(_DIGIT), "half_year": _words(_DIGIT), "year": _words(_DIGIT),
    "month_day": _words(MONTHS), "day_month": _words(MONTHS), "month": _words(MONTHS),
    "week_of": _words("week"),
    "year_words": _words("nineteen twenty thousand"),
    "decade": _words(_DIGIT, DECADE_WORDS),
    "century": _words("century"),
    "quarter": _words("quarter half period"),
    "weekday": _words(WEEKDAYS), "weekday_pods": _words(WEEKDAYS),
    "weekdays_pl": _words([w + "s" for w in _WD_FULL]),
    "clock": _words(_DIGIT, "noon midnight midday"),
    "deictic_day": _words("today yesterday tomorrow"),
    "pod": _words("morning afternoon evening night tonight overnight"),
    "holiday": _words(HOLIDAYS),
    "anaphoric": _words("day week month year morning afternoon evening night"),
    "relative": _words("week weekend month year decade century season", SEASONS),
    "season": _words(SEASONS),
    "duration": _UNIT_WORDS, "duration_hyphen": _UNIT_WORDS, "unit_long": _UNIT_WORDS,
    "vague_units": _UNIT_WORDS,
    "year_ago": _words("year"),
    "set_every": _words("every each per"),
    "set_adverb": _words(SET_ADVERBS),
    "deictic": _words(DEICTIC),
    "current_adj": _words("current"),
}
_GATED: tuple[tuple[int, Rule, frozenset[str]], ...] = tuple(
    (prio, rule, _GATES[rule.name]) for prio, rule in enumerate(RULES))


def _window_words(text: str, lo: int, hi: int) -> set[str]:
    return {_DIGIT if w.isdigit() else w.lower() for w in _WORD.findall(text, lo, hi)}


def find_candidates(text: str) -> list[Candidate]:
    """Every match of every rule, overlapping ones included."""
    found: list[Candidate] = []
    seen: set[tuple[int, int, int]] = set()
    for lo, hi in _windows(text):
        words = _window_words(text, lo, hi)
        for prio, rule, gate in _GATED:
            if gate.isdisjoint(words):
                continue
            for m in rule.pattern.finditer(text, lo, hi):
                key = (m.start(), m.end(), prio)
                if m.end() == m.start() or key in seen:
                    continue
                seen.add(key)
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                found.append(Candidate(m.start(), m.end(), rule.name, groups, prio))
    return found


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then the earlier rule."""
    chosen: list[Candidate] = []
    end = max((c.end for c in cands), default=0)
    taken = bytearray(end)
    for c in sorted(cands, key=lambda c: (-c.length, c.priority, c.start)):
        if any(taken[c.start : c.end]):
            continue
        chosen.append(c)
        taken[c.start : c.end] = b"\x01" * c.length
    chosen.sort(key=lambda c: c.start)
    return chosen
