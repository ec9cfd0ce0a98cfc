"""ECB+ bench: cross-document event coreference (MUC, B3, CEAF-e, CoNLL F1).

Reads ECB+ (``../shared/data/ecbplus``, or ``--data``): the CAT XML of each document,
the standard topic split (``split_cybulska_vossen_2015.json``) and the selected
sentences (``ECBplus_coreference_sentences.csv``). Each document's selected sentences are
rebuilt as text from the tokens (one sentence a line, tokens joined by single spaces,
no space before closing punctuation) with a map from characters back to token ids, and
run through ``Pipeline(names=("parse", "entities", "places", "times", "attribution",
"events"))``.

Gold: ``ACTION_*`` and ``NEG_*`` mentions inside selected sentences; a ``CROSS_DOC_COREF``
note is the cluster, an ``INTRA_DOC_COREF`` chain a document-local cluster, any other
mention a singleton (singletons are kept and scored, as in published ECB+ figures).

Two settings, each scored on the whole split (corpus level, predicted topics):

* **gold mentions**: the gold mention spans are given; only the clustering is ours.
* **predicted mentions**: the mentions are every trigger of every event the pipeline finds
  (its within-document merges kept as one unit). A predicted mention *matches* a gold
  mention when its trigger head token is one of the gold mention's tokens (first come
  first served). Matched mentions take the gold mention's identity; unmatched ones
  ("twinless") stay in the response under their own identity: they are singletons or
  wrong links and count against precision in B3 and CEAF-e (and in MUC when linked), as
  the reference scorer does. Gold mentions the pipeline misses count against recall.

Systems, all on the same mentions in the same run:

* ``lemma (all)``: same head lemma across the whole split (the classic baseline);
* ``lemma (doc clusters)``: same head lemma within one predicted document cluster;
* ``lemma (gold subtopics)``: same head lemma within one gold sub-topic (an oracle);
* ``claimgraph``: :func:`claimgraph.kb.event_coref.cluster` (story clusters, trigger
  synonym groups, context and argument overlap, average link).

Usage: python bench/eval_ecbplus.py [--split dev|train|gate] [--tune] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ecbplus"
STEPS = ("parse", "entities", "places", "times", "attribution", "events")
#: The fixed gate subset (dev topics) re-scored by tests/quality/test_gate_ecbplus.py.
GATE_TOPICS = (2, 12, 18)
#: Published CoNLL F1 on ECB+ *test*, gold mentions (see ../shared/data/ecbplus/SOURCE.md).
PUBLISHED = {
    "Barhom et al. 2019": 79.5,
    "Cattan et al. 2021": 81.0,
    "Held et al. 2021": 85.7,
}
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", "%", ")", "]", "'s", "n't", "'", "''", "'re", "'ve",
                              "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "``", "#"})


# -- reading ECB+ ------------------------------------------------------------------------------


@dataclass(slots=True)
class GoldMention:
    mid: str
    tag: str
    tids: tuple[int, ...]
    cluster: str


@dataclass(slots=True)
class EcbDoc:
    name: str
    topic: int
    subtopic: str
    text: str
    offsets: dict[int, tuple[int, int]]  # token id -> (start, end) in text
    mentions: list[GoldMention] = field(default_factory=list)

    @property
    def gold_subtopic(self) -> str:
        return f"{self.topic}{self.subtopic}"


def read_selected(data: Path) -> dict[str, set[int]]:
    """Document name (``2_1ecb``) -> its selected sentence numbers."""
    out: dict[str, set[int]] = defaultdict(set)
    with open(data / "ECBplus_coreference_sentences.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def _rebuild(tokens: list[tuple[int, int, str]]) -> tuple[str, dict[int, tuple[int, int]]]:
    parts: list[str] = []
    offsets: dict[int, tuple[int, int]] = {}
    pos, prev_sent, prev_tok = 0, None, ""
    for tid, sent, tok in tokens:
        tok = {"``": '"', "''": '"'}.get(tok, tok)
        if prev_sent is not None:
            sep = "\n" if sent != prev_sent else ("" if tok in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER else " ")
            parts.append(sep)
            pos += len(sep)
        offsets[tid] = (pos, pos + len(tok))
        parts.append(tok)
        pos += len(tok)
        prev_sent, prev_tok = sent, tok
    return "".join(parts), offsets


def read_document(path: Path, selected: set[int]) -> EcbDoc:
    """One CAT XML document, restricted to its selected sentences."""
    root = ET.parse(path).getroot()
    tokens = [
        (int(t.get("t_id", "0")), int(t.get("sentence", "0")), t.text or "")
        for t in root.iter("token")
        if int(t.get("sentence", "-1")) in selected
    ]
    text, offsets = _rebuild(tokens)
    name = path.stem
    topic, rest = name.split("_", 1)
    doc = EcbDoc(name, int(topic), "ecbplus" if rest.endswith("ecbplus") else "ecb", text, offsets)
    spans: dict[str, tuple[str, tuple[int, ...]]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        tids = tuple(int(a.get("t_id", "0")) for a in m.findall("token_anchor"))
        if tids and (m.tag.startswith("ACTION") or m.tag.startswith("NEG")):
            spans[m.get("m_id", "")] = (m.tag, tids)
    clusters: dict[str, str] = {}
    relations = root.find("Relations")
    for r in relations if relations is not None else ():
        cid = r.get("note") if r.tag == "CROSS_DOC_COREF" else f"{name}:intra{r.get('r_id')}"
        for s in r.findall("source"):
            clusters[s.get("m_id", "")] = str(cid)
    for mid, (tag, tids) in sorted(spans.items(), key=lambda kv: kv[1][1]):
        if all(t in offsets for t in tids):
            doc.mentions.append(GoldMention(mid, tag, tids, clusters.get(mid, f"{name}:single{mid}")))
    return doc


def load_split(data: Path, split: str, limit: int | None = None) -> list[EcbDoc]:
    """The documents of ``split`` (``train``, ``dev``, ``gate``) that have selected sentences."""
    topics_of = json.loads((data / "split_cybulska_vossen_2015.json").read_text())
    topics = list(GATE_TOPICS) if split == "gate" else topics_of[split]
    selected = read_selected(data)
    docs: list[EcbDoc] = []
    for topic in topics:
        for path in sorted((data / "ECB+" / str(topic)).glob("*.xml")):
            sel = selected.get(path.stem)
            if sel:
                docs.append(read_document(path, sel))
    return docs[:limit] if limit else docs


# -- scoring -----------------------------------------------------------------------------------

Clusters = list[set[str]]


def _prf(num_r: float, den_r: float, num_p: float, den_p: float) -> tuple[float, float, float]:
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def _muc_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0.0
    for c in key:
        parts = {where.get(m, ("solo", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    nr, dr = _muc_side(key, response)
    np_, dp = _muc_side(response, key)
    return _prf(nr, dr, np_, dp)


def _b3_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = {m: c for c in response for m in c}
    num = den = 0.0
    for c in key:
        for m in c:
            other = where.get(m)
            num += len(c & other) / len(c) if other is not None else 0.0
            den += 1
    return num, den


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    nr, dr = _b3_side(key, response)
    np_, dp = _b3_side(response, key)
    return _prf(nr, dr, np_, dp)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    if not key or not response:
        return 0.0, 0.0, 0.0
    where = {m: j for j, c in enumerate(response) for m in c}
    sim = np.zeros((len(key), len(response)))
    for i, c in enumerate(key):
        for j in {where[m] for m in c if m in where}:
            inter = len(c & response[j])
            sim[i, j] = 2.0 * inter / (len(c) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total, len(key), total, len(response))


def conll(key: Clusters, response: Clusters) -> dict[str, float]:
    """MUC, B3, CEAF-e (each F1) and their mean, in percent, with recall/precision."""
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        r, p, f = fn(key, response)
        out[f"{name}_r"], out[f"{name}_p"], out[f"{name}_f1"] = 100 * r, 100 * p, 100 * f
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


def group_by(ids: Iterable[str], labels: Iterable[Any]) -> Clusters:
    out: dict[Any, set[str]] = defaultdict(set)
    for i, lab in zip(ids, labels, strict=True):
        out[lab].add(i)
    return list(out.values())


# -- running claimgraph ------------------------------------------------------------------------


def analyse(docs: list[EcbDoc], batch: int = 32) -> list[Any]:
    """The pipeline's Document for each ECB+ document, with its scratch (the parse) kept."""
    from claimgraph.models import Document, DocumentInfo
    from claimgraph.pipeline import Pipeline

    pipe = Pipeline(names=STEPS)
    out: list[Any] = []
    for i in range(0, len(docs), batch):
        chunk = [Document(info=DocumentInfo(id=d.name, source=d.name, text=d.text)) for d in docs[i:i + batch]]
        for s in pipe.steps:  # the steps of Pipeline._run_batch, keeping scratch for the token map
            chunk = s.batch(chunk, pipe.settings) if s.batch is not None else [s.func(d) for d in chunk]
        out.extend(chunk)
    return out


