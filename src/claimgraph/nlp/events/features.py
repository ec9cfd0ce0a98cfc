"""Features of event candidates for the learned detector, typer and status classifier.

The same functions serve training (``claimgraph.training.events``) and analysis, so a model
always sees features computed the way it was trained on. Candidates come from the parse:
every verb, every common noun and the verbs the tagger mislabels after truecasing, and the
adjectives and proper nouns that TimeBank or ECB+ train mostly annotate as events ("found
dead", a Title Case "Dies" or "Riot"). The
lexicon of :mod:`.lexicon` is one feature among many (``lex=...``), never the gate.

``priors`` are per word form counts learned from TimeBank/AQUAINT (TempEval-3 train): how
often the form is an EVENT at all and its most frequent TimeML class (OCCURRENCE,
REPORTING, STATE ...), which carries what the lexicon cannot to words it never listed.

``word_classes`` are distributional word clusters learned from unlabelled news
(``claimgraph.training.clusters``): the detector sees a word's class at three granularities
beside its lemma, so what it learned of "probe" reaches "inquiry" and what it learned of
"arrested" reaches "detained".
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from ..attribution.cues import SPEECH_VERBS, WEAK_VERBS
from ..learned import linear_model, load_artifact, on_clear
from ..model import joined_compound
from .amounts import MONEY_NOUNS
from .lexicon import NOUN_TRIGGERS, PHRASAL_TRIGGERS, PLOT_NOUNS, VERB_TRIGGERS, Trigger, verb_lemma

PRIORS_FILE = "event_priors.json.gz"
#: Factuality of a predicate in news (UW corpus, events-extra/factuality): a status feature.
FACTUALITY_FILE = "event_factuality.json.gz"
#: Distributional word classes (unlabelled news; ``claimgraph.training.clusters``).
CLUSTERS_FILE = "word_clusters.json.gz"

#: Modal auxiliaries, contracted forms included ("wo" of "won't", "ca" of "can't").
MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "should", "can", "must",
                     "'ll", "wo", "ca", "'d"})
_NEG = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor", "without"})
_UP_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "conj", "dobj", "pobj", "prep",
                      "nsubj", "nsubjpass", "attr", "pcomp", "compound", "appos", "csubj", "oprd"})
_COND_MARKS = frozenset({"if", "unless", "whether", "lest", "once", "until", "before", "after",
                         "because", "although", "though", "when", "while", "so", "since"})


@lru_cache(maxsize=1)
def priors() -> dict[str, list[Any]]:
    """form -> [times an EVENT, times seen, most frequent class] (TimeBank/AQUAINT train)."""
    data = load_artifact(PRIORS_FILE)
    return data["forms"]


on_clear(priors.cache_clear)


@lru_cache(maxsize=1)
def ecb_forms() -> dict[str, list[int]]:
    """word -> [times it ends an event mention, times seen] in the ECB+ train topics
    (``training.ecbplus.form_counts``; empty for priors trained without ECB+)."""
    data = load_artifact(PRIORS_FILE)
    return dict((data.get("ecbplus") or {}).get("forms") or {})


on_clear(ecb_forms.cache_clear)


@lru_cache(maxsize=1)
def cameo_types() -> dict[str, list[Any]]:
    """verb -> [PLOVER type of its own CAMEO code, {type: share of all its codes}]
    (``training.cameo``; empty for priors trained without the CAMEO dictionary)."""
    return dict(load_artifact(PRIORS_FILE).get("cameo") or {})


on_clear(cameo_types.cache_clear)


@lru_cache(maxsize=1)
def news_triggers() -> dict[str, list[Any]]:
    """word -> [times it ends a trigger, times seen, {PLOVER type: share}] in the M2E2, GENEVA
    and CASIE news corpora (``training.newsevents``; empty for priors trained without them)."""
    return dict((load_artifact(PRIORS_FILE).get("news") or {}).get("forms") or {})


on_clear(news_triggers.cache_clear)


def _news_entry(tok: Any) -> list[Any] | None:
    table = news_triggers()
    return table.get(tok.lower_) or table.get(tok.lemma_.lower())


#: A news corpus type is trusted for a word the typer leaves ``OTHER`` when the word ends a
#: trigger this many times and this share of its typed triggers agree.
NEWS_TYPE_MIN = 10
NEWS_TYPE_SHARE = 0.8


def news_type(tok: Any) -> str | None:
    """The PLOVER type news event corpora give this word's triggers ("airstrikes",
    "offensive" -> ASSAULT, "talks" -> CONSULT), where they agree (:data:`NEWS_TYPE_MIN`,
    :data:`NEWS_TYPE_SHARE`); None elsewhere."""
    news = _news_entry(tok)
    if news is None or news[0] < NEWS_TYPE_MIN:
        return None
    best = max(news[2].items(), key=lambda kv: kv[1], default=None)
    return best[0] if best is not None and best[1] >= NEWS_TYPE_SHARE else None


@lru_cache(maxsize=1)
def word_classes() -> dict[str, tuple[int, ...]]:
    """word -> its class id at each granularity of the clusters artifact (coarse to fine)."""
    data = load_artifact(CLUSTERS_FILE)
    grains = sorted(data["classes"], key=int)
    columns = [data["classes"][g] for g in grains]
    return {w: tuple(col[i] for col in columns) for i, w in enumerate(data["words"])}


on_clear(word_classes.cache_clear)


def _class_features(f: dict[str, float], tok: Any) -> None:
    classes = word_classes()
    ids = classes.get(tok.lower_) or classes.get(tok.lemma_.lower())
    if ids is None:
        f["wc?"] = 1.0
        return
    for g, cid in enumerate(ids):
        f[f"wc{g}={cid}"] = 1.0


_SEEN_KEY = "claimgraph.lemma_seen"


def _earlier_mentions(tok: Any) -> int:
    """How many earlier tokens of the document share this token's lemma (a repeated mention
    is often the same event again, which the guideline annotates once)."""
    doc = tok.doc
    seen = doc.user_data.get(_SEEN_KEY)
    if seen is None or len(seen) != len(doc):
        counts: dict[str, int] = {}
        seen = []
        for t in doc:
            lem = t.lemma_.lower()
            seen.append(counts.get(lem, 0))
            counts[lem] = counts.get(lem, 0) + 1
        doc.user_data[_SEEN_KEY] = seen
    return int(seen[tok.i])


_LOWER_KEY = "claimgraph.lowers"


def _lowers(doc: Any) -> list[str]:
    """Every token's lower-case form, read from the parse once per document."""
    lowers = doc.user_data.get(_LOWER_KEY)
    if lowers is None or len(lowers) != len(doc):
        lowers = [t.lower_ for t in doc]
        doc.user_data[_LOWER_KEY] = lowers
    return lowers


