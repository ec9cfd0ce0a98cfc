"""The learned event layer: committed artifacts, and detection, typing and status on sentences
written for these tests.

The detector, typer and status classifier are statistical. A case the committed models get
wrong is kept with its expected answer and marked ``xfail(strict=True)``, so that the miss
stays visible and a retrained model that fixes it turns the test red until the mark goes.
"""

from __future__ import annotations

import json
import shutil
from functools import cache

import pytest

from claimgraph import analyze
from claimgraph.errors import ModelError
from claimgraph.nlp import learned
from claimgraph.nlp.events import features

ARTIFACTS = ("event_claim.json.gz", "event_detect.json.gz", "event_factuality.json.gz",
             "event_priors.json.gz", "event_status.json.gz", "event_type.json.gz")


@pytest.fixture(autouse=True)
def committed_models():
    """The committed models folder, with any CLAIMGRAPH_MODELS_DIR override lifted (every test
    here runs on the committed models, so the sentence cache below stays valid)."""
    with learned.use_models(None) as folder:
        yield folder


# -- committed artifacts ------------------------------------------------------------------


def test_learned_committed_artifacts_match_manifest(committed_models):
    manifest = json.loads((committed_models / learned.MANIFEST).read_text(encoding="utf-8"))
    assert set(ARTIFACTS) <= set(manifest["files"]), sorted(manifest["files"])
    on_disk = {p.name for p in committed_models.glob("*.json.gz")}
    assert on_disk == set(manifest["files"]), "every artifact on disk is listed, and only those"
    for name, digest in manifest["files"].items():
        assert learned.sha256_of(committed_models / name) == digest, name
        assert isinstance(learned.load_artifact(name), dict)
    detector = learned.linear_model("event_detect.json.gz")
    assert set(detector.classes) == {"event", "none"}
    assert set(learned.linear_model("event_status.json.gz").classes) == {
        "occurred", "planned", "attempted", "foiled", "hypothetical", "negated"}
    assert "OTHER" in learned.linear_model("event_type.json.gz").classes
    assert features.priors()


@pytest.mark.parametrize("name", ["event_detect.json.gz", "event_priors.json.gz"])
def test_learned_tampered_artifact_is_refused_naming_the_file(committed_models, tmp_path, monkeypatch,
                                                               name):
    copy = tmp_path / "models"
    shutil.copytree(committed_models, copy)
    with open(copy / name, "r+b") as fh:
        fh.seek(40)
        b = fh.read(1)
        fh.seek(40)
        fh.write(bytes([b[0] ^ 0xFF]))
    monkeypatch.setenv(learned.MODELS_ENV, str(copy))
    learned.clear_cache()
    with pytest.raises(ModelError, match=name.replace(".", r"\.")) as exc:
        learned.load_artifact(name)
    assert "train_models.py" in str(exc.value)
    # the untouched files in the same folder still load
    other = next(a for a in ARTIFACTS if a != name)
    assert learned.load_artifact(other)


