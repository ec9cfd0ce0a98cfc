"""Datelines into ISO 8601 with the page's offset."""

from __future__ import annotations

import pytest

from claimgraph.ingest.dates import find_dates, normalise_datetime


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("7 April 2025 20:11 (UTC+04:00)", "2025-04-07T20:11:00+04:00"),
        ("April 7, 2025 8:11 PM", "2025-04-07T20:11:00"),
        ("April 7, 2025 8:11 PM EDT", "2025-04-07T20:11:00-04:00"),
        ("Mon 7 Apr 2025 09.05 BST", "2025-04-07T09:05:00+01:00"),
        ("Updated: 2025-04-07T20:11:00+04:00", "2025-04-07T20:11:00+04:00"),
        ("2025-04-07 06:30", "2025-04-07T06:30:00"),
        ("Tuesday April 8 2025", "2025-04-08"),
        ("8th of April, 2025", "2025-04-08"),
        ("Sept. 3, 2024, 12:05 a.m. GMT+5:30", "2024-09-03T00:05:00+05:30"),
    ],
)
def test_dates_dateline_formats(line, iso):
    hits = find_dates(line)
    assert hits and hits[0].iso == iso


def test_dates_label_and_invalid_dates():
    (hit,) = find_dates("Last updated: March 3, 2024 10:15 am")
    assert hit.label == "last updated" and hit.has_time
    assert find_dates("31 February 2025") == []
    assert find_dates("in 2025 he said") == []


def test_dates_normalise_feed_and_iso_forms():
    assert normalise_datetime("Mon, 07 Apr 2025 16:11:00 +0000") == "2025-04-07T16:11:00+00:00"
    assert normalise_datetime("2025-04-07T20:11:00Z") == "2025-04-07T20:11:00+00:00"
    assert normalise_datetime("2025-04-07") == "2025-04-07"
    assert normalise_datetime("not a date") is None
