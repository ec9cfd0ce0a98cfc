"""MUC-4 role-filler entity extraction (REE) bench: CEAF-REE phi-strict beside GRIT/TempGen.

Data: ``../shared/data/muc4/grit_ree/dev.json`` (the GRIT processing of MUC-4 TST1+TST2,
200 documents, lower-cased text; one generic template per document with five roles).
The test split is withheld; this bench never reads it.

What it does:

* runs the whole claimgraph pipeline on each document text (the parse step truecases
  case-less text);
* maps events to the five REE roles: of every ASSAULT, COERCE/abduction and CRIME/robbery
  event that is not negated or hypothetical, PerpInd = actor persons and unnamed groups,
  PerpOrg = named organisation actors, Target = physical targets (FAC, VEHICLE, OBJECT),
  Victim = person targets, Weapon = instruments;
* PerpOrg also takes state forces ("the army"), and the well-known armed groups the
  document names (``event_lexicon.find_armed_groups``, one entity per group) when it
  reports an incident; a PerpInd phrase that is a group's name moves to PerpOrg;
* person names lose their titles ("Governor Antonio Roldan" -> "antonio roldan"),
  targets their counts ("500 houses" -> "houses"); Target, Weapon and PerpInd fillers
  with one head noun (or attacker synonyms: guerrillas / rebels / terrorists) are one;
* a predicted entity is the list of its mention strings that the bench picks (one: the
  canonical name, cut back to its head phrase);
* an optional learned incident-document filter (``bench/train_muc4_filter.py``) empties
  the template of documents it judges incident-free; it only runs when its weights file
  exists (none is shipped: it did not help on dev);
* scores with CEAF-REE as described by Du, Rush and Cardie (EACL 2021): per document and
  role, predicted and gold entities are aligned one-to-one by Kuhn-Munkres, where a pair
  scores 1 under phi-strict when every predicted mention string is one of the gold
  entity's mention strings; strings are lower-cased with punctuation, articles (a, an,
  the) and extra whitespace removed; micro P/R/F1 over all roles and documents.

Published (MUC-4 *test*, CEAF-REE phi-strict F1): GRIT 54.50, TempGen 57.76.

Usage: ``python bench/eval_muc4.py [--limit N] [--json] [--split dev]``.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import time
from pathlib import Path
from typing import Any

from jsonl_rows import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT.parent / "shared" / "data" / "muc4" / "grit_ree"
ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
PUBLISHED = {"GRIT (test)": 54.50, "TempGen (test)": 57.76}
INCIDENT_TYPES = {"ASSAULT", "CRIME"}
INCIDENT_MODES = {("COERCE", "abduction")}
SKIP_STATUS = {"negated", "hypothetical"}
#: Gold victims are mostly named people; unnamed ones ("a soldier") cost more than they gain.
VICTIM_NAMED_ONLY = True

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = str.maketrans("", "", string.punctuation)

Entities = list[list[str]]


def normalize(s: str) -> str:
    """Lower-case; drop punctuation, articles and extra whitespace (SQuAD style)."""
    s = s.lower().translate(_PUNCT)
    s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


def load(split: str = "dev", limit: int | None = None, path: Path | None = None) -> list[dict]:
    return read_jsonl(path or DATA_DIR / f"{split}.json", limit)


def gold_of(row: dict) -> dict[str, Entities]:
    return {
        role: [[normalize(m) for m, _ in ent] for ent in row["extracts"].get(role, [])]
        for role in ROLES
    }


# -- prediction ---------------------------------------------------------------------------


def _is_incident(ev: Any) -> bool:
    if ev.status in SKIP_STATUS:
        return False
    return ev.type in INCIDENT_TYPES or (ev.type, ev.mode) in INCIDENT_MODES


_GROUP_HEADS = frozenset({"member", "column", "commando", "squad", "unit", "cell", "group",
                          "faction", "detachment", "band"})


def roles_of(doc: Any) -> dict[str, Entities]:
    """The document's REE template from its events (and the phrases that named them)."""
    from claimgraph.nlp.events.participants import PERSON_HEADS

    ents = {e.id: e for e in doc.entities}
    phrases = doc.scratch.get("participant_phrases", {})
    sdoc = doc.scratch.get("sdoc")
    tok_ent = doc.scratch.get("token_entity", {})
    out: dict[str, dict[str, list[str]]] = {r: {} for r in ROLES}
    for ev in doc.events:
        if not _is_incident(ev) or _against_combatants(ev, ents):
            continue
        for p in ev.participants:
            ent = ents.get(p.entity)
            if ent is None:
                continue
            bounds = phrases.get(ev.id, {}).get(ent.id, [])
            span = sdoc.char_span(*bounds[0], alignment_mode="expand") if bounds and sdoc else None
            text = normalize(_surface(ent, span))
            if ent.type == "PERSON" and ent.named and text:
                text = _fuller_name(text, doc)
            if not text:
                continue
            role = _ree_role(p.role, ent, span, PERSON_HEADS)
            if role is None:
                continue
            if role == "Target":
                text = _drop_count(text)
            out[role].setdefault(text, [text])
            if role == "PerpInd" and span is not None:
                for org in _orgs_inside(span, tok_ent, ents):
                    out["PerpOrg"].setdefault(org, [org])
    _move_groups(out)
    out["PerpOrg"] = {k: v for k, v in out["PerpOrg"].items() if _org_like(k)}
    for role in MERGE_BY_HEAD:
        out[role] = _merge_by_head(out[role])
    if any(out[r] for r in ROLES):
        for org in _accused_orgs(doc, ents, phrases, sdoc):
            out["PerpOrg"].setdefault(org, [org])
        _add_armed_groups(doc, out["PerpOrg"])
    return {r: list(v.values()) for r, v in out.items()}


