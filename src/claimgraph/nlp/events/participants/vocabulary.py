"""The words participants are read by: heads that type an unnamed description, pronouns,
prepositions, and the small lookups on them shared by the resolver and the role rules."""

from __future__ import annotations

import re
from typing import Any

PERSON_HEADS = frozenset({
    "man", "woman", "person", "people", "gunman", "guerrilla", "terrorist", "rebel",
    "soldier", "policeman", "civilian", "peasant", "student", "worker", "member",
    "assailant", "attacker", "individual", "youth", "child", "boy", "girl", "priest",
    "journalist", "judge", "official", "agent", "bodyguard", "driver", "passenger",
    "militant", "insurgent", "hitman", "killer", "kidnapper", "suspect", "trafficker",
    "national", "citizen", "resident", "employee", "farmer", "businessman", "diplomat",
    "ambassador", "minister", "mayor", "candidate", "activist", "unionist", "politician",
    "jesuit", "nun", "guard", "leader", "commander", "assassin", "sniper", "mercenary",
    "subversive", "extremist", "bandit", "criminal", "rabbi", "cleric", "informant",
    "spy", "operative", "proxy", "accomplice", "fighter", "paramilitary", "sympathizer",
    "teacher", "doctor", "nurse", "lawyer", "prosecutor", "senator", "deputy", "councilman",
    "colonel", "general", "captain", "lieutenant", "sergeant", "major", "officer", "cop",
    "hostage", "victim", "president", "king", "queen", "premier", "pope", "chancellor",
    "secretary", "spokesman", "spokeswoman", "governor", "envoy", "bishop",
    "archbishop", "congressman", "legislator", "businesswoman", "engineer", "technician", "pedestrian", "villager", "inhabitant", "family", "wife", "son",
    "daughter", "brother", "father", "mother", "husband", "relative", "friend",
    "plotter", "conspirator", "bomber", "hijacker", "abductor", "perpetrator", "shooter",
    "smuggler", "recruiter", "defendant", "detainee", "prisoner", "captive",
    "protester", "protestor", "demonstrator", "marcher", "worshipper", "tourist", "bystander",
    "reporter", "photographer", "pilot", "sailor", "migrant", "refugee", "settler", "pilgrim",
    "spectator", "shopper", "voter", "patient", "hostage-taker", "rioter", "looter",
    "teenager", "teen", "adolescent", "youngster", "juvenile", "minor", "adult",
})

#: Modifiers of an attack noun that name who carried it out ("a terrorist attack").
PERPETRATOR_MODIFIERS = frozenset({"terrorist", "guerrilla", "rebel", "insurgent", "militant",
                                   "subversive", "gunman", "sniper"})

ORG_HEADS = frozenset({
    "authority", "government", "army", "police", "force", "troop", "intelligence", "service",
    "agency", "group", "organization", "organisation", "party", "front", "command", "unit",
    "cartel", "ministry", "movement", "commando", "squad", "column", "battalion", "patrol",
    "brigade", "regime", "military", "cell", "faction", "network", "gang", "mafia",
    "committee", "council", "court", "embassy staff", "guerrilla column", "death squad",
    "law enforcement",
    "detachment", "platoon", "company", "community", "union", "federation", "association",
    "bureau", "commission", "panel",
})

WEAPON_HEADS = frozenset({
    "bomb", "grenade", "rifle", "gun", "pistol", "dynamite", "explosive", "mine", "mortar",
    "rocket", "missile", "machinegun", "submachinegun", "revolver", "knife", "machete",
    "device", "weapon", "firearm", "ammunition", "launcher", "rpg", "cocktail",
    "tnt", "shotgun", "carbine", "m-16", "ak-47", "bullet", "shell", "artillery", "bazooka",
    "poison", "drone",
})

VEHICLE_HEADS = frozenset({
    "bus", "car", "truck", "vehicle", "jeep", "helicopter", "plane", "aircraft", "airplane",
    "boat", "ship", "train", "motorcycle", "van", "taxi", "ambulance", "pickup", "minibus",
    "automobile", "tanker", "vessel", "airliner", "jet",
})

FAC_HEADS = frozenset({
    "embassy", "home", "house", "residence", "building", "office", "headquarters", "farm",
    "substation", "tower", "station", "bank", "school", "church", "bridge", "plant",
    "facility", "store", "shop", "hotel", "airport", "base", "barracks", "post",
    "installation", "pylon", "restaurant", "hospital", "university", "workplace",
    "mission", "consulate", "market", "prison", "jail", "port", "dam", "pipeline",
    "factory", "warehouse", "site", "synagogue", "mosque", "temple", "cathedral", "line",
    "antenna", "garrison", "camp", "apartment", "property", "premises", "ranch",
    "estate", "dealership", "agency office", "pharmacy", "supermarket", "club", "center",
    "centre", "studio", "radio", "newspaper", "offices", "court", "courthouse", "hall",
    "palace", "stadium", "terminal", "refinery", "mill", "mine shaft", "well",
})

OBJECT_HEADS = frozenset({
    "equipment", "cargo", "merchandise", "money", "document", "file", "network", "grid",
    "infrastructure", "installation", "power", "crop", "machinery", "post",
})

