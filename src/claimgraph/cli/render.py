"""Plain-text terminal views of knowledge-base query results."""

from __future__ import annotations

from typing import Any

STATUS_LABEL = {
    "occurred": "OCCURRED",
    "planned": "PLANNED",
    "attempted": "ATTEMPTED",
    "foiled": "FOILED",
    "hypothetical": "HYPOTHETICAL",
    "negated": "DID NOT HAPPEN",
    "unknown": "STATUS UNKNOWN",
}


def table(headers: list[str], rows: list[list[str]], max_width: int = 48) -> str:
    """A left-aligned text table; cells longer than ``max_width`` are cut with an ellipsis."""
    cells = [[_cut(str(c), max_width) for c in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join([line, rule, *body])


def _cut(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def status_label(event: dict[str, Any]) -> str:
    label = STATUS_LABEL.get(event["status"], event["status"].upper())
    if event.get("contested"):
        others = ", ".join(f"{s} x{n}" for s, n in sorted(event.get("statuses", {}).items()))
        label += f" (CONTESTED: {others})"
    return label


def _participants(event: dict[str, Any]) -> str:
    parts = [f"{p['role']}: {p.get('name') or p['actor']}" for p in event.get("participants", [])]
    return "; ".join(parts) or "-"


def events_table(events: list[dict[str, Any]]) -> str:
    if not events:
        return "(no events)"
    rows = []
    for e in events:
        what = e["type"] + (f"/{e['mode']}" if e.get("mode") else "")
        trig = e["mentions"][0]["trigger"]["text"] if e.get("mentions") else ""
        place = (e.get("location") or {}).get("name") or "-"
        rows.append([_date_cell(e), e["id"], status_label(e), what, trig, _participants(e), place,
                     str(e["independent_sources"]), str(len(e.get("mentions", []))), _grade_cell(e)])
    out = table(["date", "id", "status", "type", "trigger", "who", "where", "indep.src", "reports", "cred."], rows)
    if any(e.get("date_source") == "published" for e in events):
        out += "\n(p) = no time stated: the date of the report, the event happened then or earlier"
    return out


def _grade_cell(e: dict[str, Any]) -> str:
    """The Admiralty credibility grade: "1 confirmed" ... "6 truth cannot be judged"."""
    return f"{e['credibility']} {e.get('credibility_label') or ''}".strip() if e.get("credibility") else "-"


def event_reports_view(e: dict[str, Any]) -> list[str]:
    """Lines under a dossier event: credibility and why, the status report by report."""
    out = []
    if e.get("credibility"):
        out.append(f"    credibility {_grade_cell(e)}: " + "; ".join(e.get("credibility_reasons") or []))
    across = e.get("status_across_reports") or {}
    if across.get("rule"):
        out.append(f"    status across reports: {e['status']} ({across['rule']})")
    superseded = set(across.get("superseded") or [])
    for r in across.get("reports") or []:
        note = " [superseded]" if r["document"] in superseded else ""
        out.append(f"      {(r.get('published') or '-')[:16]}  {r['status']}{note}  {r['source']}")
    first = (e.get("corroboration") or {}).get("first_report")
    if first:
        out.append(f"    first reported by {first.get('publisher') or '?'} ({(first.get('published') or '-')[:16]})")
    return out


def _date_cell(e: dict[str, Any]) -> str:
    if not e.get("date"):
        return "-"
    return e["date"] + (" (p)" if e.get("date_source") == "published" else "")


def actor_view(d: dict[str, Any]) -> str:
    a = d["actor"]
    out = [f"{a['name']}  [{a['type']}, {a['id']}]"]
    if a.get("aliases"):
        out.append("also: " + ", ".join(a["aliases"]))
    if a.get("roles"):
        out.append("roles: " + ", ".join(a["roles"]))
    if a.get("geo"):
        g = a["geo"]
        out.append(f"place: {g.get('name')} (GeoNames {g.get('geonames_id')}, {g.get('country_code')})")
    if d.get("places"):
        out.append("event places: " + ", ".join(f"{p['name']} x{p['count']}" for p in d["places"]))
    out.append("")
    by_status = d.get("events_by_status", {})
    out.append(f"EVENTS ({len(d['events'])}): " + ", ".join(
        f"{STATUS_LABEL.get(s, s)} {len(ids)}" for s, ids in by_status.items()))
    out.append(events_table(d["events"]))
    for e in d["events"]:
        chains = {" -> ".join(link["name"] for link in ch) for ch in e.get("sources", [])}
        out.append(f"  {e['id']} sources ({e['independent_sources']} independent): " + " | ".join(sorted(chains)))
        out.extend(event_reports_view(e))
    out.append("")
    rel = d.get("related_actors", [])
    out.append(f"RELATED ACTORS ({len(rel)})")
    if rel:
        out.append(table(["id", "name", "type", "relations", "count"], [
            [r["id"], r.get("name") or "", r.get("type") or "",
             ", ".join(f"{k} x{v}" for k, v in r["relations"].items()), str(r["count"])] for r in rel]))
    out.append("")
    docs = d.get("documents", [])
    out.append(f"DOCUMENTS ({len(docs)})")
    if docs:
        out.append(table(["published", "publisher", "headline / source", "id"], [
            [x.get("published") or "-", x.get("publisher") or "-", x.get("headline") or x.get("source") or "",
             x["id"][:12]] for x in docs]))
    merges = [m for m in d.get("merge_evidence", []) if m["rule"] != "new"]
    if merges:
        out.append("")
        out.append("MERGED BECAUSE")
        out.append(table(["rule", "names", "matched", "document", "undone"], [
            [m["rule"], ", ".join(m["names"]), m.get("matched_name") or "", m["document"][:12],
             "yes" if m["undone"] else ""] for m in merges]))
    return "\n".join(out)


def network_view(net: dict[str, Any]) -> str:
    c = net["center"] or {}
    names = {n["id"]: n["name"] for n in net["nodes"]}
    out = [f"Network of {c.get('name')} [{c.get('id')}]: {len(net['nodes'])} actors, {len(net['edges'])} links"]
    if net["edges"]:
        out.append(table(["from", "relation", "to", "count"], [
            [names.get(e["source"], e["source"]), e["type"], names.get(e["target"], e["target"]), str(e["count"])]
            for e in net["edges"]]))
    return "\n".join(out)


def candidates_view(name: str, candidates: list[dict[str, Any]]) -> str:
    rows = [[c["id"], c["name"], c["type"], str(c["mentions"])] for c in candidates]
    return f"{name!r} matches several actors; give one of these ids:\n" + table(
        ["id", "name", "type", "mentions"], rows)
