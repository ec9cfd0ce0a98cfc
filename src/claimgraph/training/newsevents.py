"""Trigger words of three event-annotated news corpora: a detection and typing prior.

The event models learn from US-politics articles, where airstrikes, sieges, shelling and
arrests are rare, so a conflict word the articles never show got neither the detector's
trust nor a PLOVER type ("Russian airstrikes killed 30 civilians": ``airstrikes`` typed
``OTHER``). Three corpora in ``events-extra/`` annotate event triggers in news:

- M2E2 (``m2e2/m2e2_annotations.zip``): VOA sentences, 8 ACE types, every sentence kept
  (most have no event, so a word's rate of being a trigger is meaningful for those types);
- GENEVA (``geneva/geneva_union_obtainable.jsonl``): 8,040 sentences in 115 MAVEN/FrameNet
  types (not every event of a sentence annotated);
- CASIE (``casie/``): 1,000 cyber-security articles, breach / phishing / ransom events.

For every word form that ends a trigger, the prior keeps how often it is a trigger, how
often it is seen in those texts, and the PLOVER types its triggers map to (:data:`ACE_TYPES`,
:data:`MAVEN_TYPES`; CASIE's attacks and types with no PLOVER counterpart count as a trigger
without a type). The detector reads the rate and the count, the typer the type
shares, so a word the labelled articles never show still leans to being an event of its
type. WikiEvents dev stays out of it: ``bench/eval_trigger_recall.py`` measures on it.

Only counts per word form go into the committed priors artifact, never the corpora's text.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

M2E2_ZIP = Path("m2e2") / "m2e2_annotations.zip"
GENEVA_FILE = Path("geneva") / "geneva_union_obtainable.jsonl"
CASIE_DIR = Path("casie")

#: ACE event types (M2E2) -> PLOVER type; "" = an event with no PLOVER type of its own
#: (a death, a journey: the typer decides).
ACE_TYPES = {
    "Conflict:Attack": "ASSAULT", "Conflict:Demonstrate": "PROTEST", "Justice:Arrest-Jail": "COERCE",
    "Contact:Meet": "CONSULT", "Contact:Phone-Write": "CONSULT", "Life:Die": "", "Movement:Transport": "",
    "Transaction:Transfer-Money": "",
}
#: MAVEN/FrameNet types (GENEVA) with a clear PLOVER counterpart; every other type counts as
#: an event without a type.
MAVEN_TYPES = {
    "Attack": "ASSAULT", "Hostile_encounter": "ASSAULT", "Killing": "ASSAULT", "Terrorism": "ASSAULT",
    "Bodily_harm": "ASSAULT", "Revenge": "ASSAULT", "Conquering": "ASSAULT",
    "Arrest": "COERCE", "Protest": "PROTEST", "Request": "REQUEST", "Assistance": "AID",
    "Collaboration": "COOPERATE", "Sign_agreement": "AGREE", "Supporting": "SUPPORT",
    "Criminal_investigation": "ACCUSE", "Quarreling": "ACCUSE", "Bearing_arms": "MOBILIZE",
}
#: CASIE's subtypes that are attacks; its vulnerability reports ("found", "said", "affects",
#: "released" a patch) are left out. Its words ("steal", "pay", "demanded") are generic, so
#: CASIE adds to a word's trigger count, never to its types.
CASIE_ATTACKS = frozenset({"Databreach", "Phishing", "Ransom"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _form(text: str) -> str | None:
    """The word a trigger is keyed by: its last word, lower-cased ("had been accessed" ->
    "accessed", "air strikes" -> "strikes")."""
    words = _WORD.findall(text)
    return words[-1].lower() if words else None


class _Counts:
    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self.events: Counter[str] = Counter()
        self.types: dict[str, Counter[str]] = defaultdict(Counter)
        self.sources: Counter[str] = Counter()

    def text(self, text: str) -> None:
        self.seen.update(w.lower() for w in _WORD.findall(text))

    def trigger(self, text: str, plover: str | None) -> None:
        form = _form(text)
        if form is None:
            return
        self.events[form] += 1
        if plover:
            self.types[form][plover] += 1


def _m2e2(folder: Path, counts: _Counts) -> None:
    with zipfile.ZipFile(folder / M2E2_ZIP) as z:
        for name in ("m2e2_annotations/text_only_event.json", "m2e2_annotations/text_multimedia_event.json"):
            for sent in json.loads(z.read(name)):
                counts.text(" ".join(sent["words"]))
                for ev in sent["golden-event-mentions"]:
                    counts.trigger(ev["trigger"]["text"], ACE_TYPES.get(ev["event_type"], ""))
                counts.sources["m2e2 sentences"] += 1


def _geneva(folder: Path, counts: _Counts) -> None:
    with (folder / GENEVA_FILE).open(encoding="utf-8") as fh:
        for line in fh:
            sent = json.loads(line)
            counts.text(" ".join(sent["tokens"]))
            for ev in sent.get("event_mentions") or []:
                trig = ev.get("trigger") or {}
                counts.trigger(str(trig.get("text") or ""), MAVEN_TYPES.get(str(ev.get("event_type")), ""))
            counts.sources["geneva sentences"] += 1


def _casie(folder: Path, counts: _Counts) -> None:
    for path in sorted((folder / CASIE_DIR / "annotation").glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        counts.text(str(doc.get("content") or ""))
        for hopper in (doc.get("cyberevent") or {}).get("hopper") or []:
            for ev in hopper.get("events") or []:
                if ev.get("subtype") in CASIE_ATTACKS:
                    counts.trigger(str((ev.get("nugget") or {}).get("text") or ""), "")
        counts.sources["casie articles"] += 1


def trigger_forms(folder: Path) -> dict[str, Any]:
    """{"forms": {form: [times a trigger, times seen, {PLOVER type: share of its typed
    triggers}]}, "sources": counts}, for forms that end a trigger at least twice; the
    corpora found under ``folder`` (``events-extra``), any of them may be missing."""
    counts = _Counts()
    if (folder / M2E2_ZIP).is_file():
        _m2e2(folder, counts)
    if (folder / GENEVA_FILE).is_file():
        _geneva(folder, counts)
    if (folder / CASIE_DIR / "annotation").is_dir():
        _casie(folder, counts)
    forms: dict[str, list[Any]] = {}
    for form, n in counts.events.items():
        if n < 2:
            continue
        typed = counts.types.get(form) or Counter()
        total = sum(typed.values())
        shares = {t: round(c / total, 3) for t, c in sorted(typed.items())} if total else {}
        forms[form] = [n, max(counts.seen[form], n), shares]
    return {"source": "events-extra: M2E2, GENEVA, CASIE triggers", "sources": dict(counts.sources),
            "forms": dict(sorted(forms.items()))}
