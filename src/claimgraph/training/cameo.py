"""The CAMEO verb dictionary read as PLOVER types per verb: a typing feature.

``events-extra/plover/CAMEO.2.0.verbs.txt`` (petrarch2's verb patterns, MIT) groups verbs
into synonym blocks (``---  FOIL   [---]  ---`` then ``FOIL``, ``THWART``), each with a
default CAMEO code and object patterns that carry their own codes (``- * PLOT [...]``,
``- * {ASSASSINATION ATTEMPT} [185]``). ``CAMEO2PLOVER-2021.txt`` maps each CAMEO code to a
PLOVER type. Read together they say, for about 1,500 single-word verbs, which PLOVER types
the verb codes to in event data and how often: "accuse" -> ACCUSE, "release" -> RETREAT,
"hasten" -> no type of its own. The typer takes that distribution as features next to the
lemma itself, so a verb the labelled articles never show ("extradite", "apologize") still
leans to its type; the detector reads whether a verb is coded at all, and the status
model the type of a governing verb none of its governor classes names.

Only counts per verb go into the committed priors artifact, never the dictionary's text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

VERBS_FILE = "CAMEO.2.0.verbs.txt"
MAPPING_FILE = "CAMEO2PLOVER-2021.txt"
#: A block's own code counts as much as this many object patterns.
BLOCK_WEIGHT = 2

_MAP_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]*)\s*(?:,|#|$)")
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([0-9]{2,4})(?::[0-9]*)?\]")
_VERB_LINE = re.compile(r"^([A-Z][A-Z'-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*(?:#.*)?$")


def read_mapping(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type; codes the table leaves without a type are left out."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = _MAP_LINE.match(line.strip())
        if m and m.group(2):
            out.setdefault(m.group(1), m.group(2))
    return out


def plover_type(code: str, mapping: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code, by its longest prefix the table knows."""
    for k in range(len(code), 1, -1):
        if code[:k] in mapping:
            return mapping[code[:k]]
    return None


def verb_types(folder: Path) -> dict[str, list[Any]]:
    """lower-case verb -> [the PLOVER type of its own (or its block's) code, or "";
    {PLOVER type: share of all its codes, object patterns included}], single-word verbs."""
    mapping = read_mapping(folder / MAPPING_FILE)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    main: dict[str, Counter[str]] = defaultdict(Counter)  # the codes of the verb and its block
    verbs: list[tuple[str, str | None]] = []  # (verb, the type of its own code)
    block: Counter[str] = Counter()
    block_type: str | None = None
    in_patterns = False

    def close() -> None:
        for v, own in verbs:
            counts[v].update(block)
            if own:
                counts[v][own] += BLOCK_WEIGHT
            coded = own or block_type
            if coded:
                main[v][coded] += 1

    for raw in (folder / VERBS_FILE).read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        head = _BLOCK.match(line)
        if head:
            close()
            verbs, block, in_patterns = [], Counter(), False
            block_type = plover_type(head.group(2), mapping) if head.group(2).isdigit() else None
            if block_type:
                block[block_type] += BLOCK_WEIGHT
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            in_patterns = True
            m = _CODE.search(line)
            t = plover_type(m.group(1), mapping) if m else None
            if t:
                block[t] += 1
            continue
        m = _VERB_LINE.match(line)
        if m and not in_patterns and "_" not in m.group(1):
            code = (m.group(2) or "").split(":")[0]
            verbs.append((m.group(1).lower(), plover_type(code, mapping) if code.isdigit() else None))
    close()
    out: dict[str, list[Any]] = {}
    for verb in sorted(counts):
        total = sum(counts[verb].values())
        if total:
            top = main[verb].most_common(1)[0][0] if main[verb] else ""
            out[verb] = [top, {t: round(n / total, 3) for t, n in sorted(counts[verb].items())}]
    return out


__all__ = ["verb_types", "read_mapping", "plover_type", "VERBS_FILE", "MAPPING_FILE"]
