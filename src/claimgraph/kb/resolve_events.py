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

A second pass, :func:`join_within_story`, runs once the document has joined its story
(kb/stories.py): the events it opened join the story's event with the same trigger meaning
(the same-lemma-within-document-clusters baseline, with the story as the cluster), or, on
stronger evidence, an event of another story (see the section at the end of this module).

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

import json
import re
from collections.abc import Iterable
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


#: Verb + object phrases whose meaning is not the verb's: "opened fire" is a shooting.
_PHRASES: dict[tuple[str, str], str] = {
    ("open", "fire"): "shoot", ("set", "fire"): "blaze", ("set", "ablaze"): "blaze",
    ("step", "down"): "resign", ("gun", "down"): "shoot",
}
#: Words after "fired" that make it a shooting, not a dismissal.
_SHOT_WORDS = frozenset("shot shots at on upon into rounds round bullets bullet weapon weapons gun guns "
                        "missile missiles rocket rockets shells tear warning volley".split())


def trigger_groups(text: str, after: str = "") -> list[str]:
    """The meaning groups of a trigger's words in :mod:`event_coref`'s lexicon (the one
    lexicon the ECB+ bench tunes): "shot dead" -> ["kill", "shoot"], "quake" and
    "earthquake" -> ["earthquake"]. Two triggers mean the same when their groups meet.

    ``after`` is the text right after the trigger: "opened" + "fire" is a shooting, "fired"
    is a dismissal unless shots follow ("fired at", "fired shots"), and "fire" followed by
    "on", "at" or "into" (the trigger of "opened fire on the crowd") is a shooting."""
    out: set[str] = set()
    words = [w for w in _TRIGGER_WORD.findall(text)[:4] if w.lower() not in _ARTICLES]
    if len(words) > 1:  # "turning themselves in": the particle and pronoun carry no meaning
        words = [w for w in words if w.lower() not in _FUNCTION_WORDS] or words[:1]
    nxt = (_TRIGGER_WORD.findall(after[:40]) or [""])[0].lower()
    for word in words:
        lemma = coref.normalise_lemma(word)
        phrase = _PHRASES.get((lemma, nxt)) if word is words[-1] else None
        if phrase:
            out.add(phrase)
        elif lemma == "fire" and word.lower() in ("fired", "fires", "firing") and after:
            out.add("shoot" if nxt in _SHOT_WORDS else "dismiss")
        elif lemma == "fire" and nxt in _SHOT_WORDS:  # "(opened) fire on the crowd"
            out.add("shoot")
        else:
            group = coref.trigger_group(lemma)
            out.add(group)
            if group == lemma:  # a noun outside the lexicon meets its verb: "discussion" ~ "discuss"
                out.update(coref.derivation_roots(lemma))
    return sorted(out)


