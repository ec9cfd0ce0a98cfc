"""The CAMEO verb dictionary read as PLOVER types per verb (``claimgraph.training.cameo``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.training import cameo

MAPPING = """\
# CAMEO to PLOVER conversion table
04: CONSULT
042: CONSULT, visit,   # Make a visit
11: ACCUSE
111: ACCUSE, , # Criticize or denounce
17: COERCE
173: COERCE, arrest, legal # Arrest
01: , , # Make a public statement
"""

VERBS = """\
# header
&AUXVERB1_
+WAS

####### VERB PATTERNS #######

---  APPREHEND   [171]  ---
+ARREST_AND {+ARRESTS_AND +ARRESTED_AND }
APPREHEND [173]
NAB {NABS NABBING NABBED }  # a comment
- * SUSPECT                                         [173]         # NAB
- * CRITICS                                         [111]         # NAB

---  ACCELERATE   [---]  ---
HASTEN
- * VISIT                                           [042]         # HASTEN

---  SPEAK   [010]  ---
SPEAK
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / cameo.MAPPING_FILE).write_text(MAPPING, encoding="utf-8")
    (tmp_path / cameo.VERBS_FILE).write_text(VERBS, encoding="utf-8")
    return tmp_path


def test_codes_map_to_plover_by_longest_prefix(folder):
    mapping = cameo.read_mapping(folder / cameo.MAPPING_FILE)
    assert cameo.plover_type("173", mapping) == "COERCE"
    assert cameo.plover_type("1731", mapping) == "COERCE"
    assert cameo.plover_type("0421", mapping) == "CONSULT"
    assert cameo.plover_type("010", mapping) is None  # a code the table leaves untyped


def test_verbs_take_their_own_code_their_blocks_and_their_patterns(folder):
    types = cameo.verb_types(folder)
    # "APPREHEND [173]": its own code is the main type; the block's 171 and the patterns count too
    assert types["apprehend"][0] == "COERCE"
    assert set(types["apprehend"][1]) == {"COERCE", "ACCUSE"}
    # "NAB" has no code of its own: the block's
    assert types["nab"][0] == "COERCE"
    assert types["nab"][1]["COERCE"] > types["nab"][1]["ACCUSE"]
    # a block without a code: only what its patterns say, no main type
    assert types["hasten"] == ["", {"CONSULT": 1.0}]
    # multi-word forms and untyped codes give nothing
    assert "arrest_and" not in types and "arrest" not in types
    assert "speak" not in types


def test_the_real_dictionary_types_common_news_verbs(shared_dir):
    folder = shared_dir / "data" / "events-extra" / "plover"
    if not (folder / cameo.VERBS_FILE).is_file():
        pytest.skip("../shared/data has no CAMEO dictionary")
    types = cameo.verb_types(folder)
    assert len(types) > 1000
    assert types["accuse"][0] == "ACCUSE"
    assert types["arrest"][0] == "COERCE"
    assert types["threaten"][0] == "THREATEN"
    assert types["release"][0] == "RETREAT"
