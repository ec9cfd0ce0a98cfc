"""Training the attribution models (the cue model, the content edges) from PolNeAR's train split.

Run through ``scripts/train_models.py`` (``--only attribution`` trains them alone); nothing
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

The same parse gives the content-edge models (:mod:`claimgraph.nlp.attribution.bounds`):
for each proposal whose cue word is in a gold cue with a content, every start and end
candidate is an example, right when its first (last) word, punctuation aside, is the gold
content's. Two logistic regressions are fitted (``attribution_bounds.json.gz``);
cross-validation over articles reports how often the best-scored candidate is right against
the rules' own edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..ingest.jsonin import object_document
from ..models import Document, DocumentInfo
from ..nlp.attribution.claims import proposed_relations
from ..nlp.attribution.tagger import ARTIFACT, RULE_KINDS, group_of, nested, relation_features
from ..nlp.learned import LinearModel
from ..pipeline import Pipeline
from .events import Examples, cross_validate, fit_linear, write_artifact, write_manifest

CUE_C = 0.5
BOUNDS_C = 2.0
FOLDS = 5
_GRID = [x / 20 for x in range(1, 20)]


@dataclass
class CueExamples(Examples):
    """Proposals with their features, labels (``cue`` / ``no``), article and gold cue hit."""

    gold_id: list[int] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    gold_total: int = 0


def gold_relations(ann: Path) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """(cue ranges, content ranges) of each attribution with a cue (E lines of a brat file)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    lines = [x.split("\t") for x in ann.read_text(encoding="utf-8").splitlines()]
    for parts in lines:
        if parts[0].startswith("T") and len(parts) >= 2:
            typ, rng = parts[1].split(" ", 1)
            spans[parts[0]] = (typ, [(int(a), int(b)) for a, b in (r.split() for r in rng.split(";"))])
    out = []
    for parts in lines:
        if parts[0].startswith("E") and len(parts) >= 2:
            cue: list[tuple[int, int]] = []
            content: list[tuple[int, int]] = []
            for arg in parts[1].split():
                key, tid = arg.split(":", 1)
                key = key.rstrip("0123456789")
                if tid not in spans:
                    continue
                if key == "Cue":
                    cue.extend(spans[tid][1])
                elif key == "Content":
                    content.extend(spans[tid][1])
            if cue:
                out.append((cue, sorted(content)))
    return out


def gold_cues(ann: Path) -> list[list[tuple[int, int]]]:
    """The character ranges of each attribution's cue (E lines of a brat file)."""
    return [cue for cue, _ in gold_relations(ann)]


def _split_files(folder: Path, limit: int | None) -> tuple[list[Path], dict[str, Path]]:
    anns: dict[str, Path] = {}
    for p in sorted((folder / "attributions").glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], p)
    texts = sorted((folder / "text").glob("*.txt"))
    return (texts[:limit] if limit else texts), anns


def load_split(folder: Path, limit: int | None = None) -> list[tuple[str, str, list[list[tuple[int, int]]]]]:
    """(article id, text, gold cues) for each article of a PolNeAR split folder."""
    texts, anns = _split_files(folder, limit)
    return [(t.stem, t.read_text(encoding="utf-8"), gold_cues(anns[t.stem]) if t.stem in anns else [])
            for t in texts]


def load_relations(folder: Path, limit: int | None = None) -> list[tuple[str, str, list[Any]]]:
    """(article id, text, gold (cue, content) ranges) for each article of a split folder."""
    texts, anns = _split_files(folder, limit)
    return [(t.stem, t.read_text(encoding="utf-8"), gold_relations(anns[t.stem]) if t.stem in anns else [])
            for t in texts]


@dataclass
class BoundExamples:
    """Content-edge candidates of the relations whose cue is gold: one set of examples per
    edge, and per relation the indices of its candidates (the rules' own edge first)."""

    start: Examples = field(default_factory=Examples)
    end: Examples = field(default_factory=Examples)
    start_sets: list[list[int]] = field(default_factory=list)
    end_sets: list[list[int]] = field(default_factory=list)


