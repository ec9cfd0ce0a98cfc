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


def test_pipeline_a_failing_step_fails_only_that_document():
    from claimgraph.errors import AnalysisError
    from claimgraph.pipeline import step

    @step("explode_on_boom", requires=("sdoc",), assigns=("boom",))
    def _explode(doc: Document) -> Document:
        """Fail on documents that say boom (a deliberately broken step for this test)."""
        if "boom" in doc.text:
            raise ValueError("boom seen")
        return doc

    texts = ["A quiet day in Baku.", "Then boom, said nobody.", "Another quiet day in Tehran."]
    docs = [Document(info=DocumentInfo(id=str(i), source=f"doc{i}", text=t)) for i, t in enumerate(texts)]
    pipe = Pipeline(names=("parse", "explode_on_boom", "entities"), settings=load_settings())
    out = list(pipe.pipe_outcomes(docs, batch_size=3))
    assert [err is None for _, err in out] == [True, False, True]
    err = out[1][1]
    assert isinstance(err, AnalysisError) and err.source == "doc1" and "explode_on_boom" in str(err)
    assert any(e.name == "Tehran" for e in out[2][0].entities)
