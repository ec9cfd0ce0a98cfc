"""Within-document coreference: one entity per real-world referent.

Rules, in order, all linear in the number of tokens and mentions:

1. **Names.** Mentions with the same folded name are one entity; a bare surname or a
   titled short form ("Segal", "Rabbi Segal") joins the most recently mentioned person
   whose full name ends (or begins) with it; an acronym joins the organisation whose
   initials it spells; country aliases ("U.S.", "United States") share one key. A
   courtesy title keeps a man and a woman apart: "Mrs Blair" never joins a person
   already called "Mr Blair" or "Sir Ian Blair", and the other way round.
2. **Missed names.** Tokens spaCy left unlabelled that spell a known entity's name or a
   person's surname ("recruited Aslanov") become mentions, with the title words just
   before them ("Rabbi Segal", "Mr. Jones", "President Biden").
3. **Definite descriptions.** "the rabbi", "the newspaper": a definite noun phrase whose
   head is the head word of a role an earlier entity was given (or a publication noun
   after a publication) refers to the most recent such entity; epithets count as the
   roles that license them ("the New York Democrat" for a congressman, "the GOP
   front-runner" for a hopeful, "the Russian leader" for a president), never across
   parties or for a plural.
4. **Pronouns.** he/she and forms: the one person mentioned in this or the previous
   sentence, else the one in subject position (a person whose title or role says
   otherwise, "Mrs Blair" for "he", is no candidate); "its" (and "it" as the subject of a
   reporting verb): the organisation or place in subject position nearby.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...models import Document, Entity
from ..places.gazetteer import COUNTRY_ALIASES, fold, gazetteer
from ..quotemarks import QuotedTokens, quoted_tokens
from .mentions import (
    PUB_NOUNS,
    PUBLICATION_WORDS,
    Mention,
    is_country_name,
    is_demonym,
    left_titles,
    title_gender,
    title_roles,
    title_style,
)

PERSON_PRONOUNS = frozenset("he him his himself she her hers herself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
REPORT_LEMMAS = frozenset(
    "say report state add claim write note tell announce affirm confirm deny cite quote "
    "publish reveal accuse allege insist warn".split()
)
_STOP_INITIALS = frozenset({"of", "the", "and", "for", "&", "de", "la", "on", "in"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})


@dataclass(slots=True)
class Cluster:
    label: str
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    labels: list[str] = field(default_factory=list)
    _honorifics: set[str] = field(default_factory=set, repr=False)
    _seen: int = field(default=0, repr=False)
    _fullest: tuple[int, Mention] | None = field(default=None, repr=False)

    @property
    def fullest(self) -> Mention:
        if self._fullest is None or self._fullest[0] != len(self.mentions):  # mentions only grow
            names = [m for m in self.mentions if m.kind == "name"]
            self._fullest = (len(self.mentions), max(names, key=lambda m: (len(m.name.split()), len(m.name), -m.start)))
        return self._fullest[1]

    def last_before(self, i: int) -> int:
        return max((m.start for m in self.mentions if m.start < i), default=-1)

    @property
    def honorifics(self) -> set[str]:
        """Genders and title styles its mentions give it: {"m", "rank"} for "Sir Ian Blair"."""
        if self._seen != len(self.mentions):  # mentions are only ever appended
            self._honorifics.update(h for m in self.mentions[self._seen :] for h in (m.gender, m.style) if h)
            self._seen = len(self.mentions)
        return self._honorifics

    def accepts(self, gender: str | None, style: str | None = None) -> bool:
        """False when a title contradicts this cluster's: "Mrs" after "Mr", "Mr" after "Sir"."""
        if gender is None and style is None:
            return True
        have = self.honorifics
        return not (
            gender is not None and have & {"m", "f"} and gender not in have
            or style is not None and have & {"plain", "rank"} and style not in have
        )

    def agrees(self, gender: str | None, style: str | None = None) -> int:
        """How many of ``gender`` and ``style`` this cluster already has (to prefer it)."""
        have = self.honorifics
        return (gender is not None and gender in have) + (style is not None and style in have)

    @property
    def roles(self) -> list[str]:
        out: dict[str, None] = {}
        for m in self.mentions:
            for r in m.roles:
                out.setdefault(r, None)
        return list(out)


