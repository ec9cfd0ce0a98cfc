"""``claimgraph analyze`` and ``claimgraph ingest``."""

from __future__ import annotations

import json
import sys

import click

from ..api import analyze_inputs
from ..config import load_settings
from .common import cli


def _text_summary(rec: dict) -> str:
    d = rec["document"]
    lines = [f"# {d.get('headline') or d['source']}", f"publisher: {d.get('publisher')}  published: {d.get('published')}"]
    ents = {e["id"]: e for e in rec["entities"]}
    for ev in rec["events"]:
        parts = ", ".join(f"{p['role']}={ents[p['entity']]['name']}" for p in ev["participants"] if p["entity"] in ents)
        lines.append(f"- [{ev['status']}] {ev['type']}/{ev['mode']} '{ev['trigger']['text']}' {parts}")
    lines.append(f"{len(rec['entities'])} entities, {len(rec['events'])} events, {len(rec['claims'])} claims")
    return "\n".join(lines)


@cli.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default=None,
              help="Output format: json (default for one input), jsonl (default for many), text.")
@click.option("--published", default=None, help="Publication time for inputs that carry none (ISO 8601).")
@click.option("--allow-private", is_flag=True, default=False, help="Allow URLs on private/loopback addresses.")
def analyze_cmd(inputs: tuple[str, ...], fmt: str | None, published: str | None, allow_private: bool) -> None:
    """Analyze INPUTS without storing; print one document record per input.

    INPUT is a .txt/.html/.json/.jsonl(.gz) file, a directory, an http(s) URL, an
    RSS/Atom feed, or - for standard input.

    \b
    Example:
      claimgraph analyze examples/azernews_baku_plot.txt --format text
    """
    settings = load_settings(published=published, allow_private=allow_private or None)
    fmt = fmt or ("json" if len(inputs) == 1 and inputs[0] != "-" and not _is_dir(inputs[0]) else "jsonl")
    failed = 0
    out = sys.stdout
    for o in analyze_inputs(inputs, settings=settings):
        if o.error is not None:
            failed += 1
            click.echo(f"claimgraph: {o.error}", err=True)
            continue
        assert o.document is not None
        rec = o.document.to_dict()
        if fmt == "json":
            out.write(json.dumps(rec, ensure_ascii=False, indent=2) + "\n")
        elif fmt == "jsonl":
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            out.write(_text_summary(rec) + "\n\n")
    if failed:
        raise click.exceptions.Exit(1)


def _is_dir(p: str) -> bool:
    from pathlib import Path

    return Path(p).is_dir()
