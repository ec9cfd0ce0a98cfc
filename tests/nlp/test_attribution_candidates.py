"""What the attribution rules propose to the learned cue model (``candidates=True``), on
sentences written for these tests: objects named by a speech noun, prepositions after a
cue's adverbs, verbs of phase and effort with the verb they govern, verbs of knowing whose
subject is no named source (not an inference: that stays the writer's opinion), speech
verbs with no subject of their own, the noun a participle hangs on as its speaker, and
documents as sources. Proposals only: the model's choice is tested in
``test_attribution_learned.py``."""

from __future__ import annotations

from claimgraph.nlp.attribution.cues import Found, find_attributions
from claimgraph.nlp.model import load_nlp


def _proposals(text: str, candidates: bool = True):
    sdoc = load_nlp()(text)
    return sdoc, [r for s in sdoc.sents for r in find_attributions(s, candidates=candidates)]


def _by_cue(sdoc, rels: list[Found], cue: str) -> Found:
    hits = [r for r in rels if sdoc[slice(*r.cue)].text == cue]
    assert hits, f"no proposal with cue {cue!r}: {[sdoc[slice(*r.cue)].text for r in rels]}"
    return hits[0]


def test_an_object_named_by_a_speech_noun_is_content():
    # "tweets" is a speech verb's noun; as an object it is what the campaign defends
    sdoc, rels = _proposals("The campaign is defending his early-morning tweets about the debate.")
    r = _by_cue(sdoc, rels, "is defending")
    assert sdoc[slice(*r.content)].text.startswith("his early-morning tweets")
    assert sdoc[slice(*r.source)].text == "The campaign"


def test_a_preposition_after_the_cues_adverbs_belongs_to_the_cue():
    sdoc, rels = _proposals("The senator spoke favorably of the new trade agreement.")
    r = _by_cue(sdoc, rels, "spoke favorably of")
    assert sdoc[slice(*r.content)].text == "the new trade agreement"


def test_a_verb_of_phase_runs_on_to_the_verb_it_governs():
    sdoc, rels = _proposals("The governor has continued to push for higher taxes on the rich.")
    r = _by_cue(sdoc, rels, "has continued to push for")
    assert sdoc[slice(*r.content)].text.startswith("higher taxes")
    assert r.core is not None and sdoc[r.core[1] - 1].lemma_ == "continue"


def test_a_verb_of_knowing_whose_subject_is_no_source_is_only_a_candidate():
    text = "The crowd understood that the speech was over."
    sdoc, rules = _proposals(text, candidates=False)
    assert not rules
    sdoc, rels = _proposals(text)
    r = _by_cue(sdoc, rels, "understood")
    assert r.cue_class == "candidate"
    assert sdoc[slice(*r.source)].text == "The crowd"
    assert sdoc[slice(*r.content)].text == "that the speech was over"


def test_an_inference_whose_subject_is_no_source_is_not_even_a_candidate():
    # the writer's inference (an opinion, see opinion.py), not an attribution
    sdoc, rels = _proposals("The timing of the strike suggests that it was planned for months.")
    assert not [r for r in rels if sdoc[slice(*r.cue)].text == "suggests"]


def test_data_and_emails_are_document_sources():
    sdoc, rels = _proposals("Data from the survey show that women earned less. Other emails suggest that he lied.")
    assert sdoc[slice(*_by_cue(sdoc, rels, "show").source)].text == "Data from the survey"
    assert sdoc[slice(*_by_cue(sdoc, rels, "suggest").source)].text == "Other emails"


def test_a_speech_verb_without_a_subject_of_its_own_is_a_candidate_without_source():
    sdoc, rels = _proposals("She is facing criticism for saying that the plan was a mistake.")
    r = _by_cue(sdoc, rels, "saying")
    assert r.cue_class == "candidate" and r.source is None
    assert sdoc[slice(*r.content)].text == "that the plan was a mistake"


def test_the_noun_a_participle_hangs_on_speaks():
    sdoc, rels = _proposals("The campaign released a video showing the senator stumbling.")
    r = _by_cue(sdoc, rels, "showing")
    assert r.source is not None and sdoc[slice(*r.source)].text == "video"
    assert sdoc[slice(*r.content)].text == "the senator stumbling"
