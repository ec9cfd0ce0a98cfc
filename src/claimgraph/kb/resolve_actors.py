"""Cross-document actor resolution: one real-world actor is one actor.

Each entity of a new document is compared only with the actors that share one of its
blocking keys (exact normalised name, first+last name, GeoNames id), never with all
actors. The rules, strongest first:

``geonames``
    places with the same GeoNames id.
``name`` / ``alias``
    the same normalised full name (titles and articles removed), of the same type
    family, with no conflicting GeoNames id. A person needs at least two name tokens:
    a bare surname is never enough ("Fazil Mustafa" and "Mustafa Kemal" share no key).
``first_last``
    "George W. Bush" and "George Bush": same first and last name, compatible middles.
``mononym_context``
    a one-word person name ("Madonna", "Mustafa") only joins an actor with the same one
    word when the two documents also share context: at least two other actors (people,
    organisations, groups; places are too common to count), or a role and one other actor.
``surname_context``
    a one-word person name and a full name ending in it ("Obama", "Barack Obama") join
    under the same context condition; a shared surname alone never merges.

Namesakes stay apart whatever key they share. Two people whose full names have the same
surname and different first names ("Tony Blair", "Ian Blair", "Cherie Blair") never
merge. A surname alias ("Mr Blair") is the person its own document resolved it to: it
never bridges to another full name, and an entity with a full name is looked up by that
name only. The context rules also refuse an actor whose courtesy titles disagree (a
"Mrs Blair" is not a "Mr Blair"; a "Sir Ian" is never "Mr") or whose roles all differ
(the commissioner is not the prime minister).

Unnamed entities ("two men", "a bomb") are never merged across documents. Every
decision is returned as a :class:`Match` so the store can keep it as merge evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Entity
from .normalise import (
    first_last_key,
    first_names_agree,
    honorific,
    middles_compatible,
    name_key,
    name_tokens,
    person_parts,
)

CONTEXT_CAP = 64

RULE_SCORES = {"geonames": 1.0, "name": 0.95, "alias": 0.9, "first_last": 0.8, "mononym_context": 0.7,
               "surname_context": 0.65}
CONTEXT_RULES = frozenset({"mononym_context", "surname_context"})
#: Entity types that do not count as shared context (too common to tell people apart).
NO_CONTEXT_TYPES = frozenset({"GPE", "LOC", "FAC"})


@dataclass(slots=True)
class ActorCard:
    """What the resolver remembers about one stored actor."""

    id: str
    type: str
    name: str
    named: bool = True
    names: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    geonames: set[int] = field(default_factory=set)
    context: set[str] = field(default_factory=set)
    mentions: int = 0


@dataclass(slots=True)
class Match:
    """Why an entity was joined to an actor (or that it started a new one)."""

    actor_id: str
    rule: str
    score: float
    key: str | None = None
    matched_name: str | None = None


def entity_names(e: Entity) -> list[str]:
    seen: list[str] = []
    for n in [e.name, *e.aliases]:
        if n and n not in seen:
            seen.append(n)
    return seen


def _has_full_name(e: Entity) -> bool:
    return any(len(name_tokens(n, "PERSON")) >= 2 for n in entity_names(e))


def _surname_keys(e: Entity, lookup: bool) -> list[tuple[str, str, str]]:
    """Index full names under their surname; a lookup crosses one-word and full names.

    Only an entity known by a surname alone looks up full names by it: the "Mr Blair" of
    a document that also says "Tony Blair" is Tony Blair, not any other Blair.
    """
    if e.type != "PERSON":
        return []
    full = _has_full_name(e)
    out = []
    for n in entity_names(e):
        toks = name_tokens(n, "PERSON")
        if len(toks) >= 2:
            out.append((f"{'per1' if lookup else 'perlast'}|{toks[-1]}", "surname_context", n))
        elif len(toks) == 1 and lookup and not full:
            out.append((f"perlast|{toks[0]}", "surname_context", n))
    return out


def _honorific_keys(e: Entity) -> list[str]:
    """``perhon|<gender> <style> <surname>`` for each titled name ("Mrs Blair" -> f plain blair)."""
    if e.type != "PERSON":
        return []
    out = []
    for n in entity_names(e):
        h = honorific(n)
        toks = name_tokens(n, "PERSON")
        if h is not None and toks:
            out.append(f"perhon|{h[0]} {h[1]} {toks[-1]}")
    return out


def lookup_keys(e: Entity) -> list[tuple[str, str, str]]:
    """The keys a new entity is looked up under (index keys plus surname crossings)."""
    return entity_keys(e) + _surname_keys(e, lookup=True)


def index_keys(e: Entity) -> list[str]:
    """The keys an actor is stored under for entity ``e``."""
    return [k for k, _, _ in entity_keys(e) + _surname_keys(e, lookup=False)] + _honorific_keys(e)


def entity_keys(e: Entity) -> list[tuple[str, str, str]]:
    """``(key, rule, name)`` for every blocking key of a named entity, strongest first."""
    out: list[tuple[str, str, str]] = []
    if e.geo is not None and e.geo.geonames_id is not None:
        out.append((f"geo|{e.geo.geonames_id}", "geonames", e.geo.name or e.name))
    for i, n in enumerate(entity_names(e)):
        k = name_key(n, e.type)
        if k is not None:
            rule = "mononym_context" if k.startswith("per1|") else ("name" if i == 0 else "alias")
            out.append((k, rule, n))
        fl = first_last_key(n, e.type)
        if fl is not None:
            out.append((fl, "first_last", n))
    return out


class ActorIndex:
    """Blocking index over stored actors (key -> actor ids) plus one card per actor."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[str]] = {}
        self.cards: dict[str, ActorCard] = {}
        self.splits: set[tuple[str, str]] = set()

    def add_key(self, key: str, actor_id: str) -> None:
        ids = self.by_key.setdefault(key, [])
        if actor_id not in ids:
            ids.append(actor_id)

    def remove_actor_keys(self, actor_id: str, keys: Iterable[str]) -> None:
        for k in keys:
            ids = self.by_key.get(k)
            if ids and actor_id in ids:
                ids.remove(actor_id)

    def candidates(self, key: str) -> list[ActorCard]:
        return [self.cards[a] for a in self.by_key.get(key, ()) if a in self.cards]


