"""PLOVER event types, modes and the trigger lexicon used by the ``events`` step.

Types follow the PLOVER 2021 manual (sixteen categories, upper case); a few documented
extensions (``RECRUIT``, ``SURVEIL``, ``CRIME``) cover events PLOVER has no category for
(see ``docs/events.md``). Modes are lower-case refinements in PLOVER's
"category-mode" style (``ASSAULT/assassination``, ``COERCE/arrest``, ``CONSULT/visit``).

Triggers are keyed by spaCy lemma. A verbal entry fires on a VERB token, a nominal
entry on a NOUN token. Lemmas are chosen to be event-denoting on their own in news
text; generic verbs (make, take, go) are deliberately absent.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

#: PLOVER 2021 categories with a one-line gloss (the manual's definitions, paraphrased).
PLOVER_TYPES: dict[str, str] = {
    "AGREE": "agree to, or express intent to, a future action or settlement",
    "CONSULT": "meet, visit, host, negotiate or talk by phone",
    "SUPPORT": "endorse or praise another actor or its policy",
    "CONCEDE": "yield verbally: apologise, accede to demands, release prisoners",
    "COOPERATE": "material cooperation: joint operations, trade, intelligence sharing",
    "AID": "provide economic, military or humanitarian aid",
    "RETREAT": "withdraw forces, demobilise, surrender, retreat",
    "REQUEST": "ask, appeal or demand that another actor do something",
    "ACCUSE": "blame, allege wrongdoing, charge",
    "REJECT": "refuse, deny a request, veto",
    "THREATEN": "threaten force, sanctions or other action",
    "PROTEST": "demonstrate, strike, riot, boycott",
    "SANCTION": "reduce relations: expel diplomats, close missions, impose sanctions",
    "MOBILIZE": "deploy or put forces on alert, show of force",
    "COERCE": "arrest, detain, abduct, seize, deport, censor",
    "ASSAULT": "use of violence against people or property: attack, bombing, killing",
}

#: Documented extensions (no PLOVER category covers them).
EXTENSION_TYPES: dict[str, str] = {
    "RECRUIT": "enlist a person into an organisation or an operation (actor recruits target)",
    "SURVEIL": "watch, spy on or gather intelligence about a target",
    "CRIME": "criminal acts without a political target: robbery, theft, smuggling",
}

EVENT_TYPES: tuple[str, ...] = tuple(PLOVER_TYPES) + tuple(EXTENSION_TYPES)


class Trigger(NamedTuple):
    type: str
    mode: str | None


def _t(type_: str, mode: str | None = None) -> Trigger:
    return Trigger(type_, mode)


#: Verbal triggers, by lemma.
VERB_TRIGGERS: dict[str, Trigger] = {
    # ASSAULT
    "assassinate": _t("ASSAULT", "assassination"),
    "attack": _t("ASSAULT"),
    "assault": _t("ASSAULT"),
    "ambush": _t("ASSAULT", "ambush"),
    "bomb": _t("ASSAULT", "bombing"),
    "dynamite": _t("ASSAULT", "bombing"),
    "detonate": _t("ASSAULT", "bombing"),
    "explode": _t("ASSAULT", "bombing"),
    "shoot": _t("ASSAULT", "shooting"),
    "gun": _t("ASSAULT", "shooting"),
    "machinegun": _t("ASSAULT", "shooting"),
    "kill": _t("ASSAULT", "killing"),
    "murder": _t("ASSAULT", "killing"),
    "slay": _t("ASSAULT", "killing"),
    "execute": _t("ASSAULT", "killing"),
    "massacre": _t("ASSAULT", "massacre"),
    "behead": _t("ASSAULT", "killing"),
    "stab": _t("ASSAULT", "beating"),
    "beat": _t("ASSAULT", "beating"),
    "torture": _t("ASSAULT", "torture"),
    "wound": _t("ASSAULT"),
    "injure": _t("ASSAULT"),
    "burn": _t("ASSAULT", "arson"),
    "torch": _t("ASSAULT", "arson"),
    "destroy": _t("ASSAULT"),
    "damage": _t("ASSAULT"),
    "raid": _t("ASSAULT", "raid"),
    "shell": _t("ASSAULT", "shelling"),
    "strafe": _t("ASSAULT", "aerial"),
    "sabotage": _t("ASSAULT", "sabotage"),
    # COERCE
    "arrest": _t("COERCE", "arrest"),
    "detain": _t("COERCE", "arrest"),
    "apprehend": _t("COERCE", "arrest"),
    "capture": _t("COERCE", "arrest"),
    "jail": _t("COERCE", "arrest"),
    "imprison": _t("COERCE", "arrest"),
    "kidnap": _t("COERCE", "abduction"),
    "abduct": _t("COERCE", "abduction"),
    "hijack": _t("COERCE", "abduction"),
    "deport": _t("COERCE", "deportation"),
    "expel": _t("SANCTION", "expulsion"),
    "seize": _t("COERCE", "seizure"),
    "confiscate": _t("COERCE", "seizure"),
    # CONSULT / AGREE / SUPPORT / COOPERATE / AID
    "visit": _t("CONSULT", "visit"),
    "meet": _t("CONSULT", "meeting"),
    "host": _t("CONSULT", "host"),
    "negotiate": _t("CONSULT", "negotiation"),
    "sign": _t("AGREE", "signing"),
    "endorse": _t("SUPPORT"),
    "donate": _t("AID"),
    # ACCUSE / REJECT / THREATEN / REQUEST
    "accuse": _t("ACCUSE", "allegation"),
    "blame": _t("ACCUSE", "allegation"),
    "allege": _t("ACCUSE", "allegation"),
    "condemn": _t("ACCUSE", "condemnation"),
    "denounce": _t("ACCUSE", "condemnation"),
    "threaten": _t("THREATEN"),
    "demand": _t("REQUEST", "demand"),
    "urge": _t("REQUEST"),
    "reject": _t("REJECT"),
    "protest": _t("PROTEST", "demonstration"),
    "demonstrate": _t("PROTEST", "demonstration"),
    "riot": _t("PROTEST", "riot"),
    "deploy": _t("MOBILIZE", "deployment"),
    "mobilize": _t("MOBILIZE"),
    "sanction": _t("SANCTION", "sanctions"),
    "withdraw": _t("RETREAT", "withdrawal"),
    "surrender": _t("RETREAT", "surrender"),
    # extensions
    "recruit": _t("RECRUIT"),
    "enlist": _t("RECRUIT"),
    "surveil": _t("SURVEIL"),
    "spy": _t("SURVEIL"),
    "rob": _t("CRIME", "robbery"),
    "loot": _t("CRIME", "robbery"),
    "steal": _t("CRIME", "robbery"),
}

#: Phrasal verbs and fixed verb-object pairs: (lemma, particle or object word) -> trigger.
PHRASAL_TRIGGERS: dict[tuple[str, str], Trigger] = {
    ("blow", "up"): _t("ASSAULT", "bombing"),
    ("open", "fire"): _t("ASSAULT", "shooting"),
    ("set", "fire"): _t("ASSAULT", "arson"),
    ("gun", "down"): _t("ASSAULT", "shooting"),
    ("shoot", "down"): _t("ASSAULT", "shooting"),
    ("take", "hostage"): _t("COERCE", "abduction"),
    ("hold", "hostage"): _t("COERCE", "abduction"),
    ("take", "prisoner"): _t("COERCE", "abduction"),
    ("set", "ablaze"): _t("ASSAULT", "arson"),
    ("call", "off"): _t("RETREAT"),  # "called off the attack": no request, a plan given up
    ("fire", "shot"): _t("ASSAULT", "shooting"),
    ("fire", "shots"): _t("ASSAULT", "shooting"),
    # a device delivered is the bombing itself ("planted a bomb", "hurled a grenade at the
    # patrol"); "device" and "mine" only where no other reading is common ("placed the device
    # on the table", "left the mine" are not attacks)
    **{(verb, device): _t("ASSAULT", "bombing")
       for verb in ("plant", "place", "throw", "hurl", "lob", "toss", "detonate", "set")
       for device in ("bomb", "bombs", "grenade", "grenades", "explosive", "explosives", "dynamite")},
    **{(verb, device): _t("ASSAULT", "bombing")
       for verb in ("plant", "detonate") for device in ("device", "devices", "mine", "mines", "landmines")},
}

#: Nominal triggers, by lemma.
NOUN_TRIGGERS: dict[str, Trigger] = {
    "assassination": _t("ASSAULT", "assassination"),
    "attack": _t("ASSAULT"),
    "assault": _t("ASSAULT"),
    "ambush": _t("ASSAULT", "ambush"),
    "bombing": _t("ASSAULT", "bombing"),
    "explosion": _t("ASSAULT", "bombing"),
    "blast": _t("ASSAULT", "bombing"),
    "shooting": _t("ASSAULT", "shooting"),
    "killing": _t("ASSAULT", "killing"),
    "murder": _t("ASSAULT", "killing"),
    "massacre": _t("ASSAULT", "massacre"),
    "arson": _t("ASSAULT", "arson"),
    "destruction": _t("ASSAULT"),
    "dynamiting": _t("ASSAULT", "bombing"),
    "car-bombing": _t("ASSAULT", "bombing"),
    "firebombing": _t("ASSAULT", "arson"),
    "raid": _t("ASSAULT", "raid"),
    "sabotage": _t("ASSAULT", "sabotage"),
    "arrest": _t("COERCE", "arrest"),
    "detention": _t("COERCE", "arrest"),
    "capture": _t("COERCE", "arrest"),
    "kidnapping": _t("COERCE", "abduction"),
    "abduction": _t("COERCE", "abduction"),
    "hijacking": _t("COERCE", "abduction"),
    "deportation": _t("COERCE", "deportation"),
    "expulsion": _t("SANCTION", "expulsion"),
    "closure": _t("SANCTION", "closure"),
    "sanction": _t("SANCTION", "sanctions"),
    "visit": _t("CONSULT", "visit"),
    "meeting": _t("CONSULT", "meeting"),
    "talk": _t("CONSULT", "negotiation"),
    "negotiation": _t("CONSULT", "negotiation"),
    "summit": _t("CONSULT", "meeting"),
    "agreement": _t("AGREE"),
    "accusation": _t("ACCUSE", "allegation"),
    "allegation": _t("ACCUSE", "allegation"),
    "threat": _t("THREATEN"),
    "demand": _t("REQUEST", "demand"),
    "protest": _t("PROTEST", "demonstration"),
    "demonstration": _t("PROTEST", "demonstration"),
    "riot": _t("PROTEST", "riot"),
    "deployment": _t("MOBILIZE", "deployment"),
    "withdrawal": _t("RETREAT", "withdrawal"),
    "recruitment": _t("RECRUIT"),
    "surveillance": _t("SURVEIL"),
    "espionage": _t("SURVEIL"),
    "robbery": _t("CRIME", "robbery"),
    "theft": _t("CRIME", "robbery"),
}

#: Nouns that name a plan for an event: "the plot", "a conspiracy to kill X". They refer
#: to the planned event; on their own they become ASSAULT/plot when clearly violent.
PLOT_NOUNS = frozenset({"plot", "plan", "conspiracy", "scheme"})
#: Verbs of stopping a plot or an attack before it happens ("foiled the plot", "thwarted it").
FOIL_VERBS = frozenset({"foil", "thwart", "prevent", "disrupt", "avert", "frustrate", "stop",
                        "uncover", "dismantle", "neutralize", "neutralise", "break", "derail",
                        "abort", "intercept", "preempt"})

#: Anaphoric event nouns: they only ever corefer with an earlier event ("this operation").
ANAPHORIC_EVENT_NOUNS = frozenset({"operation", "incident", "act", "action", "crime"})

#: Modifiers that make a bare plot noun an ASSAULT plot ("terror plot", "bomb plot").
VIOLENT_PLOT_MODIFIERS = frozenset({
    "terror", "terrorist", "bomb", "bombing", "assassination", "murder", "kill", "attack",
    "coup",
})

#: Verbs whose infinitival complement is an intended event: "planned to assassinate".
PLAN_VERBS = frozenset({
    "plan", "plot", "intend", "conspire", "prepare", "aim", "want", "seek", "decide",
    "scheme", "mean", "hope", "vow", "order", "hire", "recruit", "pay", "send", "promise",
})

#: Verbs and nouns whose infinitival complement was tried: "tried to kill", "efforts to set
#: up a back channel", "seek to broach the issue" -> attempted (the guideline's "tried to",
#: "efforts to", "attempts to" with the outcome unstated).
ATTEMPT_VERBS = frozenset({"try", "attempt", "effort", "seek", "bid", "strive", "endeavor",
                           "endeavour", "campaign"})

#: Verbs whose infinitival complement happened: "managed to escape".
SUCCESS_VERBS = frozenset({"manage", "succeed"})

#: Nouns whose possessor / "of"-object is the one acted on ("his arrest", "arrest of X").
PATIENT_NOMINALS = frozenset({
    "assassination", "murder", "killing", "arrest", "detention", "capture", "kidnapping",
    "abduction", "deportation", "expulsion", "recruitment", "surveillance", "massacre",
    "execution", "closure", "destruction",
    # done to the one named before them by the justice system or an office: "Flynn's
    # indictment", "his confirmation", "Stone's release" (an "of" object still makes the
    # possessor the doer: "Mueller's indictment of Stone")
    "indictment", "prosecution", "conviction", "impeachment", "arraignment", "sentencing",
    "extradition", "firing", "ouster", "dismissal", "removal", "confirmation", "nomination",
    "appointment", "release", "rescue", "interrogation",
    # violence done to what its "of" names: "the bombing of the embassy", "the shooting of
    # two protesters", "the hijacking of the plane"
    "bombing", "shelling", "bombardment", "shooting", "stabbing", "beating", "torture", "hijacking",
    "burning", "torching", "looting", "lynching", "invasion", "occupation", "siege", "blockade",
})

#: Types whose grammatical object is a recipient rather than a target.
RECIPIENT_TYPES = frozenset({"AID", "CONSULT", "AGREE", "SUPPORT", "COOPERATE"})

_IRREGULAR_FORMS: dict[str, str] = {
    "shot": "shoot", "blew": "blow", "blown": "blow", "stole": "steal", "stolen": "steal",
    "beaten": "beat", "burnt": "burn", "slew": "slay", "slain": "slay", "met": "meet",
    "withdrew": "withdraw", "withdrawn": "withdraw", "spied": "spy", "fought": "fight",
    "sent": "send", "paid": "pay", "sought": "seek", "meant": "mean", "hid": "hide",
    "undertook": "undertake", "undertaken": "undertake",
}


def _forms(lemma: str) -> list[str]:
    forms = [lemma, lemma + "s", lemma + "ing", lemma + "ed"]
    if lemma.endswith("e"):
        forms += [lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms += [lemma[:-1] + "ied", lemma[:-1] + "ies"]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.append(lemma + "es")
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" \
            and lemma[-3] not in "aeiou":
        forms += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
    return forms


def _inflections() -> dict[str, str]:
    verbs = set(VERB_TRIGGERS) | {v for v, _ in PHRASAL_TRIGGERS} | set(PLAN_VERBS) | {
        "carry", "launch", "perpetrate", "stage", "conduct", "commit", "mount", "organize",
        "direct", "claim", "try", "attempt", "fail", "manage", "succeed", "foil", "thwart",
    }
    table: dict[str, str] = {}
    for v in sorted(verbs):
        for f in _forms(v):
            table.setdefault(f, v)
    table.update(_IRREGULAR_FORMS)
    return table


#: Inflected form -> lemma for the verbs above (robust to case-damaged or mis-lemmatised
#: tokens in truecased wire copy: "Explode", "staged" -> "stag").
INFLECTIONS: dict[str, str] = _inflections()


def verb_lemma(tok: object) -> str:
    """The lemma of a verb token, preferring the lexicon's own inflection table."""
    low = tok.lower_  # type: ignore[attr-defined]
    return INFLECTIONS.get(low) or tok.lemma_.lower()  # type: ignore[attr-defined]


