"""The command group and options shared by commands."""

from __future__ import annotations

import click

from .. import __version__

DB_HELP = ("DuckDB store file, or a postgresql://USER@HOST/DB URL for a shared PostgreSQL store "
           "(default: $CLAIMGRAPH_DB, else the user data directory).")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="claimgraph")
def cli() -> None:
    """claimgraph: turn news into a sourced knowledge graph.

    \b
    Examples:
      claimgraph analyze article.txt                 # one document record as JSON
      claimgraph ingest articles/ --db kb.duckdb     # analyze and store a folder
      claimgraph actor "Agil Aslanov" --db kb.duckdb # an actor's dossier
      claimgraph serve --db kb.duckdb                # the web workbench
    """


db_option = click.option("--db", "db", type=click.Path(dir_okay=False), default=None, metavar="PATH|URL",
                         help=DB_HELP)
