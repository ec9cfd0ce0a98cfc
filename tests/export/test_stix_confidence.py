"""STIX ``confidence`` from the Admiralty credibility grade (STIX 2.1 Admiralty Credibility mapping).

The same through a real store and the OASIS validator: tests/kb/test_credibility.py.
"""

from __future__ import annotations

import pytest

from claimgraph.export.stix_objects import admiralty_confidence, incident_confidence


@pytest.mark.parametrize(("grade", "value"), [(1, 90), (2, 70), (3, 50), (4, 30), (5, 10), (6, None)])
def test_admiralty_grade_maps_to_stix_confidence(grade: int, value: int | None) -> None:
    assert admiralty_confidence(grade) == value
    assert incident_confidence({"credibility": grade}, {}) == value


def test_incident_confidence_without_grade_falls_back_to_source_count() -> None:
    assert incident_confidence({"independent_sources": 2, "sources": [], "claims": []}, {}) == 70
