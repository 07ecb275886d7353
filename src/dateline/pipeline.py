"""Stages with one signature, a pipeline that checks their chain, and a batched runner.

A stage is any object with ``name``, ``requires`` and ``produces`` (sets of fact names)
and ``__call__(article) -> article``; it may add ``pipe(articles) -> articles`` to work in
batches (the spaCy stage does). Extraction turns a ``RawDoc`` into an ``Article`` and
provides the facts in ``EXTRACT_PRODUCES``.
"""
from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from dateline.config import Settings
from dateline.errors import DatelineError, PipelineError
from dateline.model import Article, RawDoc, error_record, to_record
from dateline.vocab import Fact

log = logging.getLogger(__name__)

# A batch extractor returns, per input and in order, the Article or the exception it raised;
# it lets dumps of one site share the chrome learnt from each other.
BatchExtractor = Callable[[list[RawDoc]], list[Any]]
# Told where a batch stands: ("x", i) extracting document i alone, ("b", 0) extracting the
# batch together, ("s", 0) in the batched stages (the worker pool pins failures with it).
ProgressHook = Callable[[str, int], None]
EXTRACT_PRODUCES = frozenset({Fact.TEXT, "paragraphs", Fact.METADATA})

# name -> "module:factory"; factories take the Settings. Order is the default run order.
STAGES: dict[str, str] = {
    "nlp": "dateline.stages.nlp:NlpStage",
    "entities": "dateline.stages.entities:EntityStage",
    "times": "dateline.stages.times:TimeStage",
    "places": "dateline.stages.places:PlaceStage",
    "quotes": "dateline.stages.quotes:QuoteStage",
    "events": "dateline.stages.events:EventStage",
}


@runtime_checkable
class Stage(Protocol):
    """What every stage offers: declared inputs and outputs and a per-article call."""

    name: str
    requires: frozenset[str]
    produces: frozenset[str]

    def __call__(self, article: Article) -> Article: ...


def available_stages() -> list[str]:
    """Names of registered stages whose module can be imported, in run order."""
    names = []
    for name, target in STAGES.items():
        module = target.split(":")[0]
        if importlib.util.find_spec(module) is not None:
            names.append(name)
    return names


def build_stage(name: str, settings: Settings) -> Stage:
    """Instantiate one registered stage by name."""
    if name not in STAGES:
        raise PipelineError(f"unknown stage {name!r}; choose from: extract, {', '.join(STAGES)}")
    module_name, factory = STAGES[name].split(":")
    module = importlib.import_module(module_name)
    return getattr(module, factory)(settings)


def resolve_stage_names(selected: Sequence[str] | None) -> list[str]:
    """The stage names a ``--stages`` value selects ('extract' alone means none)."""
    if not selected:
        return available_stages()
    names = [s.strip() for part in selected for s in part.split(",") if s.strip()]
    return [n for n in names if n != "extract"]


def _snapshot(article: Article) -> dict[str, Any]:
    """Field values with list fields copied, so a failed batch can be undone."""
    return {f.name: (list(v) if isinstance(v := getattr(article, f.name), list) else v)
            for f in dataclasses.fields(article)}


def _restore(article: Article, state: dict[str, Any]) -> None:
    for name, value in state.items():
        setattr(article, name, value)


