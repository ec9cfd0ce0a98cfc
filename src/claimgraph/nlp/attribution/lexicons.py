"""The attribution lexicons: general English news vocabulary (reporting verbs, source and
document nouns, hedges, modals of obligation and speculation), plain frozensets looked up
per token, not tuned to any one article; and :func:`modal_misread`, the check that a
"modal" before a past form is a misread word.
"""

from __future__ import annotations

from spacy.tokens import Token

#: Verbs that introduce reported content whatever their subject ("X said that ...").
SPEECH_VERBS = frozenset(
    """
    say tell report state claim announce add note confirm deny insist affirm declare assert
    allege write explain warn accuse acknowledge admit argue contend maintain stress
    emphasize emphasise reiterate respond reply comment remark tweet testify disclose
    predict promise vow pledge threaten urge demand complain concede boast recall mention
    estimate speculate believe think feel hope fear expect doubt learn hear cite quote
    agree disagree criticize criticise praise charge blame dismiss brief inform assure advise
    recommend propose ask question observe conclude counter retort wonder worry caution
    contend repeat answer suspect guess imagine decry lament condemn acknowledge announce
    insinuate hint signal forecast project calculate reckon recount describe characterize
    characterise label dub call mention echo propose endorse express""".split()
)


#: Verbs whose passive reports without naming who reports: "it was reported that ...", "is
#: alleged to have ...", and accusations: "was charged with murder", "has been accused of
#: fraud" (an offence named in a charge is the charge's allegation, not the writer's fact;
#: PolNeAR marks these as attributions without a source).
_SOURCELESS_PASSIVES = frozenset({"report", "say", "claim", "allege", "believe", "think", "expect", "ask",
                                  "accuse", "charge"})


#: The preposition that names the offence of an accusation: "accused of", "charged with".
_OFFENCE_PREP = {"accuse": "of", "charge": "with"}


#: Verbs that report only with a source-like subject ("Its timing suggests" is no source).
WEAK_VERBS = frozenset(
    """
    suggest show indicate demonstrate prove reveal imply mean find point know see
    understand realize realise recognize recognise""".split()
)


#: Verbs whose direct object may be the content ("denied the allegations").
OBJECT_CONTENT_VERBS = frozenset(
    """
    announce deny confirm reveal disclose acknowledge admit report predict promise demand
    dismiss criticize criticise praise condemn decry question reject welcome cite mention echo
    propose endorse express""".split()
)


#: Nouns that name a source when they head a subject ("officials said").
SOURCE_NOUNS = frozenset(
    """
    official source spokesman spokeswoman spokesperson representative minister president
    secretary senator governor mayor lawmaker legislator congressman congresswoman leader
    chief director head chairman chairwoman ceo founder expert analyst observer critic
    supporter opponent witness resident lawyer attorney prosecutor judge investigator
    police authority government ministry agency department office administration embassy
    newspaper paper outlet daily tabloid broadcaster channel magazine website agency report
    study survey poll statement document memo letter campaign aide adviser advisor staff
    officer diplomat envoy ambassador researcher scientist economist doctor activist group
    organization organisation party committee commission council court people person
    insider member voter candidate nominee team spokesperson commentator journalist reporter
    editor correspondent columnist writer author professor scholar historian average analysis
    research review audit investigation assessment estimate projection tally filing record
    data figure army military navy command commander general colonel soldier troops force
    rebel guerrilla militant insurgent""".split()
)


#: Sources that are documents: their "show"/"find" takes the finding as object.
DOCUMENT_NOUNS = frozenset(
    """
    poll survey study analysis report data average research review audit investigation
    assessment estimate projection tally filing record figure document memo count video
    footage transcript slide chart evidence photo recording datum email tape statistic""".split()
)


#: Pronouns that can be a source.
SOURCE_PRONOUNS = frozenset("i we you he she they it who that which this one someone".split())


