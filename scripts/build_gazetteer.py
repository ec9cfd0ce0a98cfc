"""Build the gazetteer cache file now (claimgraph otherwise builds it on first use).

Run: ``python scripts/build_gazetteer.py [PATH]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claimgraph.nlp.places.gazetteer import cache_path
from claimgraph.nlp.places.gazetteer_build import write

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else cache_path()
    n = write(out)
    print(f"wrote {out} ({n} places, {out.stat().st_size / 1e6:.2f} MB)")
