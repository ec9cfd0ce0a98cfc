"""Name normalisation and blocking keys shared by actor resolution and source counting.

A *key* is a short string ``"<family>|<normalised name>"``; two entities can only be
compared when they share a key, so resolution never looks at all pairs.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

#: Entity type -> the family within which names are compared.
TYPE_FAMILY: dict[str, str] = {
    "PERSON": "per",
    "ORG": "org",
    "GPE": "plc",
    "LOC": "plc",
    "FAC": "fac",
    "NORP": "nrp",
    "WEAPON": "wpn",
    "VEHICLE": "veh",
    "OBJECT": "obj",
}

#: Titles and honorifics dropped before comparing person names.
TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady rabbi imam father rev reverend sheikh shaykh
    president vice prime minister premier chancellor king queen prince princess emperor
    gen general lt col colonel maj major capt captain sgt sergeant adm admiral cmdr
    commander senator sen rep representative congressman congresswoman governor gov mayor
    judge justice secretary ambassador minister mp mep chairman chairwoman chief officer
    ayatollah pope cardinal bishop archbishop saint st former late acting deputy
    """.split()
)

#: Courtesy titles that say a person's gender and style of address. A knight ("Sir Ian
#: Blair") is never "Mr Blair", and "Mrs Blair" is not "Mr Blair".
HONORIFICS: dict[str, tuple[str, str]] = {
    "mr": ("m", "plain"), "mrs": ("f", "plain"), "ms": ("f", "plain"), "miss": ("f", "plain"),
    "sir": ("m", "rank"), "lord": ("m", "rank"), "dame": ("f", "rank"), "lady": ("f", "rank"),
}

ORG_SUFFIXES = frozenset("inc ltd llc plc corp co corporation company limited gmbh ag sa".split())

_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s)\b")


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.lower())
    text = _NON_WORD.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def name_tokens(name: str, entity_type: str) -> list[str]:
    """The comparable tokens of a name: folded, leading article and titles removed."""
    toks = fold(name).split()
    while toks and toks[0] in ("the", "a", "an"):
        toks = toks[1:]
    if entity_type == "PERSON":
        stripped = [t for t in toks if t not in TITLES]
        toks = stripped or toks
    elif entity_type == "ORG" and len(toks) > 1 and toks[-1] in ORG_SUFFIXES:
        toks = toks[:-1]
    return toks


def family(entity_type: str) -> str:
    return TYPE_FAMILY.get(entity_type, entity_type.lower())


def name_key(name: str, entity_type: str) -> str | None:
    """The exact-name key of ``name`` (``None`` for a name with no word left)."""
    toks = name_tokens(name, entity_type)
    if not toks:
        return None
    fam = family(entity_type)
    if entity_type == "PERSON" and len(toks) == 1:
        return f"per1|{toks[0]}"
    return f"{fam}|{' '.join(toks)}"


def first_last_key(name: str, entity_type: str) -> str | None:
    """For a person name, the key of first + last name only ("John A. Boehner" -> john boehner)."""
    if entity_type != "PERSON":
        return None
    toks = name_tokens(name, entity_type)
    if len(toks) < 2:
        return None
    return f"perfl|{toks[0]} {toks[-1]}"


def person_parts(name: str) -> tuple[str, tuple[str, ...], str] | None:
    toks = name_tokens(name, "PERSON")
    if len(toks) < 2:
        return None
    return toks[0], tuple(toks[1:-1]), toks[-1]


def middles_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """``("w",)`` and ``("walker",)`` agree; ``("h", "w")`` and ``("w",)`` do not."""
    if not a or not b:
        return True
    if len(a) != len(b):
        return False
    return all(x.startswith(y) or y.startswith(x) for x, y in zip(a, b, strict=True))


def honorific(name: str) -> tuple[str, str] | None:
    """``(gender, style)`` of the courtesy title that opens a person name, else ``None``.

    ``"Mrs Blair"`` -> ``("f", "plain")``, ``"Commissioner Sir Ian Blair"`` -> ``("m", "rank")``.
    """
    toks = fold(name).split()
    return next((HONORIFICS[t] for t in toks[:-1] if t in HONORIFICS), None)


def first_names_agree(a: str, b: str) -> bool:
    """``"tony"``/``"tony"`` and ``"g"``/``"george"`` agree; ``"tony"``/``"ian"`` do not."""
    return a == b or (len(a) == 1 or len(b) == 1) and a[0] == b[0]


def source_key(name: str) -> str:
    """Normalised name of an originating source (an unresolved chain link)."""
    return " ".join(name_tokens(name, "ORG")) or fold(name)


def parse_date(value: str | None) -> date | None:
    """The date part of an ISO 8601 date/datetime string, or ``None``."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value[:10])
        if len(value) >= 7 and value[4] == "-":
            return date(int(value[:4]), int(value[5:7]), 1)
        return date(int(value[:4]), 1, 1)
    except ValueError:
        return None


def months(start: date, end: date, limit: int = 4) -> list[str]:
    """``YYYY-MM`` of every month from ``start`` to ``end`` (at most ``limit``)."""
    out: list[str] = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month) and len(out) < limit:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def widen(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return d
