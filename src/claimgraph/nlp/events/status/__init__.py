"""The ``status`` step: did each event occur, or was it planned, attempted, foiled ...

Every mention of an event (``scratch["event_mentions"]`` from the ``events`` step) gets a
status from its own clause:

* prevention: "the foiled attack", "the plot failed", "thwarted the plot", and an arrest
  "before they could act" -> ``foiled`` for the plotted event;
* attempt: "assassination attempt", "tried to kill", "a failed attack" -> ``attempted``;
* counterfactuals: "if X had succeeded, it would have ...", "Had X succeeded" ->
  ``hypothetical`` for the antecedent's and the consequent's events;
* negation: "did not attack", "never", "denied that ..." -> ``negated``;
* modality and intention: will, would, could, may, plan, intend, "is expected",
  "upcoming", "scheduled", infinitives of purpose -> ``planned``;
* otherwise past/present indicative clauses -> ``occurred``.

Mention statuses are combined by precedence (foiled > attempted > occurred > planned >
negated > hypothetical); a nominal mention with no cue only counts when nothing else
does. Reporting verbs ("said", "reported") never change the status of what they report.
An event stated only inside ``opinion`` claims is never ``occurred``.

The package, lowest layer first (each module imports only from those above it):
:mod:`.clause` (what a clause says: negation, modals, conditions, schedules),
:mod:`.mention` (one mention's reading, and combining an event's mentions),
:mod:`.negation` and :mod:`.outcomes` (ruled out, denied; failed, undone, carried out),
:mod:`.readings` (the guideline's conventions, :func:`guideline_reading`),
:mod:`.document` (across sentences: prevention, opinion, what was left unsaid), and this
module: the step and the learned classifier.
"""

from __future__ import annotations

from typing import Any

from ....models import Document, Event
from ....pipeline import step
from .clause import in_condition, in_counterfactual, scheduled
from .document import _foil_prevented, _left_open, _opinion_only, _share_conjoined, conjoined_to
from .mention import PRECEDENCE, WEAK_OCCURRED, combine, mention_status
from .negation import (
    denied_act,
    left_undone,
    modal_denial,
    no_occasion,
    none_such,
    nothing_done,
    plain_negation,
    ruled_out,
)
from .outcomes import (
    DEVICE_NOUNS,
    called_off,
    carried_out,
    condemned,
    escaped,
    failed_attempt,
    failed_device,
    presupposed,
    took_part,
    undone,
)
from .readings import (
    asked,
    awaited_noun,
    conditioned_future,
    demanded_absence,
    guideline_reading,
    intended,
    only_possible,
    reported_future,
    requested,
    requested_noun,
    speculative_modal,
    speculative_past,
    weighed_act,
)

_NEG_WORDS = frozenset({"not", "n't", "never", "no"})


def _is_nominal(tok: Any, cues: set[str] | None) -> bool:
    if cues is not None:
        return "nominal" in cues
    return tok.pos_ != "VERB"


#: Rule statuses kept over the classifier: explicit attempt and prevention cues ("tried to",
#: "failed attempt", "foiled") are right 18 times in 21 on statuschain-dev, and too rare there
#: for the classifier to learn.
TRUSTED_RULES = frozenset({"attempted", "foiled"})


#: Lexicon events of these conflict types keep the rules' status: the rules were built on
#: conflict reporting (plots, attacks, arrests: MUC-4 dev, CEAF-REE 37.8 with them against
#: 34.7 with the classifier, which learned from US-politics articles).
RULE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "RECRUIT", "SURVEIL", "CRIME"})


#: The committed status classifier (trained by ``scripts/train_models.py``).
STATUS_MODEL = "event_status.json.gz"


