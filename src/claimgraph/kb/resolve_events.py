"""Cross-document event resolution: one real-world event is one event.

An event mention is reduced to a plain feature dict (:func:`features`) and compared only
with stored events that share a blocking key: event type + a participant's (or the
place's) resolved actor id + month. :func:`same_event` is a pure function over two
feature dicts returning a score in [0, 1]; :data:`THRESHOLD` decides. Status is *not* a
feature: "foiled" in one outlet and "occurred" in another is one contested event.

One scorer, one lexicon: the store resolves events with :func:`same_event` (participant,
time and place rules built on resolved actor ids, which the store has and ECB+ does not);
trigger meaning comes from :mod:`event_coref`'s synonym groups too (:func:`trigger_groups`,
feature ``groups``), so "killed"/"shot dead" or "quake"/"earthquake" reports count as the
same word. :func:`event_coref.score`/``cluster`` stay the batch scorer the ECB+ bench
evaluates (it works on names and story similarity, without a store). On BASIL
(bench/eval_multi_outlet.py, 100 triplets) adding the shared groups left the figures
unchanged: 88 cross-outlet events, 11 false merges, 44 triplets hit, before and after.

Feature dict keys: ``type``, ``mode``, ``lemma`` (trigger meaning group), ``groups``
(:func:`trigger_groups`; absent in events stored before it existed), ``actors``
(``{actor_id: role}`` of named participants), ``location`` (actor id), ``geonames``,
``start``/``end`` (:class:`datetime.date` of the event time), ``published`` (the
document's date, a weaker stand-in when the event has no time) and ``context`` (the
document's most mentioned people and organisations: an event with no named participant
and no place can only join an event of the same type and trigger meaning, reported
within two days, in a document about at least two of the same actors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import event_coref as coref
from .normalise import fold, months, widen

THRESHOLD = 0.6
#: Events joined by document context alone must be reported at most this many days apart.
CONTEXT_DAYS = 2

#: Trigger words with the same meaning share a group name (the first word).
_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("kill", "slay", "murder", "assassinate", "assassination", "execute", "shoot", "gun", "death", "dead"),
    ("kidnap", "abduct", "abduction", "kidnapping", "seize", "snatch", "hostage"),
    ("arrest", "detain", "detention", "apprehend", "capture", "custody", "round"),
    ("attack", "strike", "assault", "raid", "ambush", "bomb", "bombing", "blast", "explosion", "explode"),
    ("plot", "plan", "conspiracy", "scheme"),
    ("visit", "trip", "tour", "travel"),
    ("meet", "meeting", "talk", "summit", "negotiate", "negotiation"),
    ("sign", "agree", "agreement", "deal", "accord", "treaty"),
    ("accuse", "blame", "allege", "charge", "accusation"),
    ("sanction", "embargo", "ban"),
    ("protest", "demonstrate", "demonstration", "rally", "march"),
    ("recruit", "hire", "enlist", "recruitment"),
    ("sentence", "convict", "jail", "imprison", "conviction"),
    ("resign", "quit", "step", "resignation"),
    ("elect", "election", "vote", "win"),
    ("fire", "sack", "dismiss", "oust"),
    ("invade", "invasion", "occupy", "occupation"),
    ("threaten", "threat", "warn", "warning"),
    ("shutdown", "shut", "close", "closure"),
)
_GROUP_OF: dict[str, str] = {w: g[0] for g in _SYNONYM_GROUPS for w in g}
_SUFFIXES = ("ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s")


def trigger_lemma(text: str) -> str:
    """A rough meaning group of a trigger: its head word, de-inflected, via synonym groups."""
    words = fold(text).split()
    if not words:
        return ""
    word = words[-1] if len(words) > 1 and words[0] in ("the", "a", "an") else words[0]
    if word in _GROUP_OF:
        return _GROUP_OF[word]
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            stem = word[: -len(suf)]
            for cand in (stem, stem + "e", stem + "y", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                if cand in _GROUP_OF:
                    return _GROUP_OF[cand]
            return stem
    return word


_TRIGGER_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})


def trigger_groups(text: str) -> list[str]:
    """The meaning groups of a trigger's words in :mod:`event_coref`'s lexicon (the one
    lexicon the ECB+ bench tunes): "shot dead" -> ["kill", "shoot"], "quake" and
    "earthquake" -> ["earthquake"]. Two triggers mean the same when their groups meet."""
    out: set[str] = set()
    for word in _TRIGGER_WORD.findall(text)[:4]:
        if word.lower() in _ARTICLES:
            continue
        out.add(coref.trigger_group(coref.normalise_lemma(word)))
    return sorted(out)


def _same_meaning(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same trigger lemma (this module's groups) or shared :func:`trigger_groups`."""
    if a.get("lemma") and a.get("lemma") == b.get("lemma"):
        return True
    ga, gb = a.get("groups"), b.get("groups")
    return bool(ga and gb and set(ga) & set(gb))


def _gap_days(a0: date, a1: date, b0: date, b1: date) -> int:
    if a1 < b0:
        return (b0 - a1).days
    if b1 < a0:
        return (a0 - b1).days
    return 0


