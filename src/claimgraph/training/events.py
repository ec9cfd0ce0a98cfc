"""Training the event layer: priors, detector, typer and status classifier.

Run through ``scripts/train_models.py``; nothing here runs during analysis. Data (all under
``../shared/data``):

* ``tempeval3/train`` (TimeBank + AQUAINT): per word form, how often it is an EVENT and its
  usual TimeML class -> ``event_priors.json.gz``;
* ``statuschain-dev/articles``: every event with a participant, its type and status, made to
  the product's guideline -> the detector (``event_detect``), the typer (``event_type``) and
  the status classifier (``event_status``).

The statuschain articles come in story triplets (one story, three outlets), so
cross-validation holds out whole stories (``GroupKFold`` by triplet): no outlet's report of a
story is scored by a model that saw another outlet's report of it.

Models are scikit-learn logistic regressions exported as plain JSON weights
(:class:`claimgraph.nlp.learned.LinearModel`), so analysis needs neither scikit-learn nor
pickle, and every file is hash-checked at load.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..ingest.jsonin import object_document
from ..models import Document, DocumentInfo
from ..nlp.learned import LinearModel
from ..pipeline import Pipeline

PREP_STEPS = ("parse", "entities", "places", "times", "attribution")
SEED = 13


# -- priors from TimeBank / AQUAINT ------------------------------------------------------------

_EVENT_RE = re.compile(r'<EVENT\b[^>]*\bclass="([A-Z_]+)"[^>]*>(.*?)</EVENT>', re.S)
_TAG_RE = re.compile(r"<[^>]+>")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")


def build_priors(tempeval_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """form -> [times an EVENT, times seen, most frequent class], over TimeML ``<TEXT>``."""
    files = sorted(tempeval_dir.rglob("*.tml"))
    if limit:
        files = files[:limit]
    seen: Counter[str] = Counter()
    events: Counter[str] = Counter()
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    for path in files:
        raw = path.read_text(encoding="utf-8", errors="replace")
        m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        body = m.group(1) if m else raw
        for cls, inner in _EVENT_RE.findall(body):
            words = _WORD_RE.findall(html.unescape(_TAG_RE.sub("", inner)).lower())
            if words:
                events[words[-1]] += 1
                classes[words[-1]][cls] += 1
        for w in _WORD_RE.findall(html.unescape(_TAG_RE.sub(" ", body)).lower()):
            seen[w] += 1
    forms = {w: [events[w], max(seen[w], events[w]), classes[w].most_common(1)[0][0] if events[w] else ""]
             for w in seen if seen[w] >= 2 or events[w]}
    return {"source": "tempeval3/train (TimeBank, AQUAINT)", "files": len(files), "forms": forms}


# -- the labelled articles ----------------------------------------------------------------------


@dataclass
class Article:
    id: str
    group: str
    doc: Document
    gold: list[dict[str, Any]]
    #: token index of each gold event's trigger head (None where it could not be placed)
    heads: list[int | None] = field(default_factory=list)
    #: sentence starts (token index) the scorer counts for precision
    scored_sents: set[int] = field(default_factory=set)
    #: sentence starts in the fully annotated part (the first eight paragraphs)
    complete_sents: set[int] = field(default_factory=set)


def _run_steps(pipe: Pipeline, docs: list[Document], settings: Settings) -> list[Document]:
    for st in pipe.steps:
        docs = st.batch(docs, settings) if st.batch is not None else [st.func(d) for d in docs]
    return docs


def prepare_documents(inputs: list[tuple[dict[str, Any], str]], settings: Settings | None = None) -> list[Document]:
    """Run the steps before ``events`` over ``(input object, source)`` pairs (scratch kept): what
    the event models are trained on, statuschain articles and ECB+ documents alike."""
    settings = settings or load_settings()
    docs = []
    for obj, source in inputs:
        info = object_document(obj, source, settings)
        if not isinstance(info, DocumentInfo):
            raise ValueError(f"{source}: the training input is not a document ({info})")
        docs.append(Document(info=info))
    return _run_steps(Pipeline(names=PREP_STEPS, settings=settings), docs, settings)


def load_articles(folder: Path, limit: int | None = None, settings: Settings | None = None) -> list[Article]:
    """Parse every statuschain article through the steps before ``events`` (scratch kept)."""
    files = sorted(folder.glob("*.json"))
    if limit:
        files = files[:limit]
    raw = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    docs = prepare_documents([(d["input"], str(p)) for p, d in zip(files, raw, strict=True)], settings)
    out = []
    for d, doc in zip(raw, docs, strict=True):
        art = Article(id=d["id"], group=d.get("triplet") or d["id"], doc=doc, gold=d["events"])
        _place_gold(art)
        out.append(art)
    return out


def _paragraph_limit(text: str, n: int = 8) -> int:
    """Offset where the ninth paragraph starts (the guideline annotates the first eight fully)."""
    starts = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    return starts[n - 1] if len(starts) >= n else len(text) + 1


def _place_gold(art: Article) -> None:
    text = art.doc.text
    sdoc = art.doc.scratch["sdoc"]
    for ev in art.gold:
        occ = [m.start() for m in re.finditer(re.escape(ev["trigger"]), text)]
        k = int(ev.get("occurrence") or 0)
        if k >= len(occ):
            art.heads.append(None)
            continue
        span = sdoc.char_span(occ[k], occ[k] + len(ev["trigger"]), alignment_mode="expand")
        if span is None:
            art.heads.append(None)
            continue
        art.heads.append(span.root.i)
        art.scored_sents.add(span.root.sent.start)
    limit = _paragraph_limit(text)
    for sent in sdoc.sents:
        if sent.start_char < limit:
            art.scored_sents.add(sent.start)
            art.complete_sents.add(sent.start)


# -- examples ---------------------------------------------------------------------------------


@dataclass
class Examples:
    feats: list[dict[str, float]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    #: per-example weight in the fit (empty: every example weighs 1)
    weights: list[float] = field(default_factory=list)
    #: per example, whether its sentence is in the fully annotated part of its article (the
    #: first eight paragraphs); empty where every example is (filled by
    #: :func:`detection_examples`, not carried by :meth:`joined`)
    complete: list[bool] = field(default_factory=list)

    def weight(self, i: int) -> float:
        return self.weights[i] if self.weights else 1.0

    def joined(self, other: Examples) -> Examples:
        """These examples followed by ``other``'s (indices of these stay the same)."""
        if not other.labels:
            return self
        w = [self.weight(i) for i in range(len(self.labels))] + [other.weight(i) for i in range(len(other.labels))]
        return Examples(self.feats + other.feats, self.labels + other.labels, self.groups + other.groups, w)


