"""ECB+ train topics as extra examples for the event detector.

The statuschain articles (the product's guideline) are US-politics stories; crimes,
accidents, disasters, arrests, sports and awards seldom occur in them, so a detector trained
on them alone scores "murder", "accident" or "the shooting" far below "vetoed". ECB+
(Cybulska & Vossen 2014) annotates every action in 1,839 selected sentences of news on 43
topics of exactly those kinds. Its **train** topics (the standard split's list in
``split_cybulska_vossen_2015.json``; the dev topics are left for ``../shared/eval/ecbplus.py``
and the test topics are not used) give the detector more examples:

* a candidate token that heads an ``ACTION_*`` or ``NEG_ACTION_*`` mention (occurrences,
  aspectuals, perceptions, generics, causatives) is an event;
* reporting actions (``said``: the guideline keeps them as chain cues) and states (``dead``,
  ``on suspicion``: the guideline annotates events) are neither events nor negatives;
* every other candidate of a selected sentence is a negative (the selected sentences are
  annotated completely; the rest of a document is not, so it gives no examples).

The text is built as the shared scorer builds it (one sentence a line, tokens joined by
spaces, the URL line of ``ecbplus`` files left out), so the parser sees what it sees at
evaluation. Examples keep their topic as group; the training code never scores them in
cross-validation (their guideline differs: they only ever train).
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..models import Document
from .events import Examples, prepare_documents

SPLIT_FILE = "split_cybulska_vossen_2015.json"
SENTENCES_FILE = "ECBplus_coreference_sentences.csv"
#: Mention tags the guideline does not count as events: neither positive nor negative.
IGNORED_TAGS = frozenset({"ACTION_REPORTING", "NEG_ACTION_REPORTING", "ACTION_STATE", "NEG_ACTION_STATE"})
#: How much one ECB+ example weighs against one statuschain example. Pooled as they are
#: (weight 1, no corpus features) the ECB+ examples raised cross-validated status accuracy
#: over all gold and ECB+ dev mention recall most; docs/benchmarks.md has the variants tried.
DEFAULT_WEIGHT = 1.0


@dataclass
class EcbDocument:
    """One ECB+ document as text, with its selected sentences' character ranges and mentions."""

    id: str
    topic: int
    text: str
    #: (start, end) characters of each selected sentence
    selected: list[tuple[int, int]] = field(default_factory=list)
    #: (start, end, tag) characters of each action mention in a selected sentence
    mentions: list[tuple[int, int, str]] = field(default_factory=list)


def train_topics(folder: Path) -> list[int]:
    """The standard split's train topics (never its dev or test topics)."""
    split = json.loads((folder / SPLIT_FILE).read_text(encoding="utf-8"))
    return [int(t) for t in split["train"]]


