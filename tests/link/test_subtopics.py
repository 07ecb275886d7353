"""Document sub-topic clustering: separates unrelated stories; gold ARI floor on ECB+ dev."""
from __future__ import annotations

from pathlib import Path

from dateline.link.pairtrain import load_topics
from dateline.link.subtopics import CUT, choose_cut, subtopics


def test_two_stories_split() -> None:
    """Two earthquake reports group together, apart from two iPhone launch reports."""
    texts = ["A strong earthquake struck northern Chile, killing three near Iquique.",
             "The earthquake near Iquique in northern Chile killed three people.",
             "Apple unveiled the iPhone 5 at an event in San Francisco.",
             "At a San Francisco event Apple showed its new iPhone 5."]
    labels = subtopics(texts)
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_ecbplus_dev_subtopic_ari(shared_dir: Path) -> None:
    """Measured mean ARI 0.617 at the chosen cut on ECB+ dev; floor 0.58."""
    topics = load_topics(shared_dir / "data" / "links" / "ecbplus_dev.jsonl")
    assert choose_cut(topics, cuts=(CUT,))[CUT] >= 0.58