def _time_score(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """1 for overlapping times, less for a gap; ``None`` vetoes (too far apart)."""
    if a.get("start") and b.get("start"):
        gap = _gap_days(a["start"], a.get("end") or a["start"], b["start"], b.get("end") or b["start"])
        if gap == 0:
            return 1.0
        if gap <= 3:
            return 0.7
        if gap <= 7:
            return 0.4
        return None
    pa = a.get("start") or a.get("published")
    pb = b.get("start") or b.get("published")
    if pa and pb:
        gap = abs((pa - pb).days)
        return 0.6 if gap <= 7 else 0.0
    return 0.3


def _participant_score(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    aa: dict[str, str] = a.get("actors") or {}
    ba: dict[str, str] = b.get("actors") or {}
    a_targets = {x for x, r in aa.items() if r == "target"}
    b_targets = {x for x, r in ba.items() if r == "target"}
    if a_targets and b_targets and not (a_targets & b_targets):
        return None
    shared = set(aa) & set(ba)
    if not shared:
        return 0.0
    conflicts = sum(1 for x in shared if {aa[x], ba[x]} == {"actor", "target"})
    base = len(shared) / min(len(aa), len(ba))
    return max(0.0, base - 0.5 * conflicts)


def _place_score(a: dict[str, Any], b: dict[str, Any]) -> float:
    if a.get("location") and a.get("location") == b.get("location"):
        return 1.0
    ga, gb = a.get("geonames"), b.get("geonames")
    if ga and gb:
        return 1.0 if ga == gb else 0.0
    return 0.5


def _context_score(a: dict[str, Any], b: dict[str, Any], tscore: float, trig: float) -> float:
    """Events with no shared participant or place: same story, word and days (<= 2) only."""
    if (a.get("actors") and b.get("actors")) or trig < 1.0 or tscore < 0.6:
        return 0.0
    da, db = a.get("start") or a.get("published"), b.get("start") or b.get("published")
    if da is None or db is None or abs((da - db).days) > CONTEXT_DAYS:
        return 0.0
    if a.get("mode") != b.get("mode"):
        return 0.0
    shared = len(set(a.get("context") or ()) & set(b.get("context") or ()))
    return 0.0 if shared < 2 else round(min(1.0, 0.5 + 0.05 * shared + 0.1 * tscore), 4)


def same_event(a: dict[str, Any], b: dict[str, Any]) -> float:
    """How likely two event mentions (feature dicts) are one real-world event, 0..1."""
    if a.get("type") != b.get("type"):
        return 0.0
    part = _participant_score(a, b)
    tscore = _time_score(a, b)
    if part is None or tscore is None:
        return 0.0
    place = _place_score(a, b)
    trig = 1.0 if _same_meaning(a, b) else 0.5
    if part == 0.0 and place < 1.0:
        return _context_score(a, b, tscore, trig)
    if tscore == 0.0 and not (place == 1.0 and trig == 1.0):
        return 0.0  # reported more than a week apart: only the same word at the same place may join
    score = 0.4 * max(part, 0.6 if place == 1.0 else 0.0) + 0.25 * tscore + 0.15 * place + 0.2 * trig
    if a.get("mode") and b.get("mode") and a["mode"] != b["mode"]:
        score *= 0.7
    return round(min(1.0, score), 4)


def block_keys(f: dict[str, Any], *, query: bool) -> list[str]:
    """Blocking keys: type + each participant/location actor + month.

    Stored mentions are indexed under the months of their time; a new mention looks a
    week either side so that events near a month boundary still meet.
    """
    start = f.get("start") or f.get("published")
    end = f.get("end") or start
    if start is None or end is None:
        month_keys = ["none"]
    else:
        lo, hi = (widen(start, -7), widen(end, 7)) if query else (start, end)
        month_keys = months(lo, hi)
    anchors = [f"a:{x}" for x in sorted(f.get("actors") or {})]
    if f.get("location"):
        anchors.append(f"l:{f['location']}")
    anchors += [f"c:{x}:{f.get('lemma')}" for x in (f.get("context") or ())]
    return [f"{f.get('type')}|{anc}|{m}" for anc in anchors for m in month_keys]


@dataclass(slots=True)
class EventCard:
    """What the resolver remembers about one stored event: its mentions' features."""

    id: str
    type: str
    mentions: list[dict[str, Any]] = field(default_factory=list)


class EventIndex:
    def __init__(self) -> None:
        self.by_key: dict[str, list[str]] = {}
        self.cards: dict[str, EventCard] = {}

    def add(self, event_id: str, f: dict[str, Any]) -> None:
        card = self.cards.setdefault(event_id, EventCard(event_id, f.get("type") or ""))
        if len(card.mentions) < 16:
            card.mentions.append(f)
        for k in block_keys(f, query=False):
            ids = self.by_key.setdefault(k, [])
            if event_id not in ids:
                ids.append(event_id)

    def best_match(self, f: dict[str, Any]) -> tuple[str, float] | None:
        """The stored event most likely the same as mention ``f`` (score >= THRESHOLD)."""
        seen: set[str] = set()
        best: tuple[str, float] | None = None
        for k in block_keys(f, query=True):
            for eid in self.by_key.get(k, ()):
                if eid in seen:
                    continue
                seen.add(eid)
                card = self.cards.get(eid)
                if card is None:
                    continue
                score = max((same_event(f, m) for m in card.mentions), default=0.0)
                if score >= THRESHOLD and (best is None or score > best[1]):
                    best = (eid, score)
        return best