def detection_examples(arts: Iterable[Article], complete_only: bool = True) -> Examples:
    """Candidates labelled event/none. With ``complete_only``, only sentences of the fully
    annotated first eight paragraphs give examples: later paragraphs annotate only events
    that did not plainly occur, so their unannotated candidates are not negatives."""
    from ..nlp.events.features import detect_features, is_candidate

    ex = Examples()
    for art in arts:
        sdoc = art.doc.scratch["sdoc"]
        gold_heads = {h for h in art.heads if h is not None}
        for tok in sdoc:
            sents = art.complete_sents if complete_only else art.scored_sents
            if tok.sent.start not in sents or not is_candidate(tok):
                continue
            ex.feats.append(detect_features(tok))
            ex.labels.append("event" if tok.i in gold_heads else "none")
            ex.groups.append(art.group)
            ex.complete.append(tok.sent.start in art.complete_sents)
    return ex


def gold_token_examples(arts: Iterable[Article], featurize: Callable[[Article, Any, dict[str, Any]], dict[str, float]],
                        label: Callable[[dict[str, Any]], str]) -> Examples:
    ex = Examples()
    for art in arts:
        sdoc = art.doc.scratch["sdoc"]
        for ev, head in zip(art.gold, art.heads, strict=True):
            if head is None:
                continue
            ex.feats.append(featurize(art, sdoc[head], ev))
            ex.labels.append(label(ev))
            ex.groups.append(art.group)
    return ex


def _type_feats(art: Article, tok: Any, ev: dict[str, Any]) -> dict[str, float]:
    from ..nlp.events.features import type_features

    return type_features(tok)


def status_context(doc: Document, tok: Any) -> tuple[str, str | None]:
    """(rule status, claim kind) for a trigger token: what the status model reads besides words."""
    from ..nlp.events.extract import claim_for, mention_for_token
    from ..nlp.events.status import mention_status

    m = mention_for_token(tok)
    rule = mention_status(tok, m.cues, m.nominal)
    cid = claim_for(doc, tok.idx, tok.idx + len(tok.text))
    kind = next((c.kind for c in doc.claims if c.id == cid), None)
    return rule, kind


def _status_feats(art: Article, tok: Any, ev: dict[str, Any]) -> dict[str, float]:
    from ..nlp.events.features import status_features

    rule, kind = status_context(art.doc, tok)
    return status_features(tok, rule, kind)


# -- which claim an event belongs to ----------------------------------------------------------

#: Words that name no one on their own in a chain link ("the", "Mr.", "President").
_NAME_STOP = frozenset("the a an of and or in on at to for by from with s this that these those who which some "
                       "mr mrs ms dr sen rep gen president vice minister prime secretary spokesman "
                       "spokeswoman official officials chief leader head".split())
