"""Within-document coreference of people: titled surnames, namesakes, courtesy titles."""

from __future__ import annotations

import pytest

from claimgraph.models import Document, DocumentInfo, Entity
from claimgraph.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(names=("parse", "entities"))


def run(pipe: Pipeline, text: str) -> Document:
    return pipe(Document(DocumentInfo(id="t", source="test", text=text)))


def person(doc: Document, name: str) -> Entity:
    found = [e for e in doc.entities if e.name == name and e.type == "PERSON"]
    assert len(found) == 1, f"{name!r}: {[(e.name, e.type) for e in doc.entities]}"
    return found[0]


def texts(e: Entity) -> list[str]:
    return [m.text for m in e.mentions]


@pytest.mark.parametrize(
    ("text", "name", "titled", "count"),
    [
        ("Rabbi Shneor Segal leads the community in Baku. Agents planned to kill Rabbi Segal last year. "
         "It is a reality Rabbi Segal himself affirmed when speaking to reporters.", "Shneor Segal", "Rabbi Segal", 2),
        ("Joe Biden arrived in Ohio on Monday. Supporters cheered as President Biden spoke about jobs. "
         "Later that day President Biden met local union leaders.", "Joe Biden", "President Biden", 2),
        ("John Smith runs a small bakery in Leeds. Customers say Mr Smith bakes the best bread in town, "
         "and Mr Smith agrees.", "John Smith", "Mr Smith", 2),
        ("Sarah Jones leads the clinic in the town. Patients praised Dr. Jones for her care. "
         "The hospital board thanked Dr. Jones on Friday.", "Sarah Jones", "Dr. Jones", 2),
    ],
)
def test_coref_titled_surname_after_full_name_is_same_person(
    pipe: Pipeline, text: str, name: str, titled: str, count: int
) -> None:
    doc = run(pipe, text)
    e = person(doc, name)
    assert texts(e).count(titled) == count, texts(e)
    assert sum(1 for x in doc.entities if name.split()[-1] in x.name) == 1
    start = text.rindex(titled)
    assert any(s.start == start and s.end == start + len(titled) for s in e.mentions)


def test_coref_titled_surname_keeps_the_title_role(pipe: Pipeline) -> None:
    doc = run(pipe, "Shneor Segal leads the community in Baku. It is a reality Rabbi Segal himself affirmed.")
    segal = person(doc, "Shneor Segal")
    assert "Rabbi Segal" in texts(segal) and "rabbi" in segal.roles


def test_coref_surname_is_the_most_recent_namesake(pipe: Pipeline) -> None:
    doc = run(pipe, "Tony Blair visited Leeds on Friday. Cherie Blair stayed in London. "
                    "Mrs Blair said she would join him later. Blair said the trip went well.")
    tony, cherie = person(doc, "Tony Blair"), person(doc, "Cherie Blair")
    assert tony.aliases == [] and texts(tony) == ["Tony Blair"]
    assert "Mrs Blair" in cherie.aliases
    assert not any("Cherie" in a or "Tony" in a for a in [*tony.aliases, *cherie.aliases])


def test_coref_courtesy_titles_keep_man_and_woman_apart(pipe: Pipeline) -> None:
    doc = run(pipe, "Tony Blair said the economy was strong. His wife Cherie Blair spoke at a charity event. "
                    "Mr Blair later met union leaders. Mrs Blair said the charity needed more money.")
    tony, cherie = person(doc, "Tony Blair"), person(doc, "Cherie Blair")
    assert "Mr Blair" in texts(tony) and "Mrs Blair" not in texts(tony)
    assert "Mrs Blair" in texts(cherie) and "Mr Blair" not in texts(cherie)


def test_coref_a_knight_is_never_mister(pipe: Pipeline) -> None:
    doc = run(pipe, "Prime Minister Tony Blair defended the plans. Police Commissioner Sir Ian Blair backed them. "
                    "Sir Ian said the threat was real. Mr Blair said the laws were needed.")
    tony, ian = person(doc, "Tony Blair"), person(doc, "Ian Blair")
    assert "Mr Blair" in texts(tony)
    assert "Sir Ian" in texts(ian) and "Mr Blair" not in texts(ian)


def test_pronoun_outside_a_quote_skips_names_inside_it(pipe):
    """A pronoun outside quotation marks is not a person its sentence quotes someone naming:
    "he" in '“... Kim Jong Un ...,” he said' is the speaker named before."""
    doc = run(pipe, "Donald Trump spoke at the White House on Tuesday. “I think Kim Jong Un wants peace "
                    "and we will meet him soon,” he said.")
    trump, kim = person(doc, "Donald Trump"), person(doc, "Kim Jong Un")
    assert "he" in texts(trump)
    assert "he" not in texts(kim)


