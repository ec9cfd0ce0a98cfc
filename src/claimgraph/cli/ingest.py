"""``claimgraph ingest``: analyze and store."""

from __future__ import annotations

import logging
import sys

import click

from ..config import SETTINGS, load_settings
from ..kb import KnowledgeBase
from .common import cli, db_option


class _Progress:
    """A progress line on stderr, shown only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.counts = {"new": 0, "known": 0, "failed": 0}

    def __call__(self, source: str, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        if self.enabled:
            done = sum(self.counts.values())
            name = source if len(source) <= 40 else "…" + source[-39:]
            sys.stderr.write(f"\r\x1b[K[{done}] {self.counts['new']} new, {self.counts['known']} known, "
                             f"{self.counts['failed']} failed  {name}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled and sum(self.counts.values()):
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class _StderrWarnings(logging.Handler):
    """Library warnings (e.g. bytes replaced while decoding an input) as lines on stderr."""

    def __init__(self, progress: _Progress) -> None:
        super().__init__(logging.WARNING)
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        self.progress.finish()  # clear the progress line first
        click.echo(f"claimgraph: warning: {' '.join(record.getMessage().split())}", err=True)


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", default=None, help="Publication time for inputs that carry none (ISO 8601).")
@click.option("--allow-private", is_flag=True, default=False, help="Allow URLs on private/loopback addresses.")
@click.option(
    "--fetch-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="SECONDS",
    help=f"Most seconds one URL may take to download in all (fetch_timeout; default {SETTINGS['fetch_timeout'][0]:g}).",
)
@db_option
def ingest_cmd(
    inputs: tuple[str, ...],
    published: str | None,
    allow_private: bool,
    fetch_timeout: float | None,
    db: str | None,
) -> None:
    """Analyze INPUTS and store them in the knowledge base (idempotent).

    The same text ingested twice is stored once ("already known"). A failed input is
    named on stderr; the others are stored and the exit status is 1.

    \b
    Example:
      claimgraph ingest examples/ --db kb.duckdb
    """
    settings = load_settings(
        published=published, allow_private=allow_private or None, fetch_timeout=fetch_timeout, db=db
    )
    kb = KnowledgeBase(path=db)
    progress = _Progress()
    warnings = _StderrWarnings(progress)
    logger = logging.getLogger("claimgraph")
    logger.addHandler(warnings)
    try:
        summary = kb.ingest(inputs, settings=settings, progress=progress)
    finally:
        logger.removeHandler(warnings)
        progress.finish()
        kb.close()
    for err in summary.errors:
        click.echo(f"claimgraph: {err}", err=True)
    click.echo(summary.line(), err=True)
    if summary.failed:
        raise click.exceptions.Exit(1)
