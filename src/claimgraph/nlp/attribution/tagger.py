"""The learned attribution cue model: which candidate relations of a sentence are attributions.

The rules of :mod:`claimgraph.nlp.attribution.cues` propose relations (cue, source, content)
from the dependency parse: the speech lexicon, the cue lexicon learned from PolNeAR's train
split, "according to", possessive claim nouns, headline colons, and, as *candidates*, any
other verb with a clausal complement ("X vowed to ...", "X is seizing on ..."). A logistic
regression trained on PolNeAR's train split (``scripts/train_models.py --only attribution``,
:mod:`claimgraph.training.attribution`) scores each proposal from the cue word, the lexicons
(the hand-made ones and the learned counts), the parse around the cue (its dependency,
tense, the kind of complement and of subject, nesting inside another relation's content or
a quotation) and where the sentence sits (a headline line). A proposal is kept when its
probability reaches the threshold of its group (cross-validated at training time): the
speech-lexicon relations, whose rules are precise, have their own threshold.

The weights are ``attribution_cue.json.gz`` in the models folder, hash-checked at load like
every artifact (:mod:`claimgraph.nlp.learned`). A models folder whose manifest does not list
that file (e.g. a folder of event models only, written by a partial training run) leaves
the rules alone; the committed folder always lists it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..learned import LinearModel, committed_models_dir, lists, load_artifact, models_dir, on_clear
from .cues import (
    BELIEF_VERBS,
    DOCUMENT_NOUNS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    WEAK_VERBS,
    Found,
    is_source_like,
)

ARTIFACT = "attribution_cue.json.gz"
#: Relations nested in another relation's content are decided by the rules, not the model
#: (PolNeAR never marks them, so the model cannot learn them; the chains need them).
NESTED_BY_RULES = True
_LEXICON_BUCKETS = (0.1, 0.2, 0.4, 0.6, 0.8)
#: Relations the rules keep without asking the model: a speaker's turn in a transcript
#: ("WALLACE: ...") and the origin named for the report just made ("This information comes
#: from sources in ...": the chain of the previous report needs it).
RULE_KINDS = frozenset({"turn", "specify"})


@dataclass(frozen=True, slots=True)
class CueModel:
    """The linear cue model and the probability each group of proposals must reach."""

    model: LinearModel
    thresholds: dict[str, float]

    def keep(self, feats: dict[str, float], group: str) -> bool:
        return self.model.proba(feats)["cue"] >= self.thresholds.get(group, 0.5)


def group_of(rel: Found) -> str:
    """``speech`` for relations of the hand-made speech rules, ``other`` for the rest."""
    return "speech" if rel.cue_class == "speech" else "other"


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[int, float]]:
    from importlib import resources

    path = resources.files("claimgraph.data").joinpath("cue_lexicon.json")
    words = json.loads(path.read_text(encoding="utf-8"))["words"]
    return {w: (int(v["cue"]), float(v["precision"])) for w, v in words.items()}


def _bucket(x: float) -> str:
    return str(sum(1 for b in _LEXICON_BUCKETS if x >= b))


def relation_features(doc: Doc, sent: Span, rel: Found, rels: list[Found], headline: bool) -> dict[str, float]:
    """Named features of one proposed relation (a few dictionary lookups; no vectors)."""
    head = doc[(rel.core or rel.cue)[1] - 1]
    lemma = head.lemma_.lower()
    low = head.lower_
    f: dict[str, float] = {
        "bias.kind=" + rel.kind: 1.0,
        "class=" + rel.cue_class: 1.0,
        "lemma=" + lemma: 1.0,
        "form=" + low: 1.0,
        "tag=" + head.tag_: 1.0,
        "dep=" + head.dep_: 1.0,
        "lemma.dep=" + lemma + "|" + head.dep_: 1.0,
        "headdep=" + head.head.dep_: 1.0,
    }
    cnt, prec = _lexicon().get(low, (0, 0.0))
    f["lex.prec=" + _bucket(prec)] = 1.0
    f["lex.seen"] = 1.0 if cnt else 0.0
    f["lex.prec"] = prec
    if lemma in SPEECH_VERBS:
        f["speech"] = 1.0
    if lemma in WEAK_VERBS:
        f["weak"] = 1.0
    if lemma in BELIEF_VERBS:
        f["belief"] = 1.0
    if rel.quote:
        f["quote"] = 1.0
    c0 = doc[rel.content[0]]
    f["content.first=" + (c0.lower_ if c0.lower_ in ("that", "to", "whether", "if", "how", "what", "“", '"') else c0.pos_)] = 1.0
    f["content.after"] = 1.0 if rel.content[0] >= rel.cue[1] else 0.0
    n = rel.content[1] - rel.content[0]
    f["content.len=" + ("1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+")] = 1.0
    f["content.verb"] = 1.0 if any(t.pos_ in ("VERB", "AUX") for t in doc[rel.content[0] : rel.content[1]]) else 0.0
    sh = _source_head(doc, rel)
    if sh is None:
        f["src.none"] = 1.0
    else:
        f["src.pos=" + sh.pos_] = 1.0
        f["src.ent=" + (sh.ent_type_ or "-")] = 1.0
        f["src.like"] = 1.0 if is_source_like(sh) else 0.0
        f["src.noun"] = 1.0 if sh.lemma_.lower() in SOURCE_NOUNS or sh.lemma_.lower() in DOCUMENT_NOUNS else 0.0
        f["lemma.srcpos=" + lemma + "|" + sh.pos_] = 1.0
    cue0 = rel.cue[0]
    if headline:
        f["headline"] = 1.0
    f["first.word"] = 1.0 if cue0 == sent.start else 0.0
    return f


def _source_head(doc: Doc, rel: Found) -> Token | None:
    """The head word of the relation's source, or of a subject raised into its content
    ("Melania seems to have vanished": no source, but the model weighs the subject as it did
    when the subject was the source, so it keeps the same relations)."""
    if rel.source_head is not None:
        return doc[rel.source_head]
    if rel.raised_head is not None:
        return doc[rel.raised_head]
    return doc[rel.source[0]] if rel.source is not None else None


@lru_cache(maxsize=4)
def _cue_model(folder: str) -> CueModel | None:
    if not lists(ARTIFACT) and Path(folder) != committed_models_dir():
        return None  # a partial models folder (event models only): the rules alone
    data: dict[str, Any] = load_artifact(ARTIFACT)  # raises ModelError when missing or changed
    return CueModel(LinearModel.from_dict(data), {str(k): float(v) for k, v in data["thresholds"].items()})


on_clear(_cue_model.cache_clear)


def cue_model() -> CueModel | None:
    """The committed cue model (None only for a models folder that does not list it)."""
    return _cue_model(str(models_dir()))


def nested(rel: Found, rels: list[Found]) -> bool:
    """Does the cue of ``rel`` lie inside the content of another rule relation?"""
    cue0 = rel.cue[0]
    return any(o is not rel and o.cue_class != "candidate" and o.content[0] <= cue0 < o.content[1] for o in rels)


def by_rules(doc: Doc, rel: Found) -> bool:
    """The rules' own verdict: speech relations, and the intentions and beliefs of the lexicon."""
    return rel.cue_class == "speech" and (
        rel.kind != "verb" or doc[(rel.core or rel.cue)[1] - 1].lemma_.lower() not in BELIEF_VERBS
    )


def select(doc: Doc, sent: Span, rels: list[Found], headline: bool, model: CueModel | None) -> list[Found]:
    """The proposals kept: those nested in another relation's content by the rules (PolNeAR
    marks one relation per token, so nested ones teach the model nothing; the chains need
    them), the others by ``model`` (without a model: every rule relation, no candidate)."""
    if model is None:
        # (a turn is offered to each unit of its paragraph; its own unit keeps it)
        return [r for r in rels if r.cue_class != "candidate" and (r.kind != "turn" or sent.start <= r.cue[0] < sent.end)]
    out = []
    for r in rels:
        if r.kind in RULE_KINDS:  # speakers' turns and named origins: the rules keep them
            if sent.start <= r.cue[0] < sent.end:
                out.append(r)
        elif NESTED_BY_RULES and nested(r, rels):
            # "condemned what he called a brazen breach": PolNeAR marks the outer relation
            if by_rules(doc, r) and r.kind != "relative":
                out.append(r)
        elif model.keep(relation_features(doc, sent, r, rels, headline), group_of(r)):
            out.append(r)
    return out


__all__ = ["ARTIFACT", "RULE_KINDS", "CueModel", "by_rules", "cue_model", "group_of", "nested", "relation_features", "select"]
