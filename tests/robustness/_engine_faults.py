"""Fault injection for the engine tests: a pipeline whose extractor or batched stage
crashes (``os._exit``, ``SIGSEGV``) or hangs on marked documents, installed in the engine's
per-process pipeline cache so that forked workers inherit it (no model is loaded)."""
from __future__ import annotations

import dataclasses
import faulthandler
import json
import os
import signal
import time
from pathlib import Path

from dateline.config import Settings
from dateline.engines import pool
from dateline.model import Article, RawDoc
from dateline.pipeline import Pipeline

STAGE = "faulty"


def _act(text: str) -> None:
    if "@@EXIT@@" in text:
        os._exit(7)
    if "@@SEGV@@" in text:
        faulthandler.disable()  # a deliberate crash: keep pytest's traceback dump out of the log
        os.kill(os.getpid(), signal.SIGSEGV)
    if "@@HANG@@" in text:
        time.sleep(3600)


def _extract(raw: RawDoc) -> Article:
    if "@@X:" in raw.content:  # faults during extraction: @@X:EXIT@@ etc.
        _act(raw.content.replace("@@X:", "@@"))
    return Article(id=raw.id, text=raw.content, origin=raw.origin,
                   content_hash=raw.content_hash)


class FaultyStage:
    """A batched stage that fails on marked documents inside ``pipe``."""

    name = STAGE
    requires = frozenset({"text"})
    produces = frozenset({"sentences"})

    def pipe(self, articles: list[Article]) -> list[Article]:
        for art in articles:
            if "@@S:" in art.text:
                _act(art.text.replace("@@S:", "@@"))
        return articles

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]


def install(settings: Settings) -> list[str]:
    """Put the faulty pipeline in the cache for these settings; return the stage names."""
    key = (dataclasses.replace(settings, db_path="", workers=1), (STAGE,))
    pool._PIPELINES[key] = Pipeline(_extract, [FaultyStage()], settings)
    return [STAGE]


def write_jsonl(path: Path, texts: list[str], prefix: str = "d") -> Path:
    """A JSONL input with one ``text`` document per entry."""
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": f"{prefix}{i:04d}", "text": text}) + "\n")
    return path
