"""Ingest jobs: pasted text, uploaded files and URLs analyzed one after another.

A job is a list of inputs; one worker thread analyzes them in order and stores each
document, updating the job's rows as it goes so the Add page can poll the progress.
URLs are fetched with ``allow_private`` forced off: the web never reaches private
addresses, whatever the server's settings say.
"""

from __future__ import annotations

import re
import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..errors import ClaimgraphError, InputError
from ..models import Document

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_JOBS = 200

#: spaCy pipelines are not thread-safe: one analysis at a time in this process.
ANALYSIS_LOCK = threading.Lock()


@dataclass(slots=True)
class JobInput:
    """One thing to ingest: ``kind`` is text, file or url."""

    kind: str
    label: str
    text: str | None = None
    data: bytes | None = None
    url: str | None = None
    published: str | None = None
    headline: str | None = None
    publisher: str | None = None


@dataclass(slots=True)
class JobRow:
    input: str
    status: str = "queued"  # queued, analyzing, new, known, failed
    error: str | None = None
    document: str | None = None
    headline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"input": self.input, "status": self.status, "error": self.error,
                "document": self.document, "headline": self.headline}


@dataclass(slots=True)
class Job:
    id: str
    rows: list[JobRow]
    state: str = "queued"  # queued, running, done
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict[str, Any]:
        counts = {s: sum(1 for r in self.rows if r.status == s) for s in ("new", "known", "failed")}
        return {"id": self.id, "state": self.state, "done": self.state == "done",
                "rows": [r.to_dict() for r in self.rows], **counts}


Store = Callable[[Document], bool]


class JobRunner:
    """Runs ingest jobs on one worker thread; ``store(doc)`` returns True when new."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self._store = store
        self._settings = replace(settings or load_settings(), allow_private=False)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimgraph-ingest")

    def submit(self, inputs: list[JobInput]) -> Job:
        job = Job(id=secrets.token_hex(8), rows=[JobRow(input=i.label) for i in inputs])
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                self._jobs.popitem(last=False)
        self._pool.submit(self._run, job, inputs)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def wait(self, job: Job, timeout: float = 600.0) -> Job:
        deadline = time.monotonic() + timeout
        while job.state != "done" and time.monotonic() < deadline:
            time.sleep(0.05)
        return job

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- the worker -----------------------------------------------------------------
    def _run(self, job: Job, inputs: list[JobInput]) -> None:
        job.state = "running"
        try:
            for index, item in enumerate(inputs):
                self._run_one(job, index, item)
        finally:
            job.state = "done"
            job.finished = time.time()

    def _run_one(self, job: Job, index: int, item: JobInput) -> None:
        row = job.rows[index]
        row.status = "analyzing"
        try:
            with ANALYSIS_LOCK:
                outcomes = self._analyze(item)
        except ClaimgraphError as exc:
            row.status, row.error = "failed", _message(exc)
            return
        except Exception as exc:  # a bug in a step must not kill the worker
            row.status, row.error = "failed", f"internal error while analyzing: {exc}"
            return
        rows = [row] + [JobRow(input=f"{item.label} #{n + 2}") for n in range(len(outcomes) - 1)]
        job.rows[index + 1:index + 1] = rows[1:]
        for r, outcome in zip(rows, outcomes, strict=True):
            self._record(r, outcome, item)

    def _record(self, row: JobRow, outcome: Document | InputError, item: JobInput) -> None:
        if isinstance(outcome, InputError):
            row.status, row.error = "failed", _message(outcome)
            return
        if item.kind == "file":
            outcome.info.source = f"upload:{item.label}"
        try:
            is_new = self._store(outcome)
        except ClaimgraphError as exc:
            row.status, row.error = "failed", _message(exc)
            return
        row.status = "new" if is_new else "known"
        row.document = outcome.info.id
        row.headline = outcome.info.headline

    def _analyze(self, item: JobInput) -> list[Document | InputError]:
        from ..api import analyze, analyze_inputs

        if item.kind == "text":
            return [analyze(item.text or "", source=item.label, published=item.published or self._settings.published,
                            headline=item.headline, publisher=item.publisher, settings=self._settings)]
        if item.kind == "url":
            return _outcomes(analyze_inputs([item.url or ""], settings=self._with_published(item)))
        with tempfile.TemporaryDirectory(prefix="claimgraph-upload-") as tmp:
            path = Path(tmp) / safe_filename(item.label)
            path.write_bytes(item.data or b"")
            return _outcomes(analyze_inputs([str(path)], settings=self._with_published(item)))

    def _with_published(self, item: JobInput) -> Settings:
        if item.published:
            return replace(self._settings, published=item.published)
        return self._settings


def _outcomes(outcomes: Any) -> list[Document | InputError]:
    out: list[Document | InputError] = []
    for o in outcomes:
        out.append(o.error if o.error is not None else o.document)
    return out or [InputError("input", "nothing found to analyze in this input")]


def _message(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return exc.reason
    return str(exc)


def safe_filename(name: str) -> str:
    """A file name safe to write in a temp folder, keeping the suffixes that pick the reader."""
    base = Path(name.replace("\\", "/")).name
    clean = _SAFE_NAME.sub("_", base).lstrip(".") or "upload.txt"
    return clean[-120:]
