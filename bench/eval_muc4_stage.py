"""Status on conflict news: MUC-4's stage of execution against the status of our events.

MUC-4's answer keys say of every incident whether it was ACCOMPLISHED, ATTEMPTED or only
THREATENED. That is the status question the held-out plot reports ask (a foiled or tried
attack is not an attack that happened; a threat is not a deed), on news of another kind
than the US-politics articles our status model learned from, so this bench asks it there.

Data: the original answer keys of ``../shared/data/muc4/raw_muc34/TASK/CORPORA`` (``--split
dev``: TST1 + TST2, the dev split; ``--split train``: the DEV-MUC3 keys, the train split no
status model of ours reads) and the lower-cased texts of ``gtt_templates/<split>.json``.
The test split is withheld; this bench never reads it.

What it does:

* reads every incident template of the split: its type, its stage of execution and the
  strings of its fillers (instrument, perpetrator individual and organisation, physical and
  human targets); a template without a stage (``*``) is left out;
* runs the whole pipeline on each document that has one;
* finds the template's event: among the events of an incident type (``ASSAULT``, ``COERCE``,
  ``THREATEN``, ``CRIME``), the one whose participants name the most of the template's
  fillers (a filler is named when its last word is the last word of a participant's name or
  mention), one whose type fits the incident first (an attack is no arrest, a kidnapping may
  be a ``COERCE`` abduction); a template no event names is "not found";
* compares: ACCOMPLISHED asks for ``occurred``; ATTEMPTED for ``attempted`` or ``foiled``;
  THREATENED for ``planned`` (the guideline: a threatened act is planned) or an ``occurred``
  ``THREATEN`` event (the threat itself, when its act has no event of its own). A key that
  allows two stages ("ACCOMPLISHED / ATTEMPTED") accepts either.

It prints, per stage, how many templates there are, how many an event was found for and how
many of those have the right status, and the confusion of stage against status.

Usage: ``python bench/eval_muc4_stage.py [--split dev|train] [--limit N] [--json] [-v]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval_muc4 import analyze_rows
from jsonl_rows import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
MUC = ROOT.parent / "shared" / "data" / "muc4"
KEYS = {
    "dev": ["tst1/key-tst1.v7", "tst2/key-tst2.v4"],
    "train": [f"dev/key-dev-{k:04d}.muc4" for k in range(1, 1300, 100)],
}
STAGES = ("ACCOMPLISHED", "ATTEMPTED", "THREATENED")
INCIDENT_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "CRIME"})
#: the key fields whose quoted strings name the incident's participants and instrument
FILLER_FIELDS = frozenset({"6", "9", "10", "12", "18", "19"})
_FIELD = re.compile(r"^(\d+)\.\s+[A-Z ]+:[A-Z :]*?\s{2,}(.*)$")
_QUOTED = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class Template:
    doc: str
    n: int
    kind: str
    stages: set[str]
    fillers: list[str] = field(default_factory=list)


def parse_keys(paths: list[Path]) -> list[Template]:
    """Every template of the answer-key files that has a stage of execution."""
    out: list[Template] = []
    for path in paths:
        fields: dict[str, str] = {}
        last = ""
        for line in path.read_text(encoding="latin-1").splitlines() + ["0.  MESSAGE: ID  END"]:
            if line.startswith(";"):
                continue
            m = _FIELD.match(line)
            if m is None:
                if line.strip() and last:
                    fields[last] += " " + line.strip()  # a continuation line
                continue
            num, value = m.group(1), m.group(2).strip()
            if num == "0" and fields:
                tpl = _template(fields, len(out))
                if tpl is not None:
                    out.append(tpl)
                fields = {}
            fields[num] = value
            last = num
    return out


def _template(fields: dict[str, str], n: int) -> Template | None:
    stage = fields.get("5", "*").strip()
    stages = {s.strip() for s in stage.split("/")} & set(STAGES)
    if not stages:
        return None
    fillers: list[str] = []
    for num in FILLER_FIELDS:
        fillers += [q.lower() for q in _QUOTED.findall(fields.get(num, ""))]
    return Template(doc=fields.get("0", "").split()[0], n=n, kind=fields.get("4", "*").strip(),
                    stages=stages, fillers=sorted(set(fillers)))


def _last_word(s: str) -> str | None:
    words = _WORD.findall(s.lower())
    return words[-1] if words else None


def _event_names(ev: Any, ents: dict[str, Any]) -> set[str]:
    words: set[str] = set()
    for p in ev.participants:
        ent = ents.get(p.entity)
        names = [p.name] if getattr(p, "name", None) else []
        if ent is not None:
            names += [ent.name, *getattr(ent, "aliases", [])]
            names += [m.text for m in getattr(ent, "mentions", [])]
        for n in names:
            w = _last_word(n or "")
            if w:
                words.add(w)
    return words


#: The event types that can be each incident type's own event (an arrest that follows an
#: attack names its perpetrators too, but is not the attack).
KIND_TYPES = {"ATTACK": {"ASSAULT", "THREATEN"}, "BOMBING": {"ASSAULT", "THREATEN"},
              "ARSON": {"ASSAULT", "THREATEN"}, "KIDNAPPING": {"COERCE", "ASSAULT", "THREATEN"},
              "ROBBERY": {"CRIME", "ASSAULT"}, "FORCED WORK STOPPAGE": {"COERCE", "THREATEN"}}


def _fits(tpl: Template, ev: Any) -> bool:
    kinds = [k.strip() for k in tpl.kind.split("/")]
    if ev.type == "COERCE" and ev.mode not in (None, "abduction") and "KIDNAPPING" not in kinds:
        return False
    return any(ev.type in KIND_TYPES.get(k, INCIDENT_TYPES) for k in kinds)


def find_event(doc: Any, tpl: Template) -> Any | None:
    """The incident event whose participants name most of the template's fillers, one of a
    type that fits the incident first (an attack's "arrested" names its perpetrators too)."""
    heads = {w for w in (_last_word(f) for f in tpl.fillers) if w}
    ents = {e.id: e for e in doc.entities}
    best, best_key = None, (False, 0)
    for ev in doc.events:
        if ev.type not in INCIDENT_TYPES:
            continue
        n = len(heads & _event_names(ev, ents))
        key = (_fits(tpl, ev), n)
        if n and key > best_key:
            best, best_key = ev, key
    return best


def right(tpl: Template, ev: Any) -> bool:
    ok: set[str] = set()
    if "ACCOMPLISHED" in tpl.stages:
        ok.add("occurred")
    if "ATTEMPTED" in tpl.stages:
        ok |= {"attempted", "foiled"}
    if "THREATENED" in tpl.stages:
        ok.add("planned")
        if ev.type == "THREATEN" and ev.status == "occurred":
            return True
    return ev.status in ok


def run(split: str = "dev", limit: int | None = None, verbose: bool = False) -> dict[str, Any]:
    corpora = MUC / "raw_muc34" / "TASK" / "CORPORA"
    templates = parse_keys([corpora / p for p in KEYS[split]])
    rows = {r["docid"]: r for r in read_jsonl(MUC / "gtt_templates" / f"{split}.json")}
    ids = sorted({t.doc for t in templates if t.doc in rows})[:limit]
    templates = [t for t in templates if t.doc in set(ids)]
    t0 = time.time()
    docs = dict(zip(ids, analyze_rows([rows[i] for i in ids]), strict=True))
    table: dict[str, Counter[str]] = {s: Counter() for s in STAGES}
    confusion: Counter[tuple[str, str]] = Counter()
    for tpl in templates:
        stage = "/".join(s for s in STAGES if s in tpl.stages)
        key = stage if len(tpl.stages) == 1 else next(s for s in STAGES if s in tpl.stages)
        table[key]["templates"] += 1
        ev = find_event(docs[tpl.doc], tpl)
        if ev is None:
            confusion[(stage, "(not found)")] += 1
            continue
        table[key]["found"] += 1
        ok = right(tpl, ev)
        table[key]["right"] += ok
        confusion[(stage, f"{ev.type}/{ev.status}" if ev.type == "THREATEN" else ev.status)] += 1
        if verbose and not ok:
            trig = ev.trigger.text if ev.trigger else "?"
            print(f"  {tpl.doc} #{tpl.n} {stage} {tpl.kind}: {ev.type} {trig!r} {ev.status}", file=sys.stderr)
    per = {s: {**c, "right_of_found": round(100 * c["right"] / c["found"], 1) if c["found"] else None,
               "right_of_all": round(100 * c["right"] / c["templates"], 1) if c["templates"] else None}
           for s, c in table.items()}
    return {"split": split, "documents": len(ids), "templates": len(templates), "per_stage": per,
            "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(confusion.items())},
            "seconds": round(time.time() - t0, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=sorted(KEYS), default="dev")
    ap.add_argument("--limit", type=int, default=None, help="documents at most")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", action="store_true", help="list the templates whose status is wrong")
    args = ap.parse_args(argv)
    if not (MUC / "raw_muc34").is_dir():
        print(f"no MUC-4 keys under {MUC}", file=sys.stderr)
        return 2
    res = run(args.split, args.limit, args.v)
    if args.json:
        print(json.dumps(res, indent=1))
        return 0
    print(f"MUC-4 {res['split']}: {res['documents']} documents, {res['templates']} templates with a stage"
          f" ({res['seconds']} s)")
    for s, c in res["per_stage"].items():
        print(f"  {s:13s} templates {c.get('templates', 0):4d}  found {c.get('found', 0):4d}  right"
              f" {c.get('right', 0):4d}  ({c['right_of_found']}% of found, {c['right_of_all']}% of all)")
    for k, n in res["confusion"].items():
        print(f"    {k:40s} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
