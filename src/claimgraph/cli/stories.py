"""Story commands: ``stories`` (a list) and ``story ID`` (one story), thin over the KB."""

from __future__ import annotations

from typing import Any

import click

from . import render
from .common import cli, db_option
from .kb import _check_date, _emit, _query, json_option


def stories_table(stories: list[dict[str, Any]]) -> str:
    if not stories:
        return "(no stories)"
    rows = []
    for s in stories:
        grade = "-" if s.get("credibility") is None else str(s["credibility"])
        rows.append([str(s.get("first_published") or "-")[:10], s["id"], str(s["n_documents"]),
                     str(s["independent_sources"]), grade, ", ".join(s["publishers"]) or "-", s.get("title") or ""])
    return render.table(["first report", "id", "docs", "indep.src", "cred.", "publishers", "title"], rows)


def story_view(s: dict[str, Any]) -> str:
    cred = s.get("credibility_detail")
    lines = [
        f"{s['id']}: {s.get('title') or '(untitled)'}",
        f"first report: {s.get('first_published') or 'unknown'}; {len(s['documents'])} documents from "
        f"{len(s['publishers'])} publishers, {s['independent_sources']} independent",
        "credibility: " + (f"{cred['grade']} ({cred['label']}): {'; '.join(cred['reasons'])}" if cred else "-"),
        "",
        "Reports (earliest first):",
    ]
    rows = []
    for d in s["document_details"]:
        mark = "first" if d["first_report"] else ("copy" if d["copy_of"] else "")
        why = ", ".join(d["evidence"].get("signals") or []) or d["rule"]
        rows.append([str(d.get("published") or "-")[:16], d.get("publisher") or "-", mark, d["rule"], why,
                     d["id"][:12], d.get("headline") or ""])
    lines.append(render.table(["published", "publisher", "", "rule", "signals", "document", "headline"], rows))
    lines += ["", "Events:", render.events_table(s["event_details"]) if s["event_details"] else "(no events)"]
    return "\n".join(lines)


@cli.command("stories")
@click.option("--since", default=None, metavar="DATE", callback=_check_date,
              help="Only stories with a report on or after DATE (YYYY-MM-DD).")
@click.option("--actor", default=None, metavar="NAME", help="Only stories mentioning this actor (name, alias or id).")
@click.option("--limit", default=100, type=int, show_default=True, help="At most this many stories (0: all).")
@json_option
@db_option
def stories_cmd(since: str | None, actor: str | None, limit: int | None, as_json: bool, db: str | None) -> None:
    """Stories (one real-world happening, however many outlets report it), latest first.

    \b
    Example:
      claimgraph stories --since 2025-04-01 --actor "Agil Aslanov"
    """
    _emit(_query(db, lambda kb: kb.stories(since=since, actor=actor, limit=limit or None)), as_json, stories_table)


@cli.command("story")
@click.argument("story_id")
@click.option("--detach", "detach", default=None, metavar="DOC_ID",
              help="Undo a join: move this document out of the story into a story of its own.")
@json_option
@db_option
def story_cmd(story_id: str, detach: str | None, as_json: bool, db: str | None) -> None:
    """One story: its reports on a time line (first report, copies), events with status, sources.

    \b
    Example:
      claimgraph story S12 --json
      claimgraph story S12 --detach 3f9a...   # the document wrongly joined S12
    """
    if detach is not None:
        from ..kb import KnowledgeBase

        kb = KnowledgeBase(path=db)
        new_id = kb.detach_from_story(story_id, detach)
        click.echo(f"document {detach[:12]} moved from {story_id} to new story {new_id}", err=True)
    _emit(_query(db, lambda kb: kb.story(story_id)), as_json, story_view)
