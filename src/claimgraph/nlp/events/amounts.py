"""Money amounts in text: "$200,000", "€3 million", "200,000 dollars", "5 million manat".

:func:`find_amounts` scans a piece of text and returns :class:`~claimgraph.models.Amount`
records with the numeric value and ISO 4217 currency code. Currency words come from
pycountry's currency names (the last word of "Azerbaijan Manat" is "manat"), with a few
common words pinned to the currency most news means by them (dollar -> USD).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...models import Amount

_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₺": "TRY", "₼": "AZN",
    "c$": "CAD", "a$": "AUD",
}

#: Words pinned to one currency (pycountry lists many "dollars" and "pesos").
_PINNED: dict[str, str | None] = {
    "dollar": "USD", "buck": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "ruble": "RUB",
    "rouble": "RUB", "manat": "AZN", "lira": "TRY", "rial": "IRR", "shekel": "ILS",
    "hryvnia": "UAH", "lari": "GEL", "franc": "CHF", "won": "KRW", "real": "BRL",
    "peso": None, "dinar": None, "colon": "SVC", "sol": "PEN", "inti": "PEN", "quetzal": "GTQ",
}

#: Nouns that name money, never an event ("a single cent", "ten euros"; the events' detector
#: skips them, features.money_unit): the pinned currency words but those that are also other
#: English words or rare ("won", "real", "colon", "sol", "inti", "quetzal"), and coins and
#: hundredth parts.
MONEY_NOUNS = frozenset(set(_PINNED) - {"won", "real", "colon", "sol", "inti", "quetzal"}) | frozenset({
    "riyal", "cent", "penny", "pence", "dime", "centavo", "kopek", "kopeck", "paisa"})

_SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}


@lru_cache(maxsize=1)
def currency_words() -> dict[str, str | None]:
    """Lower-case currency word (singular) -> ISO code (None when ambiguous)."""
    words: dict[str, str | None] = {}
    try:
        import pycountry

        seen: dict[str, set[str]] = {}
        for cur in pycountry.currencies:
            last = cur.name.lower().split()[-1]
            if last.isalpha() and len(last) > 2:
                seen.setdefault(last, set()).add(cur.alpha_3)
        for word, codes in seen.items():
            words[word] = next(iter(codes)) if len(codes) == 1 else None
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    words.update(_PINNED)
    return words


_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|[kmb])\b)?"
_SYM = r"(?P<sym>US\$|C\$|A\$|\$|€|£|¥|₹|₽|₺|₼|USD|EUR|GBP)"

_SYMBOL_FIRST = re.compile(rf"{_SYM}\s?{_NUM}{_SCALE}", re.IGNORECASE)
_WORD_AFTER = re.compile(rf"\b{_NUM}{_SCALE}\s+(?P<word>[A-Za-z]+)")


def _value(num: str, scale: str | None) -> float:
    v = float(num.replace(",", ""))
    if scale:
        v *= _SCALES.get(scale.lower(), 1.0)
    return v


def _currency_of_word(word: str) -> tuple[bool, str | None]:
    w = word.lower()
    words = currency_words()
    for cand in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w):
        if cand in words:
            return True, words[cand]
    return False, None


def find_amounts(text: str, offset: int = 0) -> list[tuple[int, int, Amount]]:
    """Every money amount in ``text``: ``(start, end, Amount)``, offsets shifted by ``offset``."""
    found: list[tuple[int, int, Amount]] = []
    taken: list[tuple[int, int]] = []
    for m in _SYMBOL_FIRST.finditer(text):
        code = _SYMBOLS.get(m.group("sym").lower())
        amt = Amount(m.group(0), _value(m.group("num"), m.group("scale")), code)
        found.append((m.start() + offset, m.end() + offset, amt))
        taken.append((m.start(), m.end()))
    for m in _WORD_AFTER.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        is_currency, code = _currency_of_word(m.group("word"))
        if not is_currency:
            continue
        amt = Amount(m.group(0), _value(m.group("num"), m.group("scale")), code)
        found.append((m.start() + offset, m.end() + offset, amt))
    found.sort(key=lambda x: x[0])
    return found


def parse_amount(text: str) -> Amount | None:
    """The first money amount in ``text``, or None."""
    hits = find_amounts(text)
    return hits[0][2] if hits else None


__all__ = ["find_amounts", "parse_amount", "currency_words", "MONEY_NOUNS"]
