from __future__ import annotations

import claimgraph


def test_public_api_is_pinned():
    assert sorted(claimgraph.__all__) == sorted([
        "SCHEMA", "Amount", "ChainLink", "Claim", "ClaimgraphError", "Document", "DocumentInfo",
        "Entity", "Event", "EventTime", "Geo", "Outcome", "Participant", "Quote", "Relation",
        "Span", "Timex", "analyze", "analyze_inputs", "__version__",
    ])
    for name in claimgraph.__all__:
        assert hasattr(claimgraph, name), name


def test_errors_form_one_hierarchy():
    from claimgraph import errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.ClaimgraphError)
