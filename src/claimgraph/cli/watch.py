"""``claimgraph watch``: poll feeds, store new items, write alerts (thin over claimgraph.watch)."""

from __future__ import annotations

import signal
import sys
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any

import click

from ..config import SETTINGS, load_settings
from ..kb import KnowledgeBase
from ..models import STATUSES
from .common import cli, db_option


def _log(line: str) -> None:
    stamp = datetime.now().astimezone().strftime("%H:%M:%S")
    click.echo(f"claimgraph watch {stamp}: {' '.join(line.split())}", err=True)


class _StopOnSignal:
    """SIGINT/SIGTERM ask the watcher to stop after the item in hand; a second one ends at once."""

    def __init__(self, stop: Any) -> None:
        self.stop = stop
        self.old: dict[int, Any] = {}

    def __enter__(self) -> _StopOnSignal:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self.old[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        _log(f"{name}: stopping after the current item (send it again to stop at once)")
        for sig, old in self.old.items():
            signal.signal(sig, old)
        self.stop()

    def __exit__(self, *exc: object) -> None:
        for sig, old in self.old.items():
            signal.signal(sig, old)


@cli.command("watch")
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_OR_URL...")
@click.option("--interval", type=click.FloatRange(min=0.05), default=300.0, show_default=True, metavar="SECONDS",
              help="Seconds between two polls of one feed.")
@click.option("--once", is_flag=True, default=False, help="Poll every feed once and exit (for cron and tests).")
@click.option("--max-rounds", type=click.IntRange(min=1), default=None, metavar="N",
              help="Stop after N polling rounds (default: run until SIGINT/SIGTERM).")
@click.option("--host-delay", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
              help="Least seconds between two requests to one host (politeness).")
@click.option("--max-backoff", type=click.FloatRange(min=0), default=3600.0, show_default=True,
              metavar="SECONDS", help="Longest wait before retrying a failing feed (the wait doubles per failure).")
@click.option("--max-errors", type=click.IntRange(min=1), default=10, show_default=True, metavar="N",
              help="Failures in a row after which a feed is set aside for the rest of the run.")
@click.option("--alert-actor", "alert_actors", multiple=True, metavar="NAME",
              help="Alert on new events with this actor (name or alias, any case); repeatable.")
@click.option("--alert-type", "alert_types", multiple=True, metavar="TYPE",
              help="Alert on new events of this type (e.g. ASSAULT); repeatable.")
@click.option("--alert-status", "alert_statuses", multiple=True, type=click.Choice(STATUSES),
              help="Alert on new events with this status; repeatable.")
@click.option("--alerts", "alerts_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Append one JSON line per alert to this file (alerts are also kept in the store).")
@click.option("--allow-private", is_flag=True, default=False, help="Allow feeds on private/loopback addresses.")
@click.option("--fetch-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help=f"Most seconds one download may take (fetch_timeout; default {SETTINGS['fetch_timeout'][0]:g}).")
@db_option
def watch_cmd(feeds: tuple[str, ...], interval: float, once: bool, max_rounds: int | None, host_delay: float,
              max_backoff: float, max_errors: int, alert_actors: tuple[str, ...], alert_types: tuple[str, ...],
              alert_statuses: tuple[str, ...], alerts_path: Path | None, allow_private: bool,
              fetch_timeout: float | None, db: str | None) -> None:
    """Poll RSS/Atom/JSON feeds and store their new items, until SIGINT or SIGTERM.

    FEED_OR_URL is a feed URL, a feed file, or a file listing feeds (one URL or path a
    line, # for comments). Each feed is fetched with If-None-Match/If-Modified-Since; a
    failing feed is retried after a doubling wait. Items seen before (by GUID, URL, then
    text hash) are never fetched or stored again; this is kept in the store, so a restart
    resumes. SIGINT/SIGTERM stop after the current item, with exit status 0.

    Alerts: a new event that matches every kind of --alert-* rule given (any value of
    each) is written as one JSON line to --alerts and kept for the workbench's /alerts.

    \b
    Examples:
      claimgraph watch https://example.org/rss.xml --db kb.duckdb --interval 600
      claimgraph watch feeds.txt --db kb.duckdb --alert-actor "Agil Aslanov" --alerts alerts.jsonl
      claimgraph watch feeds.txt --db kb.duckdb --once        # one round, e.g. from cron
    """
    from ..watch import AlertRules, Watcher, WatchOptions, expand_feeds

    rules = AlertRules.build(alert_actors, alert_types, alert_statuses)
    targets = expand_feeds(feeds)
    settings = load_settings(allow_private=allow_private or None, fetch_timeout=fetch_timeout, db=db)
    options = WatchOptions(interval=interval, host_delay=host_delay, max_backoff=max_backoff,
                           max_errors=max_errors, max_rounds=1 if once else max_rounds,
                           alerts_path=alerts_path, rules=rules)
    kb = KnowledgeBase(path=db)
    watcher = Watcher(targets, kb, settings, options, log=_log)
    _log(f"watching {len(targets)} feed(s) every {interval:g} s into {getattr(kb, 'location', kb.path)}"
         + (f"; alerts when {rules.describe()}" if rules else ""))
    try:
        with _StopOnSignal(watcher.stop):
            summary = watcher.run()
    finally:
        kb.close()
    _log(("stopped: " if summary.stopped else "done: ") + summary.line())
    if summary.stopped:
        return
    failed_now = [r for r in summary.last_round if r.status in ("failed", "set aside")]
    if (once and failed_now) or (watcher.set_aside and len(watcher.set_aside) == len(targets)):
        sys.stderr.flush()
        raise click.exceptions.Exit(1)
