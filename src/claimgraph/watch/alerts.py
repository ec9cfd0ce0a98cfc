"""Watchlists: which new events raise an alert, and the alerts file (one JSON line each).

A rule set holds watched actor names, event types and statuses. An event matches when it
satisfies every kind of rule given (AND across kinds) and any one value within a kind (OR):
``--alert-actor A --alert-actor B --alert-status foiled`` alerts on foiled events of A or B,
like ``claimgraph events --actor --status`` filters. A watched name matches a stored actor
whose name or any alias, across all documents, equals it case-insensitively (after the
knowledge base has resolved the new document's entities to actors).

Each event of the knowledge base alerts at most once, when the first document the watcher
stores that reports it makes it match.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..models import STATUSES


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(slots=True, frozen=True)
class AlertRules:
    """Watched actor names, event types (upper case) and statuses; empty: no alerts."""

    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    @classmethod
    def build(cls, actors: list[str] | tuple[str, ...] = (), types: list[str] | tuple[str, ...] = (),
              statuses: list[str] | tuple[str, ...] = ()) -> AlertRules:
        """Checked rules: blank names refused, types upper-cased, statuses from the contract's list."""
        names = tuple(" ".join(a.split()) for a in actors)
        if any(not n for n in names):
            raise ConfigError("--alert-actor needs a name, e.g. --alert-actor \"Agil Aslanov\".")
        kinds = tuple(t.strip().upper() for t in types)
        if any(not t or not t.replace("_", "").isalpha() for t in kinds):
            raise ConfigError(f"--alert-type takes an event type such as ASSAULT or COERCE, got {list(types)!r}.")
        stats = tuple(s.strip().lower() for s in statuses)
        bad = [s for s in stats if s not in STATUSES]
        if bad:
            raise ConfigError(f"Unknown --alert-status {bad!r}; use one of: {', '.join(STATUSES)}.")
        return cls(names, kinds, stats)

    def __bool__(self) -> bool:
        return bool(self.actors or self.types or self.statuses)

    def describe(self) -> str:
        parts = []
        if self.actors:
            parts.append("actor in " + ", ".join(self.actors))
        if self.types:
            parts.append("type in " + ", ".join(self.types))
        if self.statuses:
            parts.append("status in " + ", ".join(self.statuses))
        return " and ".join(parts)


def watched_actor_ids(kb: Any, rules: AlertRules) -> dict[str, str]:
    """Stored actor id -> the watched name it answers to (by name or alias, any case)."""
    out: dict[str, str] = {}
    for name in rules.actors:
        want = _fold(name)
        for actor in kb.find_actors(name, limit=50):
            names = [actor.get("name") or "", *(actor.get("aliases") or [])]
            if any(_fold(n) == want for n in names if n):
                out.setdefault(str(actor["id"]), name)
    return out


def match_event(event: dict[str, Any], rules: AlertRules, watched: dict[str, str]) -> str | None:
    """The rule ``event`` (a stored event, as ``kb.event`` gives it) matches, or ``None``."""
    if not rules:
        return None
    parts = []
    if rules.actors:
        hits = [watched[p["actor"]] for p in event.get("participants") or [] if p.get("actor") in watched]
        if not hits:
            return None
        parts.append(f"actor={hits[0]}")
    if rules.types:
        if str(event.get("type") or "").upper() not in rules.types:
            return None
        parts.append(f"type={event.get('type')}")
    if rules.statuses:
        if event.get("status") not in rules.statuses:
            return None
        parts.append(f"status={event.get('status')}")
    return " & ".join(parts)


def _trigger(event: dict[str, Any], doc_id: str) -> str | None:
    for m in event.get("mentions") or []:
        if m.get("document") == doc_id:
            return (m.get("trigger") or {}).get("text")
    return None


def document_alerts(kb: Any, doc_id: str, feed: str, rules: AlertRules,
                    already: set[str] | None = None) -> list[dict[str, Any]]:
    """The alerts of stored document ``doc_id``: one per matching event not in ``already``."""
    if not rules:
        return []
    rec = kb.document(doc_id)
    info = rec.get("document") or {}
    event_ids = sorted(set(((rec.get("kb") or {}).get("events") or {}).values()))
    watched = watched_actor_ids(kb, rules) if rules.actors else {}
    now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    out = []
    for eid in event_ids:
        if already and eid in already:
            continue
        event = kb.event(eid)
        rule = match_event(event, rules, watched)
        if rule is None:
            continue
        out.append({
            "time": now,
            "feed": feed,
            "document": doc_id,
            "url": info.get("url"),
            "headline": info.get("headline"),
            "published": info.get("published"),
            "event": eid,
            "type": event.get("type"),
            "mode": event.get("mode"),
            "status": event.get("status"),
            "trigger": _trigger(event, doc_id),
            "actors": [{"id": p.get("actor"), "name": p.get("name"), "role": p.get("role")}
                       for p in event.get("participants") or []],
            "rule": rule,
        })
    return out


def append_alerts(path: Path, alerts: list[dict[str, Any]]) -> None:
    """Append one JSON line per alert to ``path`` and flush it to disk."""
    if not alerts:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(a, ensure_ascii=False, sort_keys=True) + "\n" for a in alerts)
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(lines)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise ConfigError(f"Cannot write the alerts file {path}: {exc}. Give another --alerts path.") from exc