_PRONOUNS = frozenset("he she it they we i you him her them us me his its their our my your".split())


def _name_words(name: str) -> set[str]:
    out = set()
    for w in re.findall(r"[A-Za-z0-9]+", name):
        low = w.lower()
        if low in _NAME_STOP or low in _PRONOUNS and w != w.upper():
            continue
        out.add(low[:-1] if len(low) > 3 and low.endswith("s") and not low.endswith("ss") else low)
    return out


def _squash(name: str) -> str:
    x = re.sub(r"[^a-z0-9]", "", name.lower())
    return x[3:] if x.startswith("the") and len(x) > 6 else x


def _only_pronouns(name: str) -> bool:
    words = re.findall(r"[A-Za-z0-9]+", name)
    return bool(words) and all(w.lower() in _PRONOUNS and w != w.upper() for w in words)


def same_source(gold_name: str, names: list[str]) -> bool:
    """Does the gold chain's last link name the same source as one of ``names`` (a shared
    word of a name, or one name inside the other)? Pronouns and titles alone match nothing."""
    words, squashed = _name_words(gold_name), _squash(gold_name)
    for n in names:
        if words & _name_words(n):
            return True
        if _only_pronouns(gold_name) or _only_pronouns(n):
            continue
        sq = _squash(n)
        if len(squashed) >= 4 and len(sq) >= 4 and (squashed in sq or sq in squashed):
            return True
    return False


def origin_matches(doc: Document, ev: dict[str, Any], claim: Any) -> bool:
    """Is ``claim``'s last link the gold event's originating source (the guideline's chain:
    the publisher for the outlet's own voice, any anonymous source for an anonymous one,
    else the same name)?"""
    chain = claim.chain
    last = chain[-1]
    own = last.kind == "publisher" or len(chain) == 1
    gold_chain = ev.get("chain") or []
    kind = ev.get("origin_kind")
    if kind == "anonymous":
        return last.kind == "anonymous"
    if kind == "publisher" or len(gold_chain) <= 1:
        return own
    if own:
        return False
    names = [last.name] + ([last.span.text] if last.span is not None else [])
    ent = doc.entity(last.entity) if last.entity else None
    if ent is not None:
        names += [ent.name, *ent.aliases, *(m.text for m in ent.mentions)]
    return same_source(str(gold_chain[-1]), names)


@dataclass
class ScopeExamples:
    """One example per (gold event, claim holding it), for events held by two claims or more."""

    ex: Examples = field(default_factory=Examples)
    #: per example, the event it belongs to (article id, gold index) and whether it is the
    #: rule's choice (the innermost claim)
    keys: list[tuple[str, int]] = field(default_factory=list)
    rule: list[bool] = field(default_factory=list)


def scope_examples(arts: Iterable[Article]) -> ScopeExamples:
    """For each gold event two claims or more hold (the claims of the steps before the
    events, as the analysis has them), each of those claims with its scope features,
    labelled by whether its last link is the gold chain's origin (:func:`origin_matches`)."""
    from ..nlp.events.scope import covering_claims, scope_features
    from ..nlp.quotemarks import quoted_tokens

    out = ScopeExamples()
    for art in arts:
        sdoc = art.doc.scratch["sdoc"]
        quoted = quoted_tokens(art.doc)
        for k, (ev, head) in enumerate(zip(art.gold, art.heads, strict=True)):
            if head is None:
                continue
            tok = sdoc[head]
            held = covering_claims(art.doc, tok.idx, tok.idx + len(tok.text))
            if len(held) < 2:
                continue
            for rank, claim in enumerate(held):
                out.ex.feats.append(scope_features(tok, claim, rank, len(held), rank == 0, quoted))
                out.ex.labels.append("yes" if origin_matches(art.doc, ev, claim) else "no")
                out.ex.groups.append(art.group)
                out.keys.append((art.id, k))
                out.rule.append(rank == 0)
    return out


def scope_choices(scope: ScopeExamples, scores: dict[int, float]) -> dict[str, int]:
    """Per event, whether the best-scoring claim (of those scored) and the rule's are right."""
    best: dict[tuple[str, int], tuple[float, int]] = {}
    for i, s in scores.items():
        key = scope.keys[i]
        if key not in best or s > best[key][0]:
            best[key] = (s, i)
    right = sum(scope.ex.labels[i] == "yes" for _, i in best.values())
    rule = sum(scope.ex.labels[i] == "yes" for i in scores if scope.rule[i])
    return {"events": len(best), "model_right": right, "rule_right": rule}


