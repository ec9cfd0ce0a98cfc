"""The candidate index and the similarity behind story assignment (no database here).

A document is described by :class:`StoryFeatures`: hashed word counts (a fixed vocabulary
of 2^20 buckets, so nothing is fitted), the named actors and places it mentions (resolved
actor ids), the KB events it reports, and its publication day. :class:`StoryIndex` holds
those of every stored document in memory, with postings from *keys* (a document's rarest
terms, its actors, its events) to documents. A new document looks up only its own keys,
skips keys shared by more than :data:`POSTING_CAP` documents (they say nothing about the
story), keeps documents inside the time window and scores at most
:data:`MAX_CANDIDATES` of them: the cost of one assignment does not grow with the store.

The link between two documents (:func:`StoryIndex.link`) is

    cosine of TF-IDF vectors (sublinear term counts, idf from the store's document frequencies)
    + W_ACTORS x overlap of their named actors and places (idf-weighted)
    + W_EVENTS when they report a common resolved KB event

and a story scores the mean of its best :data:`LINK_K` links to the new document (members
that were not candidates link 0), so one similar article never drags a new one into a
large, drifting story, and a story of unrelated articles cannot chain together through
single links. The constants were set on development data (docs/stories.md).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

VOCAB_BITS = 20
VOCAB = 1 << VOCAB_BITS
#: Terms a document is posted under (its highest-weighted when stored).
POSTED_TERMS = 40
#: Terms a new document looks up (its highest-weighted among terms the store has seen).
QUERY_TERMS = 25
#: Keys whose posting list is longer than this are too common to find candidates.
POSTING_CAP = 400
#: Documents scored per assignment (the ones sharing the most keys).
MAX_CANDIDATES = 40
#: Two documents whose publication days differ by more than this never share a story.
WINDOW_DAYS = 2
#: A story scores the mean of its best LINK_K links to the new document.
LINK_K = 2
W_ACTORS = 0.10
W_EVENTS = 0.10
#: False: any shared KB event adds W_EVENTS; True: W_EVENTS x the idf-weighted event overlap.
EVENTS_WEIGHTED = False
#: The least story score that joins a document to a story.
THRESHOLD = 0.25

# Function words and reporting words that say nothing about which story an article tells.
STOP_WORDS = frozenset(
    """
    the and for that with this from have has had was were are been being will would could should
    can may might must shall not but nor yet also than then there their them they these those this
    its his her hers him she our ours out over under into onto upon about above after again against
    all any both each few more most other some such only own same very just now when where which who
    whom whose why how what while until because since though although however whether either neither
    one two three four five six seven eight nine ten first second third last next new old many much
    said says say saying told tell tells according reported reports report reporting statement
    year years month months week weeks day days today yesterday tomorrow time times monday tuesday
    wednesday thursday friday saturday sunday mr mrs ms dr per via did does doing done get got make
    made like well even still back way take took see seen know known going want wanted used use
    around among between through during before later earlier here off down very too really
    """.split()
)
_WORD = re.compile(r"\b[^\W\d_]{3,}\b")


def term_counts(text: str) -> Counter[int]:
    """Counts of hashed terms (lower-cased words of 3+ letters, stop words dropped)."""
    out: Counter[int] = Counter()
    for w in _WORD.findall(text.lower()):
        if w not in STOP_WORDS:
            out[zlib.crc32(w.encode("utf-8")) & (VOCAB - 1)] += 1
    return out


@dataclass(slots=True)
class StoryFeatures:
    """What story assignment knows of one document."""

    terms: np.ndarray  # sorted hashed term ids (int64)
    tf: np.ndarray  # 1 + ln(count), aligned with ``terms`` (float64)
    actors: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    day: int | None = None  # publication date as a proleptic ordinal

    @classmethod
    def build(cls, text: str, headline: str | None, actors: set[str], events: set[str],
              day: int | None) -> StoryFeatures:
        counts = term_counts(text)
        if headline:
            counts.update(term_counts(headline))  # the headline's words count twice
        return cls.from_counts(counts, actors, events, day)

    @classmethod
    def from_counts(cls, counts: dict[int, int], actors: set[str] | frozenset[str],
                    events: set[str] | frozenset[str], day: int | None) -> StoryFeatures:
        ids = np.array(sorted(counts), dtype=np.int64)
        raw = np.array([counts[int(i)] for i in ids], dtype=np.float64)
        return cls(ids, 1.0 + np.log(np.maximum(raw, 1.0)), frozenset(actors), frozenset(events), day)

    def counts_text(self) -> str:
        """``id:count`` pairs, the stored form of the term vector."""
        raw = np.rint(np.exp(self.tf - 1.0)).astype(np.int64)
        return " ".join(f"{int(t)}:{int(c)}" for t, c in zip(self.terms, raw, strict=True))

    @staticmethod
    def parse_counts(s: str) -> dict[int, int]:
        out: dict[int, int] = {}
        for part in s.split():
            t, _, c = part.partition(":")
            out[int(t)] = int(c)
        return out


@dataclass(slots=True)
class Member:
    """A stored document in the index."""

    doc_id: str
    story_id: str
    seq: int
    features: StoryFeatures


@dataclass(slots=True)
class Link:
    """How a new document relates to one stored document."""

    doc_id: str
    score: float
    cosine: float
    actors: tuple[str, ...]
    events: tuple[str, ...]
    days: int | None


@dataclass(slots=True)
class Choice:
    """The story a new document joins (``story_id`` None: it opens one) and why."""

    story_id: str | None
    score: float
    links: list[Link]
    candidates: int


@dataclass
class StoryIndex:
    """Every stored document's features, term and actor document frequencies, postings."""

    members: dict[str, Member] = field(default_factory=dict)
    story_docs: dict[str, list[str]] = field(default_factory=dict)
    postings: dict[str, list[str]] = field(default_factory=dict)
    df: np.ndarray = field(default_factory=lambda: np.zeros(VOCAB, dtype=np.int32))
    actor_df: Counter[str] = field(default_factory=Counter)
    event_df: Counter[str] = field(default_factory=Counter)
    next_story: int = 1
    #: story id -> its first report as kb/stories.py last computed it (order key, document id,
    #: title, published), so a batched writer keeps story heads without reading them back
    heads: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    # -- weights -------------------------------------------------------------------------------
    @property
    def n_docs(self) -> int:
        return len(self.members)

    def idf(self, terms: np.ndarray) -> np.ndarray:
        n = self.n_docs + 1  # the new document counts
        return np.log((1.0 + n) / (1.0 + self.df[terms])) + 1.0

    def actor_idf(self, actor: str) -> float:
        return math.log((2.0 + self.n_docs) / (1.0 + self.actor_df[actor])) + 1.0

    def event_idf(self, event: str) -> float:
        return math.log((2.0 + self.n_docs) / (1.0 + self.event_df[event])) + 1.0

    @staticmethod
    def overlap(mine: frozenset[str], theirs: frozenset[str], idf: Callable[[str], float]) -> float:
        """The idf-weighted share of the smaller set that the two sets have in common."""
        shared = mine & theirs
        if not shared:
            return 0.0
        total = min(sum(idf(x) for x in mine), sum(idf(x) for x in theirs))
        return sum(idf(x) for x in shared) / total if total else 0.0

    def weights(self, f: StoryFeatures) -> np.ndarray:
        w = f.tf * self.idf(f.terms)
        norm = float(np.sqrt((w * w).sum()))
        return w / norm if norm else w

    # -- keys ------------------------------------------------------------------------------------
    def top_terms(self, f: StoryFeatures, n: int, *, seen_only: bool) -> list[int]:
        if not len(f.terms):
            return []
        w = f.tf * self.idf(f.terms)
        order = np.lexsort((f.terms, -w))
        out: list[int] = []
        for i in order:
            t = int(f.terms[i])
            if seen_only and not (0 < self.df[t] <= POSTING_CAP):
                continue
            out.append(t)
            if len(out) == n:
                break
        return out

    def keys(self, f: StoryFeatures, *, query: bool) -> list[str]:
        """Posting keys: rare terms, actors and places, events."""
        terms = self.top_terms(f, QUERY_TERMS if query else POSTED_TERMS, seen_only=query)
        return [f"t:{t}" for t in terms] + [f"a:{a}" for a in sorted(f.actors)] + [
            f"v:{v}" for v in sorted(f.events)]

    # -- scoring ---------------------------------------------------------------------------------
    def candidates(self, f: StoryFeatures) -> list[str]:
        tally: Counter[str] = Counter()
        for key in self.keys(f, query=True):
            docs = self.postings.get(key)
            if not docs or len(docs) > POSTING_CAP:
                continue
            for d in docs:
                tally[d] += 1
        kept = [d for d in tally if _within(f.day, self.members[d].features.day)]
        kept.sort(key=lambda d: (-tally[d], -self.members[d].seq))
        return kept[:MAX_CANDIDATES]

    def link(self, f: StoryFeatures, w: np.ndarray, other: Member) -> Link:
        g = other.features
        cos = 0.0
        if len(f.terms) and len(g.terms):
            common, ia, ib = np.intersect1d(f.terms, g.terms, assume_unique=True, return_indices=True)
            if len(common):
                cos = float((w[ia] * self.weights(g)[ib]).sum())
        actor_sim = self.overlap(f.actors, g.actors, self.actor_idf)
        if EVENTS_WEIGHTED:
            event_sim = self.overlap(f.events, g.events, self.event_idf)
        else:
            event_sim = 1.0 if f.events & g.events else 0.0
        score = cos + W_ACTORS * actor_sim + W_EVENTS * event_sim
        shared = sorted(f.actors & g.actors)
        events = tuple(sorted(f.events & g.events))
        days = abs(f.day - g.day) if f.day is not None and g.day is not None else None
        return Link(other.doc_id, round(score, 6), round(cos, 6), tuple(shared), events, days)

    def choose(self, f: StoryFeatures) -> Choice:
        """The best story for a new document with features ``f``."""
        cands = self.candidates(f)
        w = self.weights(f)
        by_story: dict[str, list[Link]] = {}
        for d in cands:
            m = self.members[d]
            by_story.setdefault(m.story_id, []).append(self.link(f, w, m))
        best: Choice = Choice(None, 0.0, [], len(cands))
        for sid in sorted(by_story):
            links = sorted(by_story[sid], key=lambda x: (-x.score, x.doc_id))
            k = min(LINK_K, len(self.story_docs.get(sid, ())) or 1)
            score = sum(x.score for x in links[:k]) / k
            if score >= THRESHOLD and score > best.score:
                best = Choice(sid, round(score, 6), links[:k], len(cands))
        return best

    # -- updates ---------------------------------------------------------------------------------
    def add(self, doc_id: str, story_id: str, seq: int, f: StoryFeatures, keys: list[str]) -> None:
        self.members[doc_id] = Member(doc_id, story_id, seq, f)
        self.story_docs.setdefault(story_id, []).append(doc_id)
        if len(f.terms):
            self.df[f.terms] += 1
        self.actor_df.update(f.actors)
        self.event_df.update(f.events)
        for k in keys:
            self.postings.setdefault(k, []).append(doc_id)

    def set_events(self, doc_id: str, events: frozenset[str]) -> None:
        """Replace a stored document's KB events (and their posting keys)."""
        m = self.members[doc_id]
        for v in m.features.events - events:
            docs = self.postings.get(f"v:{v}", [])
            if doc_id in docs:
                docs.remove(doc_id)
        for v in sorted(events - m.features.events):
            self.postings.setdefault(f"v:{v}", []).append(doc_id)
        self.event_df.subtract(m.features.events)
        self.event_df.update(events)
        m.features.events = events

    def move(self, doc_id: str, story_id: str) -> None:
        m = self.members[doc_id]
        self.story_docs[m.story_id].remove(doc_id)
        m.story_id = story_id
        self.story_docs.setdefault(story_id, []).append(doc_id)


def _within(a: int | None, b: int | None) -> bool:
    return a is None or b is None or abs(a - b) <= WINDOW_DAYS