def is_candidate(tok: Any) -> bool:
    """Whether a token may name an event: a verb, a common noun, a damaged-case verb."""
    pos = tok.pos_
    if len(tok.text) < 2 or not (tok.is_alpha or _alpha_compound(tok)):
        return False
    if pos == "VERB":
        return not going_to_future(tok)
    if pos == "NOUN":
        return not money_unit(tok)
    if pos in {"PROPN", "ADJ"}:
        return _mostly_event(priors().get(tok.lower_)) or _mostly_event(ecb_forms().get(tok.lower_))
    return False


def money_unit(tok: Any) -> bool:
    """A noun naming money ("a single cent", "ten euros"): no event, so the verb that pays it
    is one ("we are not going to pay a single cent": the paying)."""
    return tok.lemma_.lower() in MONEY_NOUNS or tok.lower_ in MONEY_NOUNS


def going_to_future(tok: Any) -> bool:
    """"going" of the "be going to" future ("we are not going to pay"): a tense, not an
    event (the verb after it is the event)."""
    return (tok.tag_ == "VBG" and tok.lemma_.lower() == "go"
            and any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in tok.children)
            and any(c.dep_ == "xcomp" and c.tag_ == "VB"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for c in tok.children))


def _alpha_compound(tok: Any) -> bool:
    """A compound of words the parse's first step joined ("test - launched",
    :func:`claimgraph.nlp.model.spaced_hyphens`), not one with a number ("24 - hour")."""
    return joined_compound(tok) and tok.text.replace(" - ", "").isalpha()


def _mostly_event(counts: list[Any] | None) -> bool:
    """Seen as an event three times at least, and in half its occurrences at least."""
    return counts is not None and counts[0] >= 3 and counts[0] / max(counts[1], 1) >= 0.5


