"""``claimgraph ingest --engine ray``: analysis on Ray actors, storage by the driver.

The shape of a run:

1. The driver reads the inputs (:func:`claimgraph.ingest.read_inputs`: files, directories,
   URLs, feeds) lazily, in order, into chunks of ``chunk_size`` documents. Each document
   already has its id there (sha256 of the cleaned text); ids the store already holds are
   not sent for analysis at all, so a rerun after a crash only analyzes what is missing.
2. Each chunk goes to the least busy :class:`Analyzer` actor. An actor is one worker process
   that builds the pipeline, and loads the model, once in its constructor; the model is never
   pickled. At most ``workers * tasks_per_worker`` chunks are out at once (backpressure):
   reading waits for the writer, memory stays bounded whatever the input size.
3. The driver stores results in input order through the knowledge base's one writer
   (:meth:`Writer.add_many`: one transaction per write batch, one insert per table, keyed by
   document id; a stored id is skipped). The actors have already done the per-document part
   of storing (:func:`claimgraph.kb.store.prepare`), so the writer only resolves and inserts.
   It takes the store once per write batch (``batch_size`` documents, as the single-process
   path), writes every ready chunk and looks up the ids of the next chunks in that one hold
   (one query); the resolvers' indexes stay in memory between holds.

Writing in input order makes the store of a Ray run equal to that of the single-process
path (actor ids, events and stories are assigned as documents arrive). It also makes the
run restartable: a SIGKILLed actor is restarted by Ray and its tasks retried (``max_restarts``);
a SIGKILLed driver leaves only whole documents committed, and the next run skips them.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..config import Settings, load_settings
from ..errors import AnalysisError, ClaimgraphError, ConfigError, InputError, ModelError, StoreError
from ..ingest import read_inputs
from ..kb import KnowledgeBase
from ..kb.knowledge_base import Progress
from ..kb.store import PREPARED, Prepared, prepare
from ..models import Document, DocumentInfo
from .options import RayOptions, RayRun

#: What an actor sends back for one document: what storing it needs (:class:`Prepared`, whose
#: record JSON is the whole document), or ``(source, reason)`` of its error.
Returned = tuple[Prepared | None, tuple[str, str] | None]
#: One document's result in the driver: the record rebuilt from it, or the error.
Result = tuple[Document | None, tuple[str, str] | None]

#: Object store size of a local cluster (documents are small; the default takes 30% of RAM).
LOCAL_OBJECT_STORE_BYTES = 256 * 1024 * 1024
#: Ray settings of a local cluster. Its processes share the cores with the analyzers, so what
#: nobody reads is switched off: task events, metrics, event-loop statistics and the timeline
#: (reported every second or so by every process), and idle workers started ahead (each actor
#: starts its own). A chunk's results (about 40 KB a document) come back inline in the task's
#: reply, not through the object store and the raylet (Ray's default inline limit is 100 KB).
#: A busy machine can take longer than Ray's 15 s to start the node's Python agents, and the node
#: then dies at startup: hence the longer agent timeout.
LOCAL_SYSTEM_CONFIG: dict[str, Any] = {
    "agent_register_timeout_ms": 120_000,
    "task_events_report_interval_ms": 0,
    "enable_metrics_collection": False,
    "event_stats": False,
    "enable_timeline": False,
    "enable_worker_prestart": False,
    "prestart_worker_first_driver": False,
    "max_direct_call_object_size": 8 * 1024 * 1024,
}


#: What an actor analyzes once when it starts, to load what loads on first use.
WARM_UP_TEXT = "Police in Tbilisi arrested two men on Monday, the Interior Ministry said."


class Analyzer:
    """One per worker process: the pipeline and its model, built once, in the worker."""

    def __init__(self, settings: Settings) -> None:
        from ..nlp.model import load_nlp
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(settings=settings)
        load_nlp(verify=settings.verify_model)
        self._warm_up()

    def _warm_up(self) -> None:
        """Analyze a sentence (lexicons and gazetteers load on first use), then move everything
        alive, the model above all (half a million objects), to the garbage collector's permanent
        generation: a full collection no longer walks it, which took about 3% of the analysis."""
        info = DocumentInfo(id="warm-up", source="warm-up", text=WARM_UP_TEXT)
        for _ in self.pipeline.pipe_outcomes([Document(info=info)], batch_size=1):
            pass
        gc.collect()
        gc.freeze()

    def pid(self) -> int:
        return os.getpid()

    def analyze(self, infos: list[DocumentInfo]) -> tuple[list[Returned], float]:
        """Analyze one chunk; errors come back as ``(source, reason)`` (exceptions pickle badly).

        A document comes back as what storing it needs that depends on it alone
        (:func:`claimgraph.kb.store.prepare`: record JSON, shingles, term counts, name keys,
        JSON columns), so the driver's one writer is left with index lookups and inserts. The
        record JSON is the whole document: the driver rebuilds the :class:`Document` from it
        (:func:`rebuild`), which costs it less than unpickling the objects too, and the reply
        is a third smaller."""
        started = time.perf_counter()
        docs = [Document(info=i) for i in infos]
        out: list[Returned] = []
        for doc, error in self.pipeline.pipe_outcomes(docs, batch_size=max(1, len(docs))):
            out.append((None, (error.source, error.reason)) if error is not None else (prepare(doc), None))
        return out, time.perf_counter() - started


def rebuild(prep: Prepared) -> Document:
    """The analyzed :class:`Document` from its :class:`Prepared` (whose record is its JSON), the
    :class:`Prepared` in its scratch for the writer."""
    doc = Document.from_dict(json.loads(prep.record))
    doc.scratch[PREPARED] = prep
    return doc


@contextmanager
def ray_cluster(options: RayOptions) -> Iterator[None]:
    """Join ``options.address``, or start a local cluster of ``workers`` CPUs and stop it after."""
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(
            "The Ray engine needs Ray: pip install 'claimgraph[scale]' (or run without --engine ray)."
        ) from exc
    if ray.is_initialized():  # the caller manages the cluster (e.g. a test's ray.cluster_utils.Cluster)
        yield
        return
    temp_dir = None if options.address else tempfile.mkdtemp(prefix="claimgraph-ray-")
    try:
        _start(ray, options, temp_dir)
        yield
    finally:
        ray.shutdown()
        if temp_dir is not None:
            shutil.rmtree(temp_dir, ignore_errors=True)


def _start(ray: Any, options: RayOptions, temp_dir: str | None) -> None:
    """``ray.init``, quiet; a local start is tried twice (a busy machine can miss a start-up deadline)."""
    quiet: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
    tries = 1 if options.address else 2
    for attempt in range(1, tries + 1):
        try:
            if options.address:
                ray.init(address=options.address, **quiet)
            else:
                ray.init(num_cpus=options.workers, include_dashboard=False, _temp_dir=temp_dir,
                         object_store_memory=LOCAL_OBJECT_STORE_BYTES, _system_config=LOCAL_SYSTEM_CONFIG,
                         **quiet)
            return
        except Exception as exc:  # ray raises ConnectionError, RuntimeError, ValueError, Exception ...
            ray.shutdown()
            if attempt < tries:
                continue
            where = f"the Ray cluster at {options.address}" if options.address else "a local Ray cluster"
            raise ConfigError(f"Cannot start or join {where}: {exc} Check --address, or leave it out "
                              "to start a local cluster.") from exc


@dataclass(slots=True)
class _Chunk:
    """Consecutive items of the input, as read; results arrive for those sent to an actor."""

    items: list[DocumentInfo | InputError]
    known: set[int] = field(default_factory=set)
    send: list[int] = field(default_factory=list)
    actor: int = -1
    results: list[Result] | None = None

    @property
    def done(self) -> bool:
        return not self.send or self.results is not None


class _Pool:
    """The analyzer actors and the tasks out with them."""

    def __init__(self, settings: Settings, options: RayOptions) -> None:
        import ray

        self.ray = ray
        remote = ray.remote(num_cpus=1, max_restarts=options.max_restarts,
                            max_task_retries=options.max_restarts)(Analyzer)
        self.actors: list[Any] = [remote.remote(settings) for _ in range(options.workers)]
        try:
            self.pids: list[int] = ray.get([a.pid.remote() for a in self.actors])
        except ray.exceptions.RayError as exc:
            raise ConfigError(
                f"The Ray analyzers could not start: {_cause(exc)}. Every node of the cluster needs "
                "claimgraph and its model installed (pip install 'claimgraph[scale]')."
            ) from exc
        self.alive = set(range(len(self.actors)))
        self.load = [0] * len(self.actors)
        self.out: dict[Any, _Chunk] = {}
        self.analyze_s = 0.0
        self.analyzed = 0
        self.fetch_cpu_s = 0.0  # the driver thread's CPU seconds taking results in

    def idle(self) -> bool:
        """Some live actor has no task: its core is free (at the end of a run)."""
        return any(self.load[i] == 0 for i in self.alive)

    def submit(self, chunk: _Chunk) -> None:
        if not self.alive:
            raise ClaimgraphError("Every Ray analyzer died; see the Ray logs, then run the same ingest again "
                                  "(documents already stored are skipped).")
        chunk.actor = min(self.alive, key=lambda i: (self.load[i], i))
        self.load[chunk.actor] += 1
        infos = [chunk.items[k] for k in chunk.send]
        self.out[self.actors[chunk.actor].analyze.remote(infos)] = chunk

    @property
    def in_flight(self) -> int:
        return len(self.out)

    def collect(self, block: bool) -> None:
        """Take in finished tasks (waiting for one when ``block``)."""
        if not self.out:
            return
        refs = list(self.out)
        ready, _ = self.ray.wait(refs, num_returns=1, timeout=None if block else 0)
        if ready:
            more, _ = self.ray.wait(refs, num_returns=len(refs), timeout=0)
            ready = list(dict.fromkeys([*ready, *more]))
        for ref in ready:
            self._take(ref, self.out.pop(ref))

    def _take(self, ref: Any, chunk: _Chunk) -> None:
        cpu = time.thread_time()
        try:
            self._receive(ref, chunk)
        finally:
            self.fetch_cpu_s += time.thread_time() - cpu

    def _receive(self, ref: Any, chunk: _Chunk) -> None:
        self.load[chunk.actor] -= 1
        try:
            returned, seconds = self.ray.get(ref)
        except self.ray.exceptions.RayTaskError as exc:  # the task raised: not one document's fault
            cause = _cause(exc)
            if isinstance(cause, (ModelError, ConfigError)):
                raise cause from exc
            reason = (f"analysis failed on a Ray worker ({type(cause).__name__}: {cause}); this is a "
                      "claimgraph bug, please report it with this input")
            chunk.results = [(None, (chunk.items[k].source, reason)) for k in chunk.send]
            return
        except self.ray.exceptions.RayError as exc:  # the actor died for good (restarts used up)
            self.alive.discard(chunk.actor)
            reason = f"the Ray worker analyzing it died ({type(exc).__name__}); run the same ingest again to retry it"
            chunk.results = [(None, (chunk.items[k].source, reason)) for k in chunk.send]
            return
        self.analyze_s += seconds
        self.analyzed += len(returned)
        chunk.results = [(rebuild(prep), None) if prep is not None else (None, error) for prep, error in returned]


def _cause(exc: BaseException) -> BaseException:
    return getattr(exc, "cause", None) or exc


class _Driver:
    """Reads ahead, sends chunks out, writes results back in input order."""

    def __init__(self, kb: KnowledgeBase, settings: Settings, options: RayOptions, pool: _Pool,
                 run: RayRun, progress: Progress | None) -> None:
        self.kb, self.settings, self.options, self.pool = kb, settings, options, pool
        self.run, self.progress = run, progress
        chunk = max(1, options.chunk_size)
        #: documents the writer takes per hold of the store (as the single-process path)
        self.write_batch = max(1, settings.batch_size)
        #: chunks read whose ids were looked up in the store, not yet sent (refilled per hold)
        self.checked: deque[_Chunk] = deque()
        self.check_batch = -(-self.write_batch // chunk)
        #: chunks sent (or needing no analysis), in input order, not yet written
        self.pending: deque[_Chunk] = deque()
        #: tasks out with the actors at most
        self.in_flight_limit = max(1, options.workers * options.tasks_per_worker)
        #: documents sent but not written at most: the tasks out plus one write batch
        self.max_pending = (self.in_flight_limit + self.check_batch) * chunk  # in documents
        self.pending_items = 0  # documents in ``pending``
        self.exhausted = False
        self.freeze = False

    def ingest(self, inputs: Iterable[str]) -> None:
        # What outlives a write batch (the resolvers' indexes, Ray, the modules) is frozen after
        # each batch (_settle) so that the garbage collector's full collections, a fifth of the
        # driver's CPU otherwise, stop walking it; given back at the end. What lives now is
        # frozen as it is (a collection first would walk it all once). Not when the caller
        # froze objects of its own.
        self.freeze = gc.get_freeze_count() == 0
        if self.freeze:
            gc.freeze()
        try:
            self._loop(inputs)
        finally:
            if self.freeze:
                gc.unfreeze()

    def _settle(self) -> None:
        """After a write batch: collect what the batch left (objects made since the last freeze, so
        this is quick), then freeze the survivors."""
        if self.freeze:
            gc.collect()
            gc.freeze()

    def _loop(self, inputs: Iterable[str]) -> None:
        reader = iter(read_inputs(inputs, self.settings))
        while True:
            self._send()  # first: results just taken in made room with the actors
            if self._must_check() or self._must_write():
                self._write_session(reader)
                self._send()
            if not self.pending and not self.checked and self.exhausted:
                return
            idle = not (self._must_check() or self._must_write())
            self.pool.collect(block=idle and self.pool.in_flight > 0)

    def _has_room(self) -> bool:
        return self.pool.in_flight < self.in_flight_limit and self.pending_items < self.max_pending

    def _must_check(self) -> bool:
        """The actors have room and no looked-up chunk is left to send them."""
        return not self.exhausted and not self.checked and self._has_room()

    def _must_write(self) -> bool:
        """Write when a whole batch is ready, or when nothing else can move until the writer does,
        or at the end of the input as soon as an actor has nothing left to do: the writer then
        uses its core, and what is left to write after the last analysis is small."""
        if not self.pending or not self.pending[0].done:
            return False
        ready = 0
        for chunk in self.pending:
            if not chunk.done:
                break
            ready += len(chunk.items)
        return (ready >= self.write_batch or self.pool.in_flight == 0
                or self.pending_items >= self.max_pending
                or (self.exhausted and not self.checked and self.pool.idle()))

    def _send(self) -> None:
        while self.checked and self._has_room():
            chunk = self.checked.popleft()
            if chunk.send:
                self.pool.submit(chunk)
            self.pending.append(chunk)
            self.pending_items += len(chunk.items)

    def _read_ahead(self, reader: Iterator[DocumentInfo | InputError]) -> list[_Chunk]:
        cpu = time.thread_time()
        staged: list[_Chunk] = []
        while not self.exhausted and len(self.checked) + len(staged) < self.check_batch:
            items = list(islice(reader, max(1, self.options.chunk_size)))
            if not items:
                self.exhausted = True
                break
            staged.append(_Chunk(items))
        if self.exhausted:
            staged = self._split_tail(staged)
        self.run.timings.read_cpu_s += time.thread_time() - cpu
        return staged

    def _split_tail(self, staged: list[_Chunk]) -> list[_Chunk]:
        """The last chunks of the input (one write batch at most), cut to a quarter of
        ``chunk_size``, so that the actors run out of work within a short task of each other
        rather than within ``tasks_per_worker`` whole chunks."""
        size = -(-max(1, self.options.chunk_size) // 4)
        items = [item for chunk in staged for item in chunk.items]
        return [_Chunk(items[i : i + size]) for i in range(0, len(items), size)]

    def _write_session(self, reader: Iterator[DocumentInfo | InputError]) -> None:
        """One hold of the store: write every ready chunk, look up the ids of the next ones."""
        staged = self._read_ahead(reader)  # reading inputs is not the writer's time
        started = time.perf_counter()
        cpu = time.thread_time()
        written = 0
        with self.kb.writing() as w:
            written = self._write_ready(w)
            ids = [item.id for chunk in staged for item in chunk.items if isinstance(item, DocumentInfo)]
            stored = w.stored_ids(ids) if ids else set()
            for chunk in staged:
                for k, item in enumerate(chunk.items):
                    if isinstance(item, DocumentInfo):
                        if item.id in stored:
                            chunk.known.add(k)
                        else:
                            chunk.send.append(k)
        self.checked.extend(staged)
        self._settle()
        t = self.run.timings
        t.write_s += time.perf_counter() - started
        t.write_cpu_s += time.thread_time() - cpu
        t.written += written

    def _write_ready(self, w: Any) -> int:
        """Store every ready chunk at the head, in input order, in one transaction."""
        plan: list[tuple[str, Document | InputError | None]] = []  # None: known before analysis
        while self.pending and self.pending[0].done:
            chunk = self.pending.popleft()
            self.pending_items -= len(chunk.items)
            results = dict(zip(chunk.send, chunk.results or [], strict=False))
            for k, item in enumerate(chunk.items):
                if isinstance(item, InputError):
                    plan.append((item.source, item))
                elif k in chunk.known:
                    plan.append((item.source, None))
                else:
                    doc, error = results.get(k, (None, (item.source, "no result came back from Ray")))
                    if error is not None or doc is None:
                        plan.append((item.source, AnalysisError(*(error or (item.source, "no document")))))
                    else:
                        plan.append((item.source, doc))
        docs = [x for _, x in plan if isinstance(x, Document)]
        stored = iter(w.add_all(docs))
        summary = self.run.summary
        for source, x in plan:
            outcome = next(stored) if isinstance(x, Document) else x
            if outcome is None or outcome is False:
                summary.known += 1
                status = "known"
            elif isinstance(outcome, InputError):
                status = self._fail(outcome)
            elif isinstance(outcome, StoreError):
                status = self._fail(InputError(source, str(outcome)))
            else:
                assert isinstance(x, Document)
                summary.new += 1
                summary.new_ids.append(x.info.id)
                status = "new"
            if self.progress is not None:
                self.progress(source, status)
        return len(docs)

    def _fail(self, error: InputError) -> str:
        self.run.summary.failed += 1
        self.run.summary.errors.append(error)
        return "failed"


def ingest_with_ray(
    inputs: Iterable[str],
    kb: KnowledgeBase,
    settings: Settings | None = None,
    options: RayOptions | None = None,
    progress: Progress | None = None,
) -> RayRun:
    """Analyze ``inputs`` on Ray actors and store them in ``kb``; what :meth:`KnowledgeBase.ingest`
    does, with the analysis spread over ``options.workers`` processes (or a cluster's nodes)."""
    from ..kb import IngestSummary

    settings = settings or load_settings()
    options = options or RayOptions()
    if options.workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {options.workers}.")
    run = RayRun(summary=IngestSummary())
    started = time.perf_counter()
    with ray_cluster(options):
        pool = _Pool(settings, options)
        run.worker_pids = list(pool.pids)
        if options.on_workers is not None:
            options.on_workers(list(pool.pids))
        cpu = time.process_time()
        _Driver(kb, settings, options, pool, run, progress).ingest(inputs)
        run.timings.driver_cpu_s = time.process_time() - cpu
        run.timings.analyze_s, run.timings.analyzed = pool.analyze_s, pool.analyzed
        run.timings.fetch_cpu_s = pool.fetch_cpu_s
    run.timings.wall_s = time.perf_counter() - started
    return run
