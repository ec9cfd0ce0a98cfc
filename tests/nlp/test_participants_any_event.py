"""Participants for every event, learned or from the lexicon, on hand-written sentences.

Each case names a trigger and the (role, name) pairs its event must carry: described things
and groups are participants too ("the bill", "both chambers"), partners after "with",
recipients after "to", objects of gerunds and light verbs, "I" inside a quote.
"""

from __future__ import annotations

import pytest

from claimgraph.api import analyze


def _parts(text: str, trigger: str) -> list[tuple[str, str, str]]:
    rec = analyze(text).to_dict()
    names = {e["id"]: (e["name"], e["type"]) for e in rec["entities"]}
    for ev in rec["events"]:
        if ev["trigger"]["text"] == trigger:
            return [(p["role"], *names[p["entity"]]) for p in ev["participants"]]
    raise AssertionError(f"no event on {trigger!r}: {[e['trigger']['text'] for e in rec['events']]}")


def _has(parts: list[tuple[str, str, str]], role: str, name: str) -> bool:
    roles = {"target": {"target", "recipient"}}.get(role, {role})
    return any(r in roles and name.lower() in n.lower() for r, n, _ in parts)


CASES = [
    ("But their efforts come after both chambers overwhelmingly passed the bill.", "passed",
     [("actor", "both chambers"), ("target", "the bill")]),
    ("Israel's European allies have urged the Trump administration not to abandon the agreement.",
     "abandon", [("actor", "the Trump administration"), ("target", "the agreement")]),
    ("Trump is also expected to meet with Kim in May or early June.", "meet",
     [("actor", "Trump"), ("target", "Kim")]),
    ("He won't be chipping in for any part of Donald Trump's proposed wall.", "chipping",
     [("target", "wall")]),
    ("Trump has threatened to pull out of the agreement in the coming weeks.", "pull",
     [("actor", "Trump"), ("target", "the agreement")]),
    ("Michael T. Flynn pleaded guilty on Friday to lying to the F.B.I.", "lying",
     [("actor", "Flynn"), ("target", "F.B.I.")]),
    ("The president said he felt very badly for Mr. Flynn, whom he fired in February.", "fired",
     [("target", "Flynn")]),
    ("Senator Biden made a veiled attack on Obama.", "attack",
     [("actor", "Biden"), ("target", "Obama")]),
    ("Iran has made no attempt to acquire nuclear weapons, the agency said.", "acquire",
     [("actor", "Iran"), ("target", "nuclear weapons")]),
    ("Iran warned that it might resume its nuclear activities.", "resume",
     [("actor", "Iran"), ("target", "nuclear activities")]),
    ("\"There was a good chance that I wouldn't have won,\" President Trump said.", "won",
     [("actor", "Trump")]),
    # control: a relative pronoun's antecedent, a subject past a non-agent object or a
    # purpose clause, the owner of a "program to"
    ("Pompeo prepared talks between Donald Trump and Kim Jong Un, who plan to discuss the program.",
     "discuss", [("actor", "Kim")]),
    ("The 150 migrants spent the night outside, waiting to present their claims to officials.",
     "present", [("actor", "migrants")]),
    ("Officials said Iran currently had an active program to manufacture a nuclear weapon.",
     "manufacture", [("actor", "Iran"), ("target", "a nuclear weapon")]),
    ("The cartel sent two gunmen to kill the judge.", "kill",
     [("actor", "gunmen"), ("target", "the judge")]),
    # a light verb's "into" phrase; a passive gerund's patient from the governing clause
    ("The Capitol Police have not opened an investigation into the matter.", "investigation",
     [("actor", "Capitol Police"), ("target", "the matter")]),
    ("The vice president paid a visit to Mexico City for the summit.", "visit",
     [("actor", "vice president"), ("target", "Mexico City")]),
    # a possessive pronoun is the last fitting name before it, not the clause's subject
    ("Obama has said he will not meet with Netanyahu ahead of his speech in March.", "speech",
     [("actor", "Netanyahu")]),
    ("Stone was taken into custody after being indicted by a federal grand jury.", "indicted",
     [("actor", "grand jury"), ("target", "Stone")]),
    # a dateline the parse takes for the subject is no actor: its apposition is
    ("WASHINGTON — Representative Anthony D. Weiner, trying to put to rest a bizarre episode, "
     "emphatically denied on Wednesday that he had sent a photograph.", "denied",
     [("actor", "Anthony D. Weiner")]),
    ("WASHINGTON — Representative Anthony D. Weiner, trying to put to rest a bizarre episode, "
     "emphatically denied on Wednesday that he had sent a photograph.", "put", [("actor", "Weiner")]),
    # plotters, not the police who stopped them
    ("Police arrested three men suspected of planning to bomb a synagogue.", "bomb", [("actor", "three men")]),
    ("Police foiled a plot by the Quds Force to kill a rabbi.", "kill", [("actor", "Quds Force")]),
    # the object of "on", "to", "through" when no rule gave a target
    ("Agents with rifles were banging on the senator's door before dawn.", "banging",
     [("actor", "Agents"), ("target", "the senator's door")]),
    ("She said returning to El Salvador would be worse.", "returning", [("target", "El Salvador")]),
    ("Several of the packages went through a postal facility in Opa-locka.", "went",
     [("target", "a postal facility")]),
    # both sides of "between" do the thing
    ("The CIA director prepared the ground for talks between President Trump and Kim Jong Un.",
     "talks", [("actor", "Trump"), ("actor", "Kim")]),
    # a pronoun object is not its own clause's subject, nor the controller's (binding)
    ("Obama met Netanyahu. He told him to leave the meeting.", "leave", [("actor", "Netanyahu")]),
    ("Obama met Netanyahu and urged him to stop the settlements.", "stop",
     [("actor", "Netanyahu"), ("target", "the settlements")]),
    # an event noun's "from" names who acts, unless the noun moves away from something
    ("The FBI opened an inquiry after a request from the Justice Department.", "request",
     [("actor", "Justice Department")]),
    # what a phrase on the verb's object names is acted on too
    ("Trump said the FBI ruined the life of his former national security adviser.", "ruined",
     [("target", "national security adviser")]),
    ("Administration officials voiced concerns about the visit.", "voiced", [("target", "the visit")]),
    ("Democrats urged Trump to cancel the meeting with Putin.", "cancel",
     [("target", "the meeting"), ("target", "Putin")]),
]