def _geo_conflict(e: Entity, card: ActorCard) -> bool:
    gid = e.geo.geonames_id if e.geo is not None else None
    return gid is not None and bool(card.geonames) and gid not in card.geonames


def _first_last_ok(name: str, card: ActorCard) -> bool:
    mine = person_parts(name)
    if mine is None:
        return False
    for other in card.names:
        if not other.startswith("per|"):
            continue
        theirs = person_parts(other[4:])
        if theirs and theirs[0] == mine[0] and theirs[2] == mine[2] and middles_compatible(mine[1], theirs[1]):
            return True
    return False


def _context_ok(e: Entity, card: ActorCard, context: set[str]) -> bool:
    shared = len(card.context & context)
    roles = {r.lower() for r in e.roles} & card.roles
    return shared >= 2 or (shared >= 1 and bool(roles))


def _first_last(names: Iterable[str]) -> set[tuple[str, str]]:
    out = set()
    for n in names:
        parts = person_parts(n)
        if parts is not None:
            out.add((parts[0], parts[2]))
    return out


def _card_full_names(card: ActorCard) -> set[tuple[str, str]]:
    return _first_last(k[4:] for k in card.names if k.startswith("per|"))


def _card_honorifics(card: ActorCard) -> set[str]:
    return {t for k in card.names if k.startswith("perhon|") for t in k[7:].split()[:2]}


def _entity_honorifics(e: Entity) -> set[str]:
    return {t for k in _honorific_keys(e) for t in k[7:].split()[:2]}


def _disagree(mine: set[str], theirs: set[str], kinds: set[str]) -> bool:
    a, b = mine & kinds, theirs & kinds
    return bool(a) and bool(b) and not a & b


