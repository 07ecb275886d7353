"""The pipeline checks its chain, batches work and turns failures into error records."""
from __future__ import annotations

import hashlib

import pytest

from dateline.config import Settings
from dateline.errors import LimitExceeded, PipelineError
from dateline.model import Article, RawDoc
from dateline.pipeline import Pipeline, resolve_stage_names


def _extract(raw: RawDoc) -> Article:
    if raw.content == "":
        raise LimitExceeded("empty", code="empty_body")
    if raw.content == "boom":
        raise RuntimeError("extractor bug")
    return Article(id=raw.id, text=raw.content,
                   content_hash=hashlib.sha256(raw.content.encode()).hexdigest())


class Upper:
    name = "upper"
    requires = frozenset({"text"})
    produces = frozenset({"shout"})

    def __init__(self):
        self.batches: list[int] = []

    def __call__(self, art: Article) -> Article:
        if "fail" in art.text:
            raise ValueError("cannot shout")
        art.warnings.append(art.text.upper())
        return art

    def pipe(self, arts: list[Article]) -> list[Article]:
        self.batches.append(len(arts))
        return [self(a) for a in arts]


class NeedsShout(Upper):
    name = "needs"
    requires = frozenset({"shout"})
    produces = frozenset()


def test_check_names_the_missing_fact():
    with pytest.raises(PipelineError, match="requires \\['shout'\\]"):
        Pipeline(_extract, [NeedsShout()]).check()
    Pipeline(_extract, [Upper(), NeedsShout()]).check()


def test_batch_runs_and_isolates_failures():
    stage = Upper()
    pipe = Pipeline(_extract, [stage], Settings(batch_size=10))
    raws = [RawDoc(id=f"d{i}", kind="text", content=c)
            for i, c in enumerate(["ok one", "", "boom", "please fail", "ok two"])]
    out = list(pipe.run(raws))
    assert [r["id"] for r in out] == ["d0", "d1", "d2", "d3", "d4"]
    assert out[0]["warnings"] == ["OK ONE"] and out[4]["warnings"] == ["OK TWO"]
    assert out[1]["error"]["code"] == "empty_body"
    assert out[2]["error"]["code"] == "extract_failed"
    assert out[3]["error"]["code"] == "stage_upper"
    assert stage.batches[0] == 3  # one batched call for the three live articles


def test_reader_errors_pass_through_in_order():
    pipe = Pipeline(_extract, [])
    err = {"schema": "dateline/1", "id": "bad", "error": {"code": "bad_json", "message": "x"}}
    out = list(pipe.run([RawDoc(id="a", kind="text", content="x"), err]))
    assert [r["id"] for r in out] == ["a", "bad"]
    assert "error" in out[1] and "text" in out[0]


@pytest.mark.parametrize(("selected", "expected"), [
    (["extract"], []),
    (["nlp,entities"], ["nlp", "entities"]),
    (["nlp", "times"], ["nlp", "times"]),
])
def test_stage_selection(selected, expected):
    assert resolve_stage_names(selected) == expected


def test_unknown_stage_is_a_clear_error():
    from dateline.pipeline import build_stage

    with pytest.raises(PipelineError, match="unknown stage 'parse'"):
        build_stage("parse", Settings())


def test_batch_extractor_sees_the_batch_and_errors_stay_per_document():
    seen: list[int] = []

    def batch(raws):
        seen.append(len(raws))
        return [RuntimeError("bad page") if r.content == "boom" else _extract(r) for r in raws]

    pipe = Pipeline(_extract, [], Settings(batch_size=10), batch_extractor=batch)
    err = {"schema": "dateline/1", "id": "r", "error": {"code": "bad_json", "message": "x"}}
    out = list(pipe.run([RawDoc(id="a", kind="text", content="x"), err,
                         RawDoc(id="b", kind="text", content="boom"),
                         RawDoc(id="c", kind="text", content="y")]))
    assert seen == [3]
    assert [r["id"] for r in out] == ["a", "r", "b", "c"]
    assert out[2]["error"]["code"] == "extract_failed" and out[3]["text"] == "y"
