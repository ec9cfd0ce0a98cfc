"""The ``relations`` step: national_of, member_of, located_in, recruited_by."""

from __future__ import annotations

from claimgraph.api import analyze
from claimgraph.nlp.relations import country_of_demonym


def _rels(doc):
    ents = {e.id: e for e in doc.entities}
    return {(r.type, ents[r.subject].name, ents[r.object].name) for r in doc.relations}


def test_relations_demonyms_map_to_countries():
    got = [country_of_demonym(w) for w in ("Georgian", "Iranian", "Azerbaijani", "Nigerian",
                                            "Salvadoran", "French")]
    assert got == ["Georgia", "Iran", "Azerbaijan", "Nigeria", "El Salvador", "France"]


def test_relations_national_of_and_recruited_by():
    doc = analyze("Karim Haddad, a Lebanese citizen, was recruited by Hezbollah in Beirut.")
    rels = _rels(doc)
    assert ("citizen_of", "Karim Haddad", "Lebanon") in rels
    assert ("recruited_by", "Karim Haddad", "Hezbollah") in rels
    for r in doc.relations:
        assert r.claim in {c.id for c in doc.claims}


def test_relations_member_of_and_located_in():
    doc = analyze("John Smith, a member of the Liberal Party, met the ambassador in Rome, Italy.")
    rels = _rels(doc)
    assert any(t == "member_of" and s == "John Smith" and "Liberal Party" in o for t, s, o in rels)
    assert ("located_in", "Rome", "Italy") in rels


def test_relations_no_relation_without_a_cue():
    doc = analyze("John Smith met Karim Haddad in a cafe.")
    assert not [r for r in doc.relations if r.type in {"member_of", "national_of", "recruited_by"}]


def test_relations_example_article(seed_record):
    rels = _rels(seed_record)
    assert any(t == "national_of" and "Aslanov" in s and o == "Georgia" for t, s, o in rels)
    assert any(t == "recruited_by" and "Aslanov" in s and "Quds Force" in o for t, s, o in rels)
    assert any(t == "member_of" and "Segal" in s and "Jewish community" in o for t, s, o in rels)