def _key(m: Mention) -> str:
    k = fold(m.name)
    if m.label in ("GPE", "LOC", "FAC", "NORP", "PERSON", "ORG") and k in COUNTRY_ALIASES:
        return "cc:" + COUNTRY_ALIASES[k]
    return k


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _STOP_INITIALS and w[:1].isalpha()).upper()


def _find_cluster(m: Mention, clusters: list[Cluster]) -> Cluster | None:
    key = _key(m)
    words = m.name.split()
    if m.label == "PERSON" and len(words) == 1 and not key.startswith("cc:"):
        # a bare or titled one-word name: the person mentioned last that it can be
        found = _person_match(m, words, clusters)
        if found is not None:
            return found
    for c in clusters:
        if key in c.keys and (c.labels[0] != "NORP") == (m.label != "NORP") and c.accepts(m.gender, m.style):
            return c
    if m.label == "PERSON":
        return _person_match(m, words, clusters)
    if m.label == "ORG":
        found = _org_match(m.name, clusters)
        if found is None and len(words) == 1:
            found = _surname_of(m, words[0], clusters)
        return found
    return None


def _surname_of(m: Mention, word: str, clusters: list[Cluster]) -> Cluster | None:
    """The person an earlier full name introduced, for a bare surname the tagger read as an
    organisation ("Anthony Weiner" ... "Weiner told reporters", "Vicente Fox" ... "Fox
    said"): the mention joins the person and is a person's. A firm of that one-word name
    seen before (a cluster keyed by it) keeps it."""
    persons = [c for c in clusters if c.label == "PERSON" and c.last_before(m.start) >= 0
               and len(full := c.fullest.name.split()) > 1 and full[-1] == word]
    if not persons:
        return None
    m.label = "PERSON"
    return max(persons, key=lambda c: c.last_before(m.start))


def _person_match(m: Mention, words: list[str], clusters: list[Cluster]) -> Cluster | None:
    """The person a short name refers to: titles agreeing, then the most recently mentioned."""
    gender, style = m.gender, m.style

    def best(found: list[Cluster]) -> Cluster | None:
        ok = [c for c in found if c.accepts(gender, style)]
        return max(ok, key=lambda c: (c.agrees(gender, style), c.last_before(m.start)), default=None)

    persons = [(c, c.fullest.name.split()) for c in clusters if c.label == "PERSON"]
    if len(words) == 1:
        w, k = words[0], fold(words[0])
        found = best([c for c, full in persons if full[-1] == w or k in c.keys])  # "Segal", "Mr Segal"
        if found is None:
            found = best([c for c, full in persons if len(full) > 1 and full[0] == w])  # "Sir Ian"
        return found
    return best([c for c, full in persons if len(full) == 1 and full[0] == words[-1]])


def _org_match(name: str, clusters: list[Cluster]) -> Cluster | None:
    orgs = [c for c in reversed(clusters) if c.label == "ORG"]
    if name.isupper() and 2 <= len(name) <= 6:
        for c in orgs:
            if _initials(c.fullest.name) == name:
                return c
    for c in orgs:
        full = c.fullest.name
        if len(name.split()) >= 2 and full.endswith(" " + name):
            return c
        if full.isupper() and _initials(name) == full and len(name.split()) >= 2:
            return c
    return None


def _personal(c: Cluster) -> bool:
    """A person's cluster beyond doubt: a mention read as a person carries a title or gender
    ("Mr. Stone", "Gen. Flynn"), or is a full name ("Michael Flynn", "Kim Jong Un") while no
    mention read as a place names a country or a state ("Rethinking Egypt" ... "Egypt" is
    Egypt). One mention the tagger reads as a place ("Flynn", "Kim") then does not make it a
    place; on statuschain-dev that one reading made three of the articles' main people
    places, and their pronouns found nobody."""
    if any(m.label == "PERSON" and (m.titles or m.gender) for m in c.mentions):
        return True
    if not any(m.label == "PERSON" and len(m.name.split()) > 1 for m in c.mentions):
        return False
    return not any(m.label == "GPE" and _is_country_or_state(m.name) for m in c.mentions)


