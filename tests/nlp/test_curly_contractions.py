"""Contractions typed with a curly apostrophe parse as the straight ones do.

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
