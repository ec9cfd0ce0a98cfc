"""Trained artifacts: loading, hash checks and the linear models the event layer uses.

Every model claimgraph uses beyond the spaCy pipeline is trained by
``scripts/train_models.py`` from ``../shared/data`` and committed under
``claimgraph/data/models/``, with the sha256 of each file in ``MANIFEST.json`` there.
Loading a file checks its hash against the manifest first; a missing or changed file is
refused with a :class:`~claimgraph.errors.ModelError` that says how to restore it.
claimgraph never trains or downloads anything at run time.

A model file is gzip-compressed JSON. A :class:`LinearModel` is a (multinomial or binary)
logistic regression over sparse named features: ``score[k] = bias[k] + sum(w[f][k] * v_f)``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import add
from pathlib import Path
from typing import Any

from ..errors import ModelError

MANIFEST = "MANIFEST.json"
#: Point claimgraph at another folder of artifacts (with its own MANIFEST.json), e.g. the
#: per-fold models of a cross-validation run. The hash check applies all the same.
MODELS_ENV = "CLAIMGRAPH_MODELS_DIR"

_lock = threading.Lock()


@lru_cache(maxsize=1)
def committed_models_dir() -> Path:
    """The artifacts shipped with claimgraph (``claimgraph/data/models``; looked up once: the
    status step asks for a model per event)."""
    return Path(str(resources.files("claimgraph.data").joinpath("models")))


def models_dir() -> Path:
    override = os.environ.get(MODELS_ENV)
    if override:
        return Path(override)
    return committed_models_dir()


def lists(name: str) -> bool:
    """Whether the models folder in use lists artifact ``name`` in its manifest (False when the
    folder has no readable manifest): for optional artifacts of a partial folder."""
    try:
        return name in _manifest(str(models_dir()))
    except ModelError:
        return False


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _restore_hint() -> str:
    return ("Reinstall claimgraph from a clean checkout, or retrain the models with "
            "'python scripts/train_models.py' (needs ../shared/data) and commit them.")


@lru_cache(maxsize=8)
def _manifest(folder: str) -> dict[str, str]:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise ModelError(f"No model manifest at {path}. {_restore_hint()}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"The model manifest {path} is unreadable ({exc}). {_restore_hint()}") from exc
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        raise ModelError(f"The model manifest {path} has no 'files' table. {_restore_hint()}")
    return {str(k): str(v) for k, v in files.items()}


def load_artifact(name: str) -> Any:
    """The decoded JSON of artifact ``name`` after checking its sha256 against the manifest."""
    folder = models_dir()
    with _lock:
        return _load_checked(str(folder), name)


@lru_cache(maxsize=32)
def _load_checked(folder: str, name: str) -> Any:
    expected = _manifest(folder).get(name)
    path = Path(folder) / name
    if expected is None:
        raise ModelError(f"The model manifest in {folder} does not list {name!r}. {_restore_hint()}")
    if not path.is_file():
        raise ModelError(f"The model file {path} is missing. {_restore_hint()}")
    got = sha256_of(path)
    if got != expected:
        raise ModelError(
            f"The model file {path} does not match its pinned sha256 (expected {expected[:12]}..., "
            f"got {got[:12]}...): it was changed or damaged. {_restore_hint()}"
        )
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise ModelError(f"The model file {path} cannot be read ({exc}). {_restore_hint()}") from exc


_clear_hooks: list[Callable[[], None]] = []


def on_clear(hook: Callable[[], None]) -> None:
    """Register a cache of derived data (e.g. the priors table) to drop with :func:`clear_cache`."""
    _clear_hooks.append(hook)


def clear_cache() -> None:
    """Forget loaded artifacts and everything derived from them."""
    _manifest.cache_clear()
    _load_checked.cache_clear()
    _linear.cache_clear()
    for hook in _clear_hooks:
        hook()


@contextmanager
def use_models(folder: Path | None) -> Iterator[Path]:
    """Analyze with the artifacts in ``folder`` (None: the committed ones) inside the block.

    Sets :data:`MODELS_ENV` (so subprocesses see it too) and restores it afterwards, clearing
    the caches on the way in and out. Training and the tests that swap models use this.
    """
    before = os.environ.get(MODELS_ENV)
    if folder is None:
        os.environ.pop(MODELS_ENV, None)
    else:
        os.environ[MODELS_ENV] = str(folder)
    clear_cache()
    try:
        yield models_dir()
    finally:
        if before is None:
            os.environ.pop(MODELS_ENV, None)
        else:
            os.environ[MODELS_ENV] = before
        clear_cache()


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A logistic regression over named features (see the module docstring)."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float = 0.5

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LinearModel:
        return cls(
            classes=tuple(d["classes"]),
            bias=tuple(d["bias"]),
            weights={k: tuple(v) for k, v in d["weights"].items()},
            threshold=float(d.get("threshold", 0.5)),
        )

    @property
    def binary(self) -> bool:
        return len(self.bias) == 1

    def scores(self, features: dict[str, float]) -> list[float]:
        # the hot loop of every learned step: one dict lookup per feature, and the same
        # additions in the same order as the plain per-class loop (identical floats: most
        # features are 1.0, and o + x is o + x * 1.0 exactly)
        get = self.weights.get
        if len(self.bias) == 1:
            s = self.bias[0]
            for name, value in features.items():
                w = get(name)
                if w is not None:
                    s += w[0] * value
            return [s]
        out = list(self.bias)
        for name, value in features.items():
            w = get(name)
            if w is None:
                continue
            if value == 1.0:
                out = list(map(add, out, w))
            else:
                out = [o + x * value for o, x in zip(out, w, strict=True)]
        return out

    def proba(self, features: dict[str, float]) -> dict[str, float]:
        s = self.scores(features)
        if self.binary:
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s[0]))))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(s)
        exps = [math.exp(x - top) for x in s]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def predict(self, features: dict[str, float]) -> tuple[str, float]:
        p = self.proba(features)
        best = max(p, key=p.__getitem__)
        return best, p[best]


@lru_cache(maxsize=16)
def _linear(folder: str, name: str) -> LinearModel:
    with _lock:
        return LinearModel.from_dict(_load_checked(folder, name))


def linear_model(name: str) -> LinearModel:
    """The committed linear model ``name`` (hash-checked, loaded once per process)."""
    return _linear(str(models_dir()), name)


__all__ = ["LinearModel", "linear_model", "load_artifact", "models_dir", "sha256_of", "clear_cache",
           "on_clear", "use_models", "MODELS_ENV"]