#: Where to look for armed-group names: "sentence" (beside an incident trigger) or "doc".
GROUP_SCOPE = "doc"
#: Outside incident sentences, a group must be named this often to count.
GROUP_MIN = 1


def _incident_sentences(doc: Any) -> list[tuple[int, int]]:
    sdoc = doc.scratch.get("sdoc")
    if sdoc is None:
        return []
    out = []
    for ev in doc.events:
        if _is_incident(ev):
            sent = sdoc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
            if sent is not None:
                out.append((sent.sent.start_char, sent.sent.end_char))
    return out


def _add_armed_groups(doc: Any, perp_org: dict[str, list[str]]) -> None:
    """Well-known armed groups named beside an incident (one entity per group)."""
    from claimgraph.nlp.events.lexicon import find_armed_groups

    text = doc.text
    have = {canon for _, _, canon in find_armed_groups(" | ".join(perp_org))}
    spans = _incident_sentences(doc)
    found = find_armed_groups(text)
    counts: dict[str, int] = {}
    for _, _, canon in found:
        counts[canon] = counts.get(canon, 0) + 1
    for start, end, canon in found:
        near = any(a <= start < b for a, b in spans)
        if canon in have or not (near or GROUP_SCOPE == "doc" and counts[canon] >= GROUP_MIN):
            continue
        have.add(canon)
        name = normalize(text[start:end])
        perp_org.setdefault(name, [name])


#: Roles whose fillers with one head noun ("residence", "residences") are one entity.
MERGE_BY_HEAD: tuple[str, ...] = ("Target", "Weapon", "PerpInd")
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight",
                           "nine", "ten", "dozen", "hundreds", "dozens", "least", "some"})


#: Words news copy uses interchangeably for one band of attackers.
_ATTACKER_SYNONYMS = frozenset({"guerrilla", "rebel", "terrorist", "subversive", "insurgent"})


def _head_key(name: str) -> str:
    last = name.split()[-1] if name else name
    key = last[:-1] if last.endswith("s") and len(last) > 3 else last
    return "<attacker>" if key in _ATTACKER_SYNONYMS else key


