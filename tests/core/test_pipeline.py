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
    """The parse of the next batch runs in a child process (or, with ``parse_worker`` off,
    a thread) while the steps run on this one: every record is the same as one batch at a
    time, unreadable inputs keep their place, and a document a step fails on fails alone."""
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
    threaded = _records(analyze_inputs(paths, batch_size=2, parse_ahead=True, parse_worker=False))
    serial = _records(analyze_inputs(paths, batch_size=2, parse_ahead=False))
    assert len(ahead) == len(paths)
    assert ahead == serial
    assert threaded == serial
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


def _dying_worker(after: int):
    """A parse step whose worker process is killed once it has parsed ``after`` batches."""
    from claimgraph.nlp.parse import _parse_batch, parse
    from claimgraph.nlp.parse_worker import ParseWorker
    from claimgraph.pipeline import step

    class Dying(ParseWorker):
        taken = 0

        def result(self):
            if Dying.taken >= after and self._proc is not None:
                self._proc.kill()
                self._proc.wait()
            Dying.taken += 1
            return super().result()

    name = f"parse_dying_after_{after}"
    step(name, assigns=("sdoc",), batch=_parse_batch,
         worker=lambda settings: Dying(verify_model=settings.verify_model))(parse)
    return name, Dying


@pytest.mark.parametrize("after", [0, 1])
def test_parse_worker_gone_midway_the_rest_is_parsed_here(after):
    """The parse child dies (killed here) before or after handing back a batch: the batch
    it held and every later one are parsed in this process, and each document gets the
    record a run without the child gives."""
    texts = ["Police arrested two men in Baku on Friday.", "Talks resumed in Tehran.",
             "Ministers met in Ankara.", "Protesters marched in Tbilisi.",
             "Troops left Kabul.", "Rebels seized a town near Goma."]
    name, dying = _dying_worker(after)
    settings = load_settings(parse_ahead=True, parse_worker=True)
    out = list(Pipeline(names=(name, "entities"), settings=settings).pipe_outcomes(_docs(texts), batch_size=2))
    plain = list(Pipeline(names=("parse", "entities"), settings=load_settings(parse_ahead=False))
                 .pipe_outcomes(_docs(texts), batch_size=2))
    assert dying.taken >= 1  # the child was asked for a batch, and was gone when asked again
    assert [err for _, err in out] == [None] * 6
    assert [[(e.name, e.type) for e in d.entities] for d, _ in out] == \
        [[(e.name, e.type) for e in d.entities] for d, _ in plain]
    assert any(e.name == "Goma" for e in out[5][0].entities)


def test_parse_worker_answers_a_bad_request_with_an_error_and_goes_on():
    """The child's loop: a request that is not a JSON list of texts gets an error answer,
    and the next request is parsed as usual (into spaCy's DocBin, user data included)."""
    import io
    import json

    from spacy.tokens import DocBin

    from claimgraph.nlp.model import load_nlp
    from claimgraph.nlp.parse_worker import serve

    def request(body: bytes) -> bytes:
        return len(body).to_bytes(8, "big") + body

    good = json.dumps(["Iran test - launched a missile -- its third this year.", "Talks resumed in Tehran."]).encode()
    out = io.BytesIO()
    nlp = load_nlp()
    serve(io.BytesIO(request(b"{not json") + request(good)), out, nlp)
    raw = out.getvalue()
    first_len = int.from_bytes(raw[1:9], "big")
    assert raw[:1] == b"E" and b"JSONDecodeError" in raw[9:9 + first_len]
    second = raw[9 + first_len:]
    assert second[:1] == b"K"
    docs = list(DocBin().from_bytes(second[9:]).get_docs(nlp.vocab))
    here = list(nlp.pipe(json.loads(good)))
    assert [[(t.text, t.dep_, t.head.i, t.ent_type_) for t in d] for d in docs] == \
        [[(t.text, t.dep_, t.head.i, t.ent_type_) for t in d] for d in here]
    assert docs[0].user_data == here[0].user_data and here[0].user_data  # the joined "test-launched"
