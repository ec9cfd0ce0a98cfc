"""ECB+ train topics as detector examples (``claimgraph.training.ecbplus``), on the real files.

Skips when ../shared/data/ecbplus is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.training import ecbplus
from claimgraph.training.events import Examples, cross_validate, fit_linear


@pytest.fixture(scope="module")
def ecb_folder(shared_dir: Path) -> Path:
    folder = shared_dir / "data" / "ecbplus"
    if not (folder / ecbplus.SPLIT_FILE).is_file():
        pytest.skip("../shared/data has no ecbplus")
    return folder


@pytest.fixture(scope="module")
def first_docs(ecb_folder: Path) -> list[ecbplus.EcbDocument]:
    return ecbplus.read_documents(ecb_folder, ecbplus.train_topics(ecb_folder), limit=6)


def test_only_the_train_topics_are_read(ecb_folder):
    split = json.loads((ecb_folder / ecbplus.SPLIT_FILE).read_text(encoding="utf-8"))
    topics = ecbplus.train_topics(ecb_folder)
    assert topics and not set(topics) & (set(split["dev"]) | set(split["test"]))
    docs = ecbplus.read_documents(ecb_folder, topics)
    assert {d.topic for d in docs} <= set(topics)
    assert len(docs) > 500  # 574 documents with selected sentences in the standard split


def test_text_is_one_sentence_a_line_and_mentions_lie_in_selected_sentences(first_docs):
    for d in first_docs:
        assert d.selected and d.mentions, d.id
        assert "http" not in d.text.split("\n", 1)[0].lower() or d.id.endswith("ecb")
        for start, end, tag in d.mentions:
            assert tag.startswith(("ACTION", "NEG_ACTION"))
            words = d.text[start:end]
            assert words.strip() == words and words, (d.id, start, end)
            assert any(s <= start and end <= e for s, e in d.selected), (d.id, words)


def test_reporting_and_state_mentions_are_neither_events_nor_negatives(first_docs):
    docs = ecbplus.parse_documents(first_docs)
    labelled = 0
    for d, doc in zip(first_docs, docs, strict=True):
        sdoc = doc.scratch["sdoc"]
        labels = {tok.i: label for tok, label in ecbplus.labelled_candidates(d, sdoc)}
        labelled += len(labels)
        for start, end, tag in d.mentions:
            span = sdoc.char_span(start, end, alignment_mode="expand")
            head = span.root
            if tag in ecbplus.IGNORED_TAGS:
                if not any(s2 <= head.idx < e2 and t2 not in ecbplus.IGNORED_TAGS
                           for s2, e2, t2 in d.mentions):
                    assert head.i not in labels, (d.id, head.text, tag)
            elif head.i in labels:
                assert labels[head.i] == "event", (d.id, head.text, tag)
        # outside the selected sentences nothing is labelled
        for i in labels:
            assert any(s <= sdoc[i].idx < e for s, e in d.selected)
    assert labelled > 50


def test_crime_words_are_positive_examples(ecb_folder):
    ex = ecbplus.detection_examples(ecb_folder, limit=40)
    assert set(ex.labels) == {"event", "none"}
    assert all(g.startswith("ecb+:") for g in ex.groups)
    assert ex.weights == [ecbplus.DEFAULT_WEIGHT] * len(ex.labels)
    events = {next(k[2:] for k in f if k.startswith("l=")) for f, lab in zip(ex.feats, ex.labels, strict=True)
              if lab == "event"}
    # topic 1 (a celebrity's rehab) and 3 (a prison escape) are among the first documents
    assert events & {"escape", "check", "enter", "rehab", "arrest", "capture"}, sorted(events)[:40]


def test_extra_examples_train_every_fold_and_are_never_scored():
    own = Examples([{"w=a": 1.0}, {"w=b": 1.0}, {"w=a": 1.0}, {"w=b": 1.0}],
                   ["event", "none", "event", "none"], ["s1", "s1", "s2", "s2"])
    extra = Examples([{"w=a": 1.0}, {"w=b": 1.0}], ["event", "none"], ["ecb+:1", "ecb+:1"], [0.5, 0.5])
    both = own.joined(extra)
    assert both.weights == [1.0, 1.0, 1.0, 1.0, 0.5, 0.5]
    seen: list[list[int]] = []

    def fit(idx: list[int]) -> dict:
        seen.append(idx)
        return fit_linear(both, C=1.0, train_idx=idx)

    scored = cross_validate(both, 2, fit, lambda m, i: m.proba(both.feats[i])["event"], scored=4)
    assert sorted(i for i, _ in scored) == [0, 1, 2, 3]
    assert all({4, 5} <= set(idx) for idx in seen) and len(seen) == 2
    probs = dict(scored)
    assert probs[0] > 0.5 > probs[1]  # learned from the other story and ECB+ alike


def test_form_counts_gate_adjectives_and_title_case_words(ecb_folder):
    """The per-word counts that make an adjective or a proper noun an event candidate
    (``features.is_candidate``): "dead" and "dies" end event mentions in most of their
    occurrences; reporting verbs do not count; only train topics are read."""
    from claimgraph.nlp.events.features import _mostly_event

    counts = ecbplus.form_counts(ecb_folder)
    forms = counts["forms"]
    assert counts["documents"] == len(ecbplus.read_documents(ecb_folder, ecbplus.train_topics(ecb_folder)))
    assert _mostly_event(forms["dead"]) and _mostly_event(forms["dies"])
    assert "said" not in forms or not _mostly_event(forms["said"])
    assert all(0 < n <= seen for n, seen in forms.values())
    assert not _mostly_event(forms.get("the")) and not _mostly_event(None)