def to_infinitive(verb: Any) -> bool:
    """Whether the verb carries its own infinitive "to" ("plans to visit": "visit")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


#: Verbs that turn down what they take: "refused the offer", "turned down an invitation".
_REFUSING = frozenset({"refuse", "decline", "reject", "rebuff", "spurn"})


def refuses(verb: Any) -> bool:
    """Whether ``verb`` turns its object down ("declined", "rejected", "turned down")."""
    lemma = verb_lemma(verb)
    return lemma in _REFUSING or lemma == "turn" and any(
        c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)


def plot_of(verb: Any) -> Any | None:
    """The plot noun (:data:`PLOT_NOUNS`) whose infinitive ``verb`` is ("a plot to bomb", "the
    plan to kill ... and (to) seize", and "foiled a plot to bomb" or "was behind a plot to
    kill" when the parse hangs "to bomb" on the verb), None for any other verb. Status reads the plot's fate from it, and
    participants its plotters."""
    t = verb
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    to = next((c for c in t.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None:
        return None
    if t.dep_ in {"acl", "relcl"} and t.head.lemma_.lower() in PLOT_NOUNS:
        return t.head
    if t.dep_ in {"advcl", "xcomp"}:
        # "was behind a plot to assassinate": the parse may hang the infinitive on the verb
        # whose preposition holds the plot
        objects = [g for c in t.head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for c in (*t.head.children, *objects):
            if c.dep_ not in {"dobj", "nsubjpass", "pobj"} or c.lemma_.lower() not in PLOT_NOUNS:
                continue
            agent = plot_agent(c)
            if to.i in {c.right_edge.i + 1, agent.right_edge.i + 1 if agent is not None else -1}:
                return c
    return None


def plot_agent(plot: Any) -> Any | None:
    """The "by" phrase right after a plot noun that the parse hangs on the verb instead
    ("foiled a plot by two men to attack a market"): the plot's own agent."""
    after = plot.right_edge.i + 1
    if after >= len(plot.doc):
        return None
    prep = plot.doc[after]
    if prep.lower_ == "by" and prep.dep_ == "prep" and prep.head.i == plot.head.i:
        return prep
    return None


# -- armed groups ----------------------------------------------------------------------

#: Well-known non-state armed groups and criminal organisations that news reports name as
#: perpetrators: canonical name -> other names and acronyms. General world knowledge
#: (insurgencies, terrorist groups, cartels), kept small; matched case-insensitively.
ARMED_GROUPS: dict[str, tuple[str, ...]] = {
    "farabundo marti national liberation front": ("fmln", "farabundo marti liberation front"),
    "army of national liberation": ("eln", "national liberation army"),
    "revolutionary armed forces of colombia": ("farc",),
    "shining path": ("sendero luminoso",),
    "tupac amaru revolutionary movement": ("mrta",),
    "manuel rodriguez patriotic front": ("fpmr",),
    "guatemalan national revolutionary unity": ("urng",),
    "popular liberation army": ("epl",),
    "april 19 movement": ("m-19",),
    "people's revolutionary army": ("erp", "peoples revolutionary army"),
    "zarate willka armed forces of liberation": ("zarate wilka armed forces of liberation",),
    "cinchonero popular liberation movement": (),
    "morazanist patriotic front": (),
    "lautaro youth movement": ("lautaro youth front",),
    "extraditables": ("the extraditables",),
    "medellin cartel": ("medellin drug cartel",),
    "cali cartel": ("cali drug cartel",),
    "basque fatherland and liberty": ("eta",),
    "irish republican army": ("ira", "provisional ira"),
    "kurdistan workers' party": ("pkk", "kurdistan workers party"),
    "hezbollah": ("hizbollah", "hizballah"),
    "hamas": (),
    "islamic jihad": (),
    "al-qaeda": ("al qaeda", "al-qaida", "al qaida"),
    "islamic state": ("isis", "isil"),
    "taliban": ("the taliban",),
    "boko haram": (),
    "al-shabaab": ("al shabaab", "al-shabab"),
    "red brigades": (),
    "contras": ("the contras",),
}

_GROUP_ALIASES: dict[str, str] = {
    alias: canon for canon, names in ARMED_GROUPS.items() for alias in (canon, *names)
}
_GROUP_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(_GROUP_ALIASES, key=len, reverse=True))
    + r")(?![\w-])", re.I)


