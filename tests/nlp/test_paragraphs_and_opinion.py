"""Sentences never run across a paragraph; the status rules decided after the classifier
(conditions, denied possibilities, requests, attempts, conjoined verbs); and the outlet's
opinion told from plain narration: a person appearing in court, footage showing a van, a
counsel revealing a link are events the writer reports, not the writer's impression.
"""

from __future__ import annotations

import pytest

from claimgraph import analyze
from claimgraph.nlp.attribution.opinion import opinion_cue
from claimgraph.nlp.model import load_nlp


def _statuses(text: str, published: str = "2018-05-08") -> dict[str, str]:
    """Trigger text -> status of every event ``analyze`` finds in ``text``."""
    return {e.trigger.text: e.status for e in analyze(text, published=published).events}


_QUOTE_THEN_PARAGRAPH = (
    "“It's not about tearing apart the agreement, but about building something new that will "
    "cover all concerns,” the president said.\n\n“We will see what happens.”\n\n"
    "Earlier Tuesday, the two leaders held a meeting where they discussed trade."
)


def test_a_paragraph_starts_a_sentence():
    sdoc = load_nlp()(_QUOTE_THEN_PARAGRAPH)
    held = next(t for t in sdoc if t.text == "held")
    assert held.sent.text.startswith("Earlier Tuesday")
    assert all("\n\n" not in s.text.strip() for s in sdoc.sents)


def test_a_quote_in_the_paragraph_before_does_not_make_the_meeting_planned():
    statuses = _statuses(_QUOTE_THEN_PARAGRAPH)
    assert statuses.get("discussed") == "occurred", statuses


def _cue(text: str) -> str | None:
    sdoc = load_nlp()(text)
    cue = opinion_cue(next(iter(sdoc.sents)), set())
    return None if cue is None else cue.text


@pytest.mark.parametrize("text", [
    "FBI agents arrested him at his home in Florida, and he appeared in court later Friday.",
    "Mr. Stone appeared briefly on Friday morning in Federal District Court in Fort Lauderdale.",
    "Television news later showed images of the authorities hauling the van away on a truck.",
    "The special counsel revealed on Friday the most direct link yet between the campaign and WikiLeaks.",
])
def test_narration_is_no_opinion(text):
    assert _cue(text) is None


@pytest.mark.parametrize(("text", "cue"), [
    ("The rabbi plot appears to be part of a wider, coordinated effort.", "appears"),
    ("The deal seems unlikely to survive the summer.", "seems"),
    ("Its timing and nature suggest it was designed to damage relations.", "suggest"),
])
def test_appearance_and_inference_with_a_complement_are_opinion(text, cue):
    assert _cue(text) == cue


def test_a_court_appearance_reported_by_the_outlet_occurred():
    statuses = _statuses("FBI agents arrested Roger Stone at his home in Fort Lauderdale, Florida, "
                         "and he appeared in court later Friday.")
    assert statuses.get("arrested") == "occurred", statuses
    assert statuses.get("appeared", "occurred") == "occurred", statuses


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # an event in its own condition or open question
    ("If Iran threatens the United States, it will pay a price, the president said.", "threatens",
     "hypothetical"),
    ("Investigators are examining whether the campaign colluded with the Russian agents.", "colluded",
     "hypothetical"),
    ("Kim vowed never to use nuclear weapons unless the North is attacked first.", "attacked",
     "hypothetical"),
    # a denied possibility or a prohibition; a plain denial stays negated
    ("Speaker Paul Ryan said the president cannot end birthright citizenship with an executive order.",
     "end", "hypothetical"),
    ("Macron said the nuclear deal should not be abandoned by the United States.", "abandoned",
     "hypothetical"),
    ("The minister did not attend the summit in Geneva.", "attend", "negated"),
    # efforts and seeking are attempts
    ("The indictment documented his efforts to set up a back channel to WikiLeaks.", "set", "attempted"),
    ("The North sought to broach the issue directly with South Korea.", "broach", "attempted"),
    # a requested act; a promised one
    ("Leading Democrats called Friday for President Trump to cancel his upcoming meeting with "
     "President Vladimir Putin of Russia.", "cancel", "hypothetical"),
    ("Officials have promised a stern, swift response to the attack.", "response", "planned"),
])
def test_status_rules_after_the_classifier(text, trigger, status):
    statuses = _statuses(text)
    assert statuses.get(trigger) == status, statuses


def test_the_condition_is_found_from_the_event_inside_it_not_from_the_main_clause():
    from claimgraph.nlp.events.status import in_condition

    sdoc = load_nlp()("The president said on Monday that he would attend the summit if Congress "
                      "approves the deal.")
    by_text = {t.text: t for t in sdoc}
    assert in_condition(by_text["approves"])
    assert in_condition(by_text["deal"])  # an argument of the conditioned verb
    assert not in_condition(by_text["attend"])
    assert not in_condition(by_text["said"])


def test_only_can_should_and_must_deny_a_possibility():
    from claimgraph.nlp.events.status import modal_denial

    sdoc = load_nlp()("You can't end it by order. Officials could not process the claims. "
                      "The deal must not be scrapped. He did not attend.")
    by_text = {t.text: t for t in sdoc}
    assert modal_denial(by_text["end"]) and modal_denial(by_text["scrapped"])
    assert not modal_denial(by_text["process"])  # a failure, reported: negated
    assert not modal_denial(by_text["attend"])


def test_a_bare_conjoined_verb_shares_its_head_events_status():
    statuses = _statuses("North Korea has agreed to suspend all nuclear tests and close up a major "
                         "test site, the president wrote.")
    assert "suspend" in statuses and "close" in statuses, statuses
    assert statuses["close"] == statuses["suspend"], statuses


def test_what_an_open_question_presupposes_is_not_conditioned():
    from claimgraph.nlp.events.status import in_condition

    sdoc = load_nlp()("The government launched an offensive to find out whether the bands were "
                      "responsible for his assassination.")
    by_text = {t.text: t for t in sdoc}
    assert in_condition(by_text["responsible"]) or in_condition(by_text["were"])
    assert not in_condition(by_text["assassination"])


@pytest.mark.parametrize(("name", "publisher", "same"), [
    ("Fox News", "foxnews.com", True),
    ("FoxNews.com", "foxnews.com", True),
    ("The New York Times", "nytimes.com", True),
    ("HuffPost", "huffingtonpost.com", True),
    ("The Washington Post", "nytimes.com", False),
    ("New York Post", "nytimes.com", False),
    ("Fox Business", "foxnews.com", False),
    ("The Hill", "thehill.com", True),
    ("Hill", "thehill.com", False),
])
def test_the_publisher_by_another_form_of_its_name(name, publisher, same):
    from claimgraph.nlp.attribution.chains import is_publisher

    assert is_publisher(name, publisher) is same


def test_the_outlet_citing_itself_adds_no_link():
    doc = analyze("Rep. Anthony Weiner, in an interview with Fox News, said Wednesday he is certain he "
                  "did not send the photo.\n\nAs FoxNews.com reported: Israeli Prime Minister Benjamin "
                  "Netanyahu revealed new intelligence Monday.\n\nThe Washington Post reported that "
                  "officials met.", published="2011-06-01", publisher="foxnews.com")
    chains = {c.evidence.text.split()[0]: [link.name for link in c.chain] for c in doc.claims}
    assert chains["he"] == ["foxnews.com", "Anthony Weiner"]  # not via "Fox News"
    assert chains["Israeli"] == ["foxnews.com"]  # the outlet's own report
    assert chains["that"] == ["foxnews.com", "The Washington Post"]  # another outlet stays
