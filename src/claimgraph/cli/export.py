"""``claimgraph export``: the knowledge base in STIX, JSONL, CSV, GraphML or FtM."""

from __future__ import annotations

import sys

import click

from ..export import export, get_exporter
from .common import cli, db_option


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "nothing"


@cli.command("export")
@click.option("--format", "-f", "fmt", required=True, metavar="FORMAT",
              help="Output format: stix, jsonl, csv, graphml or ftm.")
@click.option("--output", "-o", "output", required=True, metavar="PATH",
              help="File to write (csv: a directory, or a .zip file); - for standard output.")
@click.option("--actor", "actor", default=None, metavar="NAME",
              help="Export only this actor, its events, related actors, claims and documents.")
@db_option
def export_cmd(fmt: str, output: str, actor: str | None, db: str | None) -> None:
    """Export the knowledge base (or one actor's part of it) to PATH.

    \b
    Examples:
      claimgraph export --format stix -o bundle.json --db kb.duckdb
      claimgraph export --format csv -o tables.zip --actor "Agil Aslanov"
      claimgraph export --format jsonl -o - | head
    """
    fmt = fmt.lower()
    get_exporter(fmt)  # an unknown format fails before the store is opened
    from ..kb import KnowledgeBase

    kb = KnowledgeBase(path=db, read_only=True)
    try:
        view = kb.view(actor=actor) if actor else None
        target = sys.stdout.buffer if output == "-" else output
        counts = export(kb, fmt, target, view=view)
        if output == "-":
            sys.stdout.flush()
    finally:
        kb.close()
    where = "standard output" if output == "-" else output
    click.echo(f"claimgraph: exported {_summary(counts)} as {fmt} to {where}", err=True)

