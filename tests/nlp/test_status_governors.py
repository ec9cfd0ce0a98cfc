"""Status from what governs the event's clause, the schedule a noun carries, and the word
classes the detector reads: hand-written sentences through the whole analysis.

The governing verbs here are chosen outside the statuschain training articles' most common
ones ("implored", "pressed"), so the class feature (request, commit, fail, attempt) is what
carries the status, not a memorised lemma.
"""

from __future__ import annotations

import pytest

from claimgraph import analyze
from claimgraph.nlp.events.features import GOVERNOR_CLASS, detect_features, word_classes
from claimgraph.nlp.events.status import scheduled
from claimgraph.nlp.model import load_nlp


def _word(text: str, word: str):
    """The first token of ``text`` that reads ``word``, in the pipeline's own parse."""
    return next(t for t in load_nlp()(text) if t.text == word)



@pytest.mark.parametrize(("text", "trigger", "status"), [
    # request: the demanded act is hypothetical (the guideline's convention)
    ("Opposition lawmakers implored the president to veto the spending bill on Monday.", "veto",
     "hypothetical"),
    ("Democrats pressed the senator to resign.", "resign", "hypothetical"),
    # commitment: a vow or threat makes the act planned
    ("The rebels vowed to retaliate against the army.", "retaliate", "planned"),
    ("The governor is expected to sign the bill next week.", "sign", "planned"),
    # failure and attempt implicatives
    ("The minister refused to testify before the committee.", "testify", "negated"),
    ("The suspects tried to flee the country, police said.", "flee", "attempted"),
])
def test_status_from_the_governing_verb(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


@pytest.mark.parametrize(("text", "trigger", "status"), [
    ("Officials discussed a possible meeting between the two leaders.", "meeting", "hypothetical"),
    ("The president will attend an upcoming summit in Geneva.", "summit", "planned"),
    ("Talks opened on a visit by the foreign minister to Seoul, scheduled for June.", "visit", "planned"),
])
def test_nominal_schedule_and_speculation(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


def test_scheduled_reads_a_participle_after_the_noun_phrase():
    sdoc = load_nlp()("The attack came ahead of a visit by the president to Baku, expected later "
                      "this month.")
    visit = next(t for t in sdoc if t.text == "visit")
    attack = next(t for t in sdoc if t.text == "attack")
    assert scheduled(visit)
    assert not scheduled(attack)


def test_governor_classes_cover_the_guideline_conventions():
    assert GOVERNOR_CLASS["urge"] == "request"
    assert GOVERNOR_CLASS["vow"] == "commit"
    assert GOVERNOR_CLASS["refuse"] == "fail"
    assert GOVERNOR_CLASS["try"] == "attempt"
    assert GOVERNOR_CLASS["deny"] == "deny"


def test_word_classes_group_words_used_alike():
    classes = word_classes()  # the committed artifact, hash-checked at load
    assert classes["arrested"][-1] == classes["detained"][-1]
    assert classes["investigation"][0] == classes["probe"][0]
    assert classes["arrested"][1] != classes["meeting"][1]
    assert len(next(iter(classes.values()))) == 3


def test_detector_sees_word_class_and_repeated_mention():
    sdoc = load_nlp()("The leaders held a meeting in Hanoi. The meeting ended early.")
    first, second = [t for t in sdoc if t.lower_ == "meeting"]
    f1, f2 = detect_features(first), detect_features(second)
    assert "first=NOUN" in f1 and "rep" not in f1
    assert f2.get("rep") == 1.0 and f2.get("repdet=the") == 1.0
    assert any(k.startswith("wc0=") for k in f1)


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # the backshifted "will" of reported speech
    ("Border officials said on Monday that they would limit the number of asylum claims.", "limit",
     "planned"),
    ("The company announced that it would close two factories next year.", "close", "planned"),
    # the "would" of a condition
    ("The union would strike if the government cut wages.", "strike", "hypothetical"),
    ("Analysts said the sanctions would hurt the economy if they were extended.", "hurt",
     "hypothetical"),
])
def test_reported_would_is_planned_conditional_would_is_hypothetical(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


def test_reported_would_feature():
    from claimgraph.nlp.events.features import status_features

    sdoc = load_nlp()("Officials said that they would limit the claims if the court agreed.")
    limit = next(t for t in sdoc if t.text == "limit")
    assert "would_if" in status_features(limit, "planned", None, factuality=False)
    sdoc = load_nlp()("Officials said that they would limit the claims.")
    limit = next(t for t in sdoc if t.text == "limit")
    feats = status_features(limit, "planned", None, factuality=False)
    assert "would_reported" in feats and "would_if" not in feats


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # a negative argument negates the event, with no "not" on the verb
    ("None of the campaign aides have been charged with bribery, prosecutors said.", "charged", "negated"),
    ("The company offered nothing in return for the licence.", "offered", "negated"),
    # a bare verb opening its clause is a demand
    ("Scrap the tariffs, the farmers told the minister.", "Scrap", "hypothetical"),
    # a noun governs like a verb of its class: "the capability to" is "able to"
    ("The militia has the capability to strike the capital within hours.", "strike", "hypothetical"),
])
def test_status_from_negative_arguments_imperatives_and_governing_nouns(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


@pytest.mark.parametrize(("text", "trigger"), [
    ("Two men were found dead in a flat in Leeds on Sunday, police said.", "dead"),
    ("Gunman Dies In Shootout With Police", "Dies"),  # a headline the tagger reads as names
])
def test_adjectives_and_title_case_words_that_mostly_name_events_are_candidates(text, trigger):
    doc = analyze(text, published="2024-05-01")
    assert trigger in [e.trigger.text for e in doc.events], [e.trigger.text for e in doc.events]


def test_a_prevention_only_tried_foils_nothing(status_of):
    """"tried to stop the plan" is no foiled plan: the prevention itself did not happen."""
    assert status_of("The officials tried to stop the plan to build a wall.", "build") != "foiled"
    assert status_of("Police foiled a plot to bomb the embassy.", "bomb") == "foiled"


@pytest.mark.parametrize(("text", "trigger"), [
    ("Police arrested three men suspected of planning to bomb a synagogue in Berlin.", "bomb"),
    ("German police detained a Syrian teenager accused of plotting an attack on a concert in Vienna.",
     "attack"),
    ("Two men were arrested on charges of conspiring to assassinate the prime minister.", "assassinate"),
])
def test_the_act_the_arrested_were_plotting_is_foiled(text, trigger, status_of):
    assert status_of(text, trigger) == "foiled"


def test_an_arrest_for_a_done_act_or_a_threat_foils_nothing(status_of):
    assert status_of("Police arrested a man who had attacked a synagogue.", "attacked") == "occurred"
    assert status_of("He was arrested for threatening to kill his neighbour.", "kill") != "foiled"


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # an act its actor refuses, or will not allow, is ruled out: negated
    ("Last October, he refused to certify that Iran was in compliance.", "certify", "negated"),
    ("He called for unity but declined to tone down his own rhetoric.", "tone", "negated"),
    ("He said he would not allow the incident to distract him from his job.", "distract", "negated"),
    ("\"I am not going to allow this thing to dominate what I talk about.\"", "dominate", "negated"),
    # ... or is not willing or able to do
    ("Officials said the hospital would not be able to treat more patients this week.", "treat",
     "negated"),
    ("The union was unwilling to accept the offer.", "accept", "negated"),
    ("The company said it is not willing to sell its stake in the mine.", "sell", "negated"),
    # a refusal that is only possible, and a permission granted, rule out nothing; nor does
    # an unwillingness inside a condition
    ("He might refuse to pay.", "pay", "hypothetical"),
    ("If Trump is not willing to confront Putin, the summit should not go forward.", "confront",
     "hypothetical"),
    ("The bill would allow families to sue Saudi Arabia.", "sue", "hypothetical"),
])
def test_an_act_refused_or_not_allowed_is_negated(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


@pytest.mark.parametrize(("text", "trigger"), [
    ("Several of the packages may have passed through the state, investigators said.", "passed"),
    ("He said the photo could have been sent from his account.", "sent"),
    ("A telephone call would have done the job, and he would have appeared.", "appeared"),
])
def test_a_modal_perfect_is_hypothetical(text, trigger, status_of):
    assert status_of(text, trigger) == "hypothetical"


@pytest.mark.parametrize(("text", "trigger"), [
    ("Hillary Clinton lied many times to the FBI, and nothing happened to her.", "happened"),
    ("None of the devices inside have exploded on their own so far.", "exploded"),
    ("By Monday morning, they had yet to speak to immigration officials.", "speak"),
])
def test_nothing_done_is_negated(text, trigger, status_of):
    assert status_of(text, trigger) == "negated"


def test_a_negative_argument_in_a_condition_stays_hypothetical(status_of):
    assert status_of("If nothing happens to her, the case will close.", "happens") == "hypothetical"


@pytest.mark.parametrize(("text", "trigger"), [
    ("Trump over the weekend denied that he asked Comey to stop investigating Flynn.", "asked"),
    ("Iran's leaders repeatedly deny ever pursuing nuclear weapons, Netanyahu said.", "pursuing"),
])
def test_what_a_denial_denies_is_negated(text, trigger, status_of):
    assert status_of(text, trigger) == "negated"


def test_a_governor_without_a_class_reads_as_what_cameo_codes_it():
    from claimgraph.nlp.events.features import cameo_types, status_features

    nlp = load_nlp()
    doc = nlp("The council authorized the police to arrest the protesters.")
    arrest = next(t for t in doc if t.text == "arrest")
    assert arrest.head.lemma_ == "authorize" and arrest.head.lemma_ not in GOVERNOR_CLASS
    coded = cameo_types()["authorize"][0]
    assert coded and status_features(arrest, "occurred", None).get("a0cm=" + coded) == 1.0
    # a governor with a class of its own reads as its class alone
    doc = nlp("The ministry ordered the troops to withdraw.")
    withdraw = next(t for t in doc if t.text == "withdraw")
    feats = status_features(withdraw, "occurred", None)
    assert feats.get("a0cls=request") == 1.0
    assert not [k for k in feats if k.startswith("a0cm=")]


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # an event noun asked for is the demanded act: hypothetical
    ("On Friday, the prime minister said the rebels no longer insisted on the withdrawal of foreign "
     "troops from the valley, a demand they had made for years.", "withdrawal", "hypothetical"),
    # an event noun awaited is still to come: planned
    ("The talks came as the general, who is awaiting confirmation as defense minister, toured the border.",
     "confirmation", "planned"),
    ("The nominee, who is awaiting confirmation by the Senate, declined to comment.", "confirmation",
     "planned"),
])
def test_status_of_an_event_noun_from_its_governor(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


@pytest.mark.parametrize(("text", "word", "plain"), [
    ("\"I can definitively say that I did not send this,\" he said.", "send", True),
    ("The minister said she had never met the lobbyist.", "met", True),
    ("He wasn't working on the bureau's behalf when he met the strategist.", "working", True),
    ("Israel neither confirms nor denies possessing atomic weapons.", "denies", True),
    ("Israel neither confirms nor denies possessing atomic weapons.", "confirms", True),
    ("He did not name the officials, nor did he give the sites.", "give", True),
    # a modal, a demand, a condition's own verb and "not yet" are read elsewhere
    ("He said he could not process their claims.", "process", False),
    ("Don't hand another dictator a propaganda victory.", "hand", False),
    ("There could be other packages not yet intercepted.", "intercepted", False),
    ("Trump will not attend the summit.", "attend", False),
])
def test_plain_negation_is_a_denied_past_or_present_not_a_modal(text, word, plain):
    from claimgraph.nlp.events.status import plain_negation

    tok = _word(text, word)
    assert plain_negation(tok) is plain


#: The guideline's readings of status, each on hand-written sentences through the pipeline's own
#: parse: (reading, sentence, word, whether the reading applies). The readings are
#: ``claimgraph.nlp.events.status`` functions; docs/events.md ("Status") says what each does.
READINGS = [
    ("reported_future", "Secretary of State John Kerry said Tuesday that he would be in Switzerland negotiating "
     "with the Iranians.", "negotiating", True),
    ("reported_future", "Mensing told reporters that the migrants would remain at the gate.", "remain", True),
    ("reported_future", "Rouhani warned that Iran would consider leaving the treaty if Mr. Trump pulls out.",
     "leaving", False),
    ("reported_future", "The administration has argued that such a measure would put Americans at legal risk.",
     "put", False),
    ("no_occasion", "\"There is no circumstance whatsoever under which I will bear false witness against the "
     "president, nor will I make up lies,\" he said.", "bear", True),
    ("no_occasion", "\"There is no circumstance whatsoever under which I will bear false witness against the "
     "president, nor will I make up lies,\" he said.", "make", True),
    ("no_occasion", "There is a circumstance under which I will testify.", "testify", False),
    ("demanded_absence", "\"There should be no one-on-one meeting between this president and Putin,\" Warner said.",
     "meeting", True),
    ("demanded_absence", "There was no meeting between the two leaders.", "meeting", False),
    ("took_part", "Mr. Kim's announcement came just days before a scheduled summit meeting.", "announcement",
     True),
    ("took_part", "Mrs. Clinton gave a voluntary interview to the bureau during its investigation.",
     "investigation", True),
    ("took_part", "But Mr. Trump's plan met with swift pushback on Tuesday.", "plan", False),
    ("took_part", "The announcement will come just days before the summit.", "announcement", False),
    ("failed_attempt", "Weiner failed in a 2005 bid for the Democratic nomination.", "bid", True),
    ("failed_attempt", "The White House has fought against the bill for months, to no avail.", "fought", True),
    ("failed_attempt", "The charges were a clear attempt at silencing Roger Stone.", "silencing", True),
    ("failed_attempt", "The White House has fought against the bill for months.", "fought", False),
    ("awaited_noun", "\"I look forward to being fully and completely vindicated,\" he said.", "vindicated", True),
    ("awaited_noun", "The White House mobilized the National Guard, threatened prosecution and likened them "
     "to a threat.", "prosecution", True),
    ("awaited_noun", "Graham said he would introduce legislation along the lines of the proposed executive order.",
     "order", True),
    ("awaited_noun", "The White House issued the executive order.", "order", False),
    ("presupposed", "Kim's announcement may simply be a ploy to ensure Trump meets with him.", "announcement",
     True),
    ("presupposed", "He said he would give his blessing to the two Koreas.", "blessing", False),
    ("presupposed", "The announcement may simply be a ploy.", "announcement", False),
    ("conditioned_future", "He said that U.S. intelligence agencies will back up Netanyahu's intel if asked.",
     "back", True),
    ("conditioned_future", "This nation is going to fail if it falls into the hands of a crazy man.", "fail",
     True),
    ("conditioned_future", "U.S. intelligence agencies will back up Netanyahu's intel.", "back", False),
    ("conditioned_future", "If Iran threatens us, they will pay a price like no country has ever paid.",
     "price", False),
    ("plain_negation", "Mr. Moon said the North no longer insisted on the withdrawal of American troops.",
     "insisted", True),
    ("plain_negation", "Mr. Levin said neither Mr. Weiner's office nor any law enforcement authorities "
     "had contacted him.", "contacted", True),
    ("requested_noun", "Mr. Moon said the North no longer insisted on the withdrawal of American troops.",
     "withdrawal", True),
    ("carried_out", "The 2015 deal forced that nation to dismantle its enrichment program.", "dismantle", True),
    ("carried_out", "Mr. Trump praised law enforcement officials for quickly arresting a suspect.", "arresting",
     True),
    ("carried_out", "He would thank the officers for arresting the suspect.", "arresting", False),
    ("carried_out", "The deal did not force Iran to dismantle its program.", "dismantle", False),
    ("carried_out", "They called for the officers to arrest the suspect.", "arrest", False),
    ("requested_noun", "North Korea has long sought a peace treaty with the U.S.", "treaty", True),
    ("awaited_noun", "Senators called on Mr. Trump to cancel his meeting with Mr. Putin.", "meeting", True),
    ("awaited_noun", "Senators called on Mr. Trump to cancel a meeting with Mr. Putin.", "meeting", False),
    ("left_undone", "The bill passed the House without a single no vote.", "vote", True),
    ("left_undone", "The speech was arranged without consulting the White House.", "consulting", True),
    ("left_undone", "Rather than agreeing to disarm, Kim is willing to engage in a process.", "agreeing", True),
    ("left_undone", "It would make them err on the side of surprise rather than a courtesy phone call.",
     "call", False),
    ("left_undone", "The bill passed the House with a single no vote.", "vote", False),
    ("plain_negation", "\"I can definitively say that I did not send this,\" he said.", "send", True),
    ("plain_negation", "The minister said she had never met the lobbyist.", "met", True),
    ("plain_negation",
     "He wasn't working on the bureau's behalf when he met the strategist.", "working", True),
    ("plain_negation", "Israel neither confirms nor denies possessing atomic weapons.", "denies", True),
    ("plain_negation", "Israel neither confirms nor denies possessing atomic weapons.", "confirms", True),
    ("plain_negation", "He did not name the officials, nor did he give the sites.", "give", True),
    # a modal, a demand, a condition's own verb and "not yet" are read elsewhere
    ("plain_negation", "He said he could not process their claims.", "process", False),
    ("plain_negation", "Don't hand another dictator a propaganda victory.", "hand", False),
    ("plain_negation", "There could be other packages not yet intercepted.", "intercepted", False),
    ("plain_negation", "Trump will not attend the summit.", "attend", False),
    ("speculative_modal",
     "Lawmakers said the speech could cause additional strain on the talks.", "strain", True),
    ("speculative_modal",
     "Such a session could compound the misperception of partisanship.", "session", True),
    ("speculative_modal", "The devices might explode and kill bystanders.", "kill", True),
    ("speculative_modal", "The president should cancel the summit.", "cancel", True),
    # a plan, a purpose, a denial and a verb the modal does not govern are read elsewhere
    ("speculative_modal", "The minister will visit Baku next week.", "visit", False),
    ("speculative_modal", "He left on Tuesday so that he could meet the defense secretary.", "meet", False),
    ("speculative_modal", "The court cannot end birthright citizenship.", "end", False),
    ("speculative_modal",
     "We should stand united against their past and planned future attacks.", "attacks", False),
    ("only_possible",
     "The tests showed the country had the range and the prowess to strike the mainland.", "strike", True),
    ("only_possible",
     "His former advisers unanimously supported staying in the trade pact.", "staying", True),
    ("only_possible", "The envoy demanded that the army withdraw its troops.", "withdraw", True),
    # a capacity denied or spent rules the act out; deliberating one's own plan is no advocacy
    ("only_possible",
     "The agency announced that it had exhausted its capacity to handle people without documents.",
     "handle", False),
    ("only_possible", "He did not have the ability to pay the fine.", "pay", False),
    ("only_possible", "He was considering killing the policy by executive order.", "killing", False),
    ("only_possible", "The army withdrew its troops.", "withdrew", False),
    ("intended", "He insisted that he wanted to move on from the incident.", "move", True),
    ("intended", "The committee is already working to secure more testimony.", "secure", True),
    ("intended", "The rebels are ready to talk.", "talk", True),
    # a denied, modal or conditional intention, or an act denied on its own, is read elsewhere
    ("intended", "He did not want to move on.", "move", False),
    ("intended", "He would want to move on.", "move", False),
    ("intended", "If he plans to resign, he will say so.", "resign", False),
    ("intended", "The rebels vowed not to attack the town.", "attack", False),
    ("awaited_noun",
     "The White House has said the talks are supposed to take place in May.", "talks", True),
    ("awaited_noun", "Tuesday is slated for serious policy discussions.", "discussions", True),
    ("awaited_noun", "They met ahead of a day of foreign policy discussions.", "discussions", True),
    ("awaited_noun", "The talks took place in May.", "talks", False),
    ("awaited_noun", "They met after a day of foreign policy discussions.", "discussions", False),
    ("failed_attempt", "The regime has tried and failed to hide the program from the world.", "hide", True),
    ("failed_attempt",
     "Negotiators have failed to bridge the gaps over the sunset clauses.", "bridge", True),
    ("failed_attempt", "He did not fail to mention the deal.", "mention", False),
    ("failed_attempt", "The talks could fail to produce a deal.", "produce", False),
    ("ruled_out",
     "Rice spoke as Netanyahu turned down an invitation to meet privately with Senate Democrats.", "meet", True),
    ("ruled_out", "The minister declined a request for a private meeting.", "meeting", True),
    ("ruled_out",
     "Netanyahu accepted an invitation to meet privately with Senate Democrats.", "meet", False),
    ("ruled_out", "He might turn down an invitation to meet the senators.", "meet", False),
]


@pytest.mark.parametrize(("reading", "text", "word", "applies"), READINGS)
def test_each_guideline_reading_applies_where_the_guideline_says(reading, text, word, applies):
    from claimgraph.nlp.events import status

    assert getattr(status, reading)(_word(text, word)) is applies


@pytest.mark.parametrize(("text", "word", "read", "final"), [
    ("\"I can definitively say that I did not send this,\" he said.", "send", "hypothetical", "negated"),
    ("If they do not pay, we will sue.", "pay", "hypothetical", "hypothetical"),
    ("He insisted that he wanted to move on from the incident.", "move", "hypothetical", "planned"),
    ("Giuliani praised Mueller's office for correcting the false story.", "correcting", "hypothetical",
     "occurred"),
    ("Kim's announcement may simply be a ploy to ensure Trump meets with him.", "announcement", "hypothetical",
     "occurred"),
    ("Obama will not meet Netanyahu ahead of his speech.", "speech", "occurred", "planned"),
    ("The regime has tried and failed to hide the program from the world.", "hide", "negated", "attempted"),
    ("Many lawmakers were reluctant to oppose a measure backed by the families.", "oppose", "planned",
     "negated"),
    ("\"She has committed no crime except to follow me on Twitter.\"", "committed", "hypothetical",
     "negated"),
    ("The director recommended no charges be filed against her.", "filed", "hypothetical", "negated"),
    ("They would offer nothing in return.", "offer", "hypothetical", "hypothetical"),
])
def test_the_guideline_readings_outrank_the_classifier(text, word, read, final):
    from claimgraph.nlp.events.status import guideline_reading

    assert guideline_reading(read, _word(text, word)) == final



@pytest.mark.parametrize(("text", "trigger", "status"), [
    # asked, not asserted
    ("“Come to think of it, does anyone get attacked more than me?” Trump said.", "attacked", "hypothetical"),
    ("Even the president questioned “who alerted CNN to be there?”", "alerted", "hypothetical"),
    # the verb reporting the quoted question, and a statement before a question, are asserted
    ("Even the president questioned “who alerted CNN to be there?”", "questioned", "occurred"),
    ("Police arrested two men on Sunday. Did they act alone?", "arrested", "occurred"),
    ("“They attacked us,” he said, “and why should we forgive them?”", "attacked", "occurred"),
])
def test_an_event_in_a_direct_question_is_hypothetical(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


def test_an_event_noun_a_question_takes_for_given_is_not_asked():
    """MUC-4 TST2-MUC4-0011: the murder happened; the question asks about the relations."""
    from claimgraph.nlp.events.status import asked

    doc = load_nlp()("Following the murder of the Jesuits, who attacked the advisers?")
    words = {t.text: t for t in doc}
    assert not asked(words["murder"])
    doc = load_nlp()("What intention did the general staff have in killing the Jesuits?")
    assert not asked(next(t for t in doc if t.text == "killing"))


def test_a_verb_before_a_colon_that_opens_a_question_is_not_asked():
    from claimgraph.nlp.events.status import asked

    doc = load_nlp()("In his book, Mr. McKinley suggested asking yourself this: would I rather help "
                     "my kid go to college?")
    assert not asked(next(t for t in doc if t.text == "suggested"))


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # the parse hangs "meet" on "backed"; a bare verb goes with the infinitive before it
    ("Trump backed a plan to visit Russia, meet Putin and begin the negotiations.", "meet", "planned"),
    ("Trump backed a plan to visit Russia, meet Putin and begin the negotiations.", "begin", "planned"),
    # a finite verb conjoined to a finite verb keeps its own reading
    ("Police arrested the man and searched his home.", "searched", "occurred"),
])
def test_bare_verbs_of_a_list_of_infinitives_share_its_status(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


def test_the_partner_of_a_misattached_bare_verb_is_the_infinitive():
    from claimgraph.nlp.events.status import conjoined_to

    doc = load_nlp()("Trump backed a plan to visit Russia, meet Putin and begin the negotiations.")
    words = {t.text: t for t in doc}
    assert words["meet"].head.text == "backed"  # the parse this guards against
    assert conjoined_to(words["meet"]).text == "visit"
    assert conjoined_to(words["begin"]).text == "meet"


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # an ability adjective passes the open question on to what it governs
    ("Investigators are still seeking to determine whether they were capable of detonating.",
     "detonating", "hypothetical"),
    ("It is unclear whether he is able to attack the city.", "attack", "hypothetical"),
    # what the question presupposes stays: the assassination happened
    ("They asked whether the bands were responsible for his assassination.", "assassination", "occurred"),
])
def test_whether_reaches_through_an_ability_adjective(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # the actor rules the act out: a denied intention, stopping short, a pledge gone back on
    ("He also affirmed that he does not plan to testify against Trump.", "testify", "negated"),
    ("The company does not intend to sell the plant.", "sell", "negated"),
    ("The senator stopped short of calling on Trump to cancel the summit.", "calling", "negated"),
    ("North Korea has reneged on pledges to give up its nuclear program.", "give", "negated"),
    ("The mayor broke his promise to cut taxes.", "cut", "negated"),
    # the intention itself, undenied, stays planned; the promise was made
    ("The company plans to sell the plant.", "sell", "planned"),
    ("The mayor broke his promise to cut taxes.", "promise", "occurred"),
    ("The rebels broke the ceasefire on Monday.", "ceasefire", "occurred"),
    # a plot broken up is still foiled
    ("Police broke up a plot to bomb the embassy.", "bomb", "foiled"),
])
def test_an_act_its_actor_rules_out_is_negated(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # what a verb ends or undoes exists to be undone, whatever becomes of the undoing
    ("Lawmakers are set to vote to overturn the governor's veto of the budget.", "veto", "occurred"),
    ("The minister urged the rebels to cease their attacks on aid convoys.", "attacks", "occurred"),
    ("The union agreed to drop its strike against the airline.", "strike", "occurred"),
    # a noun with its own schedule keeps it: the undoing is of something still to come
    ("The union agreed to halt the planned strike against the airline.", "strike", "planned"),
])
def test_what_is_undone_has_happened(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


@pytest.mark.parametrize(("text", "trigger"), [
    ("Officials dismissed next week's vote as a formality.", "vote"),
    ("The coming election has divided the party.", "election"),
])
def test_a_noun_with_a_time_ahead_is_planned(text, trigger, status_of):
    assert status_of(text, trigger) == "planned"


def test_coming_in_is_no_schedule():
    doc = load_nlp()("In its first week the film sold well, with the limited edition version coming in at "
                     "number 11.")
    version = next(t for t in doc if t.text == "version")
    assert any(c.text == "coming" for c in version.children)  # the parse this guards against
    assert not scheduled(version)


@pytest.mark.parametrize(("text", "trigger", "status"), [
    # a gerund subject of a modal clause is an act weighed, not done or planned
    ("Arresting the opposition leader would plunge the country into crisis.", "Arresting",
     "hypothetical"),
    ("Bombing the bridge may cut off the rebels' supply line.", "Bombing", "hypothetical"),
    # a scheduled event noun with "will" is no weighed act
    ("The summit will be the third meeting between the two leaders.", "summit", "planned"),
])
def test_an_act_weighed_by_a_modal_is_hypothetical(text, trigger, status, status_of):
    assert status_of(text, trigger) == status


@pytest.mark.parametrize(("text", "word", "none"), [
    ("The minister made no commitment on the pipeline.", "commitment", True),
    ("His lawyer said there was no bribery.", "bribery", True),
    ("The two leaders announced no agreement after the talks.", "agreement", True),
    # a modal keeps a prohibition or a wish hypothetical; a noun without "no" is no such
    ("There should be no negotiation with terrorists.", "negotiation", False),
    ("The minister made a commitment on the pipeline.", "commitment", False),
])
def test_a_noun_no_says_there_was_none_of(text, word, none):
    from claimgraph.nlp.events.status import none_such

    assert none_such(_word(text, word)) is none


def test_none_such_is_negated_in_the_record(status_of):
    assert status_of("The minister made no commitment on the pipeline, leaving it unclear whether "
                     "the project will go ahead.", "commitment") == "negated"