#: Words of a multi-word trigger that name no event: particles, pronouns, auxiliaries.
_FUNCTION_WORDS = frozenset(
    "in into on onto up down out off over at to for of with by from about as back away "
    "his her its their our my your him them themselves himself herself itself "
    "be is was were been being has have had do does did will would".split()
)


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
    if trig < 1.0 and not (part >= 1.0 and place == 1.0):
        return 0.0  # another word for the same type joins only with all its participants and its place
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
        #: trigger meaning group + an actor the mention's document is about -> event ids
        #: (the candidates of :meth:`cross_story_match`).
        self.by_meaning: dict[str, list[str]] = {}

    def add(self, event_id: str, f: dict[str, Any]) -> None:
        card = self.cards.setdefault(event_id, EventCard(event_id, f.get("type") or ""))
        if len(card.mentions) < 16:
            card.mentions.append(f)
        for k in block_keys(f, query=False):
            ids = self.by_key.setdefault(k, [])
            if event_id not in ids:
                ids.append(event_id)
        for k in meaning_keys(f, query=False):
            ids = self.by_meaning.setdefault(k, [])
            if event_id not in ids:
                ids.append(event_id)

    def cross_story_match(self, f: dict[str, Any], exclude: str | Iterable[str] | None = None) -> str | None:
        """The oldest stored event (lowest number) that mention ``f`` may join across stories:
        same trigger meaning, a named participant in common and no clash
        (:func:`cross_story_compatible` with one of its mentions, :func:`story_clash` with none). ``exclude``: event ids not to
        join (the story's own events, already judged by :func:`story_match`).
        Every candidate is judged, so the answer does not depend on the order the index was
        filled in (a reloaded index lists events in another order than a growing one)."""
        seen: set[str] = {exclude} if isinstance(exclude, str) else set(exclude or ())
        best: tuple[int, str] | None = None
        for k in meaning_keys(f, query=True):
            for eid in self.by_meaning.get(k, ()):
                if eid in seen:
                    continue
                seen.add(eid)
                card = self.cards.get(eid)
                if card is None or not any(cross_story_compatible(f, m) for m in card.mentions):
                    continue
                if any(story_clash(f, m) for m in card.mentions):
                    continue
                order = _event_number(eid)
                if best is None or (order, eid) < best:
                    best = (order, eid)
        return best[1] if best else None

    def rename(self, old: str, new: str) -> None:
        """Event ``old`` was joined into ``new``: its mentions and index keys move there."""
        card = self.cards.pop(old, None)
        if card is None:
            return
        target = self.cards.setdefault(new, EventCard(new, card.type))
        for f in card.mentions:
            if len(target.mentions) < 16:
                target.mentions.append(f)
            for table, keys in ((self.by_key, block_keys(f, query=False)), (self.by_meaning, meaning_keys(f, query=False))):
                for k in keys:
                    ids = table.get(k, [])
                    if old in ids:
                        ids[ids.index(old)] = new
                    while ids.count(new) > 1:
                        del ids[len(ids) - 1 - ids[::-1].index(new)]

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


# -- events resolved inside stories ------------------------------------------------------------
#
# Same-lemma clustering within document clusters is the strong classic baseline of
# cross-document event coreference: inside one story (kb/stories.py), two reports that use
# the same trigger word (or a synonym, or its nominalisation) nearly always mean the same
# happening, even when neither names a participant the resolver could block on. So once a
# document has joined its story, each event of it that opened a new event joins the
# story's event with the same trigger meaning (word, synonym set, derivation) and no clash
# (story_clash: types, targets, places, exact days more than STORY_DAYS apart) that agrees
# with it best, the earliest on ties.
# Across different stories events stay apart unless there is strong evidence: same_event
# (same meaning, shared participants, place and time) while the document is stored, or
# cross_story_compatible (same meaning, a named participant in common, no clash, days apart
# at most STORY_DAYS) in this pass. docs/credibility.md, "Events resolved inside stories";
# measured by bench/eval_main_events.py.

#: Times further apart than this keep two same-word events of one story apart.
STORY_DAYS = 7
#: A new document's events are compared with those of at most this many of its story's
#: newest documents (the cost per document stays flat however large a story grows).
STORY_WINDOW = 50
#: Light verbs carry no event meaning of their own: they never join by word alone.
_LIGHT = frozenset("be have do make take get go come give put set keep say tell".split())


#: Modes that name one kind of incident whatever the word: "wounded in an assassination
#: attempt" and "the 2023 assassination attempt" are both ``assassination``; "gunman opened
#: fire" and "the shooting" both ``shooting``.
INCIDENT_MODES = frozenset({"assassination", "bombing", "shooting", "killing", "abduction", "arson",
                            "robbery", "ambush", "massacre", "raid", "sabotage", "riot", "shelling",
                            "beating", "torture", "seizure"})


def _groups(f: dict[str, Any]) -> set[str]:
    """The trigger's meaning groups (:func:`trigger_groups`; the lemma for older rows), and
    its incident mode (:data:`INCIDENT_MODES`) as one more."""
    out = set(f.get("groups") or ([f["lemma"]] if f.get("lemma") else []))
    if f.get("mode") in INCIDENT_MODES:
        out.add(f["mode"])  # a plain word, so the store's LIKE on the features finds it
    return out