def _is_country_or_state(name: str) -> bool:
    return is_country_name(name) or any(p.feature in {"country", "admin"} for p in gazetteer().lookup(name))


def cluster_names(mentions: list[Mention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for m in mentions:
        c = _find_cluster(m, clusters)
        if c is None:
            c = Cluster(m.label)
            clusters.append(c)
        c.mentions.append(m)
        c.keys.add(_key(m))
        c.labels.append(m.label)
    for c in clusters:
        c.label = max(set(c.labels), key=lambda lb: (c.labels.count(lb), -c.labels.index(lb)))
        if c.label == "ORG" and "GPE" in c.labels or c.label == "PERSON" and "GPE" in c.labels and not _personal(c):
            c.label = "GPE"  # a place by its context somewhere: "in Alexandria"
        elif c.label == "ORG" and any(m.label == "PERSON" and (m.titles or m.gender) for m in c.mentions):
            c.label = "PERSON"  # "Rep. Anthony Weiner" once, then "Weiner" read as a firm 12 times
    return clusters


def _covered(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def add_missed_names(sdoc: Any, clusters: list[Cluster], covered: set[int]) -> None:
    """Mentions spaCy missed: a known name's tokens, or a person's bare surname.

    Title words just before the name join the mention ("Rabbi Segal", "Mrs Blair"); a
    courtesy title must agree with the person's ("Mrs Blair" is not "Mr Blair").
    """
    seqs: dict[str, list[tuple[list[str], Cluster]]] = {}
    for c in clusters:
        if c.label == "NORP":
            continue
        for m in c.mentions:
            words = m.name.split()
            if words and words[0][:1].isupper():
                seqs.setdefault(words[0], []).append((words, c))
        if c.label == "PERSON":
            full = c.fullest.name.split()
            if len(full) > 1:
                seqs.setdefault(full[-1], []).append(([full[-1]], c))
    n = len(sdoc)
    i = 0
    while i < n:
        tok = sdoc[i]
        cands = seqs.get(tok.text) if i not in covered else None
        if not cands:
            i += 1
            continue
        left, titles = _free_titles(sdoc, i, covered)
        gender, style = title_gender(titles), title_style(titles)
        # the longest match; then the person whose titles agree, then the latest mentioned
        options: list[tuple[tuple[int, int, int], list[str], Cluster]] = []
        for words, c in cands:
            j = i + len(words)
            if j > n or [t.text for t in sdoc[i:j]] != words or any(k in covered for k in range(i, j)):
                continue
            if c.label == "PERSON" and not c.accepts(gender, style):
                continue
            options.append(((len(words), c.agrees(gender, style), c.last_before(i)), words, c))
        if not options:
            i += 1
            continue
        _, words, c = max(options, key=lambda o: o[0])
        j = i + len(words)
        if c.label != "PERSON" or _glued(sdoc, left, j):
            left, titles = i, []  # "Labour leader Blair": the mention starts at the name
        if _glued(sdoc, left, j):
            i += 1
            continue
        c.mentions.append(Mention(
            left, j, i, j, c.label, sdoc[i:j].text, roles=title_roles(titles),
            titled=sdoc[left:j].text if titles else None,
        ))
        covered.update(range(left, j))
        i = j


def _free_titles(sdoc: Any, i: int, covered: set[int]) -> tuple[int, list[str]]:
    """Title words before token ``i`` that no mention has taken ("Rabbi" of "Rabbi Segal")."""
    left, titles = left_titles(sdoc, i)
    while left < i and left in covered:
        left += 1
        titles = titles[1:]
    return left, titles


def _glued(sdoc: Any, i: int, j: int) -> bool:
    """True when the match is part of a longer proper name ("Segal Foundation")."""
    before = sdoc[i - 1] if i > 0 else None
    after = sdoc[j] if j < len(sdoc) else None
    return bool(
        (before is not None and before.pos_ == "PROPN" and before.is_title and not before.is_sent_start)
        or (after is not None and after.pos_ == "PROPN" and after.is_title)
    )


#: Titles and the nouns a description uses for the same office ("Rep. Anthony Weiner" ...
#: "the congressman").
_OFFICE_NOUNS = {
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "representative": ("congressman", "congresswoman", "lawmaker"),
    "congressman": ("representative", "lawmaker"),
    "congresswoman": ("representative", "lawmaker"),
    "sen": ("senator", "lawmaker"),
    "senator": ("lawmaker",),
    "gov": ("governor",),
    "gen": ("general",),
    "adm": ("admiral",),
    "amb": ("ambassador",),
}


#: Epithets news uses for a person already named, and the roles that license each: "the New
#: York Democrat" for a congressman, "the GOP front-runner" for a presidential hopeful, "the
#: Russian leader" for a president.
_POLITICAL_ROLES = ("rep", "representative", "congressman", "congresswoman", "sen", "senator",
                    "gov", "governor", "president", "mayor", "lawmaker", "speaker", "hopeful",
                    "candidate", "nominee", "leader", "president-elect")
_EPITHETS = {
    "democrat": _POLITICAL_ROLES,
    "republican": _POLITICAL_ROLES,
    "front-runner": ("hopeful", "candidate", "nominee", "contender"),
    "frontrunner": ("hopeful", "candidate", "nominee", "contender"),
    "candidate": ("hopeful", "nominee"),
    "leader": ("president", "minister", "premier", "chancellor", "dictator", "king", "chairman"),
}
#: Words that mark a party, to keep "the Republican" off a Democrat.
_PARTY_MARKS = {"democrat": frozenset({"democrat", "democratic", "d"}),
                "republican": frozenset({"republican", "gop", "r"})}


def _role_heads(c: Cluster) -> set[str]:
    heads = {r.split()[-1] for r in c.roles}
    heads |= {n for h in list(heads) for n in _OFFICE_NOUNS.get(h, ())}
    heads |= {e for e, licensing in _EPITHETS.items() if heads & set(licensing)}
    if c.label == "ORG":
        name = c.fullest.name.split()
        if name and name[0] == "The" and name[-1].lower() in PUBLICATION_WORDS:
            heads |= PUB_NOUNS
        if heads & PUB_NOUNS:
            heads |= PUB_NOUNS
    return heads


def _introduced_with(sdoc: Any, c: Cluster) -> set[str]:
    """The words right before the entity's names ("Former Mexican President" before "Vicente
    Fox"), of its roles, and of a party tag right after a name ("Weiner (D-N.Y.)": "d"),
    lower-cased."""
    out = {w for r in c.roles for w in r.split()}
    for m in c.mentions:
        if m.kind == "name":
            out.update(t.lower_ for t in sdoc[max(0, m.start - 3) : m.start])
            after = [t.lower_ for t in sdoc[m.end : m.end + 3]]
            if len(after) == 3 and after[0] in {",", "("} and after[2] == "-" and after[1] in {"d", "r"}:
                out.add(after[1])
    return out


def _epithet_lemma(tok: Any) -> str:
    """The head word of a description, "front-runner" when the tokenizer split it."""
    low = tok.lemma_.lower()
    if low == "runner" and tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "front":
        return "front-runner"
    return low


def _conflicts(marked: set[str], intro: set[str], head: str) -> bool:
    """Whether a description's marks rule the entity out: a name or nationality it was not
    introduced with ("the American president" after "Mexican President Enrique Pena Nieto"),
    or the other party's mark for a party epithet ("the Republican" after "Schumer (D-N.Y.)")."""
    if head in _PARTY_MARKS and any(m in intro for p, ms in _PARTY_MARKS.items() if p != head for m in ms):
        return True
    return not marked <= intro


def add_descriptions(sdoc: Any, clusters: list[Cluster], covered: set[int]) -> None:
    """Definite descriptions ("the rabbi") that name a role of an earlier entity."""
    heads = [(c, _role_heads(c)) for c in clusters]
    before: dict[int, set[str]] = {}
    for tok in sdoc:
        lemma = _epithet_lemma(tok)
        party = lemma in _PARTY_MARKS and tok.pos_ == "PROPN" and tok.tag_ == "NNP"
        if not (tok.pos_ == "NOUN" or party) or tok.dep_ == "compound" or tok.i in covered and not party:
            continue
        det = next((c for c in tok.lefts if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the":
            continue
        # a name or nationality in the description must be one the entity was introduced
        # with: "the former Mexican president" after "Former Mexican President Vicente Fox"
        marked = {c.lower_ for c in tok.lefts if c.i > det.i and (c.pos_ == "PROPN" or is_demonym(c.text))}
        seat: set[str] = set()
        if party:  # "the New York Democrat": the state is the seat, which no introduction gives
            seat = {t.lower_ for t in sdoc[det.i + 1 : tok.i] if t.ent_type_ in {"GPE", "LOC"}}
            marked -= seat
        best: Cluster | None = None
        best_pos = -1
        for c, hs in heads:
            if lemma not in hs:
                continue
            if marked or lemma in _PARTY_MARKS:
                intro = before.get(id(c))
                if intro is None:
                    intro = before[id(c)] = _introduced_with(sdoc, c)
                if _conflicts(marked, intro, lemma):
                    continue
            pos = c.last_before(det.i)
            if pos > best_pos:
                best, best_pos = c, pos
        if best is not None and best.label == "PERSON" and tok.tag_ in {"NNS", "NNPS"}:
            continue  # "the three European leaders" are not one of them
        if best is None or any(k in covered and sdoc[k].lower_ not in marked | seat and not (party and k == tok.i)
                               for k in range(det.i, tok.i + 1)):
            continue  # (the nationality may be a mention of its own: "Mexican")
        if party:  # "the New York Democrat" names the congressman, not the party's people
            for c in clusters:
                c.mentions[:] = [m for m in c.mentions if not (m.start <= tok.i < m.end and m.kind == "name"
                                                               and c.label == "NORP")]
        best.mentions.append(Mention(det.i, tok.i + 1, det.i, tok.i + 1, best.label, sdoc[det.i : tok.i + 1].text, kind="desc"))
        covered.update(range(det.i, tok.i + 1))


def _candidates(sent_starts: list[int], clusters: list[Cluster], tok: Any, labels: set[str]) -> list[tuple[Cluster, Mention]]:
    sent = tok.sent
    prev_start = sent.start
    for s in sent_starts:
        if s < sent.start:
            prev_start = s
    out = []
    for c in clusters:
        if c.label not in labels:
            continue
        for m in c.mentions:
            if prev_start <= m.start < tok.i and m.kind != "pron":
                out.append((c, m))
    return out


def _pick(cands: list[tuple[Cluster, Mention]], sdoc: Any, tok: Any) -> Cluster | None:
    distinct = {id(c): c for c, _ in cands}
    if len(distinct) == 1:
        return next(iter(distinct.values()))
    if not distinct:
        return None
    sent_start = tok.sent.start
    for here in (True, False):
        subj = {
            id(c): c
            for c, m in cands
            if (m.start >= sent_start) == here and any(sdoc[k].dep_ in _SUBJ for k in range(m.name_start, m.name_end))
        }
        if len(subj) == 1:
            return next(iter(subj.values()))
        if subj:
            return None
    return None


_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj"})


def clause_subjects(tok: Any) -> list[Any]:
    """The subjects a pronoun object cannot stand for: its own clause's, and those of the
    verbs that control the clause through "to" ("Obama told him to leave": "him" is not
    Obama; "the attorney general threatened to prosecute them": "them" is not the attorney
    general), also through an object's infinitive ("the White House made an attempt to
    fight it") and a participle clause ("calling him egocentric"). A reflexive would be
    ("told himself"); possessives and subjects are free to refer back ("he said his ..."),
    so they get none."""
    if tok.dep_ not in _OBJECT_DEPS or tok.lower_.endswith(("self", "selves")):
        return []
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    out: list[Any] = []
    for _ in range(4):
        if verb.pos_ not in {"VERB", "AUX"}:
            break
        clause = verb
        while clause.dep_ == "conj" and not any(c.dep_ in _SUBJ for c in clause.children):
            clause = clause.head  # "met Netanyahu and told him": the subject of "met"
        for c in clause.children:
            if c.dep_ in _SUBJ and c.i != tok.i:
                out.append(c)
                out.extend(t for t in c.conjuncts if t.i != tok.i)
        if verb.head.i == verb.i:
            break
        if verb.dep_ in {"acl", "relcl"} and verb.head.dep_ == "dobj" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            verb = verb.head.head  # "made an attempt to fight it": not who made the attempt
            continue
        if not (verb.dep_ == "xcomp" or _bare_participle(verb)):
            break
        verb = verb.head
    return out


def _bare_participle(verb: Any) -> bool:
    """A participle clause with no subject or mark of its own rides on its head's subject:
    "Mr. Fox was clear in his opposition to Mr. Trump, calling him egocentric"."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
        c.dep_ in _SUBJ or c.dep_ == "mark" for c in verb.children)


def add_pronouns(sdoc: Any, clusters: list[Cluster], covered: set[int], quoted: QuotedTokens) -> None:
    """Third-person pronouns resolved by a salience rule, only when unambiguous.

    A pronoun outside quotation marks never stands for a name inside a quotation of its
    sentence or the one before: in "“Mike Pompeo met with Kim Jong Un,” he tweeted" the
    quoted names are the speaker's words about others, and "he" is the speaker."""
    sent_starts = [s.start for s in sdoc.sents]
    for tok in sdoc:
        low = tok.lower_
        if tok.i in covered or tok.pos_ != "PRON":
            continue
        gender = None
        if low in PERSON_PRONOUNS:
            labels = {"PERSON"}
            gender = "f" if low in FEMALE_PRONOUNS else "m"
        elif low == "its" or (low == "it" and tok.dep_ in _SUBJ and tok.head.lemma_ in REPORT_LEMMAS):
            labels = {"ORG", "GPE"}
        else:
            continue
        cands = [(c, m) for c, m in _candidates(sent_starts, clusters, tok, labels) if c.accepts(gender)]
        if quoted.quote_of(tok.i) is None:
            cands = [(c, m) for c, m in cands if quoted.quote_of(m.start) is None]
        subjects = clause_subjects(tok)
        if subjects:  # an object pronoun: never its own clause's subject
            bound = {id(c) for c in clusters for t in subjects for m in c.mentions
                     if m.name_start <= t.i < m.name_end}
            cands = [(c, m) for c, m in cands if id(c) not in bound]
        c = _pick(cands, sdoc, tok)
        if c is not None:
            c.mentions.append(Mention(tok.i, tok.i + 1, tok.i, tok.i + 1, c.label, tok.text, kind="pron"))
            covered.add(tok.i)


def _build(doc: Document, sdoc: Any, clusters: list[Cluster]) -> tuple[list[Entity], dict[int, str]]:
    live = [c for c in clusters if any(m.kind == "name" for m in c.mentions)]
    for c in live:
        c.mentions.sort(key=lambda m: m.start)
    live.sort(key=lambda c: c.mentions[0].start)
    ents: list[Entity] = []
    token_entity: dict[int, str] = {}
    for n, c in enumerate(live, 1):
        eid = f"e{n}"
        full = c.fullest
        name = full.name
        aliases: dict[str, None] = {}
        for m in c.mentions:
            if m.kind != "name":
                continue
            surface = m.titled or m.name
            if surface != name:
                aliases.setdefault(surface, None)
        spans = []
        for m in c.mentions:
            a, b = sdoc[m.start].idx, sdoc[m.end - 1].idx + len(sdoc[m.end - 1])
            spans.append(doc.span(a, b))
            if m.nested:
                continue
            for k in range(m.start, m.end):
                token_entity.setdefault(k, eid)
        ents.append(Entity(eid, c.label, name, True, list(aliases), c.roles, spans))
    return ents, token_entity


def resolve(doc: Document, sdoc: Any, mentions: list[Mention]) -> tuple[list[Entity], dict[int, str]]:
    """Group ``mentions`` into entities; return them and the token -> entity id map."""
    clusters = cluster_names(mentions)
    covered = _covered(mentions)
    add_missed_names(sdoc, clusters, covered)
    add_descriptions(sdoc, clusters, covered)
    add_pronouns(sdoc, clusters, covered, quoted_tokens(doc))
    return _build(doc, sdoc, clusters)