def test_a_purpose_clause_is_not_done_by_the_object():
    parts = _parts("The senator made a secret visit to Seoul to prepare the summit.", "prepare")
    assert not _has(parts, "actor", "visit"), parts
    parts = _parts("North Korea is putting pressure on the United States to accept a deal.", "accept")
    assert not _has(parts, "actor", "pressure"), parts


@pytest.mark.parametrize("text,trigger,expected", CASES, ids=[c[1] for c in CASES])
def test_participants_of_any_event(text, trigger, expected):
    parts = _parts(text, trigger)
    for role, name in expected:
        assert _has(parts, role, name), (role, name, parts)


def test_described_things_are_unnamed_objects():
    parts = _parts("But their efforts come after both chambers overwhelmingly passed the bill.", "passed")
    assert ("target", "the bill", "OBJECT") in parts
    assert ("actor", "both chambers", "ORG") in parts


def test_dates_and_plans_are_never_participants():
    # "on Monday" is a date; "the promise" is what recruited him, not who assassinates
    parts = _parts("The senators will vote on Monday.", "vote")
    assert not any("monday" in n.lower() for _, n, _ in parts), parts
    text = ("Aslanov was recruited by the Quds Force with the promise of $200,000 to "
            "assassinate Rabbi Segal.")
    assert not any("promise" in n for _, n, _ in _parts(text, "recruited")), _parts(text, "recruited")
    assert not any("promise" in n for _, n, _ in _parts(text, "assassinate"))


def test_a_plot_is_not_its_own_plotter():
    parts = _parts("There was a plot to assassinate the rabbi.", "assassinate")
    assert not any(r == "actor" for r, _, _ in parts), parts
    assert _has(parts, "target", "rabbi")


def test_a_dateline_is_nobodys_actor():
    text = ("WASHINGTON — Representative Anthony D. Weiner, trying to put to rest a bizarre episode, "
            "emphatically denied on Wednesday that he had sent a photograph.")
    for trigger in ("denied", "put"):
        assert not any(n == "WASHINGTON" for _r, n, _t in _parts(text, trigger)), _parts(text, trigger)


def test_the_thwarters_are_not_the_plotters():
    parts = _parts("Security forces thwarted an Iranian plot to kill a rabbi in Baku.", "kill")
    assert not any(r == "actor" and "Security" in n for r, n, _t in parts), parts