_SUBJECT_PRONOUNS_PERSON = frozenset({"he", "him", "his", "she", "her", "hers"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "both"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself"})
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ourselves"})
_NAME_DETS_DROP = re.compile(r"^(?:its|their|his|her|this|that|these|those)\s+", re.I)
_PHRASE_DEPS = frozenset({
    "det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "case",
    "predet", "npadvmod",
})
_OF_GROUP_HEADS = frozenset({"member", "members", "group", "column", "squad", "unit", "cell",
                             "commando", "leader", "faction"})


#: Types for descriptions that :data:`PERSON_HEADS` and friends leave out, used only when an
#: event argument would otherwise have no entity (everything else described is OBJECT).
DESCRIBED_TYPES = {
    **{w: "PERSON" for w in (
        "lawmaker", "republican", "democrat", "voter", "immigrant", "migrant", "refugee",
        "protester", "protestor", "ally", "critic", "supporter", "aide", "adviser", "advisor",
        "staffer", "negotiator", "inspector", "investigator", "reporter", "prisoner", "detainee",
        "asylum-seeker", "defendant", "witness", "director", "chief", "head", "representative",
        "lobbyist", "donor", "owner", "neighbor", "neighbour", "user", "hacker", "customer",
        "citizen", "host", "founder", "chairman", "chairwoman", "speaker", "nominee", "opponent",
        "rival", "partner", "counterpart", "successor", "predecessor", "administrator", "analyst",
        "expert", "scientist", "observer", "monitor", "emissary", "delegate", "crowd",
        "participant", "counsel", "attorney")},
    **{w: "ORG" for w in (
        "administration", "chamber", "congress", "senate", "parliament", "legislature",
        "coalition", "alliance", "campaign", "team", "staff", "delegation", "firm", "industry",
        "media", "press", "caravan", "department", "bureau", "office", "institution",
        "opposition", "majority", "minority", "side", "camp", "board", "panel", "jury",
        "cabinet", "leadership", "establishment", "caucus", "corporation", "bank", "network")},
    **{w: "GPE" for w in ("country", "nation", "state", "city", "region", "province", "capital")},
}
#: Named-entity labels that never make a participant (dates, amounts, ordinals).
_NOT_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                                   "QUANTITY"})
_NOT_PARTICIPANT_NOUNS = frozenset({
    "time", "day", "week", "month", "year", "today", "yesterday", "tomorrow", "morning",
    "afternoon", "evening", "night", "hour", "minute", "moment", "decade", "century",
    "weekend", "period", "season", "date", "way", "lot", "thing", "something", "anything",
    "nothing", "everything", "fact", "point", "case", "end", "beginning", "start", "instance",
    "reason", "sense", "kind", "sort",
})
#: Pronouns that stand for an unnamed person ("someone hacked into his account").
_INDEFINITE_PEOPLE = frozenset({"someone", "somebody", "anyone", "anybody", "everyone", "everybody"})
#: Heads that only quantify the noun after "of" ("any part of the wall", "some of them").
_QUANTIFIER_HEADS = frozenset({"part", "some", "all", "most", "many", "rest", "portion", "half",
                               "number", "majority", "series", "one", "none", "each", "any",
                               "several", "both", "few", "dozens", "hundreds", "thousands",
                               "handful", "dozen", "couple", "chorus", "slew", "scores"})



def unnamed_type(head_lemma: str, compound_lemmas: tuple[str, ...] = ()) -> str | None:
    """The entity type of an unnamed description by its head noun, or None."""
    lemma = head_lemma.lower()
    joined = " ".join((*compound_lemmas, lemma))
    for t, heads in (("WEAPON", WEAPON_HEADS), ("VEHICLE", VEHICLE_HEADS), ("ORG", ORG_HEADS)):
        if joined in heads:
            return t
    if lemma in WEAPON_HEADS:
        return "WEAPON"
    if lemma in VEHICLE_HEADS:
        return "VEHICLE"
    if lemma in PERSON_HEADS:
        return "PERSON"
    if lemma in ORG_HEADS:
        return "ORG"
    if lemma in FAC_HEADS:
        return "FAC"
    if lemma in OBJECT_HEADS:
        return "OBJECT"
    return None


def noun_lemma(tok: Any) -> str:
    """A noun's lower-case lemma, also for common nouns mis-tagged as proper nouns."""
    if tok.pos_ != "PROPN":
        return tok.lemma_.lower()
    low = tok.lower_
    for cand in (low, low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("es") else ""):
        if cand and unnamed_type(cand) is not None:
            return cand
    return low


#: Titles that can hold the name of the one who bears them (see ``_titled_person``).
_TITLE_HEADS = frozenset({"member", "leader", "head", "chief", "director", "spokesman", "spokeswoman",
                          "spokesperson", "minister", "president", "chairman", "chairwoman", "chair",
                          "secretary", "deputy", "lawmaker", "legislator", "senator", "representative",
                          "governor", "mayor", "commander", "founder", "editor", "ambassador", "envoy"})
#: Words that open a relative clause as its subject or object ("Kim, who plans to").
_RELATIVE_PRONOUNS = frozenset({"whom", "who", "which", "that"})
