"""The ``status`` step: occurred, planned, attempted, foiled, hypothetical, negated."""

from __future__ import annotations

from claimgraph.api import analyze


def _run(text: str):
    return analyze(text, published="2025-04-07T12:00:00+00:00")


def _status(text: str, type_: str, mode: str | None = None) -> str:
    doc = _run(text)
    found = [e for e in doc.events if e.type == type_ and (mode is None or e.mode == mode)]
    assert found, f"no {type_}/{mode} in {[(e.type, e.mode, e.trigger.text) for e in doc.events]}"
    return found[0].status


def test_status_past_attack_occurred():
    assert _status("Rebels attacked an army post in the north on Friday.", "ASSAULT") == "occurred"


def test_status_negated_attack():
    assert _status("The rebels did not attack the village.", "ASSAULT") == "negated"


def test_status_denied_attack_is_negated():
    assert _status("The army denied that guerrillas attacked the farm.", "ASSAULT") == "negated"


def test_status_conditional_antecedent_is_hypothetical():
    text = "If the assassination had succeeded, it would have triggered a crisis."
    assert _status(text, "ASSAULT", "assassination") == "hypothetical"


def test_status_inverted_conditional_consequent_is_hypothetical():
    text = "Had the talks failed, the militia would have attacked the capital."
    assert _status(text, "ASSAULT") == "hypothetical"


def test_status_failed_attempt_on_life_is_attempted():
    text = "The minister survived a failed attempt on his life last year."
    assert _status(text, "ASSAULT", "assassination") == "attempted"


def test_status_tried_to_kill_is_attempted():
    assert _status("A gunman tried to kill the governor.", "ASSAULT", "killing") == "attempted"


def test_status_future_visit_is_planned():
    assert _status("The president will visit Paris next week.", "CONSULT", "visit") == "planned"


def test_status_expected_visit_is_planned():
    text = "The talks come ahead of a visit by the Turkish foreign minister, expected next month."
    assert _status(text, "CONSULT", "visit") == "planned"


def test_status_plot_stopped_by_arrest_is_foiled_and_arrest_occurred():
    text = ("Two men planned to bomb the central station. "
            "Both were arrested by the police before they could act.")
    doc = _run(text)
    bomb = [e for e in doc.events if e.mode == "bombing"]
    arrest = [e for e in doc.events if e.mode == "arrest"]
    assert bomb and bomb[0].status == "foiled"
    assert arrest and arrest[0].status == "occurred"


def test_status_thwarted_plot_is_foiled():
    text = "Hezbollah recruited a courier to bomb the embassy. Police thwarted the plot."
    assert _status(text, "ASSAULT", "bombing") == "foiled"


def test_status_reporting_verb_keeps_reported_status():
    text = "Officials said that gunmen killed four soldiers on Sunday."
    assert _status(text, "ASSAULT", "killing") == "occurred"


def test_status_example_article(seed_record):
    doc = seed_record
    by_mode: dict[str, list[str]] = {}
    for e in doc.events:
        by_mode.setdefault(e.mode or "", []).append(e.status)
    plot = [e for e in doc.events if e.trigger.text == "assassinate"]
    assert plot and plot[0].status == "foiled"
    assert "occurred" in by_mode["arrest"]
    assert by_mode["visit"] and set(by_mode["visit"]) == {"planned"}  # each report of the visit
    attempt = [e for e in doc.events if e.trigger.text == "assassination attempt"]
    assert attempt and attempt[0].status == "attempted"
    assert all(e.status != "occurred" for e in doc.events if e.trigger.text in {"plot", "assassinate"})


def test_status_may_have_been_carried_out_is_not_planned():
    text = "The president said the assassination may have been carried out by the rebels."
    assert _status(text, "ASSAULT", "assassination") != "planned"


def test_status_opinion_only_event_is_not_occurred():
    text = ("Police arrested three men on Monday. In our view, the government should have "
            "sanctioned the company years ago.")
    doc = _run(text)
    kinds = {c.id: c.kind for c in doc.claims}
    for ev in doc.events:
        if kinds.get(ev.claim) == "opinion":
            assert ev.status != "occurred"


def test_status_planned_bombing_of_arrested_suspects_is_foiled():
    """The arrest stopped the plotters before they acted (as for "planning to bomb",
    tests/nlp/test_status_governors.py); "planning" itself, an event of its own once the
    detector takes it, is no arrest."""
    text = "Police arrested two men suspected of planning a bombing."
    assert _status(text, "ASSAULT", "bombing") == "foiled"


def test_status_arrest_before_they_could_carry_it_out_foils_the_bombing():
    text = ("Police arrested two men suspected of planning a bombing before they could "
            "carry it out.")
    assert _status(text, "ASSAULT", "bombing") == "foiled"


def test_status_carried_out_bombing_stays_occurred():
    text = "Two men carried out a bombing in the city centre on Monday."
    assert _status(text, "ASSAULT", "bombing") == "occurred"


def test_status_bombing_planner_is_the_arrested_suspect():
    doc = _run("Police arrested two men suspected of planning a bombing.")
    arrest = next(e for e in doc.events if e.mode == "arrest")
    bombing = next(e for e in doc.events if e.mode == "bombing")
    arrested = {p.entity for p in arrest.participants if p.role == "target"}
    assert arrested & {p.entity for p in bombing.participants if p.role == "actor"}