def cue_examples(folder: Path, limit: int | None = None,
                 bounds: BoundExamples | None = None) -> CueExamples:
    """Parse each article and label every proposal of the rules (and, with ``bounds``, the
    content-edge candidates of those whose cue is gold)."""
    arts = load_relations(folder, limit)
    settings = load_settings()
    pipe = Pipeline(names=("parse",), settings=settings)
    ex = CueExamples()
    step = pipe.steps[0]
    batch = 16
    for k in range(0, len(arts), batch):
        chunk = arts[k : k + batch]
        docs = [Document(info=_info(aid, text, settings)) for aid, text, _ in chunk]
        docs = step.batch(docs, settings) if step.batch is not None else [step.func(d) for d in docs]
        for (aid, text, rels), doc in zip(chunk, docs, strict=True):
            cues = [c for c, _ in rels]
            props = proposed_relations(doc)  # one pass of the rules for both labellers
            _label(ex, aid, text, cues, doc, ex.gold_total, props)  # gold ids unique over the split
            ex.gold_total += len(cues)
            if bounds is not None:
                _label_bounds(bounds, aid, text, rels, doc, props)
    return ex


def _cue_owner(cues: list[list[tuple[int, int]]], base: int = 0) -> dict[int, int]:
    """Character offset -> index (plus ``base``) of the gold cue it lies in."""
    owner: dict[int, int] = {}
    for g, ranges in enumerate(cues):
        for a, b in ranges:
            for c in range(a, b):
                owner[c] = base + g
    return owner


def _gold_hit(owner: dict[int, int], head: Any) -> int:
    """The gold cue the cue word ``head`` lies in, -1 for none."""
    return next((owner[c] for c in range(head.idx, head.idx + len(head.text)) if c in owner), -1)


def _label_bounds(bx: BoundExamples, aid: str, text: str, rels: list[Any], doc: Document,
                  props: list[Any]) -> None:
    """Candidates of each proposal whose cue word is in a gold cue with a content: a start
    (end) candidate is right when its first (last) word, punctuation aside, is the gold
    content's, as the scorer trims spans."""
    from ..nlp.attribution.bounds import (
        eligible,
        end_candidates,
        end_features,
        start_candidates,
        start_features,
    )

    if doc.text != text:
        return
    sdoc = doc.scratch["sdoc"]
    owner = _cue_owner([cue for cue, _ in rels])

    def word(i: int, step: int) -> int:
        """The first word (not punctuation or space) from token ``i`` on in direction ``step``."""
        while 0 <= i < len(sdoc) and (sdoc[i].is_punct or sdoc[i].is_space):
            i += step
        return i if 0 <= i < len(sdoc) else -1

    for sent, found, _ in props:
        if sent.doc is not sdoc:
            continue
        for r in found:
            if not eligible(r) or r.kind in RULE_KINDS or nested(r, found):
                continue
            g = _gold_hit(owner, sdoc[(r.core or r.cue)[1] - 1])
            if g < 0 or not rels[g][1]:
                continue
            inside = sorted({t.i for a, b in rels[g][1]
                             for t in sdoc.char_span(a, b, alignment_mode="expand") or ()
                             if not (t.is_punct or t.is_space)})
            if not inside:
                continue
            for cands, feats, target, exs, sets, step, shift in (
                (start_candidates(sdoc, r), start_features, inside[0], bx.start, bx.start_sets, 1, 0),
                (end_candidates(sdoc, r), end_features, inside[-1], bx.end, bx.end_sets, -1, -1),
            ):
                hits = [word(i + shift, step) == target for i, _ in cands]
                if not any(hits):
                    continue
                sets.append(list(range(len(exs.labels), len(exs.labels) + len(cands))))
                for (i, why), hit in zip(cands, hits, strict=True):
                    exs.feats.append(feats(sdoc, r, i, why))
                    exs.labels.append("yes" if hit else "no")
                    exs.groups.append(aid)


