"""A text that writes every hyphenated compound with spaces around its hyphen ("re - impose",
"Kim Jong - un", the way some sources come, already tokenized) is parsed as if it were
written "re-impose"; a dash between spaces in ordinary text is left alone.
"""

from __future__ import annotations

from claimgraph import analyze
from claimgraph.nlp.model import load_nlp

_SPACED = ("Last October, he refused to certify that Iran was in compliance, and he may now "
           "re - impose sanctions on the asylum - seekers' home countries.")


def test_a_spaced_compound_is_one_word_and_keeps_its_text():
    sdoc = load_nlp()(_SPACED)
    words = [t.text for t in sdoc]
    assert "re - impose" in words and "asylum - seekers" in words
    assert sdoc.text == _SPACED  # offsets and text unchanged
    verb = next(t for t in sdoc if t.text == "re - impose")
    assert verb.pos_ == "VERB"
    assert verb.norm_ == "re-impose"
    assert any(c.dep_ == "dobj" and c.text == "sanctions" for c in verb.children)


def test_a_joined_word_takes_the_lemma_of_its_last_part():
    sdoc = load_nlp()("North Korea test - launched two missiles, and he may re - impose sanctions.")
    lemmas = {t.text: t.lemma_ for t in sdoc}
    assert lemmas["test - launched"] == "launch"
    assert lemmas["re - impose"] == "impose"


def test_the_joined_verb_is_the_event_with_its_participants():
    text = "North Korea test - launched two long - range missiles on Friday, officials said."
    doc = analyze(text, published="2018-05-01")
    events = doc.events
    launch = next(e for e in events if e.trigger.text == "test - launched")
    assert launch.trigger.start == text.index("test - launched")
    assert not any(e.trigger.text in {"test", "launched", "-"} for e in events)
    names = {e.id: e.name for e in doc.entities}
    actors = {names[p.entity] for p in launch.participants if p.role == "actor"}
    assert "North Korea" in actors, launch.participants


def test_a_run_of_hyphens_is_one_word():
    sdoc = load_nlp()("Kim Jong - un watched the long - range missile's test - fire - control run.")
    words = [t.text for t in sdoc]
    assert "Jong - un" in words and "long - range" in words and "test - fire - control" in words


def test_a_text_that_also_writes_hyphens_unspaced_is_left_alone():
    text = "The long-awaited bill - passed last year - was signed on Friday."
    sdoc = load_nlp()(text)
    assert "bill - passed" not in [t.text for t in sdoc]
    assert [t.text for t in sdoc].count("-") == 3


def test_a_dash_between_sentences_parts_is_no_compound_when_spaced_differently():
    text = "The vote was close -  but it passed."
    sdoc = load_nlp()(text)
    assert "close -  but" not in [t.text for t in sdoc]


def test_a_spaced_hyphen_used_as_a_dash_is_left_alone():
    text = ("Sanders is trying to win over the party's supply of superdelegates - the 718 party "
            "leaders who get a say at the convention - and he planned to persuade them.")
    sdoc = load_nlp()(text)
    assert [t.text for t in sdoc].count("-") == 2


def test_one_spaced_hyphen_between_content_words_is_no_evidence_without_a_dash_style():
    text = "Trump said he would name those that want to speak - Wednesday release."
    assert "speak - Wednesday" not in [t.text for t in load_nlp()(text)]
    text = "The delegates who want to speak — all of them — will speak - Wednesday, he said."
    assert "speak - Wednesday" in [t.text for t in load_nlp()(text)]