def learned_status(doc: Document, tok: Any, rule: str, claim_kind: str | None,
                   opinion_only: bool = False) -> str:
    """The status classifier's decision for a trigger token, given the rules' reading.

    The rules' status is one feature; the model weighs it against the clause (modals,
    negation, conditionals, governing verbs such as "plans to", "denied", "failed to"), the
    claim kind and the words around. An event stated only in the outlet's opinion is never
    ``occurred``: the most likely other status is taken.
    """
    from ...learned import linear_model
    from ..features import status_features

    model = linear_model(STATUS_MODEL)
    proba = model.proba(status_features(tok, rule, claim_kind))
    if opinion_only:
        proba.pop("occurred", None)
    return max(proba, key=proba.__getitem__)


def _claim_kind(doc: Document, ev: Event) -> str | None:
    for c in doc.claims:
        if c.id == ev.claim:
            return c.kind
    return None


@step("status", requires=("events",), assigns=("status",))
def status(doc: Document) -> Document:
    """Decide whether each event occurred, was planned, foiled ..."""
    sdoc = doc.scratch["sdoc"]
    mentions: dict[str, list[int]] = doc.scratch.get("event_mentions", {})
    mains: dict[str, int] = doc.scratch.get("event_main", {})
    cues: dict[int, set[str]] = doc.scratch.get("mention_cues", {})
    learned: set[str] = doc.scratch.get("learned_events", set())
    for ev in doc.events:
        idxs = mentions.get(ev.id, [])
        own = {i: mention_status(sdoc[i], cues.get(i, set()), _is_nominal(sdoc[i], cues.get(i)))
               for i in idxs}
        combined = combine([own[i] for i in idxs])
        main = mains.get(ev.id, idxs[0] if idxs else None)
        if main is None or combined in {"foiled", "attempted"} and len(idxs) > 1:
            ev.status = combined  # a merged plot: its mentions together say what became of it
            continue
        if ev.id not in learned and ev.type in RULE_TYPES:
            ev.status = "unknown" if combined == "occurred" and _opinion_only(
                doc, ev, sdoc, idxs) else combined
            if combined == "planned":  # "would attack": planned, or the consequent of an "if"?
                guess = learned_status(doc, sdoc[main], combined, _claim_kind(doc, ev))
                ev.status = "hypothetical" if guess == "hypothetical" else combined
            ev.status = guideline_reading(ev.status, sdoc[main])
            continue
        nominal = _is_nominal(sdoc[main], cues.get(main))
        rule = own[main] if main in own else mention_status(sdoc[main], cues.get(main, set()), nominal)
        if rule in TRUSTED_RULES or rule == "planned" and nominal and scheduled(sdoc[main]):
            ev.status = rule  # the schedule is the noun's own word (13 of 14 planned on dev)
            continue
        ev.status = learned_status(doc, sdoc[main], rule, _claim_kind(doc, ev),
                                   _opinion_only(doc, ev, sdoc, idxs))
        ev.status = "foiled" if combined == "foiled" else guideline_reading(ev.status, sdoc[main])
    _share_conjoined(doc, sdoc, mentions, mains)
    _foil_prevented(doc, sdoc)
    _left_open(doc, sdoc, mentions, mains)
    return doc


__all__ = [
    "DEVICE_NOUNS",
    "PRECEDENCE",
    "RULE_TYPES",
    "STATUS_MODEL",
    "TRUSTED_RULES",
    "WEAK_OCCURRED",
    "asked",
    "awaited_noun",
    "called_off",
    "carried_out",
    "combine",
    "condemned",
    "conditioned_future",
    "conjoined_to",
    "demanded_absence",
    "denied_act",
    "escaped",
    "failed_attempt",
    "failed_device",
    "guideline_reading",
    "in_condition",
    "in_counterfactual",
    "intended",
    "learned_status",
    "left_undone",
    "mention_status",
    "modal_denial",
    "no_occasion",
    "none_such",
    "nothing_done",
    "only_possible",
    "plain_negation",
    "presupposed",
    "reported_future",
    "requested",
    "requested_noun",
    "ruled_out",
    "scheduled",
    "speculative_modal",
    "speculative_past",
    "status",
    "took_part",
    "undone",
    "weighed_act",
]
