"""Training the attribution cue model from PolNeAR's train split.

Run through ``scripts/train_models.py`` (``--only attribution`` trains it alone); nothing
here runs during analysis. Data: ``../shared/data/polnear/train`` (``text/*.txt`` and the
brat files ``attributions/*.ann``, the alphabetically first annotator of each article, as
the shared scorer reads dev). The dev and test splits are never read.

Every train article goes through the ``parse`` step; the attribution rules propose their
relations with candidates (:func:`claimgraph.nlp.attribution.claims.proposed_relations`),
and a proposal is a positive example when its cue word lies inside a gold cue (proposals
nested in another relation's content are left out: PolNeAR gives a token one role in at most
one relation, so they are never gold, and the rules decide them at run time). A logistic
regression over :func:`claimgraph.nlp.attribution.tagger.relation_features` is fitted;
cross-validation holds out whole articles (5 folds) and picks, per group of proposals
(speech rules / the rest), the probability threshold that maximises cue F1 over all gold
cues (a gold cue found twice counts once; proposals that hit no gold cue are false). The
final model is fitted on every article and written as ``attribution_cue.json.gz`` with its
thresholds; the manifest is rewritten over every file of the folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..ingest.jsonin import object_document
from ..models import Document, DocumentInfo
from ..nlp.attribution.tagger import ARTIFACT, RULE_KINDS, group_of, nested, relation_features
from ..nlp.learned import LinearModel
from ..pipeline import Pipeline
from .events import Examples, cross_validate, fit_linear, write_artifact, write_manifest

CUE_C = 0.5
FOLDS = 5
_GRID = [x / 20 for x in range(1, 20)]


@dataclass
class CueExamples(Examples):
    """Proposals with their features, labels (``cue`` / ``no``), article and gold cue hit."""

    gold_id: list[int] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    gold_total: int = 0


def gold_cues(ann: Path) -> list[list[tuple[int, int]]]:
    """The character ranges of each attribution's cue (E lines of a brat file)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    lines = [x.split("\t") for x in ann.read_text(encoding="utf-8").splitlines()]
    for parts in lines:
        if parts[0].startswith("T") and len(parts) >= 2:
            typ, rng = parts[1].split(" ", 1)
            if typ == "Cue":
                spans[parts[0]] = [(int(a), int(b)) for a, b in (r.split() for r in rng.split(";"))]
    out = []
    for parts in lines:
        if parts[0].startswith("E") and len(parts) >= 2:
            for arg in parts[1].split():
                key, tid = arg.split(":", 1)
                if key == "Cue" and tid in spans:
                    out.append(spans[tid])
    return out


def load_split(folder: Path, limit: int | None = None) -> list[tuple[str, str, list[list[tuple[int, int]]]]]:
    """(article id, text, gold cues) for each article of a PolNeAR split folder."""
    anns: dict[str, Path] = {}
    for p in sorted((folder / "attributions").glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], p)
    texts = sorted((folder / "text").glob("*.txt"))
    if limit:
        texts = texts[:limit]
    return [(t.stem, t.read_text(encoding="utf-8"), gold_cues(anns[t.stem]) if t.stem in anns else [])
            for t in texts]


def cue_examples(folder: Path, limit: int | None = None) -> CueExamples:
    """Parse each article and label every proposal of the rules."""
    arts = load_split(folder, limit)
    settings = load_settings()
    pipe = Pipeline(names=("parse",), settings=settings)
    ex = CueExamples()
    step = pipe.steps[0]
    batch = 16
    for k in range(0, len(arts), batch):
        chunk = arts[k : k + batch]
        docs = [Document(info=_info(aid, text, settings)) for aid, text, _ in chunk]
        docs = step.batch(docs, settings) if step.batch is not None else [step.func(d) for d in docs]
        for (aid, text, cues), doc in zip(chunk, docs, strict=True):
            _label(ex, aid, text, cues, doc, ex.gold_total)  # gold ids unique over the split
            ex.gold_total += len(cues)
    return ex


def _info(aid: str, text: str, settings: Settings) -> DocumentInfo:
    """The article as the scorer feeds it (a JSON object with its id and text)."""
    info = object_document({"id": aid, "text": text}, aid, settings)
    if not isinstance(info, DocumentInfo):
        raise ValueError(f"PolNeAR article {aid}: not a document ({info})")
    return info