def test_an_indefinite_pronoun_is_an_unnamed_person_each_time():
    """"somebody hacked ... and someone else sent": two unnamed people, never merged."""
    rec = analyze("The congressman said somebody hacked into his account, and that someone "
                  "then sent the photo to a student.").to_dict()
    names = {e["id"]: e for e in rec["entities"]}
    actors = {}
    for ev in rec["events"]:
        for p in ev["participants"]:
            if p["role"] == "actor":
                actors[ev["trigger"]["text"]] = names[p["entity"]]
    assert actors["hacked"]["name"] == "somebody" and actors["hacked"]["type"] == "PERSON"
    assert not actors["hacked"]["named"]
    assert actors["sent"]["name"] == "someone"
    assert actors["hacked"]["id"] != actors["sent"]["id"]


def test_what_an_event_noun_moves_away_from_is_not_its_actor():
    parts = _parts("His resignation from Google surprised investors.", "resignation")
    assert not _has(parts, "actor", "Google")


def test_an_aim_is_no_actor_its_owner_is():
    parts = _parts("The rebels crossed the river at night. Their mission was to destroy the bridge.", "destroy")
    assert _has(parts, "actor", "rebels")
    assert not _has(parts, "actor", "mission")
    parts = _parts("Russia's aim is to divide the alliance, the minister said.", "divide")
    assert not _has(parts, "actor", "aim") and _has(parts, "actor", "Russia")


def test_they_is_the_group_the_sentence_names_before_it_not_a_person():
    text = ("Vice President Joe Biden will be abroad. And more than a half-dozen House and Senate "
            "Democrats also have said they will skip the event.")
    parts = _parts(text, "skip")
    assert _has(parts, "actor", "Democrats") and not _has(parts, "actor", "Biden"), parts
    text = ("President Obama vetoed the bill. Family members of the victims have pushed for such a "
            "measure for years, and they have pressured members of Congress.")
    parts = _parts(text, "pressured")
    assert _has(parts, "actor", "Family members") and not _has(parts, "actor", "Obama"), parts


def test_he_inside_a_quotation_is_not_its_speaker():
    text = ('Anthony Weiner spoke to reporters on Tuesday. "If someone heckled in the back, I '
            'would not spend three days talking to him," Weiner said.')
    parts = _parts(text, "talking")
    assert not _has(parts, "target", "Weiner"), parts


def test_a_gerund_after_a_preposition_of_time_or_means_is_the_subjects():
    parts = _parts("Comey called her actions extremely careless without recommending criminal charges.",
                   "recommending")
    assert _has(parts, "actor", "Comey") and not _has(parts, "actor", "actions"), parts
    parts = _parts("After signing the nuclear deal in 2015, Iran intensified its efforts to hide its files.",
                   "signing")
    assert _has(parts, "actor", "Iran"), parts
    parts = _parts("The president, without offering specifics, said his rival lied many times.", "offering")
    assert _has(parts, "actor", "president"), parts
    # a complement's gerund stays the object's: "accused Cohen of lying"
    parts = _parts("Trump accused Cohen of lying to reduce his jail time.", "lying")
    assert _has(parts, "actor", "Cohen"), parts


def test_a_possessor_beside_an_of_object_is_the_actor():
    parts = _parts("The FBI's arrest of Roger Stone prompted criticism.", "arrest")
    assert _has(parts, "actor", "FBI") and _has(parts, "target", "Roger Stone"), parts
    assert not _has(parts, "target", "FBI"), parts
    parts = _parts("Police said his arrest was not a surprise.", "arrest")
    assert not _has(parts, "actor", "his"), parts


def test_a_body_described_after_from_is_the_actor():
    parts = _parts("Despite last-ditch warnings from the Obama administration, the Senate voted.", "warnings")
    assert _has(parts, "actor", "Obama administration"), parts


def test_the_members_named_after_including_take_part_too():
    parts = _parts("Some Republicans, including Ryan, quickly rejected Trump's idea.", "rejected")
    assert _has(parts, "actor", "Republicans") and _has(parts, "actor", "Ryan"), parts
    parts = _parts("Flynn misled the transition team, including Mike Pence, about his contacts.", "misled")
    assert _has(parts, "target", "transition team") and _has(parts, "target", "Mike Pence"), parts


def test_the_phrase_on_an_adjective_the_verb_takes_names_the_target():
    parts = _parts("Roger Stone said he would plead not guilty to the charges.", "plead")
    assert _has(parts, "target", "the charges"), parts


