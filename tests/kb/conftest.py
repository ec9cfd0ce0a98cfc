"""Building analyzed documents from short texts written for these tests.

The knowledge base stores what the pipeline produced; these tests state that output
directly (entities, events, claims with spans located in the text), so each test
controls exactly what the store must resolve.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from claimgraph.ingest import make_info
from claimgraph.kb import KnowledgeBase
from claimgraph.models import (
    ChainLink,
    Claim,
    Document,
    Entity,
    Event,
    EventTime,
    Geo,
    Participant,
    Span,
)


@dataclass
class Ent:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    geo: Geo | None = None
    named: bool = True


@dataclass
class Ev:
    id: str
    type: str
    trigger: str
    status: str = "occurred"
    participants: list[tuple[str, str]] = field(default_factory=list)
    mode: str | None = None
    location: str | None = None
    time: tuple[str, str] | None = None
    claim: str | None = None


@dataclass
class Cl:
    id: str
    evidence: str
    chain: list[tuple[str, str, str | None]] = field(default_factory=list)
    kind: str = "reported"


def _span(text: str, needle: str) -> Span:
    i = text.find(needle)
    assert i >= 0, f"{needle!r} not in the test text"
    return Span.of(text, i, i + len(needle))


def build(text: str, *, publisher: str | None, published: str | None, entities: list[Ent],
          events: list[Ev] = (), claims: list[Cl] = (), source: str = "test") -> Document:
    info = make_info(text, source, publisher=publisher, published=published, headline=text.split(".")[0])
    doc = Document(info=info)
    for e in entities:
        mentions = [_span(text, n) for n in [e.name, *e.aliases] if n in text]
        doc.entities.append(Entity(e.id, e.type, e.name, e.named, list(e.aliases), list(e.roles), mentions, e.geo))
    for c in claims:
        chain = [ChainLink(publisher or "unknown", "publisher")]
        chain += [ChainLink(n, k, ent, _span(text, n) if n in text else None) for n, k, ent in c.chain]
        doc.claims.append(Claim(c.id, c.kind, chain, _span(text, c.evidence)))
    for v in events:
        doc.events.append(Event(
            id=v.id, type=v.type, trigger=_span(text, v.trigger), mode=v.mode, status=v.status,
            participants=[Participant(r, e) for r, e in v.participants], location=v.location,
            time=EventTime(v.time[0], v.time[0], v.time[1]) if v.time else None, claim=v.claim,
        ))
    return doc


@pytest.fixture(params=["duckdb", "postgres"])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store on each backend: a DuckDB file, then a PostgreSQL database.

    The PostgreSQL runs skip (with the reason) where no server binaries or psycopg are
    installed; see ``postgres_server`` in tests/conftest.py.
    """
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return str(tmp_path / "kb.duckdb")


@pytest.fixture()
def kb(store_db: str) -> KnowledgeBase:
    return KnowledgeBase(store_db)


BAKU = Geo(587084, "Baku", "AZ", "city", 40.377, 49.892)
GEORGIA_COUNTRY = Geo(614540, "Georgia", "GE", "country", 42.0, 43.5)
GEORGIA_STATE = Geo(4197000, "Georgia", "US", "admin", 32.75, -83.5)
