"""Ordered, named pipeline steps over :class:`~claimgraph.models.Document`.

A step is a small callable ``Document -> Document`` registered by name with
:func:`step`, declaring what it ``requires`` and what it ``assigns`` (plain strings such as
``"parse"``, ``"entities"``, ``"claims"``). :class:`Pipeline` checks at construction that
every requirement is assigned by an earlier step, so a misordered pipeline fails early
with a message that names the missing piece.

A step may also offer a ``batch`` function (``list[Document] -> list[Document]``); the
parse step does, so spaCy runs through ``nlp.pipe`` over whole batches and the model is
loaded once per process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import import_module

from .config import Settings, load_settings
from .errors import AnalysisError, ConfigError, ModelError, PipelineError
from .models import Document

StepFunc = Callable[[Document], Document]
BatchFunc = Callable[[list[Document], Settings], list[Document]]


@dataclass(slots=True)
class Step:
    name: str
    func: StepFunc
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    batch: BatchFunc | None = None
    doc: str = ""


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
        """Like :meth:`pipe`, but yield ``(document, error)``: one failure stops nothing else."""
        size = batch_size or self.settings.batch_size
        batch: list[Document] = []
        for d in docs:
            batch.append(d)
            if len(batch) >= size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)

    def run_batch(self, batch: list[Document]) -> list[tuple[Document, AnalysisError | None]]:
        """Run all steps over one batch; a step failing on one document fails only that one."""
        errors: dict[int, AnalysisError] = {}
        live = list(batch)
        for s in self.steps:
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
