"""Cue words learned from labelled data: ``data/cue_lexicon.json`` (derived counts only).

``bench/build_cue_lexicon.py`` counts, over the PolNeAR train split, how often each word
form is the main word of an attribution cue and how often it occurs at all. PolNeAR's
notion of attribution is broad (beliefs, intentions, endorsements: "wants", "plans",
"endorsed", "blasted"); words found here but absent from the hand-made speech lexicons
give relations of class ``learned``: ``belief`` claims, kept apart from the events (an
intention is not a report of what happened). Rarer words are proposed as candidates for
the learned cue model (:mod:`claimgraph.nlp.attribution.tagger`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

#: Least cue count and precision (cue count / occurrences) for a word form to be used.
MIN_COUNT = 5
MIN_PRECISION = 0.2


@lru_cache(maxsize=4)  # the lexicon's cues and the model's broader candidates
def learned_cues(min_count: int = MIN_COUNT, min_precision: float = MIN_PRECISION) -> frozenset[str]:
    """Lower-case word forms that are attribution cues often enough to be tried as one."""
    path = resources.files("claimgraph.data").joinpath("cue_lexicon.json")
    words = json.loads(path.read_text(encoding="utf-8"))["words"]
    return frozenset(
        w for w, v in words.items() if v["cue"] >= min_count and v["precision"] >= min_precision
    )