def _label(ex: CueExamples, aid: str, text: str, cues: list[list[tuple[int, int]]], doc: Document,
           base: int) -> None:
    from ..nlp.attribution.claims import proposed_relations

    if doc.text != text:  # the body is the text verbatim for a JSON/text input; be safe
        shift = text.find(doc.text)
        if shift < 0:
            return
        cues = [[(a - shift, b - shift) for a, b in c] for c in cues]
    owner: dict[int, int] = {}
    for g, ranges in enumerate(cues):
        for a, b in ranges:
            for c in range(a, b):
                owner[c] = base + g
    for sent, rels, headline in proposed_relations(doc):
        sdoc = sent.doc  # a Title Case headline has a parse of its own (same offsets)
        for r in rels:
            if r.kind in RULE_KINDS or nested(r, rels):
                continue  # PolNeAR marks one relation per token: nested ones are never gold;
                # turns and named origins are the rules' to keep
            head = sdoc[(r.core or r.cue)[1] - 1]
            hit = next((owner[c] for c in range(head.idx, head.idx + len(head.text)) if c in owner), -1)
            ex.feats.append(relation_features(sdoc, sent, r, rels, headline))
            ex.labels.append("cue" if hit >= 0 else "no")
            ex.groups.append(aid)
            ex.gold_id.append(hit)
            ex.group.append(group_of(r))


def choose_thresholds(ex: CueExamples, probs: dict[int, float]) -> tuple[dict[str, float], dict[str, float]]:
    """Per-group thresholds maximising cue F1 over all gold cues, with that P/R/F1."""
    best: tuple[float, dict[str, float], dict[str, float]] | None = None
    for ts in _GRID:
        for to in _GRID:
            hit: set[int] = set()
            fp = 0
            for i, p in probs.items():
                if p < (ts if ex.group[i] == "speech" else to):
                    continue
                if ex.gold_id[i] >= 0 and ex.gold_id[i] not in hit:
                    hit.add(ex.gold_id[i])
                else:
                    fp += 1
            tp = len(hit)
            prec = tp / (tp + fp) if tp + fp else 0.0
            rec = tp / max(ex.gold_total, 1)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            if best is None or f1 > best[0] + 1e-9:
                best = (f1, {"speech": ts, "other": to},
                        {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4)})
    assert best is not None
    return best[1], best[2]


def _rules_alone(ex: CueExamples) -> dict[str, float]:
    """Cue P/R/F1 of the rules without the model (every rule relation, no candidate)."""
    hit: set[int] = set()
    fp = 0
    for i in range(len(ex.labels)):
        if ex.feats[i].get("class=candidate"):
            continue
        if ex.gold_id[i] >= 0 and ex.gold_id[i] not in hit:
            hit.add(ex.gold_id[i])
        else:
            fp += 1
    prec = len(hit) / max(len(hit) + fp, 1)
    rec = len(hit) / max(ex.gold_total, 1)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4)}


def train_attribution(polnear: Path, out: Path, *, limit: int | None = None, folds: int = FOLDS) -> dict[str, Any]:
    """Fit the cue model on ``polnear/train``; write it to ``out`` and rewrite the manifest."""
    ex = cue_examples(polnear / "train", limit)
    data: Examples = ex
    report: dict[str, Any] = {"articles": len(set(ex.groups)), "gold_cues": ex.gold_total,
                              "proposals": len(data.labels), "positive": data.labels.count("cue"),
                              "rules_alone_cv": _rules_alone(ex)}

    def fit(idx: list[int]) -> dict[str, Any]:
        return fit_linear(data, C=CUE_C, train_idx=idx)

    folds = max(2, min(folds, len(set(data.groups))))
    scored = cross_validate(data, folds, fit, lambda m, i: m.proba(data.feats[i])["cue"])
    probs = dict(scored)
    thresholds, fig = choose_thresholds(ex, probs)
    report["cue_cv"] = {"thresholds": thresholds, **fig}
    model = fit(list(range(len(data.labels))))
    model["thresholds"] = thresholds
    model["source"] = "PolNeAR train (first annotator per article)"
    LinearModel.from_dict(model)  # the artifact must load as the analysis reads it
    write_artifact(out, ARTIFACT, model)
    write_manifest(out)
    return report


__all__ = ["train_attribution", "cue_examples", "choose_thresholds", "gold_cues", "load_split"]