def lexicon_trigger(tok: Any) -> Trigger | None:
    """The lexicon's reading of a token, verbal or nominal (no filters: a feature only)."""
    if tok.pos_ == "VERB" or tok.tag_.startswith("VB"):
        lemma = verb_lemma(tok)
        for c in tok.children:
            if (lemma, c.lower_) in PHRASAL_TRIGGERS and c.dep_ in {"prt", "dobj", "advmod", "acomp",
                                                                    "oprd", "attr", "npadvmod"}:
                return PHRASAL_TRIGGERS[(lemma, c.lower_)]
        return VERB_TRIGGERS.get(lemma)
    return NOUN_TRIGGERS.get(tok.lemma_.lower())


def _prior_features(f: dict[str, float], tok: Any) -> None:
    p = priors().get(tok.lower_) or priors().get(tok.lemma_.lower())
    if p is None:
        f["tb?"] = 1.0
        return
    ev, seen, cls = p
    f["tbp"] = ev / max(seen, 1)
    f["tbn"] = math.log1p(seen) / 8.0
    if ev:
        f["tbc=" + cls] = 1.0


def _lemma(tok: Any) -> str:
    return verb_lemma(tok) if tok.pos_ == "VERB" else tok.lemma_.lower()


def detect_features(tok: Any) -> dict[str, float]:
    """Sparse features for "is this token an event trigger?"."""
    lem = _lemma(tok)
    pos, dep, head = tok.pos_, tok.dep_, tok.head
    head_pos = head.pos_
    f: dict[str, float] = {
        "bias:" + pos: 1.0,
        "l=" + lem: 1.0,
        "t=" + tok.tag_: 1.0,
        "d=" + dep: 1.0,
        "hp=" + head_pos: 1.0,
        "hd=" + head.dep_: 1.0,
        "dhp=" + dep + "_" + head_pos: 1.0,
        "s3=" + lem[-3:]: 1.0,
        "s4=" + lem[-4:]: 1.0,
    }
    if head.i != tok.i and head_pos in {"VERB", "NOUN"}:
        f["hl=" + _lemma(head)] = 1.0
    if tok.text[:1].isupper() and tok.i > tok.sent.start:
        f["cap"] = 1.0
    children = list(tok.children)
    has_part = False
    dets = []
    for c in children:
        c_dep = c.dep_
        f["c=" + c_dep] = 1.0
        if c_dep in _PARTICIPANT_DEPS:
            has_part = True
        if c.ent_type_ and c_dep in {"nsubj", "nsubjpass", "dobj", "poss", "compound", "amod"}:
            f["ce=" + c_dep + "_" + c.ent_type_] = 1.0
        if c_dep == "prep":
            f["cp=" + c.lower_] = 1.0
            has_part = has_part or c.lower_ in _PARTICIPANT_PREPS
        if c_dep == "prt":
            f["prt=" + lem + "_" + c.lower_] = 1.0
        if c_dep == "dobj" and lem in {"have", "take", "make", "give", "hold", "do", "get", "reach"}:
            f["light=" + lem + "_" + c.lemma_.lower()] = 1.0
        if c_dep == "det":
            f["det=" + c.lower_] = 1.0
            dets.append(c.lower_)
    trig = lexicon_trigger(tok)
    if trig is not None:
        f["lex"] = 1.0
        f["lex=" + trig.type] = 1.0
    coded = cameo_types().get(lem)
    if coded is not None and coded[0]:  # a verb event data code as a PLOVER event
        f["cameo:" + pos] = 1.0
    if lem in PLOT_NOUNS:
        f["plotnoun"] = 1.0
    if lem in SPEECH_VERBS:
        f["speech"] = 1.0
    if lem in WEAK_VERBS:
        f["weakcue"] = 1.0
    if lem in {"be", "have", "seem", "appear", "become", "remain", "get"}:
        f["copula-like"] = 1.0
    f["ld=" + lem + "_" + dep] = 1.0
    if has_part:
        f["haspart"] = 1.0  # the guideline's events have a participant
    lowers = _lowers(tok.doc)
    if tok.i > 0:
        f["prev=" + lowers[tok.i - 1]] = 1.0
    if tok.i + 1 < len(lowers):
        f["next=" + lowers[tok.i + 1]] = 1.0
    if _earlier_mentions(tok):
        f["rep"] = 1.0
        f["rep=" + pos] = 1.0
        if dets:
            f["repdet=" + dets[0]] = 1.0
    else:
        f["first=" + pos] = 1.0
    _class_features(f, tok)
    _prior_features(f, tok)
    return f


