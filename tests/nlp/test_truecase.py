"""Truecasing of case-less wire copy (texts written here, plus the example article)."""

from __future__ import annotations

from claimgraph.nlp.entities.truecase import needs_truecasing, truecase

TEXT = (
    "the american newspaper the washington post reported that iranian authorities planned "
    "an attack in baku. president joe biden met officials in new york and san salvador on "
    "monday, and i said nothing."
)


def test_truecase_detects_caseless_text() -> None:
    assert needs_truecasing(TEXT)
    assert needs_truecasing(TEXT.upper())
    assert not needs_truecasing("The American newspaper reported on Monday that officials in Baku met.")


def test_truecase_restores_names_and_keeps_length() -> None:
    for src in (TEXT, TEXT.upper()):
        out = truecase(src)
        assert len(out) == len(src)
        for name in ("American", "Iranian", "Baku", "New York", "San Salvador", "Monday", "President"):
            assert name in out, (name, out)
        assert out.startswith("The ") and " I said" in out
        assert " attack " in out and " officials " in out


def test_truecase_example_article_lowered(example_path) -> None:
    text = example_path.read_text(encoding="utf-8")
    out = truecase(text.lower())
    assert len(out) == len(text)
    for name in ("Azerbaijan", "Tehran", "Georgia", "Iran"):
        assert name in out
