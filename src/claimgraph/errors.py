"""The claimgraph exception hierarchy.

Every error claimgraph raises on purpose is a :class:`ClaimgraphError`. Low-level errors
(DuckDB, HTTP, parsers) are wrapped with ``raise ... from exc`` so the cause is kept.
Messages say what went wrong *and what to do about it*; the CLI prints them as one line.

::

    ClaimgraphError
    ├── ConfigError            bad setting, unknown option value
    ├── ModelError             the spaCy model is missing or fails verification
    ├── InputError             one input cannot be turned into a document
    │   ├── EmptyInputError        nothing left after extraction
    │   ├── BinaryInputError       not text (image, archive, executable ...)
    │   ├── InputTooLargeError     over the size limit
    │   ├── MalformedInputError    broken HTML / JSON / XML / gzip
    │   ├── UnsupportedInputError  a file type claimgraph does not read
    │   ├── UnreadableInputError   a path that does not exist or cannot be read
    │   ├── AnalysisError          the pipeline failed on this input (a bug: report it)
    │   └── FetchError             a URL could not be fetched
    │       └── BlockedAddressError    a URL pointing at a non-public address (SSRF)
    ├── PipelineError          a pipeline step is missing or misconfigured
    ├── StoreError             the DuckDB store failed
    │   └── NotFoundError          no such actor / event / document
    └── ExportError            an exporter is unknown or failed
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class of every error claimgraph raises on purpose."""


class ConfigError(ClaimgraphError):
    """A setting has a value claimgraph cannot use."""


class ModelError(ClaimgraphError):
    """The spaCy English model is missing, or its files do not match the pinned hashes."""


class InputError(ClaimgraphError):
    """One input could not be turned into a document. ``source`` names that input."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class MalformedInputError(InputError):
    pass


class UnsupportedInputError(InputError):
    pass


class UnreadableInputError(InputError):
    pass


class AnalysisError(InputError):
    """A pipeline step failed on this one input; the rest of the batch goes on."""


class FetchError(InputError):
    pass


class BlockedAddressError(FetchError):
    pass


class PipelineError(ClaimgraphError):
    """A pipeline step is unknown, or a step's requirements are not met."""


class WorkerError(PipelineError):
    """A step's worker process could not run a batch, or is gone; the pipeline runs the
    step on that batch in its own process instead."""


class StoreError(ClaimgraphError):
    """The knowledge-base store failed."""


class NotFoundError(StoreError):
    """The asked-for actor, event or document is not in the store."""


class ExportError(ClaimgraphError):
    """An exporter is unknown or failed."""


__all__ = [
    "ClaimgraphError",
    "ConfigError",
    "ModelError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "InputTooLargeError",
    "MalformedInputError",
    "UnsupportedInputError",
    "UnreadableInputError",
    "AnalysisError",
    "FetchError",
    "BlockedAddressError",
    "PipelineError",
    "StoreError",
    "NotFoundError",
    "ExportError",
]
