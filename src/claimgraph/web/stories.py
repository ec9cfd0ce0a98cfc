"""Stories in the workbench: ``/stories``, ``/stories/{id}`` and ``GET /api/stories[/{id}]``.

A story page draws its reports on a time axis, one row per outlet: the first report is
marked, a syndicated copy is drawn as a ring joined to the report it copies. Below come
the story's events (status, independent sources, credibility grade), its sources and the
evidence that joined each report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from .api import bench_of

router = APIRouter()

#: Stories the list page and the API return at most.
MAX_STORIES = 1000
PAGE_STORIES = 100
PIC_W, ROW, PAD, LEFT = 900, 30, 30, 190


@dataclass(slots=True)
class Report:
    doc: str
    x: float
    y: float
    when: str
    headline: str
    first: bool
    copy_of: str | None


@dataclass(slots=True)
class StoryPicture:
    """Outlets on a time axis (rows), reports as dots; copies joined to their original."""

    width: int
    height: int
    rows: list[tuple[float, str]] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    copies: list[tuple[float, float, float, float]] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    undated: int = 0


def _when(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        w = datetime.fromisoformat(published.replace("Z", "+00:00"))
        return w if w.tzinfo else w.replace(tzinfo=UTC)
    except ValueError:
        try:
            return datetime.combine(date.fromisoformat(published[:10]), datetime.min.time(), tzinfo=UTC)
        except ValueError:
            return None


def story_picture(docs: list[dict[str, Any]]) -> StoryPicture:
    dated = [(w, d) for d in docs if (w := _when(d.get("published"))) is not None]
    outlets: list[str] = []
    for _, d in dated:
        name = d.get("publisher") or "(unknown outlet)"
        if name not in outlets:
            outlets.append(name)
    pic = StoryPicture(PIC_W, PAD * 2 + ROW * max(1, len(outlets)), undated=len(docs) - len(dated))
    if not dated:
        return pic
    stamps = [w.timestamp() for w, _ in dated]
    lo, hi = min(stamps), max(stamps)
    if hi - lo < 6 * 3600:  # all within a few hours: show a day around them
        lo, hi = lo - 43200, hi + 43200
    right = PIC_W - 40.0

    def xpos(t: float) -> float:
        return LEFT + (right - LEFT) * (t - lo) / (hi - lo)

    for i, name in enumerate(outlets):
        pic.rows.append((PAD + ROW * i + ROW / 2, name))
    at: dict[str, tuple[float, float]] = {}
    for w, d in dated:
        y = PAD + ROW * outlets.index(d.get("publisher") or "(unknown outlet)") + ROW / 2
        r = Report(d["id"], xpos(w.timestamp()), y, (d.get("published") or "")[:16].replace("T", " "),
                   d.get("headline") or d["id"][:12], bool(d.get("first_report")), d.get("copy_of"))
        pic.reports.append(r)
        at[d["id"]] = (r.x, r.y)
    for r in pic.reports:
        if r.copy_of and r.copy_of in at:
            x0, y0 = at[r.copy_of]
            pic.copies.append((x0, y0, r.x, r.y))
    for k in range(5):
        t = lo + (hi - lo) * k / 4
        label = datetime.fromtimestamp(t, tz=UTC).strftime("%Y-%m-%d" if hi - lo > 3 * 86400 else "%m-%d %H:%M UTC")
        if not pic.ticks or pic.ticks[-1][1] != label:
            pic.ticks.append((xpos(t), label))
    return pic


# -- API ----------------------------------------------------------------------------------------
@router.get("/api/stories", tags=["api"], summary="Stories (one happening, however many outlets), latest first")
def stories_endpoint(request: Request, since: str | None = None, actor: str | None = None,
                     limit: int = Query(100, ge=1, le=MAX_STORIES), offset: int = Query(0, ge=0)) -> dict[str, Any]:
    _check_since(since)
    with bench_of(request).kb() as kb:
        return {"stories": kb.stories(since=since or None, actor=actor or None, limit=limit, offset=offset)}


@router.get("/api/stories/{story_id}", tags=["api"], summary="One story: reports, events, sources, join evidence")
def story_endpoint(request: Request, story_id: str) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        return kb.story(story_id)


def _check_since(since: str | None) -> None:
    if since:
        try:
            date.fromisoformat(since[:10])
        except ValueError as exc:
            raise HTTPException(400, f"since={since!r} is not a date; give YYYY-MM-DD.") from exc


# -- pages --------------------------------------------------------------------------------------
@router.get("/stories", response_class=HTMLResponse, include_in_schema=False)
def stories_page(request: Request, since: str = "", actor: str = "") -> HTMLResponse:
    from .pages import render

    _check_since(since)
    with bench_of(request).kb() as kb:
        rows = kb.stories(since=since or None, actor=actor or None, limit=PAGE_STORIES)
    return render(request, "stories.html", {"title": "Stories", "stories": rows,
                                            "form": {"since": since, "actor": actor}})


@router.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    from .pages import render

    with bench_of(request).kb() as kb:
        s = kb.story(story_id)
    return render(request, "story.html", {"title": s.get("title") or s["id"], "s": s,
                                          "pic": story_picture(s["document_details"])})