@pytest.mark.parametrize(("text", "trigger", "role", "name", "not_name"), [
    # an object "it" is the thing named before, not the last person or place
    ("Two years later and still bashing the agreement, Trump is now on track to end it next month.",
     "end", "target", "agreement", "Trump"),
    ("Just because Kim closes his nuclear testing area doesn't mean he can't open it back up again.",
     "open", "target", "testing area", "Kim"),
    ("Reid later apologized for his stance in California and reversed it in 1999.",
     "reversed", "target", "stance", "California"),
    # who is called on or pressed to act acts; a verb of one's own act passes its subject on
    ("Leading Democrats called Friday for President Trump to cancel his meeting with Putin.",
     "cancel", "actor", "Trump", "Democrats"),
    ("North Korea is putting pressure on the United States to accept a deal.", "accept",
     "actor", "United States", "North Korea"),
    ("Fifteen of the hijackers were Saudi citizens, but the Saudi government denies any role in the attacks.",
     "role", "actor", "Saudi government", "hijackers"),
])
def test_each_rule_gives_its_participant_and_not_the_nearer_one(text, trigger, role, name, not_name):
    parts = _parts(text, trigger)
    assert _has(parts, role, name) and not _has(parts, role, not_name), parts


def test_a_definite_event_noun_takes_up_who_the_first_report_named():
    text = ("Mike Pompeo met Kim Jong Un in Pyongyang over Easter weekend. "
            "Officials said the meeting lasted more than an hour.")
    parts = _parts(text, "meeting")
    assert _has(parts, "actor", "Pompeo") and _has(parts, "target", "Kim"), parts
    # an indefinite one is another event and names nobody by this rule
    text = ("Mike Pompeo met Kim Jong Un in Pyongyang over Easter weekend. "
            "Officials said a meeting of ministers would follow.")
    assert not _has(_parts(text, "meeting"), "actor", "Pompeo")


@pytest.mark.parametrize(("text", "trigger", "actor"), [
    ('France and Britain disagree on trade. French President Emmanuel Macron said: "Together, we '
     'will build a new strong multilateralism."', "build", "France"),
    ('"While we won\'t comment on individual accounts, news reports are a good reminder," a Twitter '
     'spokesman said.', "comment", "Twitter"),
    ('Ben Smith, a spokesman for BuzzFeed, said "we urge the special counsel to say more."', "urge", "BuzzFeed"),
])
def test_we_in_a_quotation_is_the_body_its_speaker_speaks_for(text, trigger, actor):
    parts = _parts(text, trigger)
    assert _has(parts, "actor", actor), parts
    assert not any(r == "actor" and t == "PERSON" for r, _n, t in parts), parts


@pytest.mark.parametrize(("text", "trigger", "thing"), [
    ("Mr. Cohen told lawmakers that the negotiations ended in January 2016.", "ended", "negotiations"),
    ("The House voted to override the veto, causing the bill to become law.", "become", "bill"),
])
def test_a_thing_that_ends_or_becomes_is_what_the_event_happens_to(text, trigger, thing):
    parts = _parts(text, trigger)
    assert _has(parts, "target", thing) and not _has(parts, "actor", thing), parts


@pytest.mark.parametrize(("text", "trigger", "role", "name"), [
    # a counted group is the group; law enforcement is a body
    ("More than 150 of the participants marched to the gate on Sunday.", "marched", "actor", "participants"),
    ("Hundreds of migrants in the caravan crossed the border on Sunday.", "crossed", "actor", "migrants"),
    ("When law enforcement arrested Sayoc on Friday, they also seized a van.", "arrested", "actor",
     "law enforcement"),
    # a verb without an object acts on its verbal complement's object
    ("The House voted later on Wednesday to override the veto.", "voted", "target", "veto"),
    ("North Korea had already stopped testing its weapons.", "stopped", "target", "weapons"),
    # what interference or a look is aimed at
    ("Mueller's team is investigating alleged Russian interference in the 2016 election.",
     "interference", "target", "2016 election"),
    ("He asked a law firm to take a hard look at the incident.", "look", "target", "incident"),
    # who acts in a sentence takes part in the gathering it is set in
    ("In a joint press conference at the White House on Tuesday, Trump doubled down on his comments.",
     "conference", "actor", "Trump"),
])
def test_each_rule_gives_its_participant(text, trigger, role, name):
    parts = _parts(text, trigger)
    assert _has(parts, role, name), parts


def test_what_a_clause_is_about_is_the_target_of_the_verb_that_takes_it():
    parts = _parts("President Trump vowed Wednesday that birthright citizenship will end.", "vowed")
    assert _has(parts, "target", "birthright citizenship") and _has(parts, "actor", "Trump"), parts
    parts = _parts("Last October, he refused to certify that Iran was in compliance.", "certify")
    assert _has(parts, "target", "Iran"), parts