@dataclass(slots=True)
class Unit:
    """What is clustered: one gold mention, or one pipeline event with its mentions."""

    doc: EcbDoc
    mentions: list[tuple[str, str]]  # (mention identity, its head lemma) per mention
    event: dict[str, Any]  # the event dict given to event_features (with the spaCy lemma)
    features: dict[str, Any]


def _head(sdoc: Any, start: int, end: int) -> Any:
    toks = [t for t in sdoc if t.idx < end and t.idx + len(t.text) > start]
    if not toks:
        return None
    inside = {t.i for t in toks}
    for t in toks:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return toks[-1]


def _tid_at(doc: EcbDoc, char: int) -> int | None:
    for tid, (s, e) in doc.offsets.items():
        if s <= char < e:
            return tid
    return None


def gold_units(docs: list[EcbDoc], analysed: list[Any]) -> list[Unit]:
    from claimgraph.kb.event_coref import event_features

    units: list[Unit] = []
    for doc, cg in zip(docs, analysed, strict=True):
        record = cg.to_dict()
        sdoc = cg.scratch["sdoc"]
        for m in doc.mentions:
            start, end = doc.offsets[m.tids[0]][0], doc.offsets[m.tids[-1]][1]
            head = _head(sdoc, start, end)
            lemma = head.lemma_.lower() if head is not None else doc.text[start:end].lower()
            ev = {"id": f"g{m.mid}", "trigger": {"start": start, "end": end, "text": doc.text[start:end]},
                  "lemma": lemma, "nominal": head is not None and head.pos_ in ("NOUN", "PROPN")}
            units.append(Unit(doc, [(f"{doc.name}:{m.mid}", lemma)], ev, event_features(ev, record)))
    return units


