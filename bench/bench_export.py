"""Exporters on real articles: conformance of every format, and where the time goes.

Ingests a fixed subset of the article-extraction benchmark (../shared/data/articles/html,
first N files sorted by name) into a fresh store, exports it in every registered format
and prints, per format, the seconds spent and what was written; then the conformance
figures beside their targets:

- ``stix_valid``: share of bundle objects without an OASIS stix2-validator error (target 1.0);
- ``ftm_valid``: share of FtM entities whose schema, properties, required properties and
  entity references follow FollowTheMoney (claimgraph.export.ftm's schema table; target 1.0);
- ``graphml_loads``: networkx reads the GraphML with every node (1 or 0);
- ``csv_roundtrip``: share of tables whose row counts read back equal the store's.

The time split shows how much is the knowledge base's whole-store iteration
(``kb.iter_*``) and how much the exporters themselves.

    python bench/bench_export.py --n 20
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "articles" / "html"


def subset(n: int) -> list[Path]:
    return sorted(DATA.glob("*.html*"))[:n]


def build_store(files: list[Path], db: Path) -> dict[str, Any]:
    """Ingest ``files`` one by one (a file the pipeline fails on is counted, not fatal)."""
    from claimgraph.kb import KnowledgeBase

    kb = KnowledgeBase(db)
    crashed = failed = 0
    for f in files:
        try:
            failed += kb.ingest([str(f)]).failed
        except Exception:  # noqa: BLE001 - a pipeline bug in one article must not stop the bench
            crashed += 1
    stats = kb.stats()
    kb.close()
    return {"files": len(files), "failed": failed, "crashed": crashed, **stats}


def stix_valid(path: Path) -> tuple[float, int, int]:
    from stix2validator import ValidationOptions, validate_instance

    bundle = json.loads(path.read_text(encoding="utf-8"))
    result = validate_instance(bundle, ValidationOptions(version="2.1"))
    bad = {str(e).split(":", 1)[0] for e in result.errors}
    n = len(bundle["objects"])
    return (1.0 - len(bad) / n if n else 1.0), len(result.errors), len(result.warnings)


def ftm_violations(entity: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> list[str]:
    from claimgraph.export.ftm import REQUIRED, SCHEMA_PROPERTIES

    schema = entity.get("schema")
    if schema not in SCHEMA_PROPERTIES:
        return [f"unknown schema {schema}"]
    out = [f"{schema}.{p} unknown" for p in entity["properties"] if p not in SCHEMA_PROPERTIES[schema]]
    out += [f"{schema} lacks {p}" for p in REQUIRED.get(schema, ()) if not entity["properties"].get(p)]
    for prop in ("involved", "organizer", "addressEntity", "proof", "document", "entity", "subject", "object",
                 "member", "organization", "employee", "employer", "person", "associate"):
        out += [f"{schema}.{prop} dangles" for v in entity["properties"].get(prop, []) if v not in by_id]
    return out


def ftm_valid(path: Path) -> float:
    ents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_id = {e["id"]: e for e in ents}
    ok = sum(not ftm_violations(e, by_id) for e in ents)
    return ok / len(ents) if ents else 1.0


def graphml_loads(path: Path, nodes: int) -> int:
    import networkx as nx

    return int(nx.read_graphml(path).number_of_nodes() == nodes)


def csv_roundtrip(path: Path, counts: dict[str, int]) -> float:
    with zipfile.ZipFile(path) as zf:
        same = 0
        for name, n in counts.items():
            rows = list(csv.DictReader(io.StringIO(zf.read(f"{name}.csv").decode("utf-8"), newline="")))
            same += len(rows) == n
    return same / len(counts)


def run(n: int, out_dir: Path) -> dict[str, Any]:
    from claimgraph.export import export, formats
    from claimgraph.export.selection import Selection
    from claimgraph.kb import KnowledgeBase

    db = out_dir / "export_bench.duckdb"
    db.unlink(missing_ok=True)
    t = time.perf_counter()
    store = build_store(subset(n), db)
    store["ingest_s"] = round(time.perf_counter() - t, 1)
    kb = KnowledgeBase(db, read_only=True)
    t = time.perf_counter()
    snap = Selection(kb).load()
    iterate_s = time.perf_counter() - t
    report: dict[str, Any] = {"store": store, "kb_iterate_s": round(iterate_s, 2), "formats": {}}
    paths = {}
    for fmt in formats():
        path = out_dir / f"export_bench.{fmt}{'.zip' if fmt == 'csv' else ''}"
        t = time.perf_counter()
        counts = export(kb, fmt, path)
        report["formats"][fmt] = {"seconds": round(time.perf_counter() - t, 2), "written": counts}
        paths[fmt] = path
    valid, errors, warnings = stix_valid(paths["stix"])
    nodes = len(snap.actors) + len(snap.events)
    report["figures"] = {
        "stix_valid": round(valid, 4), "stix_errors": errors, "stix_warnings": warnings,
        "ftm_valid": round(ftm_valid(paths["ftm"]), 4),
        "graphml_loads": graphml_loads(paths["graphml"], nodes),
        "csv_roundtrip": round(csv_roundtrip(paths["csv"], report["formats"]["csv"]["written"]), 4),
    }
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20, help="articles of the benchmark subset to ingest")
    ap.add_argument("--out", type=Path, default=None, help="folder for the store and exports (default: temp)")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"no data at {DATA}; put ../shared beside the repository", file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="claimgraph-export-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    report = run(args.n, out)
    print(json.dumps(report["store"]))
    print(f"kb whole-store iteration: {report['kb_iterate_s']} s")
    for fmt, r in report["formats"].items():
        print(f"{fmt:8s} {r['seconds']:7.2f} s  {r['written']}")
    print("figure          measured  target")
    for name, target in (("stix_valid", 1.0), ("ftm_valid", 1.0), ("graphml_loads", 1), ("csv_roundtrip", 1.0)):
        print(f"{name:15s} {report['figures'][name]:8}  {target}")
    print(f"stix validator: {report['figures']['stix_errors']} errors, {report['figures']['stix_warnings']} warnings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