class Pipeline:
    """Extraction followed by stages, run in batches with per-document error records."""

    def __init__(self, extractor: Callable[[RawDoc], Article], stages: Sequence[Stage],
                 settings: Settings | None = None,
                 batch_extractor: BatchExtractor | None = None):
        self.extractor = extractor
        self.batch_extractor = batch_extractor
        self.stages = list(stages)
        self.settings = settings or Settings()

    @classmethod
    def from_settings(cls, settings: Settings, stage_names: Sequence[str] | None = None
                      ) -> Pipeline:
        """Build the extractor and the named stages (all available when none named)."""
        from dateline.extract import extract_article, extract_batch

        names = resolve_stage_names(stage_names or settings.stages)
        stages = [build_stage(n, settings) for n in names]
        pipe = cls(lambda raw: extract_article(raw, settings), stages, settings,
                   lambda raws: extract_batch(raws, settings))
        pipe.check()
        return pipe

    def check(self) -> None:
        """Fail with a clear message when a stage requires a fact no earlier step produces."""
        facts = set(EXTRACT_PRODUCES)
        for stage in self.stages:
            missing = set(stage.requires) - facts
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage "
                    f"produces; add the stage that provides it before {stage.name!r}")
            facts |= set(stage.produces)

    def describe(self) -> dict[str, Any]:
        """Stage names and model identity, stamped on every stored row's run."""
        info: dict[str, Any] = {"stages": ["extract"] + [s.name for s in self.stages]}
        for stage in self.stages:
            info.update(getattr(stage, "identity", lambda: {})())
        return info

    @staticmethod
    def _failed(raw: RawDoc, exc: Exception) -> dict[str, Any]:
        if isinstance(exc, DatelineError):
            return error_record(raw.id, exc.code, str(exc), raw.origin)
        log.error("extraction failed for %s: %s", raw.id, exc, exc_info=exc)
        return error_record(raw.id, "extract_failed", f"{type(exc).__name__}: {exc}",
                            raw.origin)

    def _extract(self, raw: RawDoc) -> Article | dict[str, Any]:
        try:
            return self.extractor(raw)
        except Exception as exc:  # noqa: BLE001 - one bad document never stops the batch
            return self._failed(raw, exc)

    def _extract_all(self, raws: list[RawDoc], progress: ProgressHook | None = None
                     ) -> list[Article | dict[str, Any]]:
        if self.batch_extractor is None or len(raws) < 2:
            out = []
            for i, raw in enumerate(raws):
                if progress:
                    progress("x", i)
                out.append(self._extract(raw))
            return out
        if progress:
            progress("b", 0)
        return [self._failed(raw, out) if isinstance(out, Exception) else out
                for raw, out in zip(raws, self.batch_extractor(raws), strict=True)]

    def _apply(self, stage: Stage, articles: list[Article]) -> list[Article | dict[str, Any]]:
        pipe = getattr(stage, "pipe", None)
        if pipe is not None and len(articles) > 1:
            saved = [_snapshot(a) for a in articles]
            try:
                return list(pipe(articles))
            except Exception:  # noqa: BLE001 - isolate the failing document below
                log.warning("stage %s failed on a batch; retrying one by one", stage.name)
                for art, state in zip(articles, saved, strict=True):
                    _restore(art, state)
        out: list[Article | dict[str, Any]] = []
        for art in articles:
            try:
                out.append(stage(art))
            except Exception as exc:  # noqa: BLE001
                log.exception("stage %s failed on %s", stage.name, art.id)
                code = exc.code if isinstance(exc, DatelineError) else f"stage_{stage.name}"
                out.append(error_record(art.id, code, f"{type(exc).__name__}: {exc}",
                                        art.origin))
        return out

    def process_batch(self, raws: Sequence[RawDoc | dict[str, Any]],
                      progress: ProgressHook | None = None) -> list[dict[str, Any]]:
        """Run extraction and every stage on a batch; one record or error per input, in order.

        Dict items are reader error records and pass through unchanged; ``progress`` is told
        where the batch stands (see ``ProgressHook``).
        """
        extracted = iter(self._extract_all([r for r in raws if not isinstance(r, dict)],
                                           progress))
        if progress:
            progress("s", 0)
        results: list[Article | dict[str, Any]] = [
            r if isinstance(r, dict) else next(extracted) for r in raws]
        for stage in self.stages:
            live = [r for r in results if isinstance(r, Article)]
            if not live:
                break
            done = iter(self._apply(stage, live))
            results = [next(done) if isinstance(r, Article) else r for r in results]
        records = []
        for res in results:
            if isinstance(res, Article):
                res.doc = None
                records.append(to_record(res))
            else:
                records.append(res)
        return records

    def run(self, raws: Iterable[RawDoc | dict[str, Any]], batch_size: int | None = None
            ) -> Iterator[dict[str, Any]]:
        """Process an iterator of inputs (RawDocs or reader error records) in batches."""
        size = batch_size or self.settings.batch_size
        batch: list[RawDoc | dict[str, Any]] = []
        for item in raws:
            batch.append(item)
            if len(batch) >= size:
                yield from self.process_batch(batch)
                batch = []
        if batch:
            yield from self.process_batch(batch)