def test_learned_artifact_missing_from_manifest_is_refused(committed_models, tmp_path, monkeypatch):
    copy = tmp_path / "models"
    shutil.copytree(committed_models, copy)
    manifest = json.loads((copy / learned.MANIFEST).read_text(encoding="utf-8"))
    del manifest["files"]["event_type.json.gz"]
    (copy / learned.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setenv(learned.MODELS_ENV, str(copy))
    learned.clear_cache()
    with pytest.raises(ModelError, match=r"event_type\.json\.gz"):
        learned.linear_model("event_type.json.gz")


# -- detection, typing and status on sentences --------------------------------------------


@cache
def _events(text: str) -> tuple[tuple[str, str, str | None, str], ...]:
    """(trigger text, type, mode, status) of every event of ``text``."""
    doc = analyze(text, published="2024-05-01")
    return tuple((e.trigger.text, e.type, e.mode, e.status) for e in doc.events)


def _event(text: str, trigger: str) -> tuple[str, str, str | None, str]:
    found = [e for e in _events(text) if e[0] == trigger]
    assert found, f"no event on {trigger!r} in {text!r}; events: {_events(text)}"
    return found[0]


def _miss(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


DETECTED = [
    # plain verbal events
    ("The senators voted to approve the spending package on Tuesday.", "voted"),
    ("He resigned on Friday.", "resigned"),
    ("Protesters marched through the capital on Saturday.", "marched"),
    ("Hamas released two hostages on Friday.", "released"),
    ("Police freed the hostages after a six-hour standoff.", "freed"),
    # a happening word (hack) needs only the lexicon's share of the threshold
    ("Russian hackers breached the ministry's computer network.", "breached"),
    # nominal triggers
    ("The minister announced his resignation on Friday.", "resignation"),
    ("A grand jury returned an indictment against the governor.", "indictment"),
    ("The attackers carried out the bombing at dawn.", "bombing"),
    ("His resignation shocked the ministry.", "resignation"),
    ("The release of the prisoners took place on Monday.", "release"),
    ("The election was held in March.", "election"),
    # light-verb and phrasal forms
    ("The former mayor pleaded guilty to fraud charges in federal court.", "pleaded"),
    ("The minister stepped down on Friday.", "stepped"),
    ("The gunmen set fire to the police station.", "set"),
    ("Thousands of workers went on strike on Monday.", "strike"),
    # crimes, deaths and accidents: the statuschain stories (US politics) seldom show them,
    # the ECB+ train topics do
    ("A Vancouver man has been charged with first-degree murder after the attack.", "murder"),
    ("Police arrested a former employee after the shooting at the warehouse.", "shooting"),
    ("The climber slipped and fell 60 metres from the ridge.", "fell"),
    ("His death came a day after the storm.", "death"),
]


@pytest.mark.parametrize(("text", "trigger"), DETECTED)
def test_learned_detect_finds_the_event(text, trigger):
    _event(text, trigger)


def test_learned_detect_light_verb_gives_one_event_on_its_noun():
    text = "Soldiers carried out a raid on the village."
    assert [e[0] for e in _events(text)] == ["raid"]
    assert [e[0] for e in _events("The army launched an offensive against the rebels.")] == ["offensive"]
    assert [e[0] for e in _events("He committed the attack on the night of May 22.")] == ["attack"]
    assert _event(text, "raid")[1:] == ("ASSAULT", "raid", "occurred")
    assert [e[0] for e in _events("The two leaders held talks in Helsinki on Monday.")] == ["talks"]


@pytest.mark.parametrize(("text", "frame", "event", "status"), [
    ("The senators tried to block the bill in March.", "tried", "block", "attempted"),
    ("The prime minister plans to visit Moscow next week.", "plans", "visit", "planned"),
    ("The union began negotiating with the airline on Monday.", "began", "negotiating", "occurred"),
    ("Rebels sought to seize the airport.", "sought", "seize", "attempted"),
    ("The administration continued to push for new sanctions against Iran.", "continued", "push",
     "occurred"),
    ("The migrants decided to seek asylum in the United States.", "decided", "seek", "planned"),
])
def test_learned_detect_frame_verb_gives_one_event_on_its_complement(text, frame, event, status):
    triggers = [e[0] for e in _events(text)]
    assert frame not in triggers, triggers
    assert _event(text, event)[3] == status


def test_learned_detect_act_on_another_keeps_both_events():
    text = "Democrats urged President Trump to cancel the summit with Putin."
    assert {"urged", "cancel"} <= {e[0] for e in _events(text)}


@pytest.mark.parametrize(("text", "verb"), [
    ("The minister said the talks were productive.", "said"),
    ("She told reporters that the meeting had ended.", "told"),
    ("The company said hackers breached its network.", "said"),
    ("A spokesman told the BBC the army had withdrawn from the town.", "told"),
    ("The president said on Monday.", "said"),
])
def test_learned_detect_reporting_verb_is_not_an_event(text, verb):
    assert verb not in [e[0] for e in _events(text)]


#: A learned PLOVER type carries no mode, and the kind of an OTHER comes from a lemma table:
#: where only the type is in question, the mode is not checked.
ANY_MODE = "*"

TYPED = [
    ("He resigned on Friday.", "resigned", "OTHER", "personnel"),
    ("The minister stepped down on Friday.", "stepped", "OTHER", "personnel"),
    ("Voters elected a new parliament on Sunday.", "elected", "OTHER", "election"),
    ("She was elected president in 2020.", "elected", "OTHER", "election"),
    ("The former mayor pleaded guilty to fraud charges in federal court.", "pleaded", "OTHER", "court"),
    pytest.param("The former president was convicted of fraud on Thursday.", "convicted", "OTHER", "court",
                 marks=_miss("typer gives ACCUSE: CAMEO codes 'convict' with the verbs of accusing "
                             "(PLOVER itself makes a conviction SANCTION/convict)")),
    ("Hackers hacked the ministry's email servers last week.", "hacked", "OTHER", "hack"),
    ("The president will visit Paris next month.", "visit", "CONSULT", "visit"),
    ("The two leaders will meet in Geneva on Thursday.", "meet", "CONSULT", "meeting"),
    ("The gunmen set fire to the police station.", "set", "ASSAULT", "arson"),
    ("The police never arrested the suspect.", "arrested", "COERCE", "arrest"),
    # verbs the labelled articles seldom type, read through the CAMEO dictionary's codes
    ("The ministry praised the agreement.", "praised", "SUPPORT", ANY_MODE),
    ("The minister apologized to the victims.", "apologized", "SUPPORT", ANY_MODE),
    pytest.param("A grand jury returned an indictment against the governor.", "indictment", "OTHER",
                 "court", marks=_miss("typer gives COERCE (mode None) to 'indictment'")),
    pytest.param("The governor was indicted on corruption charges.", "indicted", "OTHER", "court",
                 marks=_miss("typer gives COERCE (mode None) to 'indicted'")),
    pytest.param("The Senate voted 52-48 to confirm the nominee.", "voted", "OTHER", ANY_MODE,
                 marks=_miss("typer gives REJECT to 'voted'")),
    # conflict words the labelled articles never show, typed as the news event corpora type them
    pytest.param("Protesters marched through the capital on Saturday.", "marched", "PROTEST", ANY_MODE,
                 marks=_miss("typer gives OTHER to 'marched'; the news corpora type it PROTEST from "
                             "fewer triggers than NEWS_TYPE_MIN")),
    ("Russian airstrikes killed 30 civilians in Aleppo on Monday.", "airstrikes", "ASSAULT", ANY_MODE),
    ("Clashes between police and protesters left two dead.", "Clashes", "ASSAULT", ANY_MODE),
    # a lexicon noun refused for its position (a modifier), not its meaning, keeps its type
    ("A court convicted a friend of Boston Marathon bombing suspect Dzhokhar Tsarnaev.", "bombing",
     "ASSAULT", ANY_MODE),
    ("Republicans launched attacks on Obama's Iran deal.", "attacks", "OTHER", ANY_MODE),
    pytest.param("Demonstrators held a rally in the capital.", "rally", "PROTEST", ANY_MODE,
                 marks=_miss("the news corpora split 'rally' between PROTEST and CONSULT (ACE codes a "
                             "campaign rally as a meeting): under the 80 % agreement, so OTHER")),
]


@pytest.mark.parametrize(("text", "trigger", "type_", "mode"), TYPED)
def test_learned_type_and_mode(text, trigger, type_, mode):
    got = _event(text, trigger)
    assert got[1] == type_, got
    if mode != ANY_MODE:
        assert got[2] == mode, got


STATUS = [
    # occurred
    ("He resigned on Friday.", "resigned", "occurred"),
    ("The former mayor pleaded guilty to fraud charges in federal court.", "pleaded", "occurred"),
    ("Hackers hacked the ministry's email servers last week.", "hacked", "occurred"),
    # planned
    ("The president will visit Paris next month.", "visit", "planned"),
    ("The government plans to build a new airport.", "build", "planned"),
    ("The minister is expected to meet the delegation next week.", "meet", "planned"),
    # attempted
    ("The gunman tried to enter the building.", "enter", "attempted"),
    ("The rebels attempted to capture the airport but were repelled.", "capture", "attempted"),
    # foiled
    ("The plot to kill the president was foiled by the security services.", "kill", "foiled"),
    ("Police foiled an attack on the embassy.", "attack", "foiled"),
    ("Police foiled a plot to bomb the embassy.", "bomb", "foiled"),  # infinitive parsed on "foiled"
    ("Security services thwarted a plot to kill the rabbi and attack the synagogue.", "attack", "foiled"),
    # hypothetical
    ("If the talks fail, the army would attack the city.", "attack", "hypothetical"),
    ("The rebels could seize the capital.", "seize", "hypothetical"),
    ("The two countries may sign a peace deal next year.", "sign", "hypothetical"),
    # negated
    ("The ambassador did not attend the ceremony.", "attend", "negated"),
    ("He denied that he sent the letter.", "sent", "negated"),
    ("He did not resign.", "resign", "negated"),
    ("The police never arrested the suspect.", "arrested", "negated"),
    ("The company denied that it paid the bribe.", "paid", "negated"),
]


@pytest.mark.parametrize(("text", "trigger", "status"), STATUS)
def test_learned_status(text, trigger, status):
    assert _event(text, trigger)[3] == status


def test_learned_status_the_denial_itself_occurred():
    assert _event("He denied that he sent the letter.", "denied")[3] == "occurred"


@pytest.mark.xfail(strict=True, reason="'The plot was foiled' alone gives no event: 'plot' only joins "
                                       "an event and the detector gives 'foiled' p=0.25")
def test_learned_status_foiled_plot_without_a_plotted_act():
    assert any(e[3] == "foiled" for e in _events("The plot was foiled by police."))


def test_learned_detect_negated_future_event():
    _event("The company will not sell the factory.", "sell")


@pytest.mark.parametrize(("text", "going"), [
    ("We are not going to pay a single cent for the wall.", False),
    ("He said he was going to cancel the meeting.", False),
    ("I am going to Washington to meet him.", True),
])
def test_the_going_to_future_is_a_tense_not_an_event(text, going):
    from claimgraph.nlp.model import load_nlp

    tok = next(t for t in load_nlp()(text) if t.text == "going")
    assert features.is_candidate(tok) is going
    assert features.going_to_future(tok) is not going


# -- factuality (UW) as a status feature ----------------------------------------------------------


@pytest.mark.parametrize("text,trigger,expected", [
    ("The army did not attack the village.", "attack", "negated"),
    ("The army attacked the village on Monday.", "attacked", "factual"),
    ("The army might attack the village if talks fail.", "attack", "uncertain"),
])
def test_factuality_model_reads_the_clause(text, trigger, expected):
    from claimgraph.nlp.events.extract import mention_for_token
    from claimgraph.nlp.events.status import mention_status
    from claimgraph.nlp.model import load_nlp

    doc = load_nlp()(text)
    tok = next(t for t in doc if t.text == trigger)
    m = mention_for_token(tok)
    f = features.status_features(tok, mention_status(tok, m.cues, m.nominal), None)
    fact = {k.split("=", 1)[1]: v for k, v in f.items() if k.startswith("fact=")}
    assert set(fact) == {"factual", "uncertain", "negated"}
    assert max(fact, key=fact.__getitem__) == expected, fact
    assert "fact=factual" not in features.status_features(tok, "occurred", None, factuality=False)


@pytest.mark.parametrize(("text", "trigger"), [
    ("Some Republicans quickly shot down Trump's idea on Tuesday.", "shot"),
    ("He said Putin's government had tried to attack the 2016 election.", "attack"),
    ("Critics say the president is killing the policy.", "killing"),
    ("The Russians continue their attacks on our democracy.", "attacks"),
])
def test_a_violent_verb_with_an_idea_for_object_is_no_assault(text, trigger):
    rec = analyze(text).to_dict()
    found = [e for e in rec["events"] if e["trigger"]["text"] == trigger]
    assert found, [e["trigger"]["text"] for e in rec["events"]]  # still an event, of another type
    assert all(e["type"] != "ASSAULT" for e in found), found


@pytest.mark.parametrize(("text", "trigger"), [
    ("He has set a May 12 deadline to fix the agreement.", "set a May 12 deadline"),
    ("The prime minister made a statement on Friday.", "made a statement"),
    ("Agents issued an ultimatum to the rebels.", "issued an ultimatum"),
])
def test_a_verb_that_says_nothing_alone_takes_its_event_noun_into_the_trigger(text, trigger):
    _event(text, trigger)


@pytest.mark.parametrize(("text", "trigger"), [
    # a thing, not an event, stays outside the trigger
    ("The president, without offering specifics, said his rival lied many times.", "offering"),
    # a verb that names the event itself keeps its own word
    ("The company denied that it paid the bribe.", "paid"),
])
def test_a_verb_keeps_its_own_trigger_when_its_object_is_no_event_or_it_says_enough(text, trigger):
    _event(text, trigger)


@pytest.mark.parametrize(("text", "word", "event"), [
    # a plain verb of saying that introduces a clause is the chain's cue, not an event
    ("Sen. Lindsey Graham (R-S.C.) announced Tuesday that he would introduce legislation.", "announced",
     False),
    ("For his part, Mr. Trump has insisted that as president he would have the leverage to compel "
     "Mexico to pay for the wall.", "insisted", False),
    # one with an object, one denied, one a PLOVER speech act stays an event
    ("Deputy Attorney General Rod Rosenstein announced the charges on Friday.", "announced", True),
    ("The White House did not assert that the files showed a violation.", "assert", True),
    ("Susan Rice warned that the speech would be destructive.", "warned", True),
])
def test_a_plain_verb_of_saying_is_a_cue_not_an_event(text, word, event):
    assert any(t.split()[0] == word for t, *_ in _events(text)) is event, _events(text)


def test_learned_scores_are_the_plain_per_class_sums_to_the_bit():
    """The scoring loop's fast paths add the same terms in the same order as the plain loop
    (bias, then each known feature's weight times its value), so every float is identical:
    on the committed status and factuality models, for real status features."""
    from claimgraph.nlp.events.status import STATUS_MODEL
    from claimgraph.nlp.model import load_nlp

    def plain(model: learned.LinearModel, feats: dict[str, float]) -> list[float]:
        out = list(model.bias)
        for name, value in feats.items():
            w = model.weights.get(name)
            if w is not None:
                for k, x in enumerate(w):
                    out[k] = out[k] + x * value
        return out

    doc = load_nlp()("Officials said the talks would resume if Iran halted its tests, "
                     "but Tehran denied that it had agreed to anything.")
    checked = 0
    for name in (STATUS_MODEL, features.FACTUALITY_FILE):
        model = learned.linear_model(name)
        for tok in doc:
            if tok.pos_ not in {"VERB", "NOUN"}:
                continue
            feats = features.status_features(tok, "occurred", "reported")
            assert any(v != 1.0 for v in feats.values())  # the factuality shares
            assert model.scores(feats) == plain(model, feats)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize(("text", "word", "candidate"), [
    ("“We are not going to pay a single cent for such a stupid wall!”", "cent", False),
    ("Ten euros will not buy a vote.", "euros", False),
    ("The ministry paid out millions of dollars in bribes.", "dollars", False),
    ("The ministry paid out millions of dollars in bribes.", "bribes", True),
    ("Officials met in Ankara for a second round of talks.", "talks", True),
])
def test_money_is_no_event_candidate(text, word, candidate):
    """Money ("a single cent", "ten euros") is what an act pays, never an event: it is no
    detector candidate, so nothing can call it an event or widen a verb to it."""
    from claimgraph.nlp.events.features import is_candidate
    from claimgraph.nlp.model import load_nlp

    doc = load_nlp()(text)
    tok = next(t for t in doc if t.text == word)
    assert is_candidate(tok) is candidate
