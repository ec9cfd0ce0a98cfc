"""Namesakes across documents: people who share a surname stay different actors.

"Tony Blair", "Ian Blair" and "Cherie Blair" share the surname and, in each document,
a short form ("Mr Blair", "Sir Ian", "Mrs Blair"). A short form belongs to the person its
own document resolved it to; it never bridges two people with different first names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.kb import KnowledgeBase

from .conftest import Ent, build

#: Real BBC politics stories (2004-2005): Sir Ian Blair (070, 216, 379, with Tony Blair
#: in 379), Tony and Cherie Blair (184, 327, 328) and Cherie Blair as "Mrs Blair" (194).
BBC_FILES = ("070", "216", "379", "184", "194", "327", "328")


def _actors(kb: KnowledgeBase) -> dict[str, dict]:
    return {a["name"]: a for a in kb.iter_actors() if a["type"] == "PERSON"}


def _docs(actor: dict) -> set[str]:
    return {m["document"] for m in actor["mentions"]}


def _assert_apart(actors: dict[str, dict]) -> None:
    tony, ian, cherie = actors["Tony Blair"], actors["Ian Blair"], actors["Cherie Blair"]
    assert not [a for a in tony["aliases"] if "Ian" in a or "Cherie" in a or a == "Mrs Blair"], tony["aliases"]
    assert not [a for a in ian["aliases"] if "Tony" in a or "Cherie" in a or "Mr" in a.split()], ian["aliases"]
    assert not [a for a in cherie["aliases"] if "Tony" in a or "Ian" in a or "Mr" in a.split()], cherie["aliases"]


@pytest.fixture(scope="module")
def bbc_store(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder = shared_dir / "data" / "bbc" / "bbc" / "politics"
    if not folder.is_dir():
        pytest.skip("the BBC dataset is not in ../shared/data/bbc")
    kb = KnowledgeBase(tmp_path_factory.mktemp("bbc") / "blair.duckdb")
    summary = kb.ingest([str(folder / f"{name}.txt") for name in BBC_FILES])
    assert summary.failed == 0, summary.errors
    return kb


def test_namesakes_bbc_blairs_stay_apart(bbc_store: KnowledgeBase) -> None:
    actors = _actors(bbc_store)
    _assert_apart(actors)
    assert "Sir Ian" in actors["Ian Blair"]["aliases"]
    assert "Mrs Blair" in actors["Cherie Blair"]["aliases"]


def test_namesakes_bbc_tony_blair_gathers_his_documents(bbc_store: KnowledgeBase) -> None:
    actors = _actors(bbc_store)
    tony = actors["Tony Blair"]
    assert "Mr Blair" in tony["aliases"]
    assert len(_docs(tony)) >= 4  # 379, 184, 327 and 328 all name him
    assert len(_docs(actors["Ian Blair"])) == 3
    assert len(_docs(actors["Cherie Blair"])) >= 2


# -- texts written here: each document states what the pipeline would have resolved ------

POLICE = [Ent("e8", "ORG", "Metropolitan Police"), Ent("e9", "ORG", "Home Office")]


def _ian(n: int):
    text = (f"Story {n}. Commissioner Sir Ian Blair of the Metropolitan Police backed the plans. "
            "Sir Ian told the Home Office the threat was real.")
    ian = Ent("e1", "PERSON", "Ian Blair", aliases=["Commissioner Sir Ian Blair", "Sir Ian"], roles=["commissioner"])
    return build(text, publisher="Desk", published="2005-02-01", entities=[ian, *POLICE])


def _tony_and_ian():
    text = ("Tony Blair defended the plans. Sir Ian Blair of the Metropolitan Police warned of attacks. "
            "Mr Blair told the Home Office the laws were needed.")
    return build(text, publisher="Desk", published="2005-02-02", entities=[
        Ent("e1", "PERSON", "Tony Blair", aliases=["Mr Blair"], roles=["prime minister"]),
        Ent("e2", "PERSON", "Ian Blair", aliases=["Sir Ian Blair"]), *POLICE,
    ])


def _cherie(n: int):
    text = f"Story {n}. Cherie Blair spoke at the Home Office. Mrs Blair said the Metropolitan Police helped."
    return build(text, publisher="Desk", published="2005-02-03",
                 entities=[Ent("e1", "PERSON", "Cherie Blair", aliases=["Mrs Blair"]), *POLICE])


def _mononym(alias: str, n: int):
    text = f"Story {n}. {alias} visited the Home Office and the Metropolitan Police on Friday."
    return build(text, publisher="Desk", published="2005-02-04",
                 entities=[Ent("e1", "PERSON", "Blair", aliases=[alias]), *POLICE])


def test_namesakes_surname_alias_never_bridges_full_names(tmp_path: Path) -> None:
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    for doc in (_ian(1), _tony_and_ian(), _cherie(2), _ian(3)):
        kb.add(doc)
    actors = _actors(kb)
    _assert_apart(actors)
    assert len(_docs(actors["Ian Blair"])) == 3
    assert len(_docs(actors["Cherie Blair"])) == 1


def test_namesakes_courtesy_title_picks_the_matching_person(tmp_path: Path) -> None:
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    for doc in (_tony_and_ian(), _cherie(1), _mononym("Mrs Blair", 2), _mononym("Mr Blair", 3)):
        kb.add(doc)
    actors = _actors(kb)
    _assert_apart(actors)
    cherie_doc, mrs_doc, mr_doc = _cherie(1).info.id, _mononym("Mrs Blair", 2).info.id, _mononym("Mr Blair", 3).info.id
    assert _docs(actors["Cherie Blair"]) == {cherie_doc, mrs_doc}
    assert mr_doc in _docs(actors["Tony Blair"])  # "Mr", not the knight "Sir Ian"
    assert mr_doc not in _docs(actors["Ian Blair"])