def find_armed_groups(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every armed-group name in ``text``."""
    return [(m.start(), m.end(), _GROUP_ALIASES[m.group(1).lower()])
            for m in _GROUP_RE.finditer(text)]


__all__ = [
    "INFLECTIONS",
    "verb_lemma",
    "to_infinitive",
    "refuses",
    "plot_of",
    "PLOVER_TYPES",
    "EXTENSION_TYPES",
    "EVENT_TYPES",
    "Trigger",
    "VERB_TRIGGERS",
    "PHRASAL_TRIGGERS",
    "NOUN_TRIGGERS",
    "PLOT_NOUNS",
    "FOIL_VERBS",
    "ANAPHORIC_EVENT_NOUNS",
    "VIOLENT_PLOT_MODIFIERS",
    "PLAN_VERBS",
    "ATTEMPT_VERBS",
    "SUCCESS_VERBS",
    "PATIENT_NOMINALS",
    "RECIPIENT_TYPES",
    "ARMED_GROUPS",
    "find_armed_groups",
]


# -- kinds of OTHER events -----------------------------------------------------------------

#: Events outside PLOVER are typed ``OTHER`` with a lower-case mode naming their kind.
OTHER_KINDS: dict[str, tuple[str, ...]] = {
    "election": ("elect", "election", "reelect", "re-elect", "vote", "ballot", "poll", "referendum",
                 "primary", "caucus", "runoff", "campaign", "nominee", "nominate", "nomination"),
    "legislation": ("bill", "law", "legislation", "legislate", "enact", "veto", "amend",
                    "amendment", "repeal", "ratify", "override", "pass", "passage", "filibuster",
                    "resolution", "ordinance", "sign", "signing", "executive order"),
    "court": ("indict", "indictment", "plead", "plea", "convict", "conviction", "sentence",
              "acquit", "acquittal", "trial", "testify", "testimony", "subpoena", "sue", "lawsuit",
              "ruling", "rule", "appeal", "prosecute", "prosecution", "verdict", "impeach",
              "impeachment", "hearing", "pardon"),
    "accident": ("crash", "collide", "collision", "accident", "derail", "derailment", "sink",
                 "capsize", "fall", "blaze", "fire", "explosion", "spill", "leak"),
    "disaster": ("earthquake", "quake", "flood", "flooding", "hurricane", "storm", "wildfire",
                 "tsunami", "eruption", "erupt", "drought", "famine", "outbreak", "epidemic",
                 "pandemic", "landslide", "tornado", "cyclone", "typhoon"),
    "hack": ("hack", "hacker", "hacking", "breach", "phish", "phishing", "ransomware",
             "cyberattack", "malware", "infiltrate", "intrusion"),
    "launch": ("launch", "liftoff", "test-fire", "blast-off", "test"),
    "personnel": ("resign", "resignation", "appoint", "appointment", "hire", "retire",
                  "retirement", "dismiss", "dismissal", "sack", "oust", "ouster", "replace",
                  "succeed", "step", "quit", "confirm", "confirmation", "swear", "inauguration",
                  "inaugurate", "promote", "demote", "suspend", "suspension", "fire"),
    "message": ("tweet", "post", "send", "email", "text", "write", "publish", "message", "letter",
                "broadcast", "air"),
    "economy": ("trade", "tariff", "buy", "sell", "invest", "investment", "price", "merge",
                "merger", "acquire", "acquisition", "pay", "payment", "fund", "funding", "spend",
                "spending", "budget", "tax", "cut", "raise", "hike", "default", "bankrupt",
                "bankruptcy", "shutdown"),
    "death": ("die", "death", "dead", "pass away"),
    "travel": ("travel", "trip", "fly", "flight", "arrive", "arrival", "depart", "departure",
               "return", "tour"),
}
_OTHER_BY_LEMMA: dict[str, str] = {}
for _kind, _lemmas in OTHER_KINDS.items():
    for _lemma in _lemmas:
        _OTHER_BY_LEMMA.setdefault(_lemma, _kind)


def other_mode(tok: object) -> str | None:
    """The kind of an event outside PLOVER ("election", "court", ...), or None when unknown."""
    lemma = verb_lemma(tok) if getattr(tok, "pos_", "") == "VERB" else tok.lemma_.lower()  # type: ignore[attr-defined]
    return _OTHER_BY_LEMMA.get(lemma)
