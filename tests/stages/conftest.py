"""Fixtures shared by the spaCy-stage tests."""
from __future__ import annotations

import pytest
import spacy

from dateline.stages.nlp import load_model, model_name


@pytest.fixture(scope="module")
def models():
    """(stock ``spacy.load`` model, dateline's ``load_model`` of the same package)."""
    name = model_name("")
    return spacy.load(name), load_model(name)
