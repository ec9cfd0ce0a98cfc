"""Watching feeds: a long-running poller that ingests new items and raises alerts.

:class:`Watcher` polls RSS/Atom/JSON feeds in rounds (conditional GET, per-host politeness,
exponential backoff), reads each new item through the ingest layer (same address rules as
``claimgraph ingest``), stores it in the knowledge base and writes an alert for each new
event that matches the watchlist (:class:`AlertRules`). What it has seen, each feed's
validators and the alerts are kept in the knowledge base (:mod:`.state`), so a restart
resumes where the last run stopped. Modules: ``targets`` (arguments to feeds), ``entries``
(item keys), ``conditional`` (fetching), ``state``, ``alerts``, ``poller``.
"""

from __future__ import annotations

from .alerts import AlertRules
from .poller import FeedReport, Watcher, WatchOptions, WatchSummary
from .state import WatchState, recent_alerts
from .targets import expand_feeds

__all__ = [
    "AlertRules",
    "FeedReport",
    "WatchOptions",
    "WatchState",
    "WatchSummary",
    "Watcher",
    "expand_feeds",
    "recent_alerts",
]
