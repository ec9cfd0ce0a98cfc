"""Ordered, named pipeline steps over :class:`~claimgraph.models.Document`.

A step is a small callable ``Document -> Document`` registered by name with
:func:`step`, declaring what it ``requires`` and what it ``assigns`` (plain strings such as
``"parse"``, ``"entities"``, ``"claims"``). :class:`Pipeline` checks at construction that
every requirement is assigned by an earlier step, so a misordered pipeline fails early
with a message that names the missing piece.

A step may also offer a ``batch`` function (``list[Document] -> list[Document]``); the
parse step does, so spaCy runs through ``nlp.pipe`` over whole batches and the model is
loaded once per process. A first step may offer a ``worker`` too (:class:`BatchWorker`):
something that runs it on the next batch in another process while the later steps run on
this one (the parse step's is :class:`claimgraph.nlp.parse_worker.ParseWorker`).
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from itertools import chain
from typing import Protocol

from .config import Settings, load_settings
from .errors import AnalysisError, ConfigError, ModelError, PipelineError, WorkerError
from .models import Document

log = logging.getLogger("claimgraph.pipeline")

StepFunc = Callable[[Document], Document]
BatchFunc = Callable[[list[Document], Settings], list[Document]]


class BatchWorker(Protocol):
    """Runs a step on one batch at a time elsewhere (another process): :meth:`submit` a
    batch, take it back done with :meth:`result`, which raises when the worker could not
    (the pipeline then runs the step on that batch itself); :meth:`close` at the end."""

    @property
    def alive(self) -> bool: ...

    def submit(self, docs: list[Document]) -> None: ...

    def result(self) -> list[Document]: ...

    def close(self) -> None: ...


WorkerFactory = Callable[[Settings], BatchWorker]


@dataclass(slots=True)
class Step:
    name: str
    func: StepFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    batch: BatchFunc | None = None
    doc: str = ""
    worker: WorkerFactory | None = None


_REGISTRY: dict[str, Step] = {}

#: The modules that register the built-in steps (imported lazily on first use).
_BUILTIN_MODULES = (
    "claimgraph.nlp.parse",
    "claimgraph.nlp.entities.mentions",
    "claimgraph.nlp.places.resolve",
    "claimgraph.nlp.temporal.timex",
    "claimgraph.nlp.attribution.claims",
    "claimgraph.nlp.events.extract",
    "claimgraph.nlp.events.status",
    "claimgraph.nlp.relations",
)

#: The default order of steps.
DEFAULT_STEPS = (
    "parse",
    "entities",
    "places",
    "times",
    "attribution",
    "events",
    "status",
    "quotes",
    "relations",
)


def step(
    name: str,
    *,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    batch: BatchFunc | None = None,
    worker: WorkerFactory | None = None,
) -> Callable[[StepFunc], StepFunc]:
    """Register ``func`` as the pipeline step ``name``."""

    def deco(func: StepFunc) -> StepFunc:
        _REGISTRY[name] = Step(
            name=name,
            func=func,
            requires=tuple(requires),
            assigns=tuple(assigns),
            batch=batch,
            doc=(func.__doc__ or "").strip().split("\n")[0],
            worker=worker,
        )
        return func

    return deco


def _load_builtins() -> None:
    for mod in _BUILTIN_MODULES:
        import_module(mod)


def registered_steps() -> dict[str, Step]:
    _load_builtins()
    return dict(_REGISTRY)


def get_step(name: str) -> Step:
    steps = registered_steps()
    if name not in steps:
        raise PipelineError(
            f"No pipeline step named {name!r}. Available steps: {', '.join(sorted(steps))}."
        )
    return steps[name]


@dataclass
class Pipeline:
    """An ordered list of steps, checked for requires/assigns consistency."""

    names: tuple[str, ...] = DEFAULT_STEPS
    settings: Settings = field(default_factory=load_settings)
    steps: list[Step] = field(init=False)

    def __post_init__(self) -> None:
        self.steps = [get_step(n) for n in self.names]
        have: set[str] = set()
        for s in self.steps:
            missing = [r for r in s.requires if r not in have]
            if missing:
                raise PipelineError(
                    f"Step {s.name!r} requires {missing}, which no earlier step assigns. "
                    f"Put a step that assigns them before {s.name!r} (order now: {list(self.names)})."
                )
            have.update(s.assigns)
            have.add(s.name)

    def __call__(self, doc: Document) -> Document:
        doc, error = self.run_batch([doc])[0]
        if error is not None:
            raise error
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Document]:
        """Run every step over ``docs``, in batches, yielding documents in input order.

        A document on which a step fails raises its :class:`AnalysisError` here; use
        :meth:`pipe_outcomes` to keep going past failures.
        """
        for doc, error in self.pipe_outcomes(docs, batch_size):
            if error is not None:
                raise error
            yield doc

    def pipe_outcomes(
        self, docs: Iterable[Document], batch_size: int | None = None
    ) -> Iterator[tuple[Document, AnalysisError | None]]:
        """Like :meth:`pipe`, but yield ``(document, error)``: one failure stops nothing else.

        With the ``parse_ahead`` setting (the default) and a batched first step, the next
        batch goes through that step (the parse) while the other steps run on this one: in
        the step's worker process where it has one and the ``parse_worker`` setting is on
        (the default), else in a background thread (spaCy leaves Python's lock for part of
        its parse). Every document gets the same record either way, in input order.
        """
        batches = _batches(docs, batch_size or self.settings.batch_size)
        if self.settings.parse_ahead and len(self.steps) > 1 and self.steps[0].batch is not None:
            first, second = next(batches, None), next(batches, None)
            if second is not None:  # overlap only pays where a second batch can overlap
                ahead = chain([first, second], batches)
                if self.settings.parse_worker and self.steps[0].worker is not None:
                    yield from self._pipe_worker(ahead)  # type: ignore[arg-type]
                else:
                    yield from self._pipe_ahead(ahead)  # type: ignore[arg-type]
                return
            batches = iter([first] if first is not None else [])
        for batch in batches:
            yield from self.run_batch(batch)

    def _pipe_ahead(self, batches: Iterator[list[Document]]) -> Iterator[tuple[Document, AnalysisError | None]]:
        head, rest = self.steps[:1], self.steps[1:]

        def first(batch: list[Document]) -> tuple[list[Document], list[Document], dict[int, AnalysisError]]:
            errors: dict[int, AnalysisError] = {}
            try:
                return batch, self._run_steps(head, list(batch), errors), errors
            finally:
                trim_heap()

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimgraph-parse") as pool:
            ahead: Future[tuple[list[Document], list[Document], dict[int, AnalysisError]]] | None = None
            for batch in batches:
                following = pool.submit(first, batch)
                if ahead is not None:
                    yield from self._finish(*ahead.result(), rest)
                ahead = following
            if ahead is not None:
                yield from self._finish(*ahead.result(), rest)

    def _pipe_worker(self, batches: Iterator[list[Document]]) -> Iterator[tuple[Document, AnalysisError | None]]:
        """The first step's worker takes every batch but the first, one ahead of the other
        steps; the first batch goes through the first step here while the worker starts.
        A batch the worker fails on goes through the first step here (which finds the
        document at fault); after the worker is gone, every batch does."""
        head, rest = self.steps[:1], self.steps[1:]
        assert head[0].worker is not None
        worker = head[0].worker(self.settings)
        try:
            current = next(batches, None)
            following = next(batches, None)
            if following is not None:
                worker.submit(following)
            errors: dict[int, AnalysisError] = {}
            live = self._run_steps(head, list(current or []), errors)
            while current is not None:
                yield from self._finish(current, live, errors, rest)
                current, errors = following, {}
                if current is None:
                    break
                following = next(batches, None)
                try:
                    live = worker.result()
                except WorkerError as exc:
                    log.warning("%s", exc)
                    live = self._run_steps(head, list(current), errors)
                if following is not None and worker.alive:
                    worker.submit(following)
                elif following is not None:  # no worker any more: the rest is parsed here
                    yield from self._finish(current, live, errors, rest)
                    for batch in chain([following], batches):
                        yield from self.run_batch(batch)
                    return
        finally:
            worker.close()

    def _finish(self, batch: list[Document], live: list[Document], errors: dict[int, AnalysisError],
                steps: list[Step]) -> list[tuple[Document, AnalysisError | None]]:
        self._run_steps(steps, live, errors)
        return _outcomes(batch, errors)

    def run_batch(self, batch: list[Document]) -> list[tuple[Document, AnalysisError | None]]:
        """Run all steps over one batch; a step failing on one document fails only that one."""
        errors: dict[int, AnalysisError] = {}
        self._run_steps(self.steps, list(batch), errors)
        return _outcomes(batch, errors)

    def _run_steps(self, steps: list[Step], live: list[Document],
                   errors: dict[int, AnalysisError]) -> list[Document]:
        """Run ``steps`` over the documents still alive; returns those that are still alive."""
        for s in steps:
            if s.batch is not None:
                try:
                    live = s.batch(live, self.settings)
                    continue
                except (ModelError, ConfigError):
                    raise
                except Exception:  # fall back to one document at a time to find the culprit
                    pass
            kept: list[Document] = []
            for d in live:
                try:
                    kept.append(s.batch([d], self.settings)[0] if s.batch is not None else s.func(d))
                except (ModelError, ConfigError):
                    raise  # not about this document: nothing else would work either
                except Exception as exc:  # a bug in a step must not sink the batch
                    errors[id(d)] = _analysis_error(d, s.name, exc)
            live = kept
        return live


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc: nothing to do
        return None


def trim_heap() -> None:
    """Hand the memory the parse freed back to the system. glibc gives the parse thread a
    heap (arena) of its own and keeps what it freed there for that thread alone: without
    this, peak memory on 200 BBC articles went from 800 MB to 1,200 MB (838 MB with it)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for d in docs:
        batch.append(d)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _outcomes(batch: list[Document], errors: dict[int, AnalysisError]) -> list[tuple[Document, AnalysisError | None]]:
    out: list[tuple[Document, AnalysisError | None]] = []
    for d in batch:
        d.scratch.clear()
        out.append((d, errors.get(id(d))))
    return out


def _analysis_error(doc: Document, step_name: str, exc: BaseException) -> AnalysisError:
    err = AnalysisError(
        doc.info.source or doc.info.id,
        f"the {step_name!r} step failed ({type(exc).__name__}: {exc}); this is a claimgraph bug, "
        "please report it with this input. The other inputs were processed.",
    )
    err.__cause__ = exc
    return err