def story_clash(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """Why two mentions cannot be one event whatever their words (None: no reason): different
    event types (OTHER fits any type; one word typed two ways is the typer's doubt), disjoint
    targets, different places, times (both to the day) more than :data:`STORY_DAYS` apart.

    Different *actors* are no clash inside a story: on statuschain-dev (bench/eval_main_events.py)
    a clash on actors that neither mention names, or on disjoint participants, lowered both
    the precision and the recall of main-event pairs (participants and their roles are
    extracted too noisily to veto a join; they rank candidates in :func:`_affinity`)."""
    ta, tb = a.get("type"), b.get("type")
    if ta and tb and ta != tb and "OTHER" not in (ta, tb) and a.get("lemma") != b.get("lemma"):
        return "type"
    pa: dict[str, str] = a.get("actors") or {}
    pb: dict[str, str] = b.get("actors") or {}
    a_targets = {x for x, r in pa.items() if r == "target"}
    b_targets = {x for x, r in pb.items() if r == "target"}
    if a_targets and b_targets and not a_targets & b_targets:
        return "targets"
    if a.get("geonames") and b.get("geonames") and a["geonames"] != b["geonames"]:
        return "place"
    if _exact_day(a) and _exact_day(b):  # a month or a year is too vague to veto
        gap = _gap_days(a["start"], a.get("end") or a["start"], b["start"], b.get("end") or b["start"])
        if gap > STORY_DAYS:
            return "time"
    return None


def _exact_day(f: dict[str, Any]) -> bool:
    return bool(f.get("start")) and (f.get("end") or f["start"]) == f["start"]


def same_meaning(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two triggers can name one happening: a meaning group in common
    (:func:`trigger_groups`: the word, its synonyms, inflections and nominalisations), and
    neither a light verb."""
    return bool(_groups(a) & _groups(b)) and a.get("lemma") not in _LIGHT and b.get("lemma") not in _LIGHT


def story_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two mentions of one story can be one event: :func:`same_meaning` and no
    :func:`story_clash` (type, targets, place, time)."""
    return same_meaning(a, b) and story_clash(a, b) is None


def meaning_keys(f: dict[str, Any], *, query: bool) -> list[str]:
    """Index keys for cross-story candidates: meaning group x named participant x month of
    the days :func:`cross_story_compatible` compares (every month of the event's own time,
    up to a year, else the publication's; "none" without either); a query looks
    :data:`STORY_DAYS` either side (and at undated events, which no date rules out), so the
    lists a mention reads stay short however large the store grows."""
    actors = set(f.get("actors") or {})
    day = f.get("start") or f.get("published")  # the date cross_story_compatible compares
    last = (f.get("end") or day) if f.get("start") else day  # "in 2023": every month of it
    if day is None or last is None:
        month_keys = ["none"]
    elif query:
        month_keys = [*months(widen(day, -STORY_DAYS), widen(last, STORY_DAYS), limit=14), "none"]
    else:
        month_keys = months(day, last, limit=12)
    return [f"{g}|{a}|{m}" for g in sorted(_groups(f)) for a in sorted(actors) for m in month_keys]


def cross_story_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The stronger test for two mentions of different stories: :func:`story_compatible`,
    a named participant in common (an actor the documents are only about is not enough:
    the president is in every story about him, and his "remarks" of two stories are two
    events), no two different places, and reports at most :data:`STORY_DAYS` apart."""
    if not story_compatible(a, b):
        return False
    if not set(a.get("actors") or {}) & set(b.get("actors") or {}):
        return False
    if a.get("geonames") and b.get("geonames") and a["geonames"] != b["geonames"]:
        return False
    if a.get("start") and b.get("start"):  # the events' own times: "2023" holds March 28, 2023
        return _gap_days(a["start"], a.get("end") or a["start"], b["start"], b.get("end") or b["start"]) <= STORY_DAYS
    pa, pb = a.get("start") or a.get("published"), b.get("start") or b.get("published")
    return not (pa and pb and abs((pa - pb).days) > STORY_DAYS)


def _event_number(eid: str) -> int:
    return int(eid[1:]) if eid[1:].isdigit() else 1 << 62


def _affinity(a: dict[str, Any], b: dict[str, Any]) -> float:
    """How well two compatible mentions agree: shared participants first, then the same word,
    type, mode and overlapping times (only ranks the candidates :func:`story_match` found)."""
    shared = len(set(a.get("actors") or {}) & set(b.get("actors") or {}))
    s = 2.0 * shared + (a.get("lemma") == b.get("lemma")) + 0.5 * (a.get("type") == b.get("type"))
    s += 0.5 * (a.get("mode") == b.get("mode"))
    if a.get("start") and b.get("start"):
        s += _gap_days(a["start"], a.get("end") or a["start"], b["start"], b.get("end") or b["start"]) == 0
    if a.get("location") and a.get("location") == b.get("location"):
        s += 1.0
    return s


def story_match(f: dict[str, Any], candidates: list[tuple[str, dict[str, Any]]]) -> str | None:
    """The event of ``candidates`` ((event id, features), earliest first) that ``f`` joins: of
    the mentions :func:`story_compatible` with it (same meaning, no :func:`story_clash`), the
    one that agrees best (:func:`_affinity`: shared participants, same word, type, mode, time,
    place), the earliest on ties; its event.

    One compatible mention is enough (single link). Asking for no clash with most of the
    event's mentions, or with all of them, was measured and not kept: on
    bench/eval_main_events.py it raised the precision of main-event pairs (lower bound) by
    about 2 points and lowered their F1, and on ECB+ it lost 0.4 (most) and 1.1 (all) CoNLL F1."""
    best: tuple[float, int, str] | None = None
    for pos, (eid, g) in enumerate(candidates):
        if story_compatible(f, g):
            key = (_affinity(f, g), -pos, eid)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


_STORY_EVENTS_SQL = (
    "SELECT de.event_id, de.features FROM doc_events de JOIN story_members m ON m.doc_id = de.doc_id "
    "WHERE m.story_id = ? AND de.doc_id <> ? AND m.seq >= ("
    " SELECT coalesce(min(w.seq), 0) FROM (SELECT seq FROM story_members WHERE story_id = ? "
    " ORDER BY seq DESC LIMIT ?) w) AND ({meaning}) "
    "ORDER BY m.seq, length(de.event_local_id), de.event_local_id"
)


def _like(word: str) -> str:
    """A LIKE pattern finding ``"word"`` inside a features JSON string (wildcards escaped)."""
    return "%" + json.dumps(word, ensure_ascii=False).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _story_candidates(conn: Any, story_id: str, doc_id: str, groups: set[str], load: Any
                      ) -> list[tuple[str, dict[str, Any]]]:
    """(event id, features) of the story's other documents' mentions whose features name one
    of ``groups`` (a meaning group or lemma), oldest document first."""
    if not groups:
        return []
    words = sorted(groups)
    meaning = " OR ".join(["de.features LIKE ? ESCAPE '\\'"] * len(words))
    rows = conn.execute(_STORY_EVENTS_SQL.format(meaning=meaning),
                        [story_id, doc_id, story_id, STORY_WINDOW, *[_like(w) for w in words]]).fetchall()
    return [(str(eid), load(feats)) for eid, feats in rows]


def story_candidates(mentions: dict[str, list[tuple[str, str, dict[str, Any]]]], members: list[tuple[int, str]],
                     doc_id: str, groups: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """What :func:`_story_candidates` reads from the store, from memory (the batched writer):
    ``mentions`` maps a document to its mentions ((event_local_id, event id, features) in event
    order), ``members`` are the story's documents ((seq, id), ``doc_id`` among them). The same
    mentions in the same order: those of the story's :data:`STORY_WINDOW` newest documents
    whose features name one of ``groups`` (as a string of their JSON, which the store's LIKE
    finds)."""
    if not groups:
        return []
    ordered = sorted(members)
    window = ordered[-STORY_WINDOW:]
    low = window[0][0] if window else 0
    out: list[tuple[str, dict[str, Any]]] = []
    for seq, d in ordered:
        if d == doc_id or seq < low:
            continue
        out.extend((eid, f) for _local, eid, f in mentions.get(d, ()) if _names_any(f, groups))
    return out


def _names_any(obj: Any, words: set[str]) -> bool:
    """Whether one of ``words`` is a string (key or value, at any depth) of feature dict ``obj``."""
    if isinstance(obj, str):
        return obj in words
    if isinstance(obj, dict):
        return any(_names_any(k, words) or _names_any(v, words) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return any(_names_any(x, words) for x in obj)
    return False


def mention_order(local: str) -> tuple[int, str]:
    """The order of a document's event mentions (``E2`` before ``E10``)."""
    return (len(str(local)), str(local))


def join_within_story(conn: Any, index: EventIndex, doc_id: str, story_id: str | None,
                      load: Any) -> int:
    """Second pass for stored document ``doc_id`` once it is in story ``story_id``: each of
    its events that opened a new event joins the story's event it is compatible with
    (rule ``same_story``), else an earlier event of the same document with the same
    meaning, else the earliest event of another story that passes the stronger
    :func:`cross_story_compatible` (rule ``cross_story``); the emptied new event is deleted. Runs inside the caller's
    transaction; ``load`` turns a stored features JSON string into a feature dict.
    Returns the number of events joined; when it is not 0, the caller drops the deleted events
    from the document's story features. (The writer runs :func:`within_story_joins` on the rows
    it holds in memory instead, then kb/stories.py ``events_deleted``.)"""
    if story_id is None:
        return 0
    own = [(local, eid, rule, load(feats)) for local, eid, rule, feats in conn.execute(
        "SELECT event_local_id, event_id, rule, features FROM doc_events WHERE doc_id = ?", [doc_id]
    ).fetchall()]
    joins = within_story_joins(index, own, lambda groups: _story_candidates(conn, story_id, doc_id, groups, load))
    for eid, target, how in joins:
        conn.execute(
            "UPDATE doc_events SET event_id = ?, rule = ?, score = 1.0 WHERE doc_id = ? AND event_id = ?",
            [target, how, doc_id, eid],
        )
        conn.execute("DELETE FROM events WHERE id = ?", [eid])
    return len(joins)


def within_story_joins(index: EventIndex, own: list[tuple[str, str, str, dict[str, Any]]],
                       candidates_for: Any) -> list[tuple[str, str, str]]:
    """The joins of :func:`join_within_story` for one document's mentions ``own``
    ((event_local_id, event id, rule, features)), in the order to apply them: ``(event id,
    the event it joins, rule)``; each moves the document's mentions of that event (rule and
    score 1.0 with it) and deletes the emptied event. ``candidates_for(groups)`` gives the
    story's other mentions of those meaning groups ((event id, features), oldest document
    first). ``index`` is updated (:meth:`EventIndex.rename`)."""
    own = sorted(own, key=lambda r: mention_order(r[0]))
    if not any(rule == "new" for _, _, rule, _ in own):
        return []
    wanted = {g for _local, _eid, rule, f in own if rule == "new" for g in _groups(f)}
    candidates: list[tuple[str, dict[str, Any]]] = list(candidates_for(wanted))
    joins: list[tuple[str, str, str]] = []
    current: dict[str, str] = {}
    mine: dict[str, list[dict[str, Any]]] = {}  # event id -> this document's mentions of it
    for _local, eid, rule, f in own:
        eid = current.get(eid, eid)
        if rule == "new":
            clashing = {e for e, gs in mine.items() if e != eid and _clashes_in_document(f, gs)}
            target, how = story_match(f, [c for c in candidates if c[0] not in clashing]), "same_story"
            if target is None:
                target, how = index.cross_story_match(
                    f, exclude={eid, *clashing, *(c for c, _g in candidates)}), "cross_story"
            if target is not None and target != eid:
                index.rename(eid, target)
                joins.append((eid, target, how))
                current[eid] = target
                mine.setdefault(target, []).extend(mine.pop(eid, []))
                eid = target
        mine.setdefault(eid, []).append(f)
        candidates.append((eid, f))  # the document's own earlier events come after the story's
    return joins


def _clashes_in_document(f: dict[str, Any], same_doc: list[dict[str, Any]]) -> bool:
    """Whether mention ``f`` clashes (:func:`story_clash`) with a mention of the same document
    already in an event. Joins are single link, so without this "the 2023 assassination
    attempt on MP Fazil Mustafa" joins the plot to assassinate Rabbi Segal through a bare
    "the assassination" between them; one article that names two targets tells two events
    apart, whatever links them. (Across documents a clash with every mention is not asked:
    see :func:`story_match`.)"""
    return any(story_clash(f, g) is not None for g in same_doc)
