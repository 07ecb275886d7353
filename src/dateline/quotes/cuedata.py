"""PolNeAR-format quote sets as parsed articles, with the spaCy parses cached on disk.

Training and measuring the cue model parse the same 840 + 84 articles many times; the parse is
the costly part, so it is kept as a spaCy ``DocBin`` under ``build/`` (git-ignored) keyed by the
data file's hash and the model's name and version. Gold annotations are returned beside the
articles for training and analysis only; they never reach the pipeline.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dateline.config import Settings
from dateline.extract import extract_article
from dateline.learn.persist import file_sha256
from dateline.model import Article
from dateline.sources.jsonl import input_docs
from dateline.stages.entities import EntityStage
from dateline.stages.nlp import NlpStage

CACHE_DIR = Path(__file__).resolve().parents[3] / "build" / "quote_parses"


def _cache_file(path: Path, nlp: NlpStage, cache_dir: Path) -> Path:
    ident = nlp.identity()
    key = f"{path.stem}-{file_sha256(path)[:12]}-{ident['model']}-{ident['model_version']}"
    return cache_dir / f"{key}.spacy"


def _docs(nlp: NlpStage, arts: list[Article], cache: Path) -> list[Any]:
    """Parsed docs of the articles, read from ``cache`` or parsed and written there."""
    from spacy.tokens import DocBin

    if cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.nlp.vocab))
    docs = [a.doc for a in nlp.pipe(arts)]
    cache.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def load_split(path: Path, cache_dir: Path = CACHE_DIR
               ) -> tuple[list[Article], list[list[dict]]]:
    """Articles of a quotes JSONL after the nlp and entity stages, and each one's gold quotes."""
    settings = Settings()
    lines = path.read_text(encoding="utf-8").splitlines()
    arts = [extract_article(raw, settings) for raw in input_docs(lines)]
    nlp = NlpStage(settings)
    docs = _docs(nlp, arts, _cache_file(path, nlp, cache_dir))
    entities = EntityStage(settings)
    out = []
    for art, doc in zip(arts, docs, strict=True):
        out.append(entities(nlp._attach(art, doc)))
    golds = [json.loads(line)["gold"]["quotes"] for line in lines]
    return out, golds
