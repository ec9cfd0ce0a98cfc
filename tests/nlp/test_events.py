"""The ``events`` step on sentences written for these tests and on the example article."""

from __future__ import annotations

import pytest

from claimgraph.api import analyze
from claimgraph.nlp.events.amounts import find_amounts, parse_amount
from claimgraph.nlp.events.lexicon import EVENT_TYPES, NOUN_TRIGGERS, VERB_TRIGGERS


def _run(text: str):
    return analyze(text, published="2025-04-07T12:00:00+00:00")


def _names(doc, ev, role):
    ents = {e.id: e for e in doc.entities}
    return [ents[p.entity].name for p in ev.participants if p.role == role]


def _one(doc, type_, mode=None):
    found = [e for e in doc.events if e.type == type_ and (mode is None or e.mode == mode)]
    assert found, f"no {type_}/{mode} event in {[(e.type, e.mode) for e in doc.events]}"
    return found[0]


def test_lexicon_types_are_plover_or_documented_extensions():
    for trig in [*VERB_TRIGGERS.values(), *NOUN_TRIGGERS.values()]:
        assert trig.type in EVENT_TYPES
        assert trig.type.isupper()
        assert trig.mode is None or trig.mode.islower()


def test_events_passive_by_agent_is_actor_and_subject_is_target():
    doc = _run("Maria Lopez was kidnapped by the Shining Path in Lima.")
    ev = _one(doc, "COERCE", "abduction")
    assert any("Lopez" in n for n in _names(doc, ev, "target"))
    assert any("Shining Path" in n for n in _names(doc, ev, "actor"))


def test_events_unnamed_participants_become_unnamed_entities():
    doc = _run("Unidentified gunmen shot the mayor with a rifle.")
    ev = _one(doc, "ASSAULT", "shooting")
    ents = {e.id: e for e in doc.entities}
    roles = {p.role: ents[p.entity] for p in ev.participants}
    assert roles["actor"].name == "Unidentified gunmen" and not roles["actor"].named
    assert roles["actor"].type == "PERSON"
    assert roles["instrument"].type == "WEAPON"
    assert roles["target"].type == "PERSON"
    for e in roles.values():
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_events_vehicle_and_weapon_types():
    doc = _run("Guerrillas attacked a bus with grenades near the border.")
    ev = _one(doc, "ASSAULT")
    ents = {e.id: e for e in doc.entities}
    types = {p.role: ents[p.entity].type for p in ev.participants}
    assert types.get("target") == "VEHICLE"
    assert types.get("instrument") == "WEAPON"


def test_events_coordination_gives_both_conjuncts():
    doc = _run("Police arrested Ali Hassan and Omar Said in Cairo on Monday.")
    ev = _one(doc, "COERCE", "arrest")
    targets = _names(doc, ev, "target")
    assert any("Hassan" in n for n in targets) and any("Said" in n for n in targets)
    ents = {e.id: e for e in doc.entities}
    assert ev.location is not None and ents[ev.location].name == "Cairo"


def test_events_control_verb_passes_its_subject_to_the_infinitive():
    doc = _run("The cartel planned to assassinate Judge Carlos Mendez.")
    ev = _one(doc, "ASSAULT", "assassination")
    assert ev.trigger.text == "assassinate"
    assert _names(doc, ev, "actor") and "cartel" in _names(doc, ev, "actor")[0]
    assert any("Mendez" in n for n in _names(doc, ev, "target"))


def test_events_nominal_trigger_with_on_target():
    doc = _run("The deadly attack on the embassy in Nairobi shocked the country.")
    ev = _one(doc, "ASSAULT")
    assert ev.trigger.text == "attack"
    assert _names(doc, ev, "target") == ["the embassy"]


def test_events_reporting_verbs_are_not_events():
    doc = _run("The spokesman said on Tuesday that the budget was fine, officials told reporters.")
    assert [e.trigger.text for e in doc.events if e.trigger.text in {"said", "told"}] == []


def test_events_plain_verbs_with_participants_are_events():
    doc = _run("The committee discussed the budget and the senators voted against the bill.")
    triggers = {e.trigger.text: e for e in doc.events}
    assert "discussed" in triggers and triggers["discussed"].type == "CONSULT"
    assert "voted" in triggers


def test_events_amount_usd():
    doc = _run("He was recruited by the group with the promise of $200,000.")
    ev = _one(doc, "RECRUIT")
    assert ev.amount is not None
    assert ev.amount.to_dict() == {"text": "$200,000", "value": 200000, "currency": "USD"}


@pytest.mark.parametrize(
    "text,value,currency",
    [
        ("$200,000", 200000, "USD"),
        ("€3 million", 3_000_000, "EUR"),
        ("£2.5 billion", 2_500_000_000, "GBP"),
        ("200,000 dollars", 200000, "USD"),
        ("5 million manat", 5_000_000, "AZN"),
    ],
)
def test_amounts_parse_symbols_scales_and_currency_words(text, value, currency):
    amt = parse_amount(f"they paid {text} for it")
    assert amt is not None and amt.value == value and amt.currency == currency
    assert amt.text == text