_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent", "poss", "dative"})
_PARTICIPANT_PREPS = frozenset({"of", "by", "with", "against", "between"})


def type_features(tok: Any) -> dict[str, float]:
    """Sparse features for the event's PLOVER type (or OTHER)."""
    lem = _lemma(tok)
    f: dict[str, float] = {"l=" + lem: 1.0, "p=" + tok.pos_: 1.0, "s4=" + lem[-4:]: 1.0}
    trig = lexicon_trigger(tok)
    if trig is not None:
        f["lex=" + trig.type] = 1.0
        if trig.mode:
            f["lexmode=" + trig.mode] = 1.0
    coded = cameo_types().get(lem)
    if coded is not None:  # what event data code this verb as (a noun: its verb's lemma)
        if coded[0]:
            f["cm=" + coded[0]] = 1.0
        for t, share in coded[1].items():
            f["cd=" + t] = share
    news = _news_entry(tok)
    if news is not None:  # the PLOVER types news event corpora give this word's triggers
        for t, share in news[2].items():
            f["nt=" + t] = share
    for c in tok.children:
        if c.dep_ == "prep":
            f["cp=" + c.lower_] = 1.0
        if c.dep_ == "prt":
            f["prt=" + c.lower_] = 1.0
        if c.dep_ in {"dobj", "nsubjpass", "pobj"}:
            f["obj=" + c.lemma_.lower()] = 1.0
        if c.ent_type_ and c.dep_ in {"nsubj", "dobj", "poss", "compound"}:
            f["ce=" + c.dep_ + "_" + c.ent_type_] = 1.0
    _prior_features(f, tok)
    return f


def _ancestors(tok: Any, n: int = 4) -> list[Any]:
    out = []
    t = tok
    for _ in range(n):
        if t.head.i == t.i or t.dep_ not in _UP_DEPS:
            break
        t = t.head
        out.append(t)
    return out


def _clause_features(f: dict[str, float], tok: Any, prefix: str) -> None:
    for c in tok.children:
        low = c.lower_
        if c.dep_ in {"aux", "auxpass"}:
            f[prefix + "aux=" + (low if low in MODALS or low in {"to", "have", "has", "had",
                                                                  "been", "be", "going"} else c.tag_)] = 1.0
        elif c.dep_ == "neg" or low in _NEG and c.dep_ in {"advmod", "det", "neg"}:
            f[prefix + "neg"] = 1.0
        elif c.dep_ == "mark":
            f[prefix + "mark=" + (low if low in _COND_MARKS or low == "to" else "other")] = 1.0
        elif c.dep_ in {"amod", "advmod"} and c.lemma_.lower() in _STATUS_MODIFIERS:
            f[prefix + "mod=" + c.lemma_.lower()] = 1.0
        elif c.dep_ == "det" and low in {"no", "any", "a", "an", "the", "this", "that"}:
            f[prefix + "det=" + low] = 1.0
        elif c.dep_ == "expl":
            f[prefix + "expl"] = 1.0
        elif c.dep_ == "preconj" and low in {"neither", "nor"}:
            f[prefix + "neg"] = 1.0
        if c.dep_ in _ARG_DEPS and negative_argument(c):
            f[prefix + "negarg"] = 1.0  # "none of them were charged", "offered nothing"
        if c.dep_ == "advmod" and any(g.lower_ == "no" for g in c.children):
            f[prefix + "nolonger"] = 1.0  # "no longer insisted"
    if imperative(tok):
        f[prefix + "imperative"] = 1.0  # "Cancel the Putin meeting."


_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative"})
_NEGATIVE_PRONOUNS = frozenset({"nothing", "none", "nobody", "neither", "noone", "nowhere"})


def negative_argument(arg: Any) -> bool:
    """An argument that says nobody or nothing: "nothing", "none of ...", "no charges"."""
    if arg.lower_ in _NEGATIVE_PRONOUNS:
        return True
    return any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in arg.children)


