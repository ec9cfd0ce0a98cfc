"""Plain records of the Ray engine: its options, its timings, what a run did."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..kb import IngestSummary


@dataclass(slots=True)
class RayOptions:
    """How the Ray engine runs; every field has a default that suits a laptop."""

    #: Analyzer actors (one worker process each, one CPU each, the model loaded once in each).
    workers: int = 2
    #: ``ray.init`` address of an existing cluster (``auto``, ``ray://host:10001``, ``host:6379``);
    #: ``None`` starts a local cluster of ``workers`` CPUs for this run and stops it afterwards.
    address: str | None = None
    #: Documents per task sent to an actor (one ``nlp.pipe`` batch there).
    chunk_size: int = 8
    #: Tasks queued per actor at once: the backpressure bound. At most
    #: ``workers * (tasks_per_worker + 1)`` chunks are read ahead of the writer.
    tasks_per_worker: int = 2
    #: Times Ray restarts a killed actor (and retries its tasks) before its chunk fails.
    max_restarts: int = 4
    #: Called once with the process ids of the actors (tests kill one of them).
    on_workers: Callable[[list[int]], None] | None = None


@dataclass(slots=True)
class Timings:
    """Where the time of a run went: analysis in the actors, writing in the driver, and the
    driver's CPU seconds (what it takes from the cores the actors share on one machine)."""

    analyzed: int = 0
    analyze_s: float = 0.0
    written: int = 0
    write_s: float = 0.0
    wall_s: float = 0.0
    #: CPU seconds of the driver process over the run, all its threads (Ray's and DuckDB's too)
    driver_cpu_s: float = 0.0
    #: CPU seconds of the driver's own thread taking results in (``ray.get``, decoding them)
    fetch_cpu_s: float = 0.0
    #: ... writing them and looking up ids (the store held: open, resolve, insert, commit, close)
    write_cpu_s: float = 0.0
    #: ... reading the inputs
    read_cpu_s: float = 0.0

    @property
    def analyze_per_doc(self) -> float:
        return self.analyze_s / self.analyzed if self.analyzed else 0.0

    @property
    def write_per_doc(self) -> float:
        return self.write_s / self.written if self.written else 0.0

    def driver_cpu_per_doc(self) -> dict[str, float]:
        """The driver's CPU seconds per document (analyzed or written, whichever is more)."""
        n = max(self.analyzed, self.written, 1)
        own = self.fetch_cpu_s + self.write_cpu_s + self.read_cpu_s
        return {"total": self.driver_cpu_s / n, "fetch": self.fetch_cpu_s / n, "write": self.write_cpu_s / n,
                "read": self.read_cpu_s / n, "other": max(0.0, self.driver_cpu_s - own) / n}

    @property
    def writer_share(self) -> float:
        """Writer seconds per document over analysis seconds per document (target < 0.15)."""
        a = self.analyze_per_doc
        return self.write_per_doc / a if a else 0.0


@dataclass(slots=True)
class RayRun:
    """What an ingest on Ray did: the same summary as the single-process path, plus timings."""

    summary: IngestSummary
    timings: Timings = field(default_factory=Timings)
    worker_pids: list[int] = field(default_factory=list)