#: Suffixes of event nouns (nominalisations) for the parse-based mention detector.
_EVENT_NOUN_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "ing", "al", "age", "ery", "sis")


def detect_mentions(sdoc: Any) -> list[int]:
    """A parse-based event-mention detector (bench only): every main verb, and every common
    noun that is a nominalisation or a word of event_coref's trigger lexicon.
    """
    from claimgraph.kb.event_coref import trigger_group

    out = []
    for t in sdoc:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and lemma not in ("be", "have", "do"):
            out.append(t.i)
        elif t.pos_ == "NOUN" and not t.ent_type_ and (
            lemma.endswith(_EVENT_NOUN_SUFFIXES) or trigger_group(lemma) != lemma or lemma in _LEXICON
        ):
            out.append(t.i)
    return out


def _lexicon() -> frozenset[str]:
    from claimgraph.kb.event_coref import _GROUP_OF

    return frozenset(_GROUP_OF)


_LEXICON = _lexicon()


class _Matcher:
    """Gives a predicted mention (a spaCy token index) the identity of the gold mention
    whose tokens include it (first come, first served), else an identity of its own."""

    def __init__(self, doc: EcbDoc, sdoc: Any) -> None:
        self.doc, self.sdoc = doc, sdoc
        self.gold_of = {t: m for m in doc.mentions for t in m.tids}
        self.used: set[str] = set()
        self.matched = 0

    def __call__(self, ti: int) -> str:
        g = self.gold_of.get(_tid_at(self.doc, self.sdoc[ti].idx))
        if g is not None and g.mid not in self.used:
            self.used.add(g.mid)
            self.matched += 1
            return f"{self.doc.name}:{g.mid}"
        return f"{self.doc.name}:p{ti}"


