"""The ``jsonl`` export: one object a line, in the contract's knowledge-base shape."""

from __future__ import annotations

import io
import json

from claimgraph.export import export

CONTRACT_KEYS = {
    "actor": {"id", "type", "name", "aliases", "roles", "geo", "mentions"},
    "event": {"id", "type", "mode", "status", "participants", "location", "time", "amount", "mentions",
              "sources", "independent_sources"},
    "claim": {"id", "document", "chain", "cue", "hedges", "evidence"},
    "document": {"id", "source", "url", "publisher", "headline", "authors", "published", "text"},
    "story": {"id", "title", "documents", "events", "publishers", "first_published", "independent_sources",
              "credibility"},
}


def _lines(kb, tmp_path):
    path = tmp_path / "kb.jsonl"
    counts = export(kb, "jsonl", path)
    return counts, [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_rows_have_contract_keys(kb, rows, tmp_path):
    counts, lines = _lines(kb, tmp_path)
    by_kind: dict[str, list[dict]] = {}
    for row in lines:
        by_kind.setdefault(row["kind"], []).append(row)
    for kind, keys in CONTRACT_KEYS.items():
        assert by_kind[kind], f"no {kind} rows"
        for row in by_kind[kind]:
            assert keys <= set(row), (kind, keys - set(row))
    assert counts == {k: len(v) for k, v in rows.items()}
    assert len(lines) == sum(counts.values())


def test_jsonl_mention_spans_point_into_document_text(kb, tmp_path):
    _, lines = _lines(kb, tmp_path)
    texts = {r["id"]: r["text"] for r in lines if r["kind"] == "document"}
    checked = 0
    for row in lines:
        if row["kind"] not in ("actor", "event"):
            continue
        for m in row["mentions"]:
            span = m["span"] if row["kind"] == "actor" else m["trigger"]
            assert texts[m["document"]][span["start"]:span["end"]] == span["text"]
            checked += 1
    assert checked > 20


def test_jsonl_stream_target_matches_file(kb, tmp_path):
    path = tmp_path / "a.jsonl"
    export(kb, "jsonl", path)
    stream = io.BytesIO()
    export(kb, "jsonl", stream)
    streamed = stream.getvalue().decode("utf-8").splitlines()
    written = path.read_text(encoding="utf-8").splitlines()
    assert len(streamed) == len(written)
    for a, b in zip(streamed, written, strict=True):
        assert json.loads(a) == json.loads(b)


def test_jsonl_story_rows_cover_every_document_once(kb, rows, tmp_path):
    _, lines = _lines(kb, tmp_path)
    docs = {r["id"] for r in lines if r["kind"] == "document"}
    events = {r["id"] for r in lines if r["kind"] == "event"}
    stories = [r for r in lines if r["kind"] == "story"]
    assert stories
    in_story = [d for s in stories for d in s["documents"]]
    assert sorted(in_story) == sorted(docs)  # each document is in exactly one story
    for s in stories:
        assert set(s["events"]) <= events
        assert s["publishers"] and s["first_published"] and s["title"]
        assert 1 <= s["independent_sources"] <= len(s["documents"])


def test_jsonl_view_keeps_stories_of_its_documents(kb, rows, tmp_path):
    name = next(a["name"] for a in rows["actors"] if a["type"] == "PERSON" and a["named"])
    path = tmp_path / "view.jsonl"
    export(kb, "jsonl", path, view=kb.view(actor=name))
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    docs = {r["id"] for r in lines if r["kind"] == "document"}
    stories = [r for r in lines if r["kind"] == "story"]
    assert stories
    for s in stories:
        assert s["documents"] and set(s["documents"]) <= docs
