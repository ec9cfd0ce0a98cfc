"""``claimgraph ingest``: analyze and store."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

import click

from ..config import SETTINGS, Settings, load_settings
from ..kb import IngestSummary, KnowledgeBase
from .common import cli, db_option
from .progress import ProgressBar, estimate_total

if TYPE_CHECKING:
    from ..scale.options import RayOptions


class _StderrWarnings(logging.Handler):
    """Library warnings (e.g. bytes replaced while decoding an input) as lines on stderr."""

    def __init__(self, progress: ProgressBar) -> None:
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
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where analysis runs: this process, or Ray worker processes (needs the 'scale' extra).")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Ray analyzer processes, one CPU each (--engine ray; default: the CPUs here).")
@click.option("--address", default=None, metavar="ADDR",
              help="Join this Ray cluster (e.g. auto, host:6379, ray://host:10001) instead of starting a "
                   "local one (--engine ray).")
@click.option("--chunk-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="Documents per Ray task (--engine ray; default 8).")
@db_option
def ingest_cmd(
    inputs: tuple[str, ...],
    published: str | None,
    allow_private: bool,
    fetch_timeout: float | None,
    engine: str,
    workers: int | None,
    address: str | None,
    chunk_size: int | None,
    db: str | None,
) -> None:
    """Analyze INPUTS and store them in the knowledge base (idempotent).

    The same text ingested twice is stored once ("already known"). A failed input is
    named on stderr; the others are stored and the exit status is 1.

    \b
    Examples:
      claimgraph ingest examples/ --db kb.duckdb
      claimgraph ingest archive/ --db kb.duckdb --engine ray --workers 8
    """
    if engine != "ray" and (workers is not None or address is not None or chunk_size is not None):
        raise click.UsageError("--workers, --address and --chunk-size go with --engine ray")
    settings = load_settings(
        published=published, allow_private=allow_private or None, fetch_timeout=fetch_timeout, db=db
    )
    kb = KnowledgeBase(path=db)
    progress = ProgressBar(total=estimate_total(inputs) if sys.stderr.isatty() else None)
    warnings = _StderrWarnings(progress)
    logger = logging.getLogger("claimgraph")
    logger.addHandler(warnings)
    try:
        if engine == "ray":
            options = _ray_options(workers, address, chunk_size)
            summary = _ingest_on_ray(kb, inputs, settings, options, progress)
        else:
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


def _ray_options(workers: int | None, address: str | None, chunk_size: int | None) -> RayOptions:
    from ..scale.options import RayOptions

    options = RayOptions(workers=workers or os.cpu_count() or 1, address=address)
    if chunk_size is not None:
        options.chunk_size = chunk_size
    return options


def _ingest_on_ray(kb: KnowledgeBase, inputs: tuple[str, ...], settings: Settings, options: RayOptions,
                   progress: ProgressBar) -> IngestSummary:
    from ..scale.ray_engine import ingest_with_ray

    return ingest_with_ray(inputs, kb, settings=settings, options=options, progress=progress).summary