def predicted_units(docs: list[EcbDoc], analysed: list[Any], detector: bool = False) -> tuple[list[Unit], int]:
    """Units from the pipeline's events (and, with ``detector``, from :func:`detect_mentions`
    for tokens no event covers); also the number of predicted mentions matched to gold.
    """
    from claimgraph.kb.event_coref import event_features

    units: list[Unit] = []
    matched = 0
    for doc, cg in zip(docs, analysed, strict=True):
        record = cg.to_dict()
        sdoc = cg.scratch["sdoc"]
        match = _Matcher(doc, sdoc)
        covered: set[int] = set()
        for ev in record["events"]:
            toks = cg.scratch.get("event_mentions", {}).get(ev["id"], [])
            mentions = [(match(ti), sdoc[ti].lemma_.lower()) for ti in toks]
            covered.update(toks)
            main = _head(sdoc, ev["trigger"]["start"], ev["trigger"]["end"])
            ev = dict(ev, lemma=main.lemma_.lower() if main is not None else None,
                      nominal=main is not None and main.pos_ in ("NOUN", "PROPN"))
            if mentions:
                units.append(Unit(doc, mentions, ev, event_features(ev, record)))
        for ti in detect_mentions(sdoc) if detector else ():
            if ti in covered:
                continue
            tok = sdoc[ti]
            ev = {"id": f"d{ti}", "trigger": {"start": tok.idx, "end": tok.idx + len(tok.text), "text": tok.text},
                  "lemma": tok.lemma_.lower(), "nominal": tok.pos_ == "NOUN"}
            units.append(Unit(doc, [(match(ti), tok.lemma_.lower())], ev, event_features(ev, record)))
        matched += match.matched
    units.sort(key=lambda u: (u.doc.name, u.event["trigger"]["start"]))
    return units, matched


def key_clusters(docs: list[EcbDoc]) -> Clusters:
    ids = [f"{d.name}:{m.mid}" for d in docs for m in d.mentions]
    return group_by(ids, [m.cluster for d in docs for m in d.mentions])


def _expand(units: list[Unit], labels: list[Any]) -> Clusters:
    ids, labs = [], []
    for u, lab in zip(units, labels, strict=True):
        for ident, _ in u.mentions:
            ids.append(ident)
            labs.append(lab)
    return group_by(ids, labs)


def _lemma_clusters(units: list[Unit], scope: dict[str, Any]) -> Clusters:
    ids = [ident for u in units for ident, _ in u.mentions]
    labs = [(scope[u.doc.name], lemma) for u in units for _, lemma in u.mentions]
    return group_by(ids, labs)


def systems(units: list[Unit], threshold: float | None = None, doc_threshold: float | None = None,
            weights: dict[str, float] | None = None) -> dict[str, Clusters]:
    from claimgraph.kb import event_coref as ec

    feats = [u.features for u in units]
    th = ec.DEFAULT_THRESHOLD if threshold is None else threshold
    dth = ec.DOC_THRESHOLD if doc_threshold is None else doc_threshold
    labels = ec.cluster(feats, th, doc_threshold=dth, weights=weights)
    story = ec.cluster_documents(feats, dth)
    return {
        "lemma (all)": _lemma_clusters(units, {u.doc.name: 0 for u in units}),
        "lemma (doc clusters)": _lemma_clusters(units, {u.doc.name: story[u.features["document"]] for u in units}),
        "lemma (gold subtopics)": _lemma_clusters(units, {u.doc.name: u.doc.gold_subtopic for u in units}),
        "claimgraph": _expand(units, labels),
    }


