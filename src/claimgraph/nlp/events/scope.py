"""Which claim an event belongs to: the innermost claim around it, or one further out.

An event inside the content of "X said that ..." is X's claim, as a rule; but the content
often carries the outlet's own background ("... amid ongoing negotiations", "the woman who
received the photo", "after indictments were announced"), and a quotation the rules cut
off may carry the speaker's words past the claim that holds them. The rule takes the
innermost claim whose evidence holds the trigger (never the claim whose cue the trigger
is: that act of saying is one level out). Where more than one claim holds the event, the
scope model (:data:`SCOPE_MODEL`, a logistic regression trained on the status-and-chain dev
gold, ``training.events``) scores each of them, with the rule's choice as one feature,
from the claim's kind, its cue word, whether the event stands inside quotation marks, and
the path from the event up to the cue (relative clauses, adverbial clauses and their
marks, prepositions, the clause the content hangs on). The best-scoring claim wins. Without
the artifact (a partial models folder) the rule's choice stands.
"""

from __future__ import annotations

from typing import Any

from ...models import Claim, Document
from ..learned import linear_model, lists
from ..quotemarks import QuotedTokens, quoted_tokens

#: The committed scope model (trained by ``scripts/train_models.py``).
SCOPE_MODEL = "event_claim.json.gz"
#: Dependencies on the way from the event up to the cue that say how the event hangs there.
_PATH_DEPS = frozenset({"relcl", "acl", "advcl", "pobj", "appos", "conj", "ccomp", "xcomp",
                        "nsubj", "dobj", "npadvmod"})
_MAX_PATH = 8


def covering_claims(doc: Document, start: int, end: int) -> list[Claim]:
    """The claims whose evidence holds the characters ``start:end``, innermost first, leaving
    out a claim whose cue they overlap (the event is that claim's own act of saying)."""
    out = [c for c in doc.claims
           if c.evidence.start <= start and end <= c.evidence.end
           and not (c.cue is not None and c.cue.start < end and start < c.cue.end)]
    out.sort(key=lambda c: c.evidence.end - c.evidence.start)
    return out


def scope_features(tok: Any, claim: Claim, rank: int, n: int, current: bool,
                   quoted: QuotedTokens) -> dict[str, float]:
    """Features of "the event at ``tok`` belongs to ``claim``" (the ``rank``-th innermost of
    the ``n`` claims that hold it; ``current``: the rule's choice)."""
    sdoc = tok.doc
    kind = claim.kind
    f: dict[str, float] = {
        "kind=" + kind: 1.0, f"rank={min(rank, 2)}": 1.0, f"n={min(n, 3)}": 1.0,
        f"clen={min(len(claim.chain), 3)}": 1.0, "last=" + claim.chain[-1].kind: 1.0,
        "pos=" + tok.pos_: 1.0, "dep=" + tok.dep_: 1.0, kind + "_pos=" + tok.pos_: 1.0,
    }
    cue = None
    if claim.cue is not None:
        span = sdoc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
        words = [t for t in span or () if t.pos_ != "ADP"] or list(span or ())
        cue = words[-1] if words else None  # "spoke out about": "out", not the preposition
    if current:
        f["cur"] = 1.0
        f["cur_kind=" + kind] = 1.0
    if cue is None:
        f["nocue"] = 1.0
    else:
        lemma = cue.lemma_.lower()
        f["cue=" + lemma] = 1.0
        if current:
            f["cur_cue=" + lemma] = 1.0
        if tok.i < cue.i:
            f["before_cue"] = 1.0
        path, x, under = [], tok, False
        for _ in range(_MAX_PATH):
            if x.i == cue.i:
                under = True
                break
            path.append(x)
            if x.head.i == x.i:
                break
            x = x.head
        if under:
            f["under_cue"] = 1.0
            if path:
                f["top=" + path[-1].dep_] = 1.0
        f[f"plen={min(len(path), 4)}"] = 1.0
        for a in path:
            if a.dep_ in _PATH_DEPS:
                f["pd=" + a.dep_] = 1.0
                f[kind + "_pd=" + a.dep_] = 1.0
            if a.dep_ == "advcl":
                for c in a.children:
                    if c.dep_ == "mark":
                        f["mark=" + c.lower_] = 1.0
            elif a.dep_ == "pobj":
                f["prep=" + a.head.lower_] = 1.0
    for c in tok.children:
        if c.dep_ == "det":
            f["det=" + c.lower_] = 1.0
        elif c.dep_ == "poss":
            f["det=POSS"] = 1.0
    inside = quoted.quote_of(tok.i) is not None
    if inside:
        f["inquote"] = 1.0
    f[f"{kind}_inquote={int(inside)}"] = 1.0
    return f


def candidates(doc: Document, start: int, end: int) -> tuple[Any, list[Claim]]:
    """The trigger's token and the claims that hold it (innermost, the rule's choice, first)."""
    sdoc = doc.scratch["sdoc"]
    span = sdoc.char_span(start, end, alignment_mode="expand")
    tok = span.root if span is not None and len(span) else None
    return tok, covering_claims(doc, start, end)


def choose(doc: Document, tok: Any, claims: list[Claim]) -> Claim:
    """The claim the scope model scores highest for the event at ``tok`` (the rule's choice,
    ``claims[0]``, without the model or with one claim)."""
    if len(claims) < 2 or tok is None or not lists(SCOPE_MODEL):
        return claims[0]
    model = linear_model(SCOPE_MODEL)
    quoted = quoted_tokens(doc)
    n = len(claims)
    scores = [model.scores(scope_features(tok, c, k, n, k == 0, quoted))[-1] for k, c in enumerate(claims)]
    best = max(range(n), key=scores.__getitem__)
    return claims[best]


__all__ = ["SCOPE_MODEL", "covering_claims", "scope_features", "candidates", "choose"]