@pytest.mark.parametrize(("text", "name", "description"), [
    ("Former Mexican President Vicente Fox said he would not pay for the wall. The former Mexican "
     "president, who led the country from 2000 to 2006, also questioned the plan.", "Vicente Fox",
     "The former Mexican president"),
    ("Rep. Anthony Weiner spoke to reporters on Tuesday. The congressman insisted that his account "
     "was hacked.", "Anthony Weiner", "The congressman"),
])
def test_description_with_the_words_the_entity_was_introduced_with(pipe, name, text, description):
    """"the former Mexican president" after "Former Mexican President Vicente Fox"; "the
    congressman" for "Rep. Weiner" (the office's own noun for the title)."""
    doc = run(pipe, text)
    assert description in texts(person(doc, name))


def test_description_with_another_nationality_joins_no_one(pipe):
    doc = run(pipe, "President Obama met Mexican President Enrique Pena Nieto on Monday. The American "
                    "president said little.")
    people = [e for e in doc.entities if e.type == "PERSON"]
    assert len(people) >= 2
    assert not any("The American president" in texts(e) for e in people)


def test_a_surname_read_as_an_organisation_is_the_person_named_before(pipe):
    doc = run(pipe, "Anthony Weiner spoke on Monday. \"I'm not going to talk about this anymore,\" "
                    "Weiner told reporters on Capitol Hill.")
    weiner = person(doc, "Anthony Weiner")
    assert texts(weiner).count("Weiner") == 1
    assert not [e for e in doc.entities if e.name == "Weiner"]


def test_a_one_word_organisation_without_a_person_of_that_surname_stays_an_organisation(pipe):
    doc = run(pipe, "Fox News reported the story. Fox said the wall was costly.")
    assert not [e for e in doc.entities if e.type == "PERSON"]


def test_a_full_name_stays_a_person_when_one_mention_reads_as_a_place(pipe):
    # "into Flynn" reads as a place by the gazetteer and its context; the cluster of
    # "Michael Flynn" and "Gen. Flynn" stays a person's, and "he" after it is Flynn
    doc = run(pipe, "President Donald Trump on Monday defended his former national security adviser, "
                    "Michael Flynn. “I feel very badly for Gen. Flynn,” Trump told reporters. Trump had "
                    "asked James Comey to end the agency's investigation into Flynn. Flynn stepped down "
                    "in February, saying that he had misled the transition team.")
    flynn = person(doc, "Michael Flynn")
    assert texts(flynn).count("Flynn") == 2  # "into Flynn" and "Flynn stepped down"
    assert "he" in texts(flynn)
    assert not [e for e in doc.entities if e.type == "GPE"]


def test_a_country_read_as_a_person_stays_a_place():
    from claimgraph.nlp.entities.coref import cluster_names
    from claimgraph.nlp.entities.mentions import Mention

    egypt = cluster_names([Mention(0, 2, 0, 2, "PERSON", "Rethinking Egypt"),
                           Mention(5, 6, 5, 6, "PERSON", "Egypt"),
                           Mention(9, 10, 9, 10, "GPE", "Egypt")])
    assert [c.label for c in egypt] == ["GPE"]
    flynn = cluster_names([Mention(0, 2, 0, 2, "PERSON", "Michael Flynn"),
                           Mention(5, 6, 5, 6, "PERSON", "Flynn"),
                           Mention(9, 10, 9, 10, "GPE", "Flynn")])
    assert [c.label for c in flynn] == ["PERSON"]


@pytest.mark.parametrize(("text", "name", "description"), [
    # a party epithet for a politician: the seat before it is no mark against him
    ("Rep. Anthony Weiner said he did not send the photo. The New York Democrat granted a series of "
     "TV interviews.", "Anthony Weiner", "The New York Democrat"),
    # "front-runner" for a hopeful, whatever the tokenizer does with the hyphen
    ("GOP presidential hopeful Donald Trump won Nevada. The GOP front-runner appeared on MSNBC.",
     "Donald Trump", "The GOP front-runner"),
    # "leader" for a president
    ("Russian President Vladimir Putin met Mr. Trump. The Russian leader criticized the deal.",
     "Vladimir Putin", "The Russian leader"),
])
def test_an_epithet_names_the_person_its_role_licenses(pipe, text, name, description):
    doc = run(pipe, text)
    assert description in texts(person(doc, name))


def test_a_party_epithet_never_joins_the_other_party(pipe):
    doc = run(pipe, "Sen. Chuck Schumer (D-N.Y.) spoke on Monday. The New York Republican criticized him.")
    assert "The New York Republican" not in texts(person(doc, "Chuck Schumer"))


def test_a_plural_epithet_is_not_one_person(pipe):
    doc = run(pipe, "Prime Minister Benjamin Netanyahu spoke on Monday. His presentation swayed the three "
                    "European leaders.")
    assert not any("the three European leaders" in texts(e) for e in doc.entities if e.type == "PERSON")