def test_amounts_ignore_plain_numbers():
    assert find_amounts("Five people were killed and 200 wounded in 2023.") == []


def test_events_example_plot_is_one_event(seed_record):
    doc = seed_record
    plots = [e for e in doc.events if e.type == "ASSAULT" and e.mode == "assassination"]
    segal = [e for e in plots if any("Segal" in n for n in _names(doc, e, "target"))]
    assert len(segal) == 1, [(e.trigger.text, _names(doc, e, "target")) for e in plots]
    ev = segal[0]
    assert ev.trigger.text == "assassinate"
    assert ev.claim is not None


def test_events_example_arrest_has_both_recruits_and_the_agency(seed_record):
    doc = seed_record
    ev = _one(doc, "COERCE", "arrest")
    targets = " ".join(_names(doc, ev, "target"))
    assert "Aslanov" in targets and "Ismailov" in targets
    assert any("State Security Service" in n for n in _names(doc, ev, "actor"))


def test_events_example_recruitment_and_visit(seed_record):
    doc = seed_record
    rec = _one(doc, "RECRUIT")
    assert any("Quds Force" in n for n in _names(doc, rec, "actor"))
    assert rec.amount is not None and rec.amount.value == 200000
    visit = _one(doc, "CONSULT", "visit")
    assert any("Pezeshkian" in n for n in _names(doc, visit, "actor"))


def test_events_every_event_has_a_claim_and_valid_spans(seed_record):
    doc = seed_record
    claims = {c.id for c in doc.claims}
    assert doc.events
    for ev in doc.events:
        assert ev.claim in claims
        assert doc.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
        ents = {e.id for e in doc.entities}
        assert all(p.entity in ents for p in ev.participants)


def test_events_kill_needs_a_person_object():
    doc = _run("A late frost killed the crops across the valley.")
    assert [e for e in doc.events if e.type == "ASSAULT"] == []


def test_events_arrest_on_charges_has_no_target_charges():
    doc = _run("The banker was arrested on Thursday on charges of fraud.")
    ev = _one(doc, "COERCE", "arrest")
    assert "charges" not in " ".join(_names(doc, ev, "target"))


def test_events_case_damaged_verb_still_triggers():
    doc = _run("Four powerful Rockets were going to Explode near the tanks.")
    ev = _one(doc, "ASSAULT", "bombing")
    ents = {e.id: e for e in doc.entities}
    assert [ents[p.entity].type for p in ev.participants if p.role == "instrument"] == ["WEAPON"]


def test_events_counterfactual_mention_is_its_own_event(seed_record):
    doc = seed_record
    text = doc.text
    cf = text.index("If the assassination had succeeded")
    inside = [e for e in doc.events if cf <= e.trigger.start < cf + 40]
    assert inside and inside[0].status == "hypothetical"


def test_events_participant_inside_named_mention_maps_to_the_named_entity():
    text = ("The plot was organised by the Quds Force, the foreign arm of the Revolutionary "
            "Guards. Officials said the Quds Force recruited local criminals to attack the rabbi.")
    doc = _run(text)
    quds = [e for e in doc.entities if "quds" in e.name.lower()]
    assert len(quds) == 1, [(e.id, e.name, e.named) for e in quds]
    assert quds[0].named


def test_events_example_article_has_one_quds_force_entity(seed_record):
    doc = seed_record
    quds = [e for e in doc.entities if "quds" in e.name.lower()]
    assert [e.named for e in quds] == [True], [(e.id, e.name, e.named) for e in quds]


def test_events_common_noun_capitalised_alone_stays_unnamed():
    doc = _run("Guerrillas attacked a bus with Rockets near the border.")
    weapons = [e for e in doc.entities if e.type == "WEAPON"]
    assert weapons and not any(e.named for e in weapons)


def test_events_perpetrator_modifier_gives_an_unnamed_actor():
    doc = _run("Officials said the embassy was the objective of the terrorist attack.")
    ev = _one(doc, "ASSAULT")
    assert _names(doc, ev, "actor") == ["terrorist"]
    actor = next(e for e in doc.entities if e.name == "terrorist")
    assert actor.type == "PERSON" and not actor.named


def test_events_carrier_is_actor_even_when_the_attack_has_a_weapon():
    doc = _run("Gunmen staged two bomb attacks against the bank on Sunday.")
    ev = _one(doc, "ASSAULT")
    assert "Gunmen" in _names(doc, ev, "actor")
    assert "bomb" in _names(doc, ev, "instrument")


def test_lexicon_armed_groups_match_names_and_acronyms_as_one_group():
    from claimgraph.nlp.events.lexicon import find_armed_groups

    text = "Members of the FMLN, the Farabundo Marti National Liberation Front, and of ETA."
    found = find_armed_groups(text)
    assert [text[s:e] for s, e, _ in found] == [
        "FMLN", "Farabundo Marti National Liberation Front", "ETA"]
    assert found[0][2] == found[1][2] != found[2][2]
    assert find_armed_groups("the petal and the fmlnx") == []