def _merge_by_head(found: dict[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    heads: set[str] = set()
    for name, ent in found.items():
        key = _head_key(name)
        if key in heads:
            continue
        heads.add(key)
        out[name] = ent
    return out


def _drop_count(name: str) -> str:
    """"500 houses" -> "houses", "two vehicles" -> "vehicles" (MUC-4 target keys)."""
    words = name.split()
    while len(words) > 1 and (words[0].isdigit() or words[0] in _NUMBER_WORDS):
        words = words[1:]
    return " ".join(words)


#: Heads of state armed bodies: MUC-4 files "the army", "armed forces" as PerpOrg.
_STATE_FORCES = frozenset({"army", "force", "forces", "guard", "government", "military",
                           "police", "command", "navy"})


def _org_like(name: str) -> bool:
    """Not a person's title ("president") nor a two-letter country ("us") read as an ORG."""
    from claimgraph.nlp.events.participants import PERSON_HEADS

    words = name.split()
    return bool(words) and len(name) > 2 and words[-1] not in PERSON_HEADS


def _move_groups(out: dict[str, dict[str, list[str]]]) -> None:
    """A perpetrator phrase that is an armed group's name is an organisation."""
    from claimgraph.nlp.events.lexicon import find_armed_groups

    for name in list(out["PerpInd"]):
        found = find_armed_groups(name)
        if found and found[0][0] == 0 and found[0][1] == len(name):
            out["PerpInd"].pop(name)
            out["PerpOrg"].setdefault(name, [name])


_COMBATANTS = frozenset({"guerrilla", "rebel", "terrorist", "subversive", "insurgent",
                         "militant", "guerrillas", "rebels", "terrorists", "subversives"})


def _against_combatants(ev: Any, ents: dict[str, Any]) -> bool:
    """Army action against guerrillas is combat, not a MUC-4 terrorist incident."""
    for p in ev.participants:
        ent = ents.get(p.entity)
        if p.role == "target" and ent is not None and not ent.named:
            words = normalize(ent.name).split()
            if words and words[-1] in _COMBATANTS:
                return True
    return False


def _accused_orgs(doc: Any, ents: dict[str, Any], phrases: dict, sdoc: Any) -> list[str]:
    """Organisations blamed for or accused of violence in a document that reports some."""
    found = []
    for ev in doc.events:
        if ev.type != "ACCUSE" or ev.status in SKIP_STATUS:
            continue
        for p in ev.participants:
            ent = ents.get(p.entity)
            if p.role == "target" and ent is not None and ent.type == "ORG" and ent.named:
                bounds = phrases.get(ev.id, {}).get(ent.id, [])
                span = sdoc.char_span(*bounds[0], alignment_mode="expand") if bounds else None
                found.append(normalize(_surface(ent, span)))
    return [f for f in found if f]


_QUANTIFIERS = re.compile(
    r"^(?:at least|at most|more than|less than|about|some|many|several|various|numerous|"
    r"few|all|both|other|another|approximately|nearly|almost)\s+", re.I)


_TITLES = re.compile(r"^(?:dr|mr|mrs|ms|the)\.?\s+", re.I)


_EXTRA_TITLES = frozenset({"boss", "chief", "gen", "col", "capt", "lt", "sgt", "dr", "mr", "mrs",
                           "msgr", "father", "rev", "monsignor", "head", "deputy", "cardinal"})


def _strip_titles(name: str) -> str:
    """"antioquia governor antonio roldan" -> "antonio roldan" (MUC-4 keys drop titles)."""
    from claimgraph.nlp.events.participants import PERSON_HEADS

    words = normalize(name).split()
    cut = 0
    for i, w in enumerate(words):
        if (w in PERSON_HEADS or w in _EXTRA_TITLES or w.rstrip("s") in PERSON_HEADS
                or any(ch.isdigit() for ch in w)):
            cut = i + 1
        elif w == "of" and cut == i:
            cut = i + 2  # "secretary of state george shultz"
    return " ".join(words[cut:])


def _fuller_name(name: str, doc: Any) -> str:
    """"maza marquez" -> "miguel maza marquez" when another person entity has the full name."""
    best = name
    for e in doc.entities:
        if e.type != "PERSON" or not e.named:
            continue
        full = _strip_titles(e.name)
        if full.endswith(" " + name) and len(full) > len(best):
            best = full
    return best


def _surface(ent: Any, span: Any) -> str:
    """A named entity's fullest name; an unnamed one's phrase in this event."""
    if ent.named and (span is None or span.root.pos_ == "PROPN"):
        names = [ent.name, *ent.aliases, *(m.text for m in ent.mentions)]
        if span is not None:
            names.append(_TITLES.sub("", span.text))
        if ent.type == "PERSON":
            names = [_strip_titles(n) for n in names]
        return max(names, key=len)
    text = span.text if span is not None else ent.name
    for _ in range(3):
        text = _QUANTIFIERS.sub("", normalize(text))
    return text


def _orgs_inside(span: Any, tok_ent: dict[int, str], ents: dict[str, Any]) -> list[str]:
    """"members of the FMLN" -> FMLN; "FMLN guerrillas" -> FMLN."""
    found = []
    root = span.root
    for t in span:
        if t.i == root.i:
            continue
        if (t.dep_ == "pobj" and t.head.head.i == root.i) or (t.dep_ == "compound" and t.head.i == root.i):
            eid = tok_ent.get(t.i)
            if t.dep_ == "pobj" or t.pos_ == "PROPN" or (eid and ents[eid].type == "ORG"):
                lo = min(x.i for x in t.subtree if x.dep_ in {"compound", "amod", "det"}
                         or x.i == t.i)
                found.append(normalize(span.doc[lo:t.i + 1].text))
    return [f for f in found if f]


def _ree_role(role: str, ent: Any, span: Any, person_heads: frozenset[str]) -> str | None:
    t = ent.type
    head = span.root.lemma_.lower() if span is not None else ""
    if role == "actor":
        if head in person_heads or head in _GROUP_HEADS:
            return "PerpInd"
        if t == "ORG":
            return "PerpOrg" if ent.named or head in _STATE_FORCES else "PerpInd"
        if t == "PERSON":
            return "PerpInd"
        return None
    if role in {"target", "recipient"}:
        if t == "PERSON" and (ent.named or not VICTIM_NAMED_ONLY):
            return "Victim"
        if t in {"FAC", "VEHICLE", "OBJECT"}:
            return "Target"
        return None
    if role == "instrument" and t == "WEAPON":
        return "Weapon"
    return None


# -- incident-document filter (learned on train by bench/train_muc4_filter.py) ----------

FILTER_PATH = ROOT / "src" / "claimgraph" / "data" / "muc_roles.json"
#: A document whose incident probability is below this keeps an empty template.
FILTER_THRESHOLD = 0.5
FEATURE_NAMES = ("incidents", "occurred", "first_pos", "early_incident", "groups",
                 "perp_ind", "perp_org", "target", "victim", "weapon", "length", "military",
                 "not_occurred", "named_people")
_FILTER: dict[str, Any] | None = None


def doc_lemmas(doc: Any) -> set[str]:
    """The document's content-word lemmas (lower case)."""
    sdoc = doc.scratch.get("sdoc")
    if sdoc is None:
        return set()
    return {t.lemma_.lower() for t in sdoc if t.is_alpha and not t.is_stop and len(t) > 2}


def doc_features(doc: Any, template: dict[str, Entities] | None = None,
                 vocab: list[str] | None = None) -> list[float]:
    """Cheap document features from the pipeline's output (see FEATURE_NAMES), then one
    presence feature per lemma of ``vocab``."""
    import math

    from claimgraph.nlp.events.lexicon import find_armed_groups

    template = template if template is not None else roles_of(doc)
    inc = [e for e in doc.events if _is_incident(e)]
    n = max(len(doc.text), 1)
    first = min((e.trigger.start for e in inc), default=n) / n
    occurred = sum(e.status in {"occurred", "attempted"} for e in inc)
    return [
        math.log1p(len(inc)), math.log1p(occurred), first, float(first < 0.25),
        math.log1p(len(find_armed_groups(doc.text))),
        *(math.log1p(len(template[r])) for r in ROLES),
        math.log(n), math.log1p(sum(e.type in {"MOBILIZE", "RETREAT"} for e in doc.events)),
        (len(inc) - occurred) / max(len(inc), 1),
        math.log1p(sum(e.type == "PERSON" and e.named for e in doc.entities)),
    ] + _lemma_features(doc, vocab or [])


def _lemma_features(doc: Any, vocab: list[str]) -> list[float]:
    if not vocab:
        return []
    have = doc_lemmas(doc)
    return [float(w in have) for w in vocab]


def incident_probability(doc: Any, template: dict[str, Entities]) -> float | None:
    """The learned probability that the document reports an incident (None: no weights)."""
    global _FILTER
    import math

    if _FILTER is None:
        if not FILTER_PATH.is_file():
            return None
        _FILTER = json.loads(FILTER_PATH.read_text(encoding="utf-8"))
    f = _FILTER
    if list(f["features"]) != list(FEATURE_NAMES):
        return None
    x = doc_features(doc, template, f.get("vocabulary") or None)
    z = f["bias"] + sum(w * (v - m) / s for w, v, m, s in
                        zip(f["weights"], x, f["mean"], f["scale"], strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def template_of(doc: Any) -> dict[str, Entities]:
    """The REE template, emptied for documents the filter judges incident-free."""
    template = roles_of(doc)
    p = incident_probability(doc, template)
    if p is not None and p < FILTER_THRESHOLD:
        return {r: [] for r in ROLES}
    return template


def analyze_rows(rows: list[dict]) -> list[Any]:
    """Run the pipeline on each row (keeping each document's scratch for the phrases)."""
    from claimgraph.api import get_pipeline
    from claimgraph.ingest import make_info
    from claimgraph.models import Document

    pipe = get_pipeline()
    out = []
    for row in rows:
        doc = Document(info=make_info(row["doctext"], row["docid"]))
        for s in pipe.steps:
            doc = s.batch([doc], pipe.settings)[0] if s.batch is not None else s.func(doc)
        out.append(doc)
    return out


def _dedupe(ents: Entities) -> Entities:
    seen: set[str] = set()
    out = []
    for e in ents:
        if e[0] not in seen:
            seen.add(e[0])
            out.append(e)
    return out


def predict(rows: list[dict]) -> list[dict[str, Entities]]:
    """Run the pipeline step by step (keeping each document's scratch for the phrases)."""
    from claimgraph.api import get_pipeline

    pipe = get_pipeline()
    out: list[dict[str, Entities]] = []
    for i in range(0, len(rows), 16):
        for r in rows[i:i + 16]:
            out.append(_predict_one(pipe, r))
    return out


def _predict_one(pipe: Any, row: dict) -> dict[str, Entities]:
    from claimgraph.ingest import make_info
    from claimgraph.models import Document

    doc = Document(info=make_info(row["doctext"], row["docid"]))
    try:
        for s in pipe.steps:
            doc = s.batch([doc], pipe.settings)[0] if s.batch is not None else s.func(doc)
        return template_of(doc)
    except Exception as exc:  # noqa: BLE001 - one broken document must not stop the bench
        FAILURES.append(f"{row['docid']}: {type(exc).__name__}: {exc}")
        return {r: [] for r in ROLES}


FAILURES: list[str] = []


# -- scoring ------------------------------------------------------------------------------


def phi_strict(gold: list[str], pred: list[str]) -> float:
    return 1.0 if pred and all(m in gold for m in pred) else 0.0


def align(gold: Entities, pred: Entities) -> float:
    """The best one-to-one total phi between predicted and gold entities (Kuhn-Munkres)."""
    if not gold or not pred:
        return 0.0
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = np.array([[phi_strict(g, p) for p in pred] for g in gold])
    r, c = linear_sum_assignment(sim, maximize=True)
    return float(sim[r, c].sum())


def score(golds: list[dict[str, Entities]], preds: list[dict[str, Entities]]) -> dict[str, Any]:
    """Micro P/R/F1 over all roles, and per role."""
    per: dict[str, list[float]] = {r: [0.0, 0.0, 0.0] for r in ROLES}  # matched, n_pred, n_gold
    for g, p in zip(golds, preds, strict=True):
        for role in ROLES:
            per[role][0] += align(g[role], p[role])
            per[role][1] += len(p[role])
            per[role][2] += len(g[role])
    tot = [sum(v[i] for v in per.values()) for i in range(3)]
    out = {"micro": _prf(*tot)}
    out.update({role: _prf(*v) for role, v in per.items()})
    return out


def _prf(matched: float, n_pred: float, n_gold: float) -> dict[str, float]:
    p = matched / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2),
            "matched": matched, "pred": n_pred, "gold": n_gold}


def run(split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    rows = load(split, limit)
    t0 = time.perf_counter()
    preds = predict(rows)
    secs = time.perf_counter() - t0
    res = score([gold_of(r) for r in rows], preds)
    res["docs"] = len(rows)
    res["failed_docs"] = list(FAILURES)
    res["seconds"] = round(secs, 1)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (DATA_DIR / f"{args.split}.json").is_file():
        print(f"MUC-4 data not found at {DATA_DIR}; put ../shared beside the repo.", file=sys.stderr)
        return 2
    res = run(args.split, args.limit)
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    m = res["micro"]
    print(f"MUC-4 {args.split} ({res['docs']} docs, {res['seconds']} s), CEAF-REE phi-strict")
    if res["failed_docs"]:
        print(f"  ({len(res['failed_docs'])} documents failed in the pipeline and count as empty)")
    print(f"  claimgraph         P {m['p']:6.2f}  R {m['r']:6.2f}  F1 {m['f1']:6.2f}")
    for name, f1 in PUBLISHED.items():
        print(f"  {name:<18} F1 {f1:6.2f}  (published)")
    for role in ROLES:
        r = res[role]
        print(f"    {role:<8} P {r['p']:6.2f}  R {r['r']:6.2f}  F1 {r['f1']:6.2f}"
              f"  ({int(r['matched'])}/{int(r['pred'])} pred, {int(r['gold'])} gold)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
