"""Cross-document event coreference: features, a pairwise same-event score, clustering.

A pure module (no store, no spaCy): it works on the document record's plain dicts, so the
knowledge base, the ECB+ bench and tests call it the same way.

* :func:`event_features` reduces one event (the record's event dict) and its document
  record to a feature dict: type, mode, trigger lemma and its synonym group, participant
  and context names, place, time, document date, the sentence's content words and the
  document's content words.
* :func:`score` says how likely two feature dicts are one real-world event, in [0, 1].
* :func:`cluster` groups many feature dicts: documents are first clustered by TF-IDF
  cosine (stories emerge), then, inside each trigger group (lemma synonym group),
  mentions are joined by average-link agglomeration over :func:`score`, which rewards
  the same story and penalises different ones. It never compares all pairs: only
  mentions of one trigger group meet (for a very large group, only within a story).

Feature dict keys (all JSON-serialisable): ``document`` (id), ``event`` (id within the
document), ``type``, ``mode``, ``lemma``, ``group``, ``trigger``, ``names`` (folded
participant names or actor ids), ``context`` (folded names of named entities in the
trigger's sentence), ``place`` ({"id", "name", "country", "feature"} or None), ``start``,
``end`` (ISO dates of the event time or None), ``published`` (ISO date or None), ``words``
(content words of the trigger's sentence, trigger excluded) and ``doc_words`` (content word
counts of the whole document, shared between the events of one document).
"""

from __future__ import annotations

import calendar
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

#: The threshold :func:`cluster` uses by default (average score within a cluster).
DEFAULT_THRESHOLD = 0.3
#: Documents whose TF-IDF cosine (average link) reaches this form one story cluster.
DOC_THRESHOLD = 0.12
#: How many times a name counts in a document's bag of words (names separate stories).
NAME_WEIGHT = 2

# -- lexicon ---------------------------------------------------------------------------------

