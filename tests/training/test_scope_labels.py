"""The scope model's training labels: does a claim's last link name the gold chain's origin?"""

from __future__ import annotations

import pytest

from claimgraph import analyze
from claimgraph.training.events import origin_matches, same_source


@pytest.mark.parametrize(("gold", "names", "same"), [
    ("Benjamin Netanyahu", ["Netanyahu"], True),
    ("the Department of Justice", ["the Justice Department"], True),
    ("Reuters", ["Reuters"], True),
    ("media reports", ["reports"], True),  # plural and singular are one word
    ("President Trump", ["President Obama"], False),  # a title alone names no one
    ("he", ["he"], False),  # nor does a pronoun
    ("Washingtonpost", ["The Washington Post"], True),  # one name inside the other
    ("Chuck Schumer", ["Mitch McConnell", "Senate Majority Leader"], False),
])
def test_same_source(gold, names, same):
    assert same_source(gold, names) is same


def test_origin_matches_publisher_anonymous_and_named_sources():
    doc = analyze("Police said the suspect fled the city. A senior official said the bomb was defused.",
                  published="2024-05-01", publisher="example.com")
    police = next(c for c in doc.claims if c.kind == "attributed" and "fled" in c.evidence.text)
    official = next(c for c in doc.claims if c.kind == "attributed" and "defused" in c.evidence.text)
    own = next(c for c in doc.claims if len(c.chain) == 1)
    by_police = {"chain": ["example.com", "police"], "origin_kind": "government"}
    by_outlet = {"chain": ["example.com"], "origin_kind": "publisher"}
    anonymous = {"chain": ["example.com", "a senior official"], "origin_kind": "anonymous"}
    assert origin_matches(doc, by_police, police)
    assert not origin_matches(doc, by_police, own)
    assert origin_matches(doc, by_outlet, own)
    assert not origin_matches(doc, by_outlet, police)
    assert origin_matches(doc, anonymous, official)
    assert not origin_matches(doc, anonymous, police)
