"""Event trigger recall outside the training stories: WikiEvents dev and M2E2 (conflict news).

The event models learn from US-politics articles (statuschain-dev). The held-out checks also
hold conflict reports (plots, attacks, arrests, hostages), so this bench asks how many of the
triggers that two conflict-news corpora annotate ``analyze`` finds:

- WikiEvents dev (``events-extra/wikievents/dev.jsonl``, 20 documents): news linked from
  Wikipedia about attacks, bombings and arrests, KAIROS event types. Each document is fed
  whole, its sentences joined by a space.
- M2E2 (``events-extra/m2e2``, ``text_only_event.json``): VOA news sentences with 8 ACE event
  types (Attack, Transport, Die, Arrest-Jail, Meet, Demonstrate, Phone-Write, Transfer-Money).
  Only the sentences that hold an event are fed, each as its own document (``--limit``).

A gold trigger is found when the trigger span of an event of the record overlaps it. Where the
gold type has one PLOVER counterpart (:data:`PLOVER_OF`: attacks, protests, arrests, meetings,
threats, requests, investigations), the found event's type is checked against it. The
plain verbs of saying the guideline leaves to the chain ("said", "told", "reported") are not
counted. Neither corpus annotates every event of the guideline's kind (only its own types),
so there is no precision here: statuschain-dev's scorer gives that. The figure is recall per
corpus and per event type, with the lemmas missed most.

Usage: python bench/eval_trigger_recall.py [--corpus wikievents|m2e2|both] [--limit N]
       [--models DIR] [--misses N]
  --models: a models folder to load instead of the committed one (CLAIMGRAPH_MODELS_DIR).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "events-extra"
sys.path.insert(0, str(ROOT / "src"))


#: Gold event types with one clear PLOVER counterpart (KAIROS for WikiEvents, ACE for M2E2):
#: on these the found event's type is checked too. Deaths, injuries, journeys and the rest have
#: no single PLOVER type and are scored for detection only.
PLOVER_OF = {
    "Conflict.Attack": "ASSAULT", "Conflict.Demonstrate": "PROTEST", "Justice.ArrestJailDetain": "COERCE",
    "Contact.Contact.Meet": "CONSULT", "Contact.ThreatenCoerce": "THREATEN",
    "Contact.RequestCommand": "REQUEST", "Justice.InvestigateCrime": "ACCUSE",
    "Conflict:Attack": "ASSAULT", "Conflict:Demonstrate": "PROTEST", "Justice:Arrest-Jail": "COERCE",
    "Contact:Meet": "CONSULT", "Contact:Phone-Write": "CONSULT",
}


def plover_of(event_type: str) -> str | None:
    parts = event_type.split(".")
    for k in range(len(parts), 0, -1):
        found = PLOVER_OF.get(".".join(parts[:k]))
        if found:
            return found
    return None


@dataclass(slots=True)
class GoldTrigger:
    start: int
    end: int
    text: str
    type: str
    plover: str | None = None


@dataclass(slots=True)
class Item:
    id: str
    text: str
    triggers: list[GoldTrigger]


def _triggers(text: str, tok_char: list[tuple[int, int]], events: list[dict], sep: str) -> list[GoldTrigger]:
    """Gold triggers from token-indexed event mentions (``trigger.start`` / ``end`` tokens);
    the coarse type is the event type up to ``sep``."""
    out = []
    for ev in events:
        t = ev["trigger"]
        a, b = tok_char[t["start"]][0], tok_char[t["end"] - 1][1]
        out.append(GoldTrigger(a, b, text[a:b], ev["event_type"].split(sep)[0], plover_of(ev["event_type"])))
    return out


def wikievents(folder: Path) -> list[Item]:
    """WikiEvents dev documents, their sentences joined by one space (the corpus' own text
    runs sentences together without one)."""
    items = []
    for line in (folder / "wikievents" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        parts: list[str] = []
        tok_char: list[tuple[int, int]] = []
        pos = 0
        for toks, sent_text in doc["sentences"]:
            base = toks[0][1] if toks else 0
            parts.append(sent_text)
            tok_char.extend((pos + s - base, pos + e - base) for _, s, e in toks)
            pos += len(sent_text) + 1
        text = " ".join(parts)
        items.append(Item(doc["doc_id"], text, _triggers(text, tok_char, doc["event_mentions"], ".")))
    return items


def m2e2(folder: Path, limit: int | None) -> list[Item]:
    """M2E2 sentences that hold an event, each its own document, tokens joined by spaces."""
    with zipfile.ZipFile(folder / "m2e2" / "m2e2_annotations.zip") as z:
        sents = json.loads(z.read("m2e2_annotations/text_only_event.json"))
    items = []
    for s in sents:
        if not s["golden-event-mentions"]:
            continue
        offsets, pos = [], 0
        for w in s["words"]:
            offsets.append((pos, pos + len(w)))
            pos += len(w) + 1
        text = " ".join(s["words"])
        items.append(Item(s["sentence_id"], text, _triggers(text, offsets, s["golden-event-mentions"], ":")))
        if limit and len(items) >= limit:
            break
    return items


def score(name: str, items: list[Item], misses: int) -> dict[str, float]:
    from claimgraph import analyze
    from claimgraph.nlp.events.extract import PLAIN_REPORT_VERBS
    from claimgraph.nlp.model import load_nlp

    nlp = load_nlp()

    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    typed = [0, 0]  # found gold events with a PLOVER counterpart: right type, all
    mistyped: Counter[str] = Counter()
    predicted = 0
    for item in items:
        doc = analyze(item.text, published="2020-01-01")
        spans = [(e.trigger.start, e.trigger.end, e.type) for e in doc.events if e.trigger.start is not None]
        predicted += len(spans)
        for g in item.triggers:
            lemma = nlp(g.text)[-1].lemma_.lower() if g.text.strip() else ""
            if lemma in PLAIN_REPORT_VERBS:
                continue
            total[g.type] += 1
            hits = [t for s, e, t in spans if s < g.end and g.start < e]
            if hits:
                found[g.type] += 1
                if g.plover:
                    typed[1] += 1
                    typed[0] += g.plover in hits
                    if g.plover not in hits:
                        mistyped[f"{lemma} {hits[0]}"] += 1
            else:
                missed[lemma] += 1
    n, k = sum(total.values()), sum(found.values())
    print(f"\n{name}: {len(items)} documents, {n} gold triggers (plain verbs of saying left out), "
          f"{predicted} predicted events")
    for t, c in total.most_common():
        print(f"  {t:22s} {found[t]:4d} / {c:4d}  {100 * found[t] / c:5.1f} %")
    if misses:
        print("  missed most:", ", ".join(f"{w} {c}" for w, c in missed.most_common(misses)))
    if misses and mistyped:
        print("  typed wrong most (lemma, type given):", ", ".join(f"{w} {c}" for w, c in mistyped.most_common(misses)))
    recall = 100 * k / n if n else 0.0
    type_acc = 100 * typed[0] / typed[1] if typed[1] else 0.0
    print(f"{name} trigger recall = {recall:.1f}% ({k}/{n}); PLOVER type right {type_acc:.1f}% "
          f"({typed[0]}/{typed[1]} found events of a type with a PLOVER counterpart)")
    return {"recall": recall, "found": k, "gold": n, "type": type_acc}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", choices=["wikievents", "m2e2", "both"], default="both")
    ap.add_argument("--limit", type=int, default=400, help="M2E2 sentences with an event (default 400)")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--models", type=Path, help="models folder to load instead of the committed one")
    ap.add_argument("--misses", type=int, default=30)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}: put ../shared beside the repository or pass --data", file=sys.stderr)
        return 2
    if args.models:
        os.environ["CLAIMGRAPH_MODELS_DIR"] = str(args.models)
    if args.corpus in {"wikievents", "both"}:
        score("WikiEvents dev", wikievents(args.data), args.misses)
    if args.corpus in {"m2e2", "both"}:
        score("M2E2", m2e2(args.data, args.limit), args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