# -- factuality of news predicates (UW) ------------------------------------------------------------


def factuality_label(score: float) -> str:
    """UW's -3..+3 commitment scale as three classes the status model can use."""
    if score >= 2.0:
        return "factual"
    if score <= -2.0:
        return "negated"
    return "uncertain"


def factuality_examples(path: Path, limit: int | None = None) -> Examples:
    """Status features (without the factuality ones) of every target predicate in a UW file.

    Each line holds a sentence as space-separated tokens and targets with a token index and
    a score; sentences are parsed as given (no re-tokenisation), without claims."""
    from spacy.tokens import Doc

    from ..nlp.events.extract import mention_for_token
    from ..nlp.events.features import status_features
    from ..nlp.events.status import mention_status
    from ..nlp.model import COMPOUND_LEMMAS, SPACED_HYPHENS, load_nlp

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        rows = rows[:limit]
    nlp = load_nlp()
    ex = Examples()
    # the targets are token indices: nothing may join the given tokens
    keep_tokens = [name for name in (SPACED_HYPHENS, COMPOUND_LEMMAS) if name in nlp.pipe_names]
    docs = nlp.pipe((Doc(nlp.vocab, words=r["text"].split(" ")) for r in rows), batch_size=64,
                    disable=keep_tokens)
    for k, (row, doc) in enumerate(zip(rows, docs, strict=True)):
        for target in row["targets"]:
            i = int(target["span1"][0])
            if i >= len(doc):
                continue
            tok = doc[i]
            m = mention_for_token(tok)
            ex.feats.append(status_features(tok, mention_status(tok, m.cues, m.nominal), None,
                                            factuality=False))
            ex.labels.append(factuality_label(float(target["label"])))
            ex.groups.append(str(row.get("file_idx", k)))
    return ex


# -- fitting and exporting ------------------------------------------------------------------------


def fit_linear(ex: Examples, *, C: float, class_weight: Any = None,
               train_idx: list[int] | None = None) -> dict[str, Any]:
    """Fit a logistic regression on (a subset of) examples; return the LinearModel dict."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    idx = list(range(len(ex.labels))) if train_idx is None else train_idx
    vec = DictVectorizer()
    X = vec.fit_transform([ex.feats[i] for i in idx])
    y = [ex.labels[i] for i in idx]
    clf = LogisticRegression(C=C, max_iter=3000, class_weight=class_weight, random_state=SEED)
    clf.fit(X, y, sample_weight=[ex.weight(i) for i in idx] if ex.weights else None)
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        col = clf.coef_[:, j]
        if np.any(np.abs(col) > 1e-6):
            weights[str(name)] = [round(float(v), 5) for v in col]
    return {"kind": "linear", "classes": [str(c) for c in clf.classes_],
            "bias": [round(float(b), 5) for b in clf.intercept_], "weights": weights}


def group_folds(groups: list[str], k: int) -> list[set[str]]:
    """Deterministic split of the distinct groups into k folds (sorted, round robin)."""
    names = sorted(set(groups))
    return [set(names[i::k]) for i in range(k)]


def cross_validate(ex: Examples, k: int, fit: Callable[[list[int]], dict[str, Any]],
                   score: Callable[[LinearModel, int], Any], scored: int | None = None) -> list[tuple[int, Any]]:
    """(example index, prediction) for every example, each predicted by a model that never saw its group.

    With ``scored``, only the first ``scored`` examples are split into folds and predicted;
    the rest (another corpus's, :meth:`Examples.joined`) are in every fold's training set."""
    n = len(ex.labels) if scored is None else scored
    extra = list(range(n, len(ex.labels)))
    out = []
    for held in group_folds(ex.groups[:n], k):
        train = [i for i, g in enumerate(ex.groups[:n]) if g not in held] + extra
        test = [i for i, g in enumerate(ex.groups[:n]) if g in held]
        if not train or not test:
            continue
        model = LinearModel.from_dict(fit(train))
        out += [(i, score(model, i)) for i in test]
    return out


def write_artifact(folder: Path, name: str, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    payload = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    # mtime=0 and a fixed name keep the gzip bytes (and so the sha256) reproducible
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(payload)
    return path


def write_manifest(folder: Path) -> Path:
    from ..nlp.learned import MANIFEST, sha256_of

    files = {p.name: sha256_of(p) for p in sorted(folder.glob("*.json.gz"))}
    path = folder / MANIFEST
    path.write_text(json.dumps({"files": files}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


__all__ = ["build_priors", "load_articles", "prepare_documents", "detection_examples", "gold_token_examples", "fit_linear",
           "cross_validate", "group_folds", "write_artifact", "write_manifest", "status_context", "Article",
           "Examples"]