def evaluate(data: Path, split: str, limit: int | None = None) -> dict[str, Any]:
    """Every figure of one split: ``{"gold": {system: scores}, "predicted": {...}, ...}``."""
    t0 = time.perf_counter()
    docs = load_split(data, split, limit)
    analysed = analyse(docs)
    t1 = time.perf_counter()
    key = key_clusters(docs)
    gold = gold_units(docs, analysed)
    pred, matched = predicted_units(docs, analysed)
    pred_det, matched_det = predicted_units(docs, analysed, detector=True)
    out: dict[str, Any] = {
        "split": split, "documents": len(docs), "gold_mentions": sum(len(c) for c in key),
        "gold_clusters": len(key), "pipeline_s": round(t1 - t0, 1),
        "mentions": {
            "events": {"predicted": sum(len(u.mentions) for u in pred), "matched": matched},
            "events+detector": {"predicted": sum(len(u.mentions) for u in pred_det), "matched": matched_det},
        },
    }
    for name, units in (("gold", gold), ("events", pred), ("events+detector", pred_det)):
        out[name] = {s: conll(key, resp) for s, resp in systems(units).items()}
    out["total_s"] = round(time.perf_counter() - t0, 1)
    return out


def tune(data: Path, split: str = "train") -> None:
    """Grid search of the thresholds on ``split`` (train topics only), gold and predicted."""
    docs = load_split(data, split)
    analysed = analyse(docs)
    key = key_clusters(docs)
    settings = {"gold": gold_units(docs, analysed),
                "events+detector": predicted_units(docs, analysed, detector=True)[0]}
    for dth in (0.08, 0.12, 0.16, 0.2):
        for th in (0.4, 0.5, 0.6, 0.7):
            row = []
            for name, units in settings.items():
                res = systems(units, th, dth)
                row.append(f"{name} {conll(key, res['claimgraph'])['conll_f1']:.2f}"
                           f" (lemma/doc {conll(key, res['lemma (doc clusters)'])['conll_f1']:.2f})")
            print(f"doc_th={dth:.2f} th={th:.2f}  " + "  ".join(row), flush=True)


def _print(res: dict[str, Any]) -> None:
    print(f"ECB+ {res['split']}: {res['documents']} documents, {res['gold_mentions']} gold event mentions "
          f"in {res['gold_clusters']} clusters ({res['pipeline_s']} s pipeline, {res['total_s']} s total)")
    for name, m in res["mentions"].items():
        p = 100 * m["matched"] / m["predicted"] if m["predicted"] else 0.0
        r = 100 * m["matched"] / res["gold_mentions"]
        print(f"  predicted mentions from {name}: {m['predicted']}, {m['matched']} matching gold (P {p:.1f} R {r:.1f})")
    titles = {"gold": "gold mentions", "events": "predicted: pipeline events",
              "events+detector": "predicted: events + detector"}
    for setting, title in titles.items():
        print(f"\n{title:31s} MUC F1   B3 F1  CEAF-e F1  CoNLL F1")
        for name, s in res[setting].items():
            print(f"  {name:29s} {s['muc_f1']:6.2f}  {s['b3_f1']:6.2f}  {s['ceafe_f1']:8.2f}  {s['conll_f1']:8.2f}")
    print("\npublished (ECB+ test, gold mentions, CoNLL F1; from SOURCE.md): "
          + ", ".join(f"{k} {v}" for k, v in PUBLISHED.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", default="dev", choices=("dev", "train", "gate"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--tune", action="store_true", help="grid-search thresholds on the train topics")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not (args.data / "split_cybulska_vossen_2015.json").is_file():
        print(f"ECB+ not found at {args.data}; pass --data PATH", file=sys.stderr)
        return 2
    if args.tune:
        tune(args.data)
        return 0
    res = evaluate(args.data, args.split, args.limit)
    print(json.dumps(res, indent=1) if args.json else "", end="")
    if not args.json:
        _print(res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
