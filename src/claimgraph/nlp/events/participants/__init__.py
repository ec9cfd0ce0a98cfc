"""Participants of events: who does what to whom, named or described.

Three concerns, imported one way (``vocabulary`` <- ``resolver`` <- ``roles``):

- :mod:`.vocabulary`: the heads that type an unnamed description ("gunmen" PERSON, "a car
  bomb" WEAPON), the pronouns and the other word lists both sides read;
- :mod:`.resolver`: :class:`EntityResolver`, from a parse token to the document's entities
  (coreference, appositions, pronouns, descriptions made unnamed entities);
- :mod:`.roles`: the roles of a verbal or nominal trigger from the dependency parse
  (:func:`verb_roles`, :func:`noun_roles`), control and gerunds, and :func:`location_of`;
  in layers of its own: :mod:`.arguments` (subjects, objects, prepositional roles) <-
  :mod:`.control` (the doer an infinitive, a gerund or a charge leaves implicit) <-
  :mod:`.nouns` (:func:`noun_roles`) <- :mod:`.roles`.
"""

from __future__ import annotations

from .resolver import EntityResolver, _of_object, _pobj, phrase_bounds
from .roles import location_of, noun_roles, verb_roles
from .vocabulary import (
    DESCRIBED_TYPES,
    FAC_HEADS,
    OBJECT_HEADS,
    ORG_HEADS,
    PERPETRATOR_MODIFIERS,
    PERSON_HEADS,
    VEHICLE_HEADS,
    WEAPON_HEADS,
    noun_lemma,
    unnamed_type,
)

__all__ = [
    "EntityResolver",
    "unnamed_type",
    "noun_lemma",
    "verb_roles",
    "noun_roles",
    "location_of",
    "phrase_bounds",
    "PERSON_HEADS",
    "PERPETRATOR_MODIFIERS",
    "ORG_HEADS",
    "WEAPON_HEADS",
    "VEHICLE_HEADS",
    "FAC_HEADS",
    "OBJECT_HEADS",
    "DESCRIBED_TYPES",
    "_of_object",
    "_pobj",
]