def test_he_is_never_a_plural_noun_before_it():
    text = ("Anthony Weiner said on Tuesday that the photo was a prank. The story spread quickly. "
            "As reporters continued to ask him for several minutes whether he sent the image, the "
            "exchange became heated.")
    parts = _parts(text, "sent")
    assert not _has(parts, "actor", "reporters"), parts
    assert _has(parts, "actor", "Weiner"), parts


@pytest.mark.parametrize(("text", "trigger", "role", "name"), [
    # a participle describing a noun is that noun's act, named or described
    ("A SWAT team, searching the house, scared his wife.", "searching", "actor", "SWAT team"),
    ("The special counsel investigating Russian interference disputed the report.", "investigating",
     "actor", "special counsel"),
    # a relative pronoun's antecedent controls the verb its clause governs
    ("Vice President Joseph R. Biden Jr., who would be expected to attend, has said he will be traveling.",
     "attend", "actor", "Biden"),
    ("CNN, which happened to be staking out Stone's home, posted video of the arrest.", "staking",
     "actor", "CNN"),
    # ... and carries out the event its object names; a description beside a name stands for it
    ("Salman Abedi, the British-Libyan who carried out the concert bombing, was known to police.",
     "bombing", "actor", "Salman Abedi"),
    ("Police said someone committed a prank on the internet.", "prank", "actor", "someone"),
    # a passive's agent does the gerund of means or time, not the thing done
    ("The speech was arranged by Mr. Boehner without consulting the White House.", "consulting",
     "actor", "Boehner"),
    # "accused of hacking emails", parsed as if "hacking" described the emails
    ("Twelve Russian intelligence officers are accused of hacking emails from the campaign.", "hacking",
     "actor", "Russian intelligence officers"),
    # the owner of a noun does the gerund after it; a statement's participle is its issuer's act
    ("President Trump has stood by his comments about building a border wall.", "building", "actor",
     "Trump"),
    ("President Trump said he appreciates special counsel Robert Mueller releasing a statement "
     "disputing parts of a report.", "disputing", "actor", "Mueller"),
    # an invitation's infinitive is the invitee's act
    ("Rice spoke as Netanyahu turned down an invitation to meet privately with Senate Democrats.",
     "meet", "actor", "Netanyahu"),
    # a name no tagger typed is a thing the event acts on
    ("On the campaign trail, he repeatedly promised he would repeal Obamacare.", "repeal", "target",
     "Obamacare"),
    # what is left behind, what one is offered or faces, what a bare relative clause leaves out
    ("Mr. Moon said the North no longer insisted on the withdrawal of American troops from the "
     "Korean Peninsula.", "withdrawal", "target", "Korean Peninsula"),
    ("Mr. Netanyahu accepted an invitation from Speaker Boehner.", "invitation", "target", "Netanyahu"),
    ("Mr. Pompeo, who is awaiting confirmation as secretary of state, met Kim.", "confirmation", "target",
     "Pompeo"),
    ("Kim plans to destroy the missiles North Korea has developed.", "developed", "target", "missiles"),
    ("He does not know the college student the image was sent to.", "sent", "target", "college student"),
    ("Barr appeared at his hearing this week to become attorney general.", "become", "target",
     "attorney general"),
    ("Weiner failed in a 2005 bid for the Democratic nomination.", "bid", "target", "nomination"),
    # a run of names the parse broke: the name before the verb acts on the phrase after it
    ("BuzzFeed's report said President Donald Trump directed attorney Michael Cohen to lie to Congress.",
     "directed", "actor", "Trump"),
    # an event noun led by someone is theirs (an address "carried" by networks is only broadcast)
    ("The indictment is part of an open investigation led by Robert S. Mueller III, the special counsel.",
     "investigation", "actor", "Mueller"),
    # indictments, firings, confirmations are done to their possessor
    ("Flynn's indictment, however, makes it difficult for the president to distance himself.",
     "indictment", "target", "Flynn"),
    # a people by its plural is a group; an attack's victims are those its clauses name
    ("Trump claimed Republicans are often attacked for supporting him.", "attacked", "target",
     "Republicans"),
    ("Families are still seeking justice 15 years after the attacks that killed nearly 3,000 people.",
     "attacks", "target", "3,000 people"),
    ("Ted Kaczynski killed 3 people and injured 23 in bombings between 1978 and 1995.", "bombings", "actor",
     "Kaczynski"),
    ("Ted Kaczynski killed 3 people and injured 23 in bombings between 1978 and 1995.", "bombings", "target",
     "3 people"),
    # an object's infinitive is done by whoever has the object
    ("A group of senators pledged to find ways to improve the measure.", "improve", "actor",
     "group of senators"),
    # "to" parsed as a dative; an object that completes the verb leaves the target to its phrase
    ("A suspect was arrested over the rash of suspicious packages sent to prominent Democrats.", "sent",
     "target", "Democrats"),
    ("He also took aim at former Senate Democratic Leader Harry Reid.", "took", "target", "Reid"),
    ("The indictment made no mention of whether Mr. Trump played a role in the coordination.", "played",
     "target", "coordination"),
    ("The migrants waited to present their claims to U.S. immigration officials.", "present", "target",
     "immigration officials"),
    # "they" is the last sentence's plural subject when its own sentence names none
    ("The 150 migrants spent the night outside, waiting to present their claims to U.S. immigration "
     "officials. By Monday morning, they had yet to speak to immigration officials.", "speak", "actor",
     "150 migrants"),
])
def test_each_rule_of_the_tenth_session_gives_its_participant(text, trigger, role, name):
    parts = _parts(text, trigger)
    assert _has(parts, role, name), parts


