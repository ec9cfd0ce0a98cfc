"""Knowledge-base commands: actor, events, timeline, network."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import click

from ..kb import AmbiguousNameError, KnowledgeBase
from ..models import STATUSES
from . import render
from .common import cli, db_option


def _emit(data: Any, as_json: bool, view: Callable[[Any], str]) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(view(data))


def _query(db: str | None, fn: Callable[[KnowledgeBase], Any]) -> Any:
    kb = KnowledgeBase(path=db, read_only=True)
    try:
        return fn(kb)
    except AmbiguousNameError as exc:
        click.echo(render.candidates_view(exc.name, exc.candidates), err=True)
        raise click.exceptions.Exit(2) from exc
    finally:
        kb.close()


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A YYYY[-MM[-DD]] bound, widened to a whole day: --since 2025 is 2025-01-01, --until 2025-04 is 2025-04-31."""
    if value is None:
        return None
    if not _DATE.fullmatch(value):
        raise click.BadParameter(f"{value!r} is not a date; give YYYY-MM-DD, YYYY-MM or YYYY.")
    pad = "-01-01" if param.name == "since" else "-12-31"
    return value + pad[len(value) - 4:]


json_option = click.option("--json", "as_json", is_flag=True, default=False, help="Print JSON instead of a table.")


@cli.command("actor")
@click.argument("name")
@json_option
@db_option
def actor_cmd(name: str, as_json: bool, db: str | None) -> None:
    """The dossier of actor NAME (a name or alias, any case, or an actor id).

    Shows aliases, roles, places, events by status with their sources and number of
    independent sources, related actors, documents, and why mentions were merged.

    \b
    Example:
      claimgraph actor "Agil Aslanov" --db kb.duckdb
      claimgraph actor aslanov --json
    """
    _emit(_query(db, lambda kb: kb.actor(name, limit=None)), as_json, render.actor_view)


@cli.command("events")
@click.option("--actor", default=None, metavar="NAME", help="Only events with this actor (name, alias or id).")
@click.option("--type", "type_", default=None, metavar="T", help="Only events of this type, e.g. ASSAULT.")
@click.option("--status", default=None, type=click.Choice(STATUSES, case_sensitive=False),
              help="Only events with this status.")
@click.option("--since", default=None, metavar="DATE", callback=_check_date,
              help="Only events on or after DATE (YYYY-MM-DD).")
@click.option("--until", default=None, metavar="DATE", callback=_check_date,
              help="Only events on or before DATE (YYYY-MM-DD).")
@click.option("--limit", default=None, type=int, help="At most this many events.")
@json_option
@db_option
def events_cmd(actor: str | None, type_: str | None, status: str | None, since: str | None,
               until: str | None, limit: int | None, as_json: bool, db: str | None) -> None:
    """Stored events, newest first.

    \b
    Example:
      claimgraph events --actor "Agil Aslanov" --status foiled --since 2025-01-01
    """
    evs = _query(db, lambda kb: kb.events(actor=actor, type=type_, status=status, since=since, until=until,
                                          limit=limit))
    _emit(evs, as_json, render.events_table)


@cli.command("timeline")
@click.option("--actor", default=None, metavar="NAME", help="Only events with this actor (name, alias or id).")
@json_option
@db_option
def timeline_cmd(actor: str | None, as_json: bool, db: str | None) -> None:
    """Stored events in time order (undated ones last).

    \b
    Example:
      claimgraph timeline --actor "Rabbi Shneor Segal"
    """
    _emit(_query(db, lambda kb: kb.timeline(actor=actor)), as_json, render.events_table)


@cli.command("network")
@click.argument("name")
@click.option("--depth", default=1, type=click.IntRange(1, 4), show_default=True,
              help="How many hops away from NAME to go.")
@json_option
@db_option
def network_cmd(name: str, depth: int, as_json: bool, db: str | None) -> None:
    """Actors related to NAME, with relation types and counts.

    \b
    Example:
      claimgraph network "Quds Force" --depth 2 --json
    """
    _emit(_query(db, lambda kb: kb.network(name, depth=depth)), as_json, render.network_view)
