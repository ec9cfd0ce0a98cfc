"""Learned content edges: where an attribution's content starts and ends.

The rules of :mod:`claimgraph.nlp.attribution.cues` find a relation's content from the parse
(the clausal complement, the object, the rest of the clause). Its edges are where PolNeAR's
exact spans and ours disagree most: the annotators keep "that" or leave it out by verb,
run a content on past ", and ..." or a closing quotation mark into the next sentence, leave
a dateline out, cut an object off an accusation ("accusing her of | being asleep"). For
each relation the rules keep (a verb, "according to", a report noun; not a direct
quotation, whose marks decide), :func:`start_candidates` and :func:`end_candidates` offer a
few edges beside the rules' own, each with the reason it was offered, and two linear models
trained on PolNeAR's train split (``scripts/train_models.py --only attribution``,
:mod:`claimgraph.training.attribution`) score them; the best start and the best end win.
The rules' own edge is one of the candidates and carries its own feature, so the models
move an edge only where the train split says the other reading is more likely.

The weights are ``attribution_bounds.json.gz`` in the models folder, hash-checked at load
like every artifact; a models folder whose manifest does not list it keeps the rules' edges.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..learned import LinearModel, committed_models_dir, lists, load_artifact, models_dir, on_clear
from .cues import SPEECH_VERBS, Found

ARTIFACT = "attribution_bounds.json.gz"
#: Relation kinds whose content edges the models may move (quotations keep their marks;
#: turns, named origins and headline colons keep the rules' spans).
KINDS = frozenset({"verb", "according", "noun", "as", "relative"})
_DASHES = frozenset({"―", "—", "--", "–"})
_MARKS = frozenset({"that", "whether", "if"})
_OPENERS = frozenset({"but", "and", "so", "well", "yet", "still"})
_CUT_AFTER_COMMA = frozenset({"which", "who", "whom", "whose", "and", "but", "including", "while",
                              "although", "though", "as", "where", "when"})
_QUOTES = frozenset({"“", "”", '"', "``", "''"})
_CLOSING = frozenset({"”", '"', "''", "’", ")"})
#: At most this many tokens of extension into the next sentence.
_NEXT_SENT_MAX = 60


def eligible(rel: Found) -> bool:
    return rel.kind in KINDS and not rel.quote and rel.lead is None and rel.content[1] > rel.content[0]


def start_candidates(doc: Doc, rel: Found) -> list[tuple[int, str]]:
    """(token index, why) for the content's first token; the rules' own edge first."""
    s, e = rel.content
    out: dict[int, str] = {s: "base"}

    def add(i: int, why: str) -> None:
        if s - 2 <= i < e and i not in out:
            out[i] = why

    t = doc[s]
    if t.lower_ in _MARKS:
        add(s + 1, "drop_mark")
    if s - 1 >= rel.cue[1] and doc[s - 1].lower_ == "that":
        add(s - 1, "add_that")
    if t.lower_ in _OPENERS:
        add(s + 1, "drop_opener")
    for k in range(s, min(s + 8, e - 1)):
        if doc[k].text in _DASHES:
            add(k + 1, "after_dash")
            break
    for k in range(s + 1, min(s + 7, e - 2)):
        if doc[k].text == ",":
            add(k + 1, "after_comma")
            break
    if t.pos_ in ("PRON", "NOUN", "PROPN", "DET"):
        for k in range(s + 1, min(s + 6, e - 1)):
            if doc[k].pos_ == "ADP" or doc[k].lower_ == "to":
                add(k, "at_prep")
                add(k + 1, "after_prep")
                break
    return sorted(out.items(), key=lambda kv: (kv[1] != "base", kv[0]))


def end_candidates(doc: Doc, rel: Found) -> list[tuple[int, str]]:
    """(token index one past the content's last token, why); the rules' own edge first."""
    s, e = rel.content
    out: dict[int, str] = {e: "base"}

    def add(i: int, why: str) -> None:
        while i > s + 1 and (doc[i - 1].is_space or doc[i - 1].is_punct and doc[i - 1].text not in _CLOSING):
            i -= 1  # a sentence's full stop or a trailing comma is no part of the content
        if s < i <= len(doc) and i not in out:
            out[i] = why

    sent = doc[e - 1].sent
    add(sent.end, "sent_end")
    if sent.end < len(doc):
        nxt = doc[sent.end].sent
        if nxt.end - sent.end <= _NEXT_SENT_MAX and not _speaks(nxt):
            add(nxt.end, "next_sent_end")
    for k in range(s + 2, e - 1):
        if doc[k].text == "," and doc[k + 1].lower_ in _CUT_AFTER_COMMA:
            add(k, "cut_comma")
        elif doc[k].text in _DASHES or doc[k].text == ";":
            add(k, "cut_dash")
    # a quotation opened inside the content and closed after it
    opens = sum(1 for k in range(s, e) if doc[k].text in ("“", "``"))
    closes = sum(1 for k in range(s, e) if doc[k].text in ("”", "''"))
    if opens > closes:
        for k in range(e, min(len(doc), e + _NEXT_SENT_MAX)):
            if doc[k].text in ("”", "''"):
                add(k + 1, "close_quote")
                break
    return sorted(out.items(), key=lambda kv: (kv[1] != "base", kv[0]))


def _speaks(sent: Span) -> bool:
    """Whether a sentence brings its own speaker ("Macron said: ..."): a content never runs
    on into it."""
    return any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"
               and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children) for t in sent)


def _word(t: Token) -> str:
    return t.lower_ if (t.is_punct or t.is_stop or t.pos_ in ("ADP", "SCONJ", "CCONJ", "PART", "AUX", "DET", "PRON")) else t.pos_


def _cue_lemma(doc: Doc, rel: Found) -> str:
    return doc[(rel.core or rel.cue)[1] - 1].lemma_.lower()


def start_features(doc: Doc, rel: Found, i: int, why: str) -> dict[str, float]:
    t = doc[i]
    lemma = _cue_lemma(doc, rel)
    prev = doc[i - 1] if i > 0 else None
    f = {
        "why=" + why: 1.0,
        "why.kind=" + why + "|" + rel.kind: 1.0,
        "why.lemma=" + why + "|" + lemma: 1.0,
        "first=" + _word(t): 1.0,
        "first.dep=" + t.dep_: 1.0,
        "why.first=" + why + "|" + _word(t): 1.0,
        "prev=" + (_word(prev) if prev is not None else "^"): 1.0,
        "lemma.first=" + lemma + "|" + _word(t): 1.0,
        "after_cue=" + ("0" if i == rel.cue[1] else "1" if i == rel.cue[1] + 1 else "2+" if i > rel.cue[1] else "before"): 1.0,
        "sent_start": 1.0 if i == t.sent.start else 0.0,
    }
    if prev is not None and prev.text in _QUOTES:
        f["prev.quote"] = 1.0
    return f


def end_features(doc: Doc, rel: Found, j: int, why: str) -> dict[str, float]:
    s, e = rel.content
    last = doc[j - 1]
    nxt = doc[j] if j < len(doc) else None
    lemma = _cue_lemma(doc, rel)
    n = j - s
    f = {
        "why=" + why: 1.0,
        "why.kind=" + why + "|" + rel.kind: 1.0,
        "why.lemma=" + why + "|" + lemma: 1.0,
        "last=" + _word(last): 1.0,
        "next=" + (_word(nxt) if nxt is not None else "$"): 1.0,
        "why.next=" + why + "|" + (_word(nxt) if nxt is not None else "$"): 1.0,
        "len=" + ("1-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"): 1.0,
        "at_sent_end": 1.0 if j >= last.sent.end - 1 else 0.0,
        "cue_inside": 1.0 if s <= rel.cue[0] < j else 0.0,
    }
    if nxt is not None and nxt.text == "," and j + 1 < len(doc):
        f["next2=" + _word(doc[j + 1])] = 1.0
    if j != e:
        lo, hi = (e, j) if j > e else (j, e)
        moved = doc[lo:hi]
        f["moved.verb"] = 1.0 if any(t.pos_ in ("VERB", "AUX") for t in moved) else 0.0
        f["moved.quote"] = 1.0 if any(t.text in _QUOTES for t in moved) else 0.0
        f["moved.cue"] = 1.0 if any(rel.cue[0] <= t.i < rel.cue[1] for t in moved) else 0.0
        f["moved.len=" + ("1-2" if hi - lo <= 2 else "3-6" if hi - lo <= 6 else "7+")] = 1.0
        f["moved.sentence"] = 1.0 if doc[lo].sent.start != doc[hi - 1].sent.start else 0.0
        f["grow" if j > e else "shrink"] = 1.0
        word = next((t for t in moved if not (t.is_punct or t.is_space)), None)
        where, dep = _attachment(doc, rel, moved, word)
        f["moved.attach=" + where] = 1.0
        f["moved.attach.dep=" + where + "|" + dep] = 1.0
        f["why.attach=" + why + "|" + where] = 1.0
        if word is not None:
            f["moved.first=" + _word(word)] = 1.0
            f["moved.first.dep=" + word.dep_] = 1.0
            f["why.moved.first=" + why + "|" + _word(word)] = 1.0
        if any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" for t in moved):
            f["moved.speech"] = 1.0
        f["moved.para"] = 1.0 if any("\n" in t.text or "\n" in t.whitespace_ for t in moved[:-1]) else 0.0
        # whether the next sentence opens inside a quotation the content is in
        quotes = sum(1 for k in range(s, lo) if doc[k].text in _QUOTES)
        f["inside_quote"] = 1.0 if quotes % 2 else 0.0
    return f


def _attachment(doc: Doc, rel: Found, moved: Span, word: Token | None) -> tuple[str, str]:
    """Where the words an edge moves (``word``: the first of them that is no punctuation)
    hang in the parse: on the cue ("said ... on Twitter", "and encouraged ..."), inside the
    rules' content, or elsewhere; and the dependency of the word that reaches it."""
    s, e = rel.content
    cue = doc[(rel.core or rel.cue)[1] - 1]
    if word is None:
        return "punct", "-"
    t = word
    for _ in range(12):
        h = t.head
        if h.i == cue.i or rel.cue[0] <= h.i < rel.cue[1]:
            return "cue", t.dep_
        if s <= h.i < e and not (moved.start <= h.i < moved.end):
            return "content", t.dep_
        if h.i == t.i:
            return "root", t.dep_
        t = h
    return "far", t.dep_


def _best(model: LinearModel, cands: list[tuple[int, str]], feats: Any, doc: Doc, rel: Found) -> int:
    """The candidate of highest probability (the first, the rules' own, on a tie)."""
    best, score = cands[0][0], -1.0
    for i, why in cands:
        p = model.proba(feats(doc, rel, i, why)).get("yes", 0.0)
        if p > score + 1e-12:
            best, score = i, p
    return best


def refine(doc: Doc, rels: list[Found], models: tuple[LinearModel, LinearModel] | None) -> None:
    """Move the content edges of the eligible relations in ``rels`` (in place) to the best
    scored candidates."""
    if models is None:
        return
    start_model, end_model = models
    for r in rels:
        if not eligible(r):
            continue
        s = _best(start_model, start_candidates(doc, r), start_features, doc, r)
        e = _best(end_model, end_candidates(doc, r), end_features, doc, r)
        e = quote_closes(doc, s, e)
        if s < e and (s, e) != r.content:
            r.content = (s, e)


def quote_closes(doc: Doc, s: int, e: int) -> int:
    """The end of a content that quotes its source and then goes on in the writer's words:
    "vowed that birthright citizenship will end “one way or the other,” a day after it
    emerged he was considering killing the policy" ends at the closing mark. The words after
    a quotation opened inside the content and closed with a comma are narration (the parse
    hangs "a day after ..." on the quoted verb), unless they go on with the report ("and
    that ...") or quote again."""
    depth = 0
    for k in range(s, e):
        text = doc[k].text
        if text in ("“", "``"):
            depth += 1
        elif text in ("”", "''") and depth:
            depth -= 1
            if depth or k + 2 >= e or not (doc[k - 1].text == "," or doc[k + 1].text == ","):
                continue
            tail = [t for t in doc[k + 1 : e] if not (t.is_punct or t.is_space)]
            if not tail or tail[0].pos_ == "CCONJ" or tail[0].lower_ in {"that", "which", "who"}:
                continue
            if any(t.text in _QUOTES for t in doc[k + 1 : e]):
                continue
            return k + 1
    return e


@lru_cache(maxsize=4)
def _models(folder: str) -> tuple[LinearModel, LinearModel] | None:
    if not lists(ARTIFACT) and Path(folder) != committed_models_dir():
        return None  # a partial models folder: the rules' edges
    data: dict[str, Any] = load_artifact(ARTIFACT)
    return LinearModel.from_dict(data["start"]), LinearModel.from_dict(data["end"])


on_clear(_models.cache_clear)


def bounds_models() -> tuple[LinearModel, LinearModel] | None:
    """The committed edge models (None for a models folder that does not list them)."""
    return _models(str(models_dir()))


__all__ = ["ARTIFACT", "KINDS", "bounds_models", "eligible", "end_candidates", "end_features", "quote_closes", "refine",
           "start_candidates", "start_features"]