def imperative(verb: Any) -> bool:
    """A bare verb that opens its clause with no subject: a demand, not a report ("Cancel the
    Putin meeting."). The clause may be the fronted words of a speech verb after it ("Scrap
    the tariffs, the farmers told the minister", which the parser hangs on "told" as an
    adverbial clause); a conjoined bare verb is one only after an imperative ("Call off the
    summit and come home"), not after "has agreed to suspend the tests and close ...")."""
    if verb.dep_ == "conj":
        return verb.tag_ == "VB" and verb.head.i != verb.i and imperative(verb.head)
    fronted = verb.dep_ == "advcl" and verb.i < verb.head.i and verb.head.lemma_.lower() in SPEECH_VERBS
    if verb.tag_ != "VB" or verb.dep_ not in {"ROOT", "ccomp"} and not fronted:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "mark", "expl", "csubj"}
           for c in verb.children):
        return False
    first = next((t for t in verb.subtree if not t.is_punct and t.lower_ not in {"please", "just", "now"}),
                 None)
    return first is not None and first.i == verb.i


_STATUS_MODIFIERS = frozenset({
    "possible", "potential", "planned", "proposed", "upcoming", "future", "scheduled", "expected",
    "failed", "attempted", "alleged", "foiled", "thwarted", "likely", "unlikely", "probably",
    "perhaps", "maybe", "never", "already", "still", "again", "soon", "later", "next", "imminent",
    "prospective", "hypothetical", "would-be", "unsuccessful", "successful", "first", "new",
    "only", "ever", "yet", "reportedly", "allegedly", "apparently", "supposedly", "repeatedly",
    "previous", "past", "recent", "last", "former", "continued", "ongoing",
})


#: Classes of the verbs (and adjectives) that govern an event's clause, after the implicative
#: and factive verbs of the factuality literature: what the governor commits its complement
#: to. A class is a feature beside the governor's lemma, so an unseen governor of a known
#: class ("implored", "beseeched") reads like the ones in training ("urged", "asked").
_GOVERNOR_WORDS = {
    "request": "urge ask call demand press lobby push encourage appeal beg implore invite petition "
               "request require order instruct tell advise recommend propose plead summon challenge "
               "persuade convince pressure coax prod nudge",
    "commit": "pledge vow promise threaten plan intend aim commit agree decide prepare schedule set "
              "expect resolve determine undertake swear guarantee offer volunteer plot arrange",
    "attempt": "try attempt seek strive endeavor endeavour struggle work scramble",
    "fail": "fail refuse decline neglect omit forget avoid reject resist hesitate",
    "success": "manage succeed proceed continue begin start resume",
    "prevent": "prevent stop block bar ban forbid prohibit thwart foil halt deter keep",
    "want": "want wish hope desire like love prefer need",
    "fear": "fear worry warn caution",
    "consider": "consider weigh mull contemplate explore discuss debate study review examine",
    "possible": "able willing ready eager likely unlikely possible poised due free reluctant "
                "unwilling unable",
    "believe": "believe think suspect assume guess speculate predict estimate say claim allege "
               "argue insist suggest",
    "know": "know reveal confirm show prove acknowledge admit find learn discover realize realise "
            "note regret",
    "deny": "deny dispute refute dismiss",
}
#: Nouns that govern an event the way the verbs above do ("calls to cancel", "a plan to
#: visit", "the capability to strike", "expectations about rejoining").
_GOVERNOR_NOUNS = {
    "request": "call demand request appeal plea proposal recommendation order push bid invitation "
               "ultimatum",
    "commit": "plan pledge promise vow threat decision intention agreement deal commitment offer "
              "schedule preparation",
    "attempt": "effort attempt try campaign drive quest",
    "fail": "refusal failure reluctance",
    "prevent": "ban moratorium halt freeze",
    "want": "hope desire goal aim wish ambition",
    "fear": "fear risk danger warning concern worry",
    "possible": "capability capacity ability willingness readiness chance possibility prospect "
                "option potential likelihood opportunity range power means",
    "believe": "expectation speculation prediction belief suspicion claim allegation assumption "
               "theory rumor rumour estimate",
    "consider": "talk talks debate discussion consideration review study",
    "deny": "denial",
}
GOVERNOR_CLASS: dict[str, str] = {}
for _cls, _words in _GOVERNOR_WORDS.items():
    for _w in _words.split():
        GOVERNOR_CLASS.setdefault(_w, _cls)
