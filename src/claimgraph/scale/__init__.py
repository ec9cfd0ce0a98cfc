"""Past one process: analysis spread over a Ray cluster (the optional ``scale`` extra).

Nothing here is imported by the default, single-process path; ``ray`` itself is imported
only when :func:`claimgraph.scale.ray_engine.ingest_with_ray` runs (``claimgraph ingest
--engine ray``). See docs/DEVELOPING.md, "Distributed ingest on Ray".
"""

from __future__ import annotations

from .options import RayOptions, RayRun, Timings

__all__ = ["RayOptions", "RayRun", "Timings"]