#: Subject nouns of "X comes from / is based on Y": a sentence that names the source of a
#: report made in the previous sentence.
INFO_NOUNS = frozenset(
    """
    information report news claim allegation account detail revelation intelligence data
    assessment finding story article piece leak disclosure testimony evidence""".split()
)


#: Predicates of such a sentence: verb lemma -> the preposition that takes the source.
SPECIFY_PREDICATES: dict[str, frozenset[str]] = {
    "come": frozenset({"from"}),
    "originate": frozenset({"from", "with"}),
    "stem": frozenset({"from"}),
    "base": frozenset({"on", "upon"}),
    "provide": frozenset({"by"}),
    "leak": frozenset({"by"}),
    "obtain": frozenset({"from", "by"}),
    "attribute": frozenset({"to"}),
}


#: Participles that nest one source inside another ("sources cited by the newspaper").
CITING_PARTICIPLES = frozenset("cite quote mention name interview contact".split())


#: Words that hedge a claim (lower-case surface forms).
HEDGE_WORDS = frozenset(
    """
    allegedly reportedly purportedly apparently seemingly supposedly presumably ostensibly
    likely unlikely possibly probably perhaps maybe may might could suspected alleged
    claimed appears appear appeared seems seem seemed suggest suggests
    suggested suggesting rumored rumoured unconfirmed unverified believed purported
    possible probable""".split()
)


#: Sentence adverbs in the writer's own voice that mark an assessment.
OPINION_ADVERBS = frozenset(
    """
    unfortunately fortunately clearly obviously evidently sadly regrettably undoubtedly
    surely ironically hopefully thankfully luckily unsurprisingly predictably naturally
    certainly admittedly arguably frankly alarmingly worryingly tragically disturbingly
    importantly crucially notably inevitably undeniably""".split()
)


#: Adjectives that, as the predicate of "it is ADJ ..." or "X is ADJ", state an assessment.
EVALUATIVE_ADJECTIVES = frozenset(
    """
    clear obvious evident crucial essential vital important imperative necessary critical
    urgent surprising unsurprising worrying alarming troubling disturbing dangerous reckless
    shameful outrageous unacceptable disgraceful deplorable regrettable unfortunate
    fortunate remarkable significant telling likely unlikely inevitable undeniable wrong
    right wise unwise foolish naive calculated deliberate consistent misguided ironic
    absurd ridiculous laughable hypocritical cynical malign sinister""".split()
)


#: Nouns that, as the subject of a copula, introduce the writer's conclusion
#: ("The broader takeaway is clear", "The lesson is ...", "The significance of ...").
CONCLUSION_NOUNS = frozenset(
    """
    takeaway lesson significance importance moral message irony truth reality point
    question problem conclusion implication bottom upshot""".split()
)


#: Verbs that, with a subject that is no source, are the writer's inference.
INFERENCE_VERBS = frozenset(
    "suggest show indicate demonstrate prove reveal imply mean signal underline underscore".split()
)


#: Modal verbs of obligation/recommendation and of speculation.
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})


SPECULATION_MODALS = frozenset({"may", "might", "could"})


def modal_misread(verb: Token) -> bool:
    """A past form with no "have" or "be" before it cannot be a modal's verb: the "modal"
    beside it is a misread word, most often a date in case-less text ("on 11 may a bomb
    destroyed a building"), since "may" governs "destroy", "have destroyed" or "be
    destroyed" only."""
    return verb.tag_ in {"VBD", "VBN"} and not any(
        c.dep_ in {"aux", "auxpass"} and c.lemma_ in {"have", "be"} for c in verb.children)


#: Predicates of appearance in the writer's voice ("appears to be", "seems").
APPEARANCE_VERBS = frozenset({"appear", "seem"})


#: Adverbs of likelihood in the writer's voice.
LIKELIHOOD_ADVERBS = frozenset({"likely", "probably", "possibly", "perhaps", "certainly", "maybe"})
