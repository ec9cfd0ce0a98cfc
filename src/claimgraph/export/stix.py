"""``stix``: a STIX 2.1 bundle that the OASIS validator (stix2-validator) accepts.

Mapping (the objects are plain dicts built in :mod:`claimgraph.export.stix_objects`):

- each document -> ``report`` (``published``, ``object_refs``, ``external_references`` with
  the URL); its publisher, and every outlet named in a source chain -> ``identity``
  (``identity_class: organization``, ``sectors: [communications]``);
- PERSON / ORG / NORP actors -> ``identity`` (individual / organization / group), or
  ``threat-actor`` by the **hostility rule**: an actor that is the ``actor`` participant of
  an event of type ASSAULT or THREATEN, or of a COERCE event whose mode is not a lawful
  state measure (arrest, detention, deportation, expulsion, ban, curfew, censorship,
  seizure, sanction), with any status except ``negated`` -- a foiled plot still marks its
  plotters;
- GPE / LOC / FAC actors with coordinates or a country -> ``location``; places without
  either, and WEAPON / VEHICLE / OBJECT participants, are kept by name inside the event;
- each event -> ``incident`` (STIX 2.1 has no event SDO; its incident is a stub meant to be
  extended) carrying claimgraph's event fields in the ``property-extension`` defined by the
  bundle's ``extension-definition`` (``event_type``, ``mode``, ``status`` -- planned,
  attempted, foiled, occurred, hypothetical, negated or unknown, carried as is --
  ``contested``, ``time``, ``amount``, ``participants``, ``independent_sources``);
- participation -> ``relationship`` from the incident: ``attributed-to`` (role actor),
  ``targets`` (target), ``related-to`` (recipient, beneficiary, instrument) and
  ``located-at`` (its place); relations between actors -> ``relationship`` with the
  relation type in hyphen case (``member_of`` -> ``member-of``);
- each claim -> ``note``: ``content`` is the claimed text, ``authors`` the source chain,
  ``abstract`` "attributed: Azernews -> The Washington Post -> ...", ``object_refs`` the
  incidents it reports and its document's report; kind, chain, cue and hedges in the
  extension.

Incidents and their participation relationships carry ``confidence``: the event's Admiralty
information-credibility grade (docs/credibility.md) through the STIX 2.1 Admiralty
Credibility mapping (1 confirmed -> 90, 2 probably true -> 70, 3 possibly true -> 50,
4 doubtful -> 30, 5 improbable -> 10, 6 truth cannot be judged -> no ``confidence``; see
:data:`claimgraph.export.stix_objects.ADMIRALTY_CONFIDENCE`); relationships between actors
carry the source-count score of :func:`claimgraph.export.selection.confidence`;
all of them carry one external reference per source
chain: ``source_name`` is the originating source, ``description`` the whole chain
("Azernews -> The Washington Post -> security services").

Ids are uuid5-style hashes of the knowledge-base ids (formatted as UUIDv4), so re-exporting the same store gives the same
ids; ``created``/``modified`` are the newest publication time among the exported
documents (the export time when none has one). Known validator warnings: relationship
types the STIX vocabulary does not list for a pair of object types (``attributed-to``
from an incident, ``member-of``) and open-vocabulary values it does not know.
"""

from __future__ import annotations

import json
from typing import Any

from . import register
from .output import text_output
from .selection import Selection
from .stix_objects import StixBuilder


def build_bundle(selection: Selection) -> dict[str, Any]:
    """The STIX 2.1 bundle of a selection, as a dict."""
    return StixBuilder(selection.load()).bundle()


@register("stix", suffix=".json", media_type="application/stix+json;version=2.1",
          description="a STIX 2.1 bundle: reports, identities, threat actors, locations, incidents")
def export_stix(selection: Selection, target: Any) -> dict[str, int]:
    bundle = build_bundle(selection)
    with text_output(target) as out:
        json.dump(bundle, out, ensure_ascii=False, indent=1)
        out.write("\n")
    counts: dict[str, int] = {}
    for obj in bundle["objects"]:
        counts[obj["type"]] = counts.get(obj["type"], 0) + 1
    return counts