@pytest.mark.parametrize(("text", "trigger", "role", "name", "not_name"), [
    # a participle clause rides on its head's subject, so its pronoun object is somebody else
    ("Vicente Fox spoke on Monday. Mr. Fox was clear in his opposition to Mr. Trump, calling him "
     "egocentric.", "calling", "target", "Trump", "Fox"),
    # "they" is the people named before, not the things; a relative pronoun's antecedent counts
    ("29 FBI agents arrived at my home with 17 vehicles, with lights flashing, when they could have "
     "contacted my lawyer.", "contacted", "actor", "FBI agents", "lights"),
    ("Many lawmakers were reluctant to oppose a measure backed by 9/11 families who say they are still "
     "seeking answers.", "seeking", "actor", "families", "lawmakers"),
    # an "it" never stands for the noun whose phrase holds it
    ("Despite an expectation that Congress would override the veto, the White House made a last-ditch "
     "attempt to fight it.", "fight", "target", "veto", "attempt"),
])
def test_each_binding_rule_gives_its_participant_and_not_the_other(text, trigger, role, name, not_name):
    parts = _parts(text, trigger)
    assert _has(parts, role, name) and not _has(parts, role, not_name), parts


def test_a_reflexive_is_its_clauses_subject_not_the_last_name():
    parts = _parts("Flynn's indictment, however, makes it difficult for the president to distance himself.",
                   "distance")
    assert _has(parts, "actor", "president") and not _has(parts, "target", "Flynn"), parts


def test_an_object_infinitive_does_not_bind_its_pronoun_to_who_has_the_object():
    parts = _parts("The White House made a last-ditch attempt to fight it.", "fight")
    assert _has(parts, "actor", "White House") and not _has(parts, "target", "White House"), parts


@pytest.mark.parametrize(("text", "trigger", "name", "absent"), [
    # named members in apposition outrank the people they belong to
    ("The two Italians, Roberto Roascio of Milan and Mario Accurso of Rome, were taken hostage from "
     "the work site.", "taken", "Roascio", "Italians"),
    # what a verb of use takes is the means, never the one who acts with it
    ("The prisoners seized about 90 carbines and much ammunition, which they immediately used to "
     "attack the security guards.", "attack", "security guards", "ammunition"),
])
def test_members_and_means_are_not_taken_for_the_group_or_the_doer(text, trigger, name, absent):
    names = [n.lower() for _, n, _ in _parts(text, trigger)]
    assert any(name.lower() in n for n in names) and not any(absent.lower() in n for n in names), names