#: Event words with one meaning share a group (named after the first word). Verbs and their
#: nominalisations sit together so "arrested" meets "the arrest" and "quake" "earthquake".
_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("kill", "slay", "slaying", "murder", "homicide", "killing", "assassinate", "assassination",
     "execute", "execution", "massacre", "die", "death", "dead", "perish", "succumb", "fatality",
     "demise", "decease", "suicide", "passing"),
    ("shoot", "shooting", "gunfire", "gun", "gunshot", "shootout"),
    ("stab", "stabbing", "knife"),
    ("arrest", "detain", "detention", "apprehend", "apprehension", "capture", "nab", "custody",
     "bust", "collar"),
    ("charge", "indict", "indictment", "accuse", "accusation", "allege"),
    ("convict", "conviction", "guilty", "verdict"),
    ("sentence", "sentencing", "jail", "imprison", "imprisonment"),
    ("try", "trial", "prosecute", "prosecution"),
    ("earthquake", "quake", "tremor", "temblor", "aftershock", "seismic"),
    ("blaze", "inferno", "flame", "burn", "wildfire"),
    ("explode", "explosion", "blast", "bomb", "bombing", "detonate", "detonation", "explosive"),
    ("attack", "assault", "raid", "ambush", "strike", "airstrike", "offensive", "hit"),
    ("injure", "injury", "wound", "hurt"),
    ("crash", "collision", "collide", "accident"),
    ("rob", "robbery", "heist", "steal", "theft", "burglary", "burgle", "loot", "holdup", "stickup"),
    ("escape", "flee", "breakout", "escapee", "getaway"),
    ("kidnap", "kidnapping", "abduct", "abduction", "hostage"),
    ("hijack", "hijacking", "seize", "seizure", "commandeer", "piracy"),
    ("sink", "sinking", "capsize", "scuttle"),
    ("dismiss", "dismissal", "sack", "oust", "ouster", "axe", "terminate", "termination", "relieve"),
    ("resign", "resignation", "quit", "retire", "retirement", "departure"),
    ("hire", "appoint", "appointment", "name", "tap", "select", "selection", "choose", "pick",
     "nominate", "nomination", "recruit", "designate"),
    ("elect", "election", "vote", "poll", "ballot", "reelect", "reelection"),
    ("win", "victory", "triumph", "beat", "defeat", "clinch", "lose", "loss", "rout"),
    ("announce", "announcement", "declare", "declaration", "unveil", "reveal", "disclose"),
    ("release", "issue", "launch", "introduce", "introduction", "debut", "rollout", "ship"),
    ("acquire", "acquisition", "buy", "purchase", "takeover", "merge", "merger"),
    ("sign", "signing", "contract", "agree", "agreement", "deal", "accord", "treaty"),
    ("host", "emcee", "present", "presenter"),
    ("enter", "check", "admit", "admission", "rehab", "treatment"),
    ("meet", "meeting", "talk", "summit", "negotiate", "negotiation"),
    ("visit", "trip", "tour", "travel", "journey", "voyage"),
    ("protest", "demonstrate", "demonstration", "rally", "march"),
    ("riot", "unrest", "clash", "violence", "disturbance"),
    ("fight", "bout", "brawl"),
    ("game", "match", "contest", "matchup"),
    ("cut", "sever", "disrupt", "disruption", "outage"),
    ("damage", "harm"),
    ("find", "discover", "discovery", "locate"),
    ("defend", "retain", "keep"),
    ("fix", "patch", "repair", "update", "plug"),
    ("investigate", "investigation", "probe", "inquiry"),
    ("rescue", "save", "evacuate", "evacuation"),
    ("destroy", "destruction", "devastate", "ravage", "raze", "wreck"),
    ("threaten", "threat", "warn", "warning"),
    ("plead", "plea"),
    ("testify", "testimony"),
    ("speech", "address", "speak", "remarks", "remark", "lecture", "keynote", "oration"),
    ("trade", "swap", "exchange"),
    ("suspend", "suspension", "ban", "halt", "freeze", "moratorium", "pause"),
    ("sanction", "embargo"),
    ("invade", "invasion", "occupy", "occupation"),
    ("override", "overrule", "overturn", "reverse", "repeal", "nullify", "annul", "invalidate"),
    ("close", "closure", "shut", "shutdown"),
    ("urge", "lobby", "persuade", "appeal", "entreaty", "pressure", "implore", "exhort"),
    ("plot", "conspiracy", "conspire", "scheme"),
    ("foil", "thwart", "avert", "scupper"),
)
_GROUP_OF: dict[str, str] = {w: g[0] for g in _SYNONYM_GROUPS for w in g}
#: Nouns whose sense differs from the verb of the same spelling.
_NOUN_GROUP: dict[str, str] = {"fire": "blaze", "strike": "attack", "fight": "fight"}
_VERB_GROUP: dict[str, str] = {"fire": "dismiss"}

#: Irregular forms and derivations that suffix stripping cannot undo.
_IRREGULAR: dict[str, str] = {
    "shot": "shoot", "struck": "strike", "caught": "catch", "fled": "flee", "won": "win",
    "lost": "lose", "sank": "sink", "sunk": "sink", "stole": "steal", "stolen": "steal",
    "took": "take", "taken": "take", "went": "go", "gone": "go", "gave": "give", "given": "give",
    "held": "hold", "met": "meet", "hit": "hit", "slain": "slay", "slew": "slay", "beaten": "beat",
    "chose": "choose", "chosen": "choose", "fought": "fight", "bought": "buy", "sold": "sell",
    "told": "tell", "said": "say", "made": "make", "broke": "break", "broken": "break",
    "ran": "run", "left": "leave", "died": "die", "dying": "die", "injuries": "injury",
    "robberies": "robbery", "thefts": "theft", "shaken": "shake", "shook": "shake",
    "driven": "drive", "drove": "drive", "found": "find", "led": "lead", "kept": "keep",
    "began": "begin", "begun": "begin", "wounded": "wound", "arrested": "arrest",
    "fell": "fall", "fallen": "fall", "falling": "fall", "falls": "fall", "sent": "send", "spent": "spend",
    "cancelled": "cancel", "cancelling": "cancel", "travelled": "travel", "travelling": "travel",
    "signalled": "signal", "signalling": "signal", "labelled": "label", "modelled": "model",
    "fuelled": "fuel", "fuelling": "fuel", "levelled": "level", "totalled": "total",
    "pled": "plead", "overridden": "override", "overrode": "override",
    "built": "build", "paid": "pay", "spoke": "speak", "spoken": "speak", "brought": "bring", "withdrew": "withdraw", "withdrawn": "withdraw",
}
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+|\n+")

