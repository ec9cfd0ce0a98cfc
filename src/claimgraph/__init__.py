"""claimgraph: news in, a sourced knowledge graph out.

Who did what to whom, where and when, who says so, and how sure they are.
"""

from __future__ import annotations

from .api import Outcome, analyze, analyze_inputs
from .errors import ClaimgraphError
from .models import (
    SCHEMA,
    Amount,
    ChainLink,
    Claim,
    Document,
    DocumentInfo,
    Entity,
    Event,
    EventTime,
    Geo,
    Participant,
    Quote,
    Relation,
    Span,
    Timex,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Amount",
    "ChainLink",
    "Claim",
    "ClaimgraphError",
    "Document",
    "DocumentInfo",
    "Entity",
    "Event",
    "EventTime",
    "Geo",
    "Outcome",
    "Participant",
    "Quote",
    "Relation",
    "Span",
    "Timex",
    "analyze",
    "analyze_inputs",
    "__version__",
]
