"""Shared fixtures: settings, the spaCy stage (loaded once), articles built from text."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.model import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", REPO.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Default settings."""
    return Settings()


@pytest.fixture(scope="session")
def nlp_stage(settings):
    """The spaCy stage, loaded once for the whole test session."""
    from dateline.stages.nlp import NlpStage

    return NlpStage(settings)


@pytest.fixture(scope="session")
def make_article(nlp_stage):
    """Build a parsed Article from a text (and optional publication date)."""
    def make(text: str, published: str | None = None, doc_id: str = "t") -> Article:
        art = Article(id=doc_id, text=text, published=published,
                      content_hash=hashlib.sha256(text.encode()).hexdigest())
        return nlp_stage(art)
    return make


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, or skip the test where a clone has none."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared/data is absent (only the developers' checkout has it)")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed page dump (a credited test fixture)."""
    return (FIXTURES / "seed" / "putin-syria-withdrawal.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """URL of a live read-only API/UI server over the API tests' three documents."""
    from api.apidata import app_over, live_server

    with app_over(tmp_path_factory.mktemp("ui") / "ui.duckdb") as app, live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def chrome():
    """Headless Debian chromium driven by Playwright (skips without one)."""
    from api.apidata import browser

    with browser() as chrome:
        yield chrome
