from __future__ import annotations

import pytest

from claimgraph.config import load_settings
from claimgraph.errors import PipelineError
from claimgraph.models import Document, DocumentInfo
from claimgraph.pipeline import DEFAULT_STEPS, Pipeline, registered_steps


def test_pipeline_default_steps_are_all_registered():
    steps = registered_steps()
    assert set(DEFAULT_STEPS) <= set(steps)
    for name in DEFAULT_STEPS:
        assert steps[name].doc, f"step {name} has no docstring"


def test_pipeline_unknown_step_names_the_available_ones():
    with pytest.raises(PipelineError) as exc:
        Pipeline(names=("parse", "no-such-step"), settings=load_settings())
    assert "no-such-step" in str(exc.value) and "entities" in str(exc.value)


def test_pipeline_misordered_steps_are_refused():
    with pytest.raises(PipelineError) as exc:
        Pipeline(names=("entities", "parse"), settings=load_settings())
    assert "requires" in str(exc.value) and "sdoc" in str(exc.value)


def test_pipeline_pipe_keeps_input_order_and_clears_scratch():
    texts = [f"Document number {i} mentions Baku and Tehran." for i in range(5)]
    docs = [Document(info=DocumentInfo(id=str(i), source=str(i), text=t)) for i, t in enumerate(texts)]
    out = list(Pipeline(names=("parse", "entities"), settings=load_settings()).pipe(docs, batch_size=2))
    assert [d.info.id for d in out] == ["0", "1", "2", "3", "4"]
    assert all(not d.scratch for d in out)
    assert all(any(e.name == "Baku" for e in d.entities) for d in out)


def _explode_on(word: str) -> str:
    """Register a deliberately broken step that fails on documents saying ``word``."""
    from claimgraph.pipeline import step

    name = f"explode_on_{word}"

    @step(name, requires=("sdoc",), assigns=(word,))
    def _explode(doc: Document) -> Document:
        """Fail on documents that say the word (a deliberately broken step for the tests)."""
        if word in doc.text:
            raise ValueError(f"{word} seen")
        return doc

    return name


def _docs(texts: list[str]) -> list[Document]:
    return [Document(info=DocumentInfo(id=str(i), source=f"doc{i}", text=t)) for i, t in enumerate(texts)]


def test_pipeline_a_failing_step_fails_only_that_document():
    from claimgraph.errors import AnalysisError

    _explode_on("boom")
    docs = _docs(["A quiet day in Baku.", "Then boom, said nobody.", "Another quiet day in Tehran."])
    pipe = Pipeline(names=("parse", "explode_on_boom", "entities"), settings=load_settings())
    out = list(pipe.pipe_outcomes(docs, batch_size=3))
    assert [err is None for _, err in out] == [True, False, True]
    err = out[1][1]
    assert isinstance(err, AnalysisError) and err.source == "doc1" and "explode_on_boom" in str(err)
    assert any(e.name == "Tehran" for e in out[2][0].entities)


def _records(outcomes) -> list[str]:
    import json

    out = []
    for o in outcomes:
        if o.document is None:
            out.append(f"error {o.source}: {o.error}")
        else:
            d = o.document.to_dict()
            d.pop("analyzed_at", None)
            out.append(json.dumps(d, sort_keys=True))
    return out


def test_parse_ahead_gives_the_same_outcomes_in_the_same_order(tmp_path, example_path):
    """The parse of the next batch runs in a thread while the steps run on this one: every
    record is the same as one batch at a time, unreadable inputs keep their place, and a
    document a step fails on fails alone."""
    from claimgraph.api import analyze_inputs

    seed = example_path.read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if len(p) > 300]
    paths = []
    for i, p in enumerate(paragraphs[:7]):
        path = tmp_path / f"{i:02d}.txt"
        path.write_text(p, encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    paths.insert(3, str(tmp_path / "binary.txt"))
    paths.insert(5, str(tmp_path / "missing.txt"))
    ahead = _records(analyze_inputs(paths, batch_size=2, parse_ahead=True))
    serial = _records(analyze_inputs(paths, batch_size=2, parse_ahead=False))
    assert len(ahead) == len(paths)
    assert ahead == serial
    assert ahead[3].startswith("error ") and "binary.txt" in ahead[3]
    assert ahead[5].startswith("error ") and "missing.txt" in ahead[5]
    assert sum(r.startswith("error ") for r in ahead) == 2
    assert all('"events": [' in r for i, r in enumerate(ahead) if i not in (3, 5))


def test_parse_ahead_a_failing_step_fails_only_that_document():
    docs = _docs(["Police arrested two men in Baku.", "Then bang, said nobody.", "Talks resumed in Tehran.",
                  "Ministers met in Ankara.", "A bang in Kyiv.", "Protesters marched in Tbilisi."])
    settings = load_settings(parse_ahead=True)
    pipe = Pipeline(names=("parse", _explode_on("bang"), "entities"), settings=settings)
    out = list(pipe.pipe_outcomes(docs, batch_size=2))
    assert [d.info.id for d, _ in out] == ["0", "1", "2", "3", "4", "5"]
    assert [err is None for _, err in out] == [True, False, True, True, False, True]
    assert all(not d.scratch for d, _ in out)
    assert any(e.name == "Tbilisi" for e in out[5][0].entities)