def _info(aid: str, text: str, settings: Settings) -> DocumentInfo:
    """The article as the scorer feeds it (a JSON object with its id and text)."""
    info = object_document({"id": aid, "text": text}, aid, settings)
    if not isinstance(info, DocumentInfo):
        raise ValueError(f"PolNeAR article {aid}: not a document ({info})")
    return info


def _label(ex: CueExamples, aid: str, text: str, cues: list[list[tuple[int, int]]], doc: Document,
           base: int, props: list[Any]) -> None:
    if doc.text != text:  # the body is the text verbatim for a JSON/text input; be safe
        shift = text.find(doc.text)
        if shift < 0:
            return
        cues = [[(a - shift, b - shift) for a, b in c] for c in cues]
    owner = _cue_owner(cues, base)
    for sent, rels, headline in props:
        sdoc = sent.doc  # a Title Case headline has a parse of its own (same offsets)
        for r in rels:
            if r.kind in RULE_KINDS or nested(r, rels):
                continue  # PolNeAR marks one relation per token: nested ones are never gold;
                # turns and named origins are the rules' to keep
            hit = _gold_hit(owner, sdoc[(r.core or r.cue)[1] - 1])
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
    bounds = BoundExamples()
    ex = cue_examples(polnear / "train", limit, bounds=bounds)
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
    report["bounds"] = train_bounds(bounds, out, folds)
    write_manifest(out)
    return report


def _pick_rate(exs: Examples, sets: list[list[int]], probs: dict[int, float]) -> tuple[float, float]:
    """(rules' edge right, best-scored candidate right) over the relations of ``sets``."""
    base = sum(exs.labels[s[0]] == "yes" for s in sets)
    # the best-scored candidate; max keeps the first on a tie (the rules' own edge comes first)
    best = sum(exs.labels[max(s, key=lambda i: probs.get(i, 0.0))] == "yes" for s in sets)
    n = max(len(sets), 1)
    return round(base / n, 4), round(best / n, 4)


def train_bounds(bx: BoundExamples, out: Path, folds: int = FOLDS) -> dict[str, Any]:
    """Fit the start and end models of the content edges; cross-validate over articles how
    often the best-scored candidate is right against the rules' own edge; write
    ``attribution_bounds.json.gz``."""
    from ..nlp.attribution.bounds import ARTIFACT as BOUNDS_FILE

    report: dict[str, Any] = {}
    models: dict[str, Any] = {}
    for side, exs, sets in (("start", bx.start, bx.start_sets), ("end", bx.end, bx.end_sets)):
        if not sets or len(set(exs.labels)) < 2:
            return {"skipped": "no edge examples"}

        def fit(idx: list[int], exs: Examples = exs) -> dict[str, Any]:
            return fit_linear(exs, C=BOUNDS_C, train_idx=idx)

        def yes(m: LinearModel, i: int, exs: Examples = exs) -> float:
            return m.proba(exs.feats[i])["yes"]

        k = max(2, min(folds, len(set(exs.groups))))
        probs = dict(cross_validate(exs, k, fit, yes))
        base, best = _pick_rate(exs, sets, probs)
        report[side] = {"relations": len(sets), "candidates": len(exs.labels), "rules_right_cv": base,
                        "model_right_cv": best}
        models[side] = fit(list(range(len(exs.labels))))
        LinearModel.from_dict(models[side])
    models["source"] = "PolNeAR train (first annotator per article)"
    write_artifact(out, BOUNDS_FILE, models)
    return report


__all__ = ["train_attribution", "train_bounds", "cue_examples", "choose_thresholds", "gold_cues",
           "gold_relations", "load_split", "load_relations"]