def namesakes(e: Entity, card: ActorCard, rule: str) -> bool:
    """True when ``e`` and the actor are different people who share a name key.

    Full names with a shared surname must share the first name ("Tony Blair" is not
    "Ian Blair"). Under the context rules the courtesy titles must agree (gender, and a
    knight is never "Mr") and so must the roles when both have some (by head word).
    """
    if e.type != "PERSON" or card.type != "PERSON":
        return False
    pairs = [(a, b) for a in _first_last(entity_names(e)) for b in _card_full_names(card) if a[1] == b[1]]
    if pairs and not any(first_names_agree(a[0], b[0]) for a, b in pairs):
        return True
    if rule not in CONTEXT_RULES:
        return False
    mine, theirs = _entity_honorifics(e), _card_honorifics(card)
    if _disagree(mine, theirs, {"m", "f"}) or _disagree(mine, theirs, {"plain", "rank"}):
        return True
    my_roles = {r.lower().split()[-1] for r in e.roles if r.strip()}
    their_roles = {r.split()[-1] for r in card.roles if r.strip()}
    return bool(my_roles) and bool(their_roles) and not my_roles & their_roles


def match_entity(e: Entity, index: ActorIndex, context: set[str], allow_context: bool = True,
                 keys: list[tuple[str, str, str]] | None = None) -> Match | None:
    """The best stored actor for entity ``e``, or ``None`` when it is a new actor.

    ``allow_context=False`` tries the strong rules only (used before the document's
    other actors, the context, are known). ``keys``: ``lookup_keys(e)`` when already computed.
    """
    if not e.named:
        return None
    best: Match | None = None
    best_mentions = -1
    for key, rule, name in (lookup_keys(e) if keys is None else keys):
        for card in index.candidates(key):
            if rule in CONTEXT_RULES and not allow_context:
                continue
            if _geo_conflict(e, card) and rule != "geonames":
                continue
            if rule == "first_last" and not _first_last_ok(name, card):
                continue
            if rule in CONTEXT_RULES and not _context_ok(e, card, context):
                continue
            if namesakes(e, card, rule):
                continue
            score = RULE_SCORES[rule]
            if best is None or score > best.score or (score == best.score and card.mentions > best_mentions):
                best = Match(card.id, rule, score, key, card.name)
                best_mentions = card.mentions
    return best


def resolution_rank(e: Entity) -> int:
    """Places first (0), then full names (1), one-word person names (2), unnamed entities (3)."""
    if not e.named:
        return 3
    k = name_key(e.name, e.type) or ""
    return 2 if k.startswith("per1|") else (0 if e.geo is not None else 1)


def resolution_order(entities: list[Entity], ranks: dict[str, int] | None = None) -> list[Entity]:
    """Places and full names first, one-word person names last (they need context);
    ``ranks``: :func:`resolution_rank` by entity id, when already computed."""
    if ranks is None:
        return sorted(entities, key=resolution_rank)
    return sorted(entities, key=lambda e: ranks[e.id] if e.id in ranks else resolution_rank(e))


def card_from_entity(actor_id: str, e: Entity, keys: list[str] | None = None) -> ActorCard:
    card = ActorCard(id=actor_id, type=e.type, name=e.name, named=e.named)
    absorb(card, e, set(), keys)
    return card


def absorb(card: ActorCard, e: Entity, context: set[str], keys: list[str] | None = None) -> list[str]:
    """Fold entity ``e`` into ``card``; returns the keys to index for it (``keys``: ``index_keys(e)``
    when already computed)."""
    keys = (index_keys(e) if keys is None else list(keys)) if e.named else []
    card.names.update(keys)
    card.roles.update(r.lower() for r in e.roles)
    if e.geo is not None and e.geo.geonames_id is not None:
        card.geonames.add(int(e.geo.geonames_id))
    if len(card.context) < CONTEXT_CAP:
        card.context.update(sorted(context - {card.id})[: CONTEXT_CAP - len(card.context)])
    card.mentions += max(1, len(e.mentions))
    return keys