@pytest.mark.parametrize(("text", "trigger", "role", "name"), [
    # a participle conjoined to a passive shares its subject, and the gerund after it is theirs
    ("Two officials were charged with lying to investigators and accused of destroying evidence.",
     "accused", "target", "Two officials"),
    ("Two officials were charged with lying to investigators and accused of destroying evidence.",
     "destroying", "actor", "Two officials"),
    # an adverb between the preposition and a gerund parsed as an adjective changes nothing
    ("A dozen Russian intelligence officers were indicted for allegedly hacking party emails.",
     "hacking", "actor", "Russian intelligence officers"),
    # a chorus, a handful, a dozen of someone: the someone
    ("Ms. Feinstein joined a chorus of her Democratic colleagues in threatening serious action.",
     "threatening", "actor", "Democratic colleagues"),
    ("Ms. Feinstein joined a chorus of her Democratic colleagues in threatening serious action.",
     "threatening", "actor", "Feinstein"),
    # "its" on an event noun with no named body before it: the body described in the sentence
    ("Mrs. Clinton gave a voluntary interview to the bureau during its investigation.",
     "investigation", "actor", "bureau"),
    # a list of senators the parse broke at a bracket is still a list
    ("Sen. John McCain (R-Ariz.), Senate Minority Leader Chuck Schumer (D-N.Y.) and 18 members of "
     "the House Foreign Affairs Committee called on President Donald Trump to cancel the meeting.",
     "called", "actor", "Schumer"),
    ("Sen. John McCain (R-Ariz.), Senate Minority Leader Chuck Schumer (D-N.Y.) and 18 members of "
     "the House Foreign Affairs Committee called on President Donald Trump to cancel the meeting.",
     "called", "actor", "18 members"),
    # a quantity with nothing after "of" does not act: who musters it does
    ("Lawmakers in both chambers needed to muster a two-thirds majority to override.", "override",
     "actor", "Lawmakers"),
    # a relative pronoun's antecedent does the gerund ("fired for lying": Flynn, not the firer)
    ("The president said he felt badly for Mr. Flynn, whom he fired in February for lying to the "
     "vice president.", "lying", "actor", "Flynn"),
    # the main verb the parse hung on its subject after a relative clause
    ("Mr. Trump, who has been criticized for lacing his speeches with profanity, called on Mr. Fox "
     "to apologize.", "called", "actor", "Trump"),
    # the gerund after an infinitive with no subject: whoever does the infinitive
    ("Mr. Trump called on Mr. Fox to apologize for using foul language.", "using", "actor", "Fox"),
    # a relative object pronoun of an infinitive: the noun the clause describes
    ("It would punish the children of undocumented immigrants, whom Trump has vowed to remove.",
     "remove", "target", "undocumented immigrants"),
    # a demand's "that" clause names whom it is made of
    ("North Korea agreed to drop its demand that the U.S. withdraw its troops.", "demand", "target",
     "U.S."),
    # charges one is arrested on are against the one arrested
    ("Roger Stone was arrested early Friday on criminal charges.", "charges", "target", "Roger Stone"),
    # what one stays in or withdraws from, when it is no place
    ("Mr. Macron has urged Mr. Trump to stay in the deal.", "stay", "target", "the deal"),
    ("Rouhani warned there would be consequences if the U.S. withdraws from the nuclear agreement.",
     "withdraws", "target", "nuclear agreement"),
    # "called for X to do": asked of X; "some on the committee": the committee's members
    ("Some on the committee also called for Mr. Trump to cancel the Monday session.", "called", "target",
     "Trump"),
    ("Some on the committee also called for Mr. Trump to cancel the Monday session.", "called", "actor",
     "committee"),
    # "..., as did Y": Y does it too
    ("Some on the committee called for Mr. Trump to cancel the session, as did Representative Adam B. "
     "Schiff of California and Senator Dianne Feinstein.", "called", "actor", "Feinstein"),
    # a stance, an aim or an attempt stated by a verb is its subject's
    ("Mr. Trump signaled more optimism about brokering a nuclear accord with North Korea.", "brokering",
     "actor", "Trump"),
    ("Envoys from the South traveled to Pyongyang with the aim of forging a dialogue with the U.S.",
     "forging", "actor", "Envoys"),
    ("In an attempt to deter them, Trump mobilized the National Guard.", "deter", "actor", "Trump"),
])
def test_each_rule_of_the_eleventh_session_gives_its_participant(text, trigger, role, name):
    parts = _parts(text, trigger)
    assert _has(parts, role, name), parts


def test_a_list_member_is_not_a_title_of_the_first_person():
    # "a lawyer and writer" describes John Smith: no second actor
    parts = _parts("John Smith, a lawyer and writer, sued the city.", "sued")
    assert [n for r, n, _ in parts if r == "actor"] == ["John Smith"], parts


def test_a_gerund_parsed_as_an_adjective_is_not_part_of_the_name_of_its_object():
    parts = _parts("A dozen Russian intelligence officers were indicted for allegedly hacking party emails.",
                   "hacking")
    assert ("target", "party emails") in [(r, n) for r, n, _ in parts], parts