#: Function words and very common news words left out of the bags of content words.
_STOP = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours said says say told according new one two three
    year years week weeks day days time today yesterday monday tuesday wednesday thursday friday
    saturday sunday people mr mrs ms news report reports reported reuters ap afp there's it's
    don't didn't won't can't could've would've also will may might must shall last first
    """.split()
)

# -- small helpers ---------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(w.lower().strip("'-") for w in _WORD.findall(text))


def _typo_table() -> dict[str, str]:
    """Group words of six letters or more with one doubled letter written once ("arest",
    "arested" for "arrest"): a common slip in news copy that would split one event."""
    out: dict[str, str] = {}
    for w in _GROUP_OF:
        if len(w) < 6:
            continue
        for i in range(1, len(w)):
            if w[i] == w[i - 1] and w[i] not in "aeiouy":  # "commandeer" is not "commander"
                out.setdefault(w[:i] + w[i + 1:], w)
    return out


_TYPOS = _typo_table()


def normalise_lemma(word: str) -> str:
    """A rough lemma of one word without a parser: irregular table, then suffix stripping
    (a doubled letter written once in a lexicon word is read as that word: "arested").

    >>> normalise_lemma("Arrested"), normalise_lemma("quakes"), normalise_lemma("shot")
    ('arrest', 'quake', 'shoot')
    """
    lemma = _rough_lemma(word)
    return _TYPOS.get(lemma, lemma) if lemma not in _GROUP_OF else lemma


def _rough_lemma(word: str) -> str:
    w = word.lower().strip("'-.")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _GROUP_OF:
        return w
    if w.endswith(("ss", "us", "is")):
        return w
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: -len(suf)]
            cands = [stem, stem + "e", stem + "y"]
            if len(stem) > 3 and stem[-1] == stem[-2]:
                cands.append(stem[:-1])
            for cand in cands:
                if cand in _GROUP_OF or cand in _VERB_GROUP:
                    return cand
            return _base_form(stem, suf)
    return w


_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")
_SILENT_E = re.compile(r"(?:[vcu]|[^n]g|[aeiou][sz])$")


def _base_form(stem: str, suf: str) -> str:
    """The base form behind a stripped suffix, by English spelling rules, so that every
    inflection of a word outside the lexicon lands on one key: "denied" -> "deny",
    "votes"/"voted"/"voting" -> "vote", "planned" -> "plan", but "called" -> "call"."""
    if suf in ("ied", "ies"):
        return stem + "y"
    if suf == "s":
        return stem
    if suf == "es" and stem.endswith(("ss", "x", "z", "ch", "sh", "o")):
        return stem  # passes, taxes, watches, vetoes
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
        return stem[:-1]  # stopped, planned (call, pass, staff keep their double)
    if suf == "es" or _CVC.match(stem) or _SILENT_E.search(stem):
        return stem + "e"  # votes, voted, raised, forced, charged, moved, continued
    return stem


def trigger_group(lemma: str, nominal: bool | None = None) -> str:
    """The synonym group of a lemma (the lemma itself when it is in no group). A
    nominalisation outside the lexicon takes the group of the verb it derives from
    (:func:`derivation_roots`): "closure" -> "close", "arrival" -> "arrive"."""
    if nominal is True and lemma in _NOUN_GROUP:
        return _NOUN_GROUP[lemma]
    if nominal is False and lemma in _VERB_GROUP:
        return _VERB_GROUP[lemma]
    if lemma in _GROUP_OF:
        return _GROUP_OF[lemma]
    for root in derivation_roots(lemma):
        if root in _GROUP_OF:
            return _GROUP_OF[root]
    return lemma


#: Suffixes that make event nouns of verbs, each with what the verb ends in instead.
_DERIVATIONS: tuple[tuple[str, str], ...] = (
    ("ication", "y"), ("ation", "e"), ("ation", ""), ("ition", "e"), ("ition", ""),
    ("ssion", "ss"), ("ssion", "t"), ("sion", "d"), ("sion", "de"), ("sion", "se"),
    ("tion", "te"), ("ion", "e"), ("ion", ""), ("ment", ""), ("ial", "y"), ("al", "e"),
    ("al", ""), ("ure", "e"), ("ure", ""), ("ance", "e"), ("ance", ""), ("ence", "e"), ("ence", ""),
)


def derivation_roots(lemma: str) -> list[str]:
    """The verbs an event noun may derive from, by suffix rules alone (no dictionary, so
    some candidates are not words; two triggers are related when their candidates meet):
    "suspension" -> "suspend", "closure" -> "close", "arrival" -> "arrive", "announcement"
    -> "announce", "cancellation" -> "cancel", "discussion" -> "discuss" (roots of three letters only from the lexicon).

    >>> "close" in derivation_roots("closure"), "suspend" in derivation_roots("suspension")
    (True, True)
    """
    out: list[str] = []
    for suf, rep in _DERIVATIONS:
        if not lemma.endswith(suf) or len(lemma) - len(suf) < 3:
            continue
        stem = lemma[: -len(suf)]
        roots = [stem + rep]
        if len(stem) > 3 and stem[-1] == stem[-2] and not rep:
            roots.append(stem[:-1])  # cancellation -> cancel
        for root in roots:
            if (len(root) >= 4 or root in _GROUP_OF) and root != lemma and root not in out:
                out.append(root)
    return out


def _head_word(trigger: str) -> str:
    words = _WORD.findall(trigger)
    while len(words) > 1 and words[0].lower() in ("the", "a", "an", "this", "that"):
        words = words[1:]
    return words[-1] if len(words) > 1 and words[0].lower() in _STOP else (words[0] if words else "")


def content_words(text: str, name_weight: int = 1) -> list[str]:
    """Lower-case content words of ``text``, de-pluralised, stop words dropped.

    A capitalised word inside a sentence (a name) is repeated ``name_weight`` times.
    """
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        lw = w.lower().strip("'-")
        before = text[m.start() - 2:m.start()] if m.start() >= 2 else "."
        if len(lw) < 3 or lw in _STOP:
            continue
        if lw.endswith("s") and not lw.endswith("ss") and len(lw) > 4:
            lw = lw[:-1]
        name = w[0].isupper() and not any(c in ".!?\n\"" for c in before)
        out.extend([lw] * (name_weight if name else 1))
    return out


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = 0
    for m in _SENT_END.finditer(text, 0, start):
        lo = m.end()
    nxt = _SENT_END.search(text, end)
    return lo, (nxt.start() + 1 if nxt else len(text))


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    s = str(value)
    return s[:10] if len(s) >= 10 and s[4] == "-" else (s if len(s) in (4, 7) else None)


def _to_date(value: str | None, last: bool = False) -> date | None:
    if not value:
        return None
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10])
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:7])
            return date(y, m, calendar.monthrange(y, m)[1]) if last else date(y, m, 1)
        if len(value) == 4:
            return date(int(value), 12, 31) if last else date(int(value), 1, 1)
    except ValueError:
        return None
    return None


# -- features --------------------------------------------------------------------------------

_DOC_CACHE: dict[str, tuple[str, list[dict[str, Any]], Counter[str]]] = {}
_DOC_CACHE_SIZE = 256


def _doc_parts(document: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    inner = document.get("document")
    info: dict[str, Any] = inner if isinstance(inner, dict) else document
    return info, list(document.get("entities") or [])


def _doc_words(doc_id: str, text: str) -> Counter[str]:
    hit = _DOC_CACHE.get(doc_id)
    if hit is not None and hit[0] == text:
        return hit[2]
    bag = Counter(content_words(text, NAME_WEIGHT))
    if len(_DOC_CACHE) >= _DOC_CACHE_SIZE:
        _DOC_CACHE.pop(next(iter(_DOC_CACHE)))
    _DOC_CACHE[doc_id] = (text, [], bag)
    return bag


def _entity_name(ent: dict[str, Any]) -> str:
    return _fold(ent.get("name") or "")


def _place(ent: dict[str, Any] | None) -> dict[str, Any] | None:
    if ent is None:
        return None
    geo = ent.get("geo") or {}
    return {
        "id": geo.get("geonames_id"),
        "name": _fold(geo.get("name") or ent.get("name") or ""),
        "country": geo.get("country_code"),
        "feature": geo.get("feature"),
    }


_CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _sentence_time(document: dict[str, Any], lo: int, hi: int) -> dict[str, Any]:
    """The first calendar date or year (TIMEX3 value) in the sentence, as a time interval."""
    for t in document.get("times") or []:
        span = t.get("span") or {}
        value = str(t.get("value") or "")
        if lo <= span.get("start", -1) < hi and t.get("type") == "DATE" and _CALENDAR_VALUE.match(value):
            return {"text": span.get("text"), "start": value, "end": value}
    return {}


def event_features(event: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """The feature dict of one event of a document record (both as plain dicts).

    ``event`` has the record's event shape (``trigger`` span, ``participants`` with
    ``entity`` ids or KB ``actor`` ids, ``location``, ``time``, ``type``, ``mode``); an
    optional ``lemma`` (e.g. spaCy's lemma of the trigger head) and ``nominal`` (bool)
    replace the built-in rough lemmatiser. ``document`` is the record (``{"document": {...},
    "entities": [...]}``) or its ``document`` part alone.
    """
    info, entities = _doc_parts(document)
    text: str = info.get("text") or ""
    by_id = {e.get("id"): e for e in entities}
    trig = event.get("trigger") or {}
    t_start, t_end = int(trig.get("start", 0)), int(trig.get("end", 0))
    t_text = trig.get("text") or text[t_start:t_end]
    lemma = normalise_lemma(event.get("lemma") or _head_word(t_text))
    names: dict[str, str] = {}
    for p in event.get("participants") or []:
        ent = by_id.get(p.get("entity"))
        key = p.get("actor") or (_entity_name(ent) if ent is not None and ent.get("named", True) else "")
        if key:
            names.setdefault(key, p.get("role") or "actor")
    s_lo, s_hi = _sentence_bounds(text, t_start, t_end)
    context: set[str] = set()
    for ent in entities:
        if not ent.get("named", True):
            continue
        if any(s_lo <= m.get("start", -1) < s_hi for m in ent.get("mentions") or []):
            context.add(_entity_name(ent))
    loc = event.get("location")
    place = _place(by_id.get(loc)) if isinstance(loc, str) and loc in by_id else None
    if place is None and isinstance(event.get("place"), dict):
        place = event["place"]
    tm = event.get("time") or _sentence_time(document, s_lo, s_hi)
    sentence = text[s_lo:t_start] + " " + text[t_end:s_hi]
    doc_id = str(info.get("id") or id(document))
    return {
        "document": doc_id,
        "event": event.get("id"),
        "type": event.get("type"),
        "mode": event.get("mode"),
        "lemma": lemma,
        "group": trigger_group(lemma, event.get("nominal")),
        "trigger": t_text,
        "names": names,
        "context": sorted(c for c in context if c),
        "place": place,
        "start": _iso(tm.get("start")),
        "end": _iso(tm.get("end")),
        "published": _iso(info.get("published")),
        "words": sorted(set(content_words(sentence)) - {lemma}),
        "doc_words": _doc_words(doc_id, text),
    }


# -- the pairwise score ----------------------------------------------------------------------

#: Weights of the linear score (fitted by a grid search on ECB+ train topics).
WEIGHTS: dict[str, float] = {
    "bias": 0.05,
    "same_lemma": 0.3,
    "same_group": 0.2,
    "doc": 0.5,
    "sentence": 0.35,
    "args": 0.2,
    "place": 0.15,
    "time": 0.2,
    "type_clash": 0.3,
    "reporting": 0.3,
    "same_story": 0.0,
    "other_story": 0.3,
    "actor_clash": 0.2,
}
#: Without story clusters, two documents whose raw word cosine is below this are two stories.
STORY_SIM = 0.3
#: A trigger group with more mentions than this is only compared within document clusters.
MAX_BLOCK = 1500
#: Reporting and light verbs: two outlets' "said" are seldom one event.
_REPORTING = frozenset("say tell report state add note claim quote be have do make take get go come".split())


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def _name_overlap(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Share of the smaller name set found in the other (participants and sentence names)."""
    na = set(a.get("names") or {}) | set(a.get("context") or ())
    nb = set(b.get("names") or {}) | set(b.get("context") or ())
    if not na or not nb:
        return None
    hits = 0
    for x in na:
        if x in nb or any(_name_match(x, y) for y in nb):
            hits += 1
    return hits / min(len(na), len(nb))


def _name_match(x: str, y: str) -> bool:
    """"hugh jackman" and "jackman" are one name (a whole last word in common)."""
    xs, ys = x.split(), y.split()
    return bool(xs and ys) and (xs[-1] == ys[-1] and len(xs[-1]) > 2)


def _actors_clash(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both events name their participants and no name is shared."""
    na, nb = a.get("names") or {}, b.get("names") or {}
    if not na or not nb:
        return False
    return not any(x == y or _name_match(x, y) for x in na for y in nb)


def _place_score(a: dict[str, Any], b: dict[str, Any]) -> float:
    pa, pb = a.get("place"), b.get("place")
    if not pa or not pb:
        return 0.0
    if pa.get("id") is not None and pa.get("id") == pb.get("id"):
        return 1.0
    if pa.get("name") and pa.get("name") == pb.get("name"):
        return 1.0
    ca, cb = pa.get("country"), pb.get("country")
    if ca and cb and ca != cb:
        return -1.0
    broad = {"country", "admin"}
    if pa.get("feature") in broad or pb.get("feature") in broad:
        return 0.0  # a city inside a country named by the other report
    return -1.0 if pa.get("id") is not None and pb.get("id") is not None else -0.5


def _interval(f: dict[str, Any]) -> tuple[date, date] | None:
    lo = _to_date(f.get("start"))
    if lo is None:
        return None
    hi = _to_date(f.get("end"), last=True) or _to_date(f.get("start"), last=True) or lo
    return lo, max(lo, hi)


def _time_score(a: dict[str, Any], b: dict[str, Any]) -> float:
    ia, ib = _interval(a), _interval(b)
    if ia and ib:
        gap = max((ib[0] - ia[1]).days, (ia[0] - ib[1]).days, 0)
        return 1.0 if gap == 0 else (0.3 if gap <= 3 else -1.0)
    pa, pb = _to_date(a.get("published")), _to_date(b.get("published"))
    if pa and pb:
        gap = abs((pa - pb).days)
        return 0.3 if gap <= 3 else (0.0 if gap <= 14 else -0.5)
    return 0.0


def _doc_sim(a: dict[str, Any], b: dict[str, Any]) -> float:
    if a.get("document") is not None and a.get("document") == b.get("document"):
        return 1.0
    va, vb = a.get("doc_vec"), b.get("doc_vec")
    if va is not None and vb is not None:
        return _cosine(va, vb)
    wa, wb = a.get("doc_words") or {}, b.get("doc_words") or {}
    return _cosine(dict(wa), dict(wb))


def score(a: dict[str, Any], b: dict[str, Any], weights: dict[str, float] | None = None) -> float:
    """How likely two event feature dicts are one real-world event, in [0, 1].

    Different trigger groups score 0. Otherwise a weighted sum of: same lemma (or only
    the same synonym group), document similarity (TF-IDF cosine when :func:`cluster` added
    ``doc_vec``, raw word counts otherwise), sentence word overlap, participant/context
    name overlap, place agreement (a different city or country counts against), time
    agreement (event times more than three days apart count against), and a penalty when
    both have event types and they differ.
    """
    w = weights or WEIGHTS
    if not a.get("group") or a.get("group") != b.get("group"):
        return 0.0
    s = w["bias"] + (w["same_lemma"] if a.get("lemma") == b.get("lemma") else w["same_group"])
    doc = _doc_sim(a, b)
    s += w["doc"] * doc
    if a.get("story") is not None and b.get("story") is not None:
        same_story = a["story"] == b["story"]
    else:  # not clustered: judge the story from the raw word overlap
        same_story = doc >= STORY_SIM
    s += w["same_story"] if same_story else -w["other_story"]
    if _actors_clash(a, b):
        s -= w["actor_clash"]
    s += w["sentence"] * _jaccard(a.get("words") or (), b.get("words") or ())
    names = _name_overlap(a, b)
    if names is not None:
        s += w["args"] * (2.0 * names - 0.5)
    s += w["place"] * _place_score(a, b)
    s += w["time"] * _time_score(a, b)
    if a.get("lemma") in _REPORTING or b.get("lemma") in _REPORTING:
        s -= w["reporting"]
    ta, tb = a.get("type"), b.get("type")
    if ta and tb and ta != tb and a.get("lemma") != b.get("lemma"):
        s -= w["type_clash"]  # one lemma typed two ways is the typer's doubt, not two events
    return max(0.0, min(1.0, s))


# -- clustering ------------------------------------------------------------------------------


def _tfidf(bags: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    df: Counter[str] = Counter()
    for bag in bags.values():
        df.update(bag.keys())
    n = len(bags)
    out: dict[str, dict[str, float]] = {}
    for key, bag in bags.items():
        vec = {t: (1.0 + math.log(c)) * math.log((n + 1) / (df[t] + 0.5)) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[key] = {t: v / norm for t, v in vec.items() if v > 0}
    return out


def _doc_pairs(vecs: dict[str, dict[str, float]]) -> dict[tuple[str, str], float]:
    """Cosine of every document pair that shares a not-too-common term (inverted index)."""
    index: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key, vec in vecs.items():
        for t, v in vec.items():
            index[t].append((key, v))
    cap = max(50, len(vecs) // 10)
    sims: dict[tuple[str, str], float] = defaultdict(float)
    for postings in index.values():
        if len(postings) < 2 or len(postings) > cap:
            continue
        for i, (ka, va) in enumerate(postings):
            for kb, vb in postings[i + 1:]:
                sims[(ka, kb) if ka < kb else (kb, ka)] += va * vb
    return sims


def _average_link(n: int, sim: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Average-link agglomeration over a sparse similarity (missing pairs count as 0).

    Keeps, per cluster, the summed similarity to each neighbouring cluster and a heap of
    candidate merges (stale entries skipped by version), so it costs O(E log E) for E
    non-zero pairs rather than a scan of all pairs per merge.
    """
    size = [1] * n
    nbr: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), s in sim.items():
        if s > 0 and i != j:
            nbr[i][j] = nbr[i].get(j, 0.0) + s
            nbr[j][i] = nbr[j].get(i, 0.0) + s
    version = [0] * n
    heap = [(-total, i, j, 0, 0) for i in range(n) for j, total in nbr[i].items() if i < j and total >= threshold]
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        _, i, j, vi, vj = heapq.heappop(heap)
        if vi != version[i] or vj != version[j]:
            continue
        parent[j] = i
        size[i] += size[j]
        version[i] += 1
        version[j] = -1
        for k, total in nbr[j].items():
            if k == i:
                continue
            nbr[i][k] = nbr[i].get(k, 0.0) + total
            del nbr[k][j]
        nbr[i].pop(j, None)
        nbr[j] = {}
        for k, total in nbr[i].items():
            nbr[k][i] = total
            if total / (size[i] * size[k]) >= threshold:
                a, b = (i, k) if i < k else (k, i)
                heapq.heappush(heap, (-total / (size[a] * size[b]), a, b, version[a], version[b]))
    roots: dict[int, int] = {}
    labels = [0] * n
    for x in range(n):
        r = x
        while parent[r] != r:
            r = parent[r]
        labels[x] = roots.setdefault(r, len(roots))
    return labels


def cluster_documents(features: Sequence[dict[str, Any]], threshold: float = DOC_THRESHOLD) -> dict[str, int]:
    """Story clusters of the documents behind ``features``: document id -> cluster label.

    Also stores each feature's TF-IDF document vector under ``doc_vec`` (for :func:`score`).
    """
    bags: dict[str, Counter[str]] = {}
    for f in features:
        bags.setdefault(str(f.get("document")), Counter(f.get("doc_words") or {}))
    vecs = _tfidf(bags)
    for f in features:
        f["doc_vec"] = vecs[str(f.get("document"))]
    keys = sorted(vecs)
    pos = {k: i for i, k in enumerate(keys)}
    sims = {(pos[a], pos[b]): s for (a, b), s in _doc_pairs(vecs).items()}
    labels = _average_link(len(keys), sims, threshold)
    return {k: labels[pos[k]] for k in keys}


def cluster(
    features: list[dict[str, Any]],
    threshold: float = DEFAULT_THRESHOLD,
    *,
    doc_threshold: float = DOC_THRESHOLD,
    weights: dict[str, float] | None = None,
) -> list[int]:
    """Cluster labels (one per feature dict, same order): equal label = same event.

    Documents are first clustered into stories (TF-IDF cosine, average link at
    ``doc_threshold``); each feature dict gets its ``story`` label and ``doc_vec``, which
    :func:`score` uses (a pair from different stories is penalised, not forbidden, so
    strong argument agreement can still join two reports that share few words). Mentions
    are compared only within one trigger group (a group larger than :data:`MAX_BLOCK` only
    within each story), and joined by average link over :func:`score` at ``threshold``.
    """
    if not features:
        return []
    story = cluster_documents(features, doc_threshold)
    for f in features:
        f["story"] = story[str(f.get("document"))]
    blocks: dict[tuple[int, str], list[int]] = defaultdict(list)
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        by_group[str(f.get("group"))].append(i)
    for group, members in by_group.items():
        split = len(members) > MAX_BLOCK
        for i in members:
            blocks[(features[i]["story"] if split else -1, group)].append(i)
    labels = [0] * len(features)
    next_label = 0
    for members in blocks.values():
        sims: dict[tuple[int, int], float] = {}
        for x in range(len(members)):
            fa = features[members[x]]
            for y in range(x + 1, len(members)):
                s = score(fa, features[members[y]], weights)
                if s > 0:
                    sims[(x, y)] = s
        local = _average_link(len(members), sims, threshold)
        for m, lab in zip(members, local, strict=True):
            labels[m] = next_label + lab
        next_label += max(local) + 1
    return labels


__all__ = [
    "DEFAULT_THRESHOLD",
    "DOC_THRESHOLD",
    "WEIGHTS",
    "cluster",
    "cluster_documents",
    "content_words",
    "derivation_roots",
    "event_features",
    "normalise_lemma",
    "score",
    "trigger_group",
]
