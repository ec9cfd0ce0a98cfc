"""Independent sources: who originally says so, and syndicated copies counted once.

Each claim's chain runs from the publisher outward; its *origin* is the last link:
``actor:<id>`` when the link has a resolved entity, ``name:<normalised name>`` when it
does not, and ``publisher:<normalised publisher>`` when the chain ends at the publisher
itself. A document that is a syndicated copy of an earlier one (word 5-gram shingle
overlap >= :data:`SYNDICATION_OVERLAP`) speaks with its original's publisher, so the
copy never adds a source. ``independent_sources`` of an event is the number of distinct
origins over all the claims that report it.

Copies are found with MinHash over 5-gram shingles and LSH banding (16 bands x 4 rows),
so a new document is compared with a handful of candidates, never with every document.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from ..models import Claim, Document
from .normalise import source_key

SHINGLE = 5
SYNDICATION_OVERLAP = 0.8
BANDS = 16
ROWS = 4
_rng = np.random.default_rng(20250407)
_A = _rng.integers(1, 1 << 31, size=BANDS * ROWS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 31, size=BANDS * ROWS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """CRC32 hashes of the word 5-grams of ``text`` (lower-cased)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1)}


def band_keys(sh: set[int]) -> list[str]:
    """LSH band keys of a shingle set (documents sharing a key are candidates)."""
    if not sh:
        return []
    h = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    # (a * h + b) mod 2^32 per permutation; uint64 arithmetic wraps harmlessly.
    sig = ((np.outer(_A, h) + _B[:, None]) & np.uint64(0xFFFFFFFF)).min(axis=1)
    return [f"{b}:" + "-".join(str(int(x)) for x in sig[b * ROWS : (b + 1) * ROWS]) for b in range(BANDS)]


def overlap(a: set[int], b: set[int]) -> float:
    """Shingle overlap relative to the smaller document (a trimmed copy still counts)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def publisher_origin(publisher: str | None, root_doc_id: str) -> str:
    """The origin key of a chain that ends at the publisher of a document."""
    key = source_key(publisher) if publisher else ""
    return f"publisher:{key}" if key else f"doc:{root_doc_id}"


def claim_origin(
    claim: Claim | None, doc: Document, entity_actor: dict[str, str], publisher_key: str
) -> str:
    """The origin key of ``claim`` (``publisher_key`` for the publisher's own voice)."""
    if claim is None or not claim.chain:
        return publisher_key
    last = claim.chain[-1]
    if last.kind == "publisher" or len(claim.chain) == 1:
        return publisher_key
    if last.entity and last.entity in entity_actor:
        return f"actor:{entity_actor[last.entity]}"
    return f"name:{source_key(last.name)}"


def count_independent(origins: list[str]) -> int:
    return len({o for o in origins if o})