def test_staying_in_a_place_is_no_target():
    parts = _parts("The migrants will stay in Tijuana until Monday.", "stay")
    assert not [n for r, n, _ in parts if r in {"target", "recipient"}], parts


def test_in_order_to_is_no_one_elses_aim():
    parts = _parts("Trump accused Cohen of lying to the special counsel in order to reduce his jail time.",
                   "reduce")
    assert not any(r == "actor" and "Trump" in n for r, n, _ in parts), parts


@pytest.mark.parametrize(("text", "trigger", "name"), [
    # what one moves on from, lines up behind, testifies before; the members after "including"
    ("He insisted that he wanted to move on from the incident.", "move", "incident"),
    ("A number of Democrats lined up behind Mr. Schumer.", "lined", "Schumer"),
    ("Comey testified before the Senate on Thursday.", "testified", "Senate"),
    ("He said he had misled the transition team, including then Vice President-elect Mike Pence.", "misled",
     "Mike Pence"),
])
def test_what_a_verbs_preposition_names_is_its_target(text, trigger, name):
    parts = _parts(text, trigger)
    assert _has(parts, "target", name), parts


def test_the_one_distracted_is_the_target_not_what_he_is_distracted_from():
    parts = _parts("He said he would not allow the incident to distract him from his job.", "distract")
    assert not _has(parts, "target", "job"), parts


def test_a_host_of_people_is_the_people_but_the_host_of_a_summit_is_a_person():
    assert _has(_parts("The bombs were sent to a host of Democrats.", "sent"), "target", "Democrats")
    parts = _parts("The host of the summit, Emmanuel Macron, welcomed the leaders.", "welcomed")
    assert _has(parts, "actor", "Macron") and not _has(parts, "actor", "summit"), parts


@pytest.mark.parametrize(("text", "trigger", "role", "name"), [
    # one is in what one does: "be in talks with", "was in breach of", "remain in control of"
    ("Nanjing Auto is in negotiations with Rover to take a stake in the venture.", "negotiations",
     "actor", "Nanjing Auto"),
    ("An arbitration panel found that the United States was in breach of the agreement.", "breach",
     "actor", "United States"),
    # the one a charge names did the offence, in the charge's telling
    ("Eight protesters have been charged with disorderly conduct.", "conduct", "actor", "protesters"),
    ("Mr. Stone was charged with seven counts of obstruction and making false statements.",
     "obstruction", "actor", "Stone"),
    ("The former mayor was convicted of bribery.", "bribery", "actor", "mayor"),
    ("Roger Stone was arrested on criminal charges that include obstruction.", "obstruction", "actor",
     "Stone"),
    # a verb with no complement of its own shares the object of the verb conjoined right after it
    ("Police arrested and charged the man on Friday.", "arrested", "target", "the man"),
    ("Officials condemned and investigated the bombing.", "condemned", "target", "bombing"),
    # a verb with its own object keeps it
    ("Police arrested the suspect and charged him.", "arrested", "target", "suspect"),
])
def test_a_role_the_parse_hangs_elsewhere(text, trigger, role, name):
    parts = _parts(text, trigger)
    assert _has(parts, role, name), parts


@pytest.mark.parametrize(("text", "trigger", "actor", "not_actor"), [
    ("Police shot the gunman outside the mall, killing him.", "killing", "Police", "gunman"),
    ("The ministers have been tracking the convoy for days, calling it a provocation.", "calling",
     "ministers", "convoy"),
    ("The studio bought the rival company, creating the largest group in the industry.", "creating",
     "studio", "company"),
    # an infinitive after an object stays the object's ("urged Iran to stop")
    ("The ministers urged Iran to stop the tests.", "stop", "Iran", "ministers"),
    # words of a quotation the clause opens describe its object
    ("He described the senator as “desperate, jumping in all the time.”", "jumping", "senator", None),
])
def test_a_participle_beside_its_clause_is_the_subjects_act(text, trigger, actor, not_actor):
    """A present participle set beside its clause with a comma has the clause's subject for
    its doer, not the clause's object ("shot the gunman, killing him": the police kill)."""
    parts = _parts(text, trigger)
    assert _has(parts, "actor", actor), parts
    if not_actor is not None:
        assert not _has(parts, "actor", not_actor), parts


def test_an_instrument_leaves_the_target_of_another_preposition_open():
    parts = _parts("The film depicts a dirty bomb attack on the City of London.", "attack")
    assert _has(parts, "instrument", "bomb") and _has(parts, "target", "London"), parts