#: The nouns' classes: looked up only for a governor that is a noun.
GOVERNOR_NOUN_CLASS: dict[str, str] = {w: cls for cls, ws in _GOVERNOR_NOUNS.items() for w in ws.split()}


def governor_class(tok: Any) -> str | None:
    """The class of a governing word (verb, adjective or noun), None when it has none."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in {"NOUN", "PROPN"}:
        return GOVERNOR_NOUN_CLASS.get(lemma) or GOVERNOR_NOUN_CLASS.get(tok.lower_)
    return GOVERNOR_CLASS.get(lemma)


_IF_MARKS = frozenset({"if", "unless"})


def _reported_would(f: dict[str, float], tok: Any, ancestors: list[Any]) -> None:
    """"would" of reported speech: "officials said it would limit ..." is the backshifted "will"
    of what they said (planned), unlike the "would" of a condition ("would ... if")."""
    chain = [tok, *ancestors]
    for k, t in enumerate(chain):
        if not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in {"would", "'d"} for c in t.children):
            continue
        conditional = any(c.dep_ == "mark" and c.lower_ in _IF_MARKS for c in t.children) or any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _IF_MARKS for m in c.children)
            for c in t.children)
        if conditional:
            f["would_if"] = 1.0
        elif any(a.tag_ == "VBD" and a.lemma_.lower() in SPEECH_VERBS for a in chain[k + 1:]):
            f["would_reported"] = 1.0
        return


def status_features(tok: Any, rule_status: str, claim_kind: str | None,
                    factuality: bool = True) -> dict[str, float]:
    """Sparse features for the event's status, from the trigger's clause and what governs it.

    With ``factuality`` (analysis and the status model's training), the probabilities of the
    factuality model (:data:`FACTUALITY_FILE`: factual / uncertain / negated, trained on the
    UW factuality corpus of news predicates) are features too; that model itself is trained
    on the features without them."""
    lem = _lemma(tok)
    f: dict[str, float] = {
        "rule=" + rule_status: 1.0,
        "p=" + tok.pos_: 1.0,
        "t=" + tok.tag_: 1.0,
        "d=" + tok.dep_: 1.0,
        "l=" + lem: 1.0,
        "claim=" + (claim_kind or "none"): 1.0,
    }
    _clause_features(f, tok, "")
    ancestors = _ancestors(tok)
    for k, a in enumerate(ancestors):
        p = f"a{min(k, 2)}"
        a_lemma = _lemma(a)
        f[p + "l=" + a_lemma] = 1.0
        f[p + "p=" + a.pos_] = 1.0
        gov = governor_class(a)
        if gov is not None:
            f[p + "cls=" + gov] = 1.0
            if k == 0:
                f["a0cls=" + gov + "_" + tok.dep_] = 1.0
        else:
            coded = cameo_types().get(a_lemma)
            if coded is not None and coded[0]:  # a governor no class names: what CAMEO codes it
                f[p + "cm=" + coded[0]] = 1.0
        if k == 0:
            f["a0d=" + tok.dep_ + ">" + a.pos_] = 1.0
            f["a0t=" + a.tag_] = 1.0
        _clause_features(f, a, p)
    _reported_would(f, tok, ancestors)
    sent = tok.sent
    lowers = _lowers(tok.doc)
    words = set(lowers[sent.start : sent.end])
    for w in ("if", "unless", "whether", "would", "could", "might", "will", "not", "n't", "never",
              "deny", "denied", "plan", "plans", "planned", "expected", "?"):
        if w in words:
            f["s=" + w] = 1.0
    before = set(lowers[sent.start : tok.i])
    for w in ("if", "unless", "when", "before", "after", "to", "will", "would", "could", "not", "n't"):
        if w in before:
            f["b=" + w] = 1.0
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in {"to"}:
        f["next=to"] = 1.0
    if factuality:
        model = linear_model(FACTUALITY_FILE)
        for label, prob in model.proba({k: v for k, v in f.items() if not k.startswith("claim=")}).items():
            f["fact=" + label] = prob
    return f


__all__ = ["is_candidate", "lexicon_trigger", "detect_features", "type_features", "news_type",
           "status_features", "priors", "word_classes", "PRIORS_FILE", "FACTUALITY_FILE",
           "CLUSTERS_FILE", "MODALS"]
