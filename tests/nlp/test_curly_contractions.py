"""Contractions: typed with a curly apostrophe they parse as the straight ones do, and
"he's asked X" is the perfect ("has asked"), not a passive.

NYT and HuffPost copy writes "don’t", "I’m", "he’s"; the English model learned only the
straight forms and read the curly ones as unknown words ("n’t" a noun, so no negation)."""

from __future__ import annotations

import pytest

from claimgraph import analyze
from claimgraph.nlp.model import load_nlp

SENTENCES = [
    "“I’m not going to pay for that wall,” he said.",
    "He’s gone, and she won’t be back before they’ve voted.",
    "We’ll meet in Helsinki, and they’d leave after the talks.",
    "Trump’s lawyers don’t deny that the meeting took place.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_curly_contractions_parse_like_straight_ones(text):
    nlp = load_nlp()
    curly = nlp(text)
    straight = nlp(text.replace("’", "'"))
    assert curly.text == text  # the words as written: offsets and spans unchanged
    assert [(t.tag_, t.dep_, t.head.i, t.lemma_.replace("’", "'")) for t in curly] == \
           [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in straight]


def test_curly_negation_reaches_the_status():
    doc = analyze("Vicente Fox said Mexico isn’t going to pay for the wall.", published="2016-02-25")
    pay = [e for e in doc.events if e.trigger.text == "pay"]
    assert pay and pay[0].status == "negated"
    assert "going" not in [e.trigger.text for e in doc.events]
    doc = analyze("“Mexico won’t pay for the wall,” Vicente Fox said.", published="2016-02-25")
    pay = [e for e in doc.events if e.trigger.text == "pay"]
    assert pay and pay[0].status == "negated"


@pytest.mark.parametrize(("text", "verb", "subject"), [
    ("He said he's asked an Internet security firm to take a look.", "asked", "he"),
    ("She’s hired a lawyer.", "hired", "She"),
])
def test_s_with_a_participle_and_an_object_is_has(text, verb, subject):
    doc = load_nlp()(text)
    v = next(t for t in doc if t.text == verb)
    deps = {c.text: c.dep_ for c in v.children}
    assert deps[subject] == "nsubj"
    aux = next(c for c in v.children if c.lower_ in {"'s", "’s"})
    assert (aux.dep_, aux.lemma_) == ("aux", "have")


@pytest.mark.parametrize("text", ["It's been sent to the lab.", "He's called the decision a mistake."])
def test_s_stays_a_passive_without_an_object_or_with_been(text):
    doc = load_nlp()(text)
    assert any(t.dep_ == "nsubjpass" for t in doc)


def test_the_one_who_has_asked_is_the_actor():
    doc = analyze("Rep. Anthony Weiner said he's asked an Internet security firm to take a hard look "
                  "at the incident.", published="2011-06-01")
    names = {e.id: e.name for e in doc.entities}
    asked = next(e for e in doc.events if e.trigger.text == "asked")
    assert ("actor", "Anthony Weiner") in [(p.role, names[p.entity]) for p in asked.participants]
