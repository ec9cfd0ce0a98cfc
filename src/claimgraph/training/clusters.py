"""Word clusters from unlabelled news text: the event detector's way to generalise past its lemmas.

The detector is trained on 45 articles, so most words of a new story never appeared in its
training data ("veto", "override", "indictment" in one story only). Distributional word
classes carry what it learned about one word to its neighbours: words used in the same
contexts ("investigation", "probe", "inquiry"; "arrested", "detained", "jailed") fall in one
class, and the class id is a detector feature beside the lemma (the classic Brown-cluster
feature of named-entity and event taggers).

How (deterministic, a few minutes on 2 CPU cores):

1. lower-cased word tokens of the unlabelled text below, split into sentences;
2. co-occurrence counts with the 20,000 most frequent words at positions -2, -1, +1, +2
   (each position its own context column), for every word seen at least :data:`MIN_COUNT` times;
3. positive PMI with context-distribution smoothing (alpha 0.75), then a truncated SVD to
   :data:`DIMS` dimensions (randomized, fixed seed), rows normalised;
4. k-means (mini-batch, fixed seed) at three granularities, :data:`GRANULARITIES`.

The artifact ``word_clusters.json.gz`` holds the words and their three class ids, nothing of
the text. Texts (train splits only; no labels are read): ``bbc/`` (BBC News, 2,225 articles),
``reuters/`` (Reuters-21578 bodies), ``polnear/train/text`` and ``tempeval3/train``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..nlp.events.features import CLUSTERS_FILE

MIN_COUNT = 5
CONTEXT_WORDS = 20_000
DIMS = 100
GRANULARITIES = (64, 256, 1024)
SEED = 13

_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")
_SENT = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_TAG = re.compile(r"<[^>]+>")
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def corpus_texts(data: Path, limit: int | None = None) -> Iterator[str]:
    """The unlabelled texts, in a fixed order (at most ``limit`` files per source)."""

    def files(pattern: str) -> list[Path]:
        found = sorted(data.glob(pattern))
        return found[:limit] if limit else found

    for p in files("bbc/bbc/*/*.txt"):
        yield p.read_text(encoding="latin-1")
    for p in files("reuters/*.sgm"):
        for body in _BODY.findall(p.read_text(encoding="latin-1")):
            yield html.unescape(body)
    for p in files("polnear/train/text/*"):
        yield p.read_text(encoding="utf-8", errors="replace")
    for p in files("tempeval3/train/**/*.tml"):
        yield html.unescape(_TAG.sub(" ", p.read_text(encoding="utf-8", errors="replace")))


def sentences(texts: Iterator[str]) -> list[list[str]]:
    out = []
    for text in texts:
        for s in _SENT.split(text):
            toks = [w.lower() for w in _WORD.findall(s)]
            if len(toks) > 2:
                out.append(toks)
    return out


def _ppmi(sents: list[list[str]], vocab: list[str], contexts: list[str]) -> Any:
    import numpy as np
    import scipy.sparse as sp

    vi = {w: i for i, w in enumerate(vocab)}
    ci = {w: i for i, w in enumerate(contexts)}
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        ids = [vi.get(w, -1) for w in s]
        cids = [ci.get(w, -1) for w in s]
        n = len(s)
        for i, a in enumerate(ids):
            if a < 0:
                continue
            for slot, j in enumerate((i - 2, i - 1, i + 1, i + 2)):
                if 0 <= j < n and cids[j] >= 0:
                    rows.append(a)
                    cols.append(cids[j] * 4 + slot)
    m = sp.coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                      shape=(len(vocab), len(contexts) * 4)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_p = np.asarray(m.sum(axis=1)).ravel() / total
    col_p = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_p /= col_p.sum()
    c = m.tocoo()
    pmi = np.log(c.data / total / row_p[c.row] / col_p[c.col])
    keep = pmi > 0
    return sp.csr_matrix((pmi[keep], (c.row[keep], c.col[keep])), shape=m.shape)


def train_clusters(data: Path, limit: int | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(artifact, report): the word classes learned from the texts under ``data``."""
    import numpy as np
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.utils.extmath import randomized_svd

    sents = sentences(corpus_texts(data, limit=limit))
    counts = Counter(w for s in sents for w in s)
    vocab = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    if len(vocab) < 8:
        raise ValueError(f"too little text under {data} for word clusters ({len(vocab)} words)")
    contexts = vocab[:CONTEXT_WORDS]
    ppmi = _ppmi(sents, vocab, contexts)
    dims = min(DIMS, len(vocab) - 1, ppmi.shape[1] - 1)
    u, s, _ = randomized_svd(ppmi, dims, random_state=SEED, n_iter=5)
    emb = u * np.sqrt(s)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    classes: dict[str, list[int]] = {}
    for k in GRANULARITIES:
        n = max(2, min(k, len(vocab) // 4))
        km = MiniBatchKMeans(n_clusters=n, random_state=SEED, batch_size=4096, n_init=1)
        classes[str(k)] = [int(x) for x in km.fit_predict(emb)]
    artifact = {"source": "bbc, reuters, polnear/train, tempeval3/train (unlabelled text)",
                "words": vocab, "classes": classes}
    report = {"sentences": len(sents), "tokens": sum(counts.values()), "words": len(vocab),
              "granularities": {k: len(set(v)) for k, v in classes.items()}}
    return artifact, report


__all__ = ["train_clusters", "corpus_texts", "CLUSTERS_FILE", "GRANULARITIES"]