def _selected_sentences(folder: Path) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    with open(folder / SENTENCES_FILE, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def read_documents(folder: Path, topics: list[int], limit: int | None = None) -> list[EcbDocument]:
    """The documents of ``topics`` that have selected sentences, sorted by name."""
    wanted = set(topics)
    selected = _selected_sentences(folder)
    paths = sorted(p for p in (folder / "ECB+").glob("*/*.xml")
                   if p.stem in selected and int(p.stem.split("_")[0]) in wanted)
    if limit:
        paths = paths[:limit]
    return [_read(p, selected[p.stem]) for p in paths]


def _read(path: Path, selected: set[int]) -> EcbDocument:
    root = ET.parse(path).getroot()
    tokens = sorted(root.iter("token"), key=lambda t: int(t.get("t_id") or 0))
    words = ["_".join(((t.text or "").strip() or "_").split()) for t in tokens]
    sents = [int(t.get("sentence") or 0) for t in tokens]
    by_sent: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sents):
        by_sent[s].append(i)
    plus = path.stem.endswith("ecbplus")
    span: dict[int, tuple[int, int]] = {}
    pieces: list[str] = []
    pos = 0
    doc = EcbDocument(id=path.stem, topic=int(path.stem.split("_")[0]), text="")
    for s in sorted(by_sent):
        idx = by_sent[s]
        if plus and s == 0 and words[idx[0]].lower().startswith("http"):
            continue
        if pieces:
            pieces.append("\n")
            pos += 1
        start = pos
        for k, i in enumerate(idx):
            if k:
                pieces.append(" ")
                pos += 1
            span[i] = (pos, pos + len(words[i]))
            pieces.append(words[i])
            pos += len(words[i])
        if s in selected:
            doc.selected.append((start, pos))
    doc.text = "".join(pieces)
    index = {t.get("t_id"): i for i, t in enumerate(tokens)}
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        if not m.tag.startswith(("ACTION", "NEG_ACTION")):
            continue
        anchors = sorted(index[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in index)
        if not anchors or any(a not in span for a in anchors) or sents[anchors[0]] not in selected:
            continue
        doc.mentions.append((span[anchors[0]][0], span[anchors[-1]][1], m.tag))
    return doc


def parse_documents(docs: list[EcbDocument], settings: Settings | None = None) -> list[Document]:
    """Run the steps before ``events`` over the documents (as training does for statuschain)."""
    return prepare_documents([({"id": d.id, "text": d.text}, f"ECB+ {d.id}") for d in docs], settings)


def _heads(sdoc: Any, mentions: list[tuple[int, int, str]]) -> Iterator[tuple[int, str]]:
    for start, end, tag in mentions:
        span = sdoc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            yield span.root.i, tag


def labelled_candidates(d: EcbDocument, sdoc: Any) -> Iterator[tuple[Any, str]]:
    """(token, "event" or "none") for every candidate of the selected sentences, reporting and
    state mentions left out."""
    from ..nlp.events.features import is_candidate

    positive: set[int] = set()
    ignored: set[int] = set()
    for head, tag in _heads(sdoc, d.mentions):
        (ignored if tag in IGNORED_TAGS else positive).add(head)
    ignored -= positive
    for tok in sdoc:
        if tok.i in ignored or not any(s <= tok.idx < e for s, e in d.selected):
            continue
        if is_candidate(tok):
            yield tok, "event" if tok.i in positive else "none"


def form_counts(folder: Path, *, limit: int | None = None) -> dict[str, Any]:
    """word -> [times it ends an event mention, times seen] in the selected sentences of the
    train topics (reporting and state mentions not counted as events), for the words that end
    one at least: what the TimeBank counts of ``event_priors`` do for verbs and nouns, for the
    words the tagger calls adjectives or proper nouns ("found dead", Title Case "Dies",
    "Watergate"). ``features.is_candidate`` reads them; they are no detector feature."""
    events: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    docs = read_documents(folder, train_topics(folder), limit=limit)
    for d in docs:
        for start, end in d.selected:
            seen.update(w.lower() for w in d.text[start:end].split())
        for start, end, tag in d.mentions:
            words = d.text[start:end].split()
            if words and tag not in IGNORED_TAGS:
                events[words[-1].lower()] += 1
    return {"source": "ecbplus train topics (selected sentences)", "documents": len(docs),
            "forms": {w: [n, max(seen[w], n)] for w, n in sorted(events.items())}}


def detection_examples(folder: Path, *, limit: int | None = None, weight: float = DEFAULT_WEIGHT,
                       settings: Settings | None = None) -> Examples:
    """Candidates of the selected sentences of the ECB+ train topics, labelled event/none."""
    from ..nlp.events.features import detect_features

    ecb = read_documents(folder, train_topics(folder), limit=limit)
    ex = Examples()
    for d, doc in zip(ecb, parse_documents(ecb, settings), strict=True):
        for tok, label in labelled_candidates(d, doc.scratch["sdoc"]):
            ex.feats.append(detect_features(tok))
            ex.labels.append(label)
            ex.groups.append(f"ecb+:{d.topic}")
            ex.weights.append(weight)
    return ex


__all__ = ["EcbDocument", "form_counts", "train_topics", "read_documents", "parse_documents", "detection_examples",
           "labelled_candidates", "IGNORED_TAGS", "DEFAULT_WEIGHT"]
