"""Trigger words of the news event corpora as a typing prior (``claimgraph.training.newsevents``)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from claimgraph.training import newsevents

SHARED_EXTRA = Path(__file__).resolve().parents[3] / "shared" / "data" / "events-extra"


def _m2e2_sentence(words: list[str], events: list[tuple[int, str]]) -> dict:
    return {"sentence_id": "s", "words": words, "golden-event-mentions": [
        {"trigger": {"start": i, "end": i + 1, "text": words[i]}, "event_type": t, "arguments": []}
        for i, t in events]}


@pytest.fixture()
def corpora(tmp_path: Path) -> Path:
    """A miniature of the three corpora, in their own formats."""
    sents = [
        _m2e2_sentence("Russian airstrikes hit the town".split(), [(1, "Conflict:Attack")]),
        _m2e2_sentence("More airstrikes followed on Monday".split(), [(1, "Conflict:Attack")]),
        _m2e2_sentence("Police took him into custody".split(), [(4, "Justice:Arrest-Jail")]),
        _m2e2_sentence("He said the airstrikes were wrong".split(), []),
        _m2e2_sentence("The general died in custody".split(), [(2, "Life:Die"), (2, "Life:Die")]),
    ]
    (tmp_path / "m2e2").mkdir()
    with zipfile.ZipFile(tmp_path / newsevents.M2E2_ZIP, "w") as z:
        z.writestr("m2e2_annotations/text_only_event.json", json.dumps(sents[:4]))
        z.writestr("m2e2_annotations/text_multimedia_event.json", json.dumps(sents[4:]))
    (tmp_path / "geneva").mkdir()
    rows = [{"tokens": "Protesters held a rally".split(),
             "event_mentions": [{"event_type": "Protest", "trigger": {"text": "rally"}}]},
            {"tokens": "A big rally filled the square".split(),
             "event_mentions": [{"event_type": "Social_event", "trigger": {"text": "rally"}}]}]
    (tmp_path / newsevents.GENEVA_FILE).write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (tmp_path / "casie" / "annotation").mkdir(parents=True)
    doc = {"content": "Hackers breached the bank. The breach was found.", "cyberevent": {"hopper": [
        {"events": [{"subtype": "Databreach", "nugget": {"text": "breached"}},
                    {"subtype": "Databreach", "nugget": {"text": "had breached"}},
                    {"subtype": "DiscoverVulnerability", "nugget": {"text": "found"}},
                    {"subtype": "DiscoverVulnerability", "nugget": {"text": "found"}}]}]}}
    (tmp_path / "casie" / "annotation" / "1.json").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "casie" / "annotation" / "2.json").write_bytes(b"\xff not json")
    return tmp_path


def test_forms_count_triggers_sightings_and_plover_types(corpora):
    prior = newsevents.trigger_forms(corpora)
    forms = prior["forms"]
    assert forms["airstrikes"] == [2, 3, {"ASSAULT": 1.0}]  # seen three times, a trigger twice
    # a type with no PLOVER counterpart (a death) counts as a trigger without a type
    assert forms["died"] == [2, 2, {}]
    # GENEVA's protest types "rally" PROTEST, its social event leaves it untyped
    assert forms["rally"] == [2, 2, {"PROTEST": 1.0}]
    # CASIE's attacks count, keyed by the nugget's last word; its vulnerability reports do not
    assert forms["breached"][0] == 2 and forms["breached"][2] == {}
    assert "found" not in forms
    assert "custody" not in forms  # a trigger once only is left out
    assert prior["sources"] == {"m2e2 sentences": 5, "geneva sentences": 2, "casie articles": 1}


def test_missing_corpora_give_an_empty_prior(tmp_path):
    assert newsevents.trigger_forms(tmp_path)["forms"] == {}


@pytest.mark.skipif(not SHARED_EXTRA.is_dir(), reason="needs ../shared/data/events-extra")
def test_real_corpora_type_conflict_words():
    forms = newsevents.trigger_forms(SHARED_EXTRA)["forms"]
    assert max(forms["airstrikes"][2], key=forms["airstrikes"][2].get) == "ASSAULT"
    assert max(forms["arrested"][2], key=forms["arrested"][2].get) == "COERCE"
    assert forms["meeting"][2].get("CONSULT", 0) > 0.8
