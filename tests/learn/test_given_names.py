"""The given-name learner: which articles vote, and the cut-offs of the table."""
from __future__ import annotations

from collections import Counter

import pytest

from dateline.learn.given_names import article_votes, table
from dateline.stages.entities import EntityStage


@pytest.mark.parametrize(("text", "vote"), [
    ("Donald Trump spoke in Ohio. Later, Mr. Trump left for Iowa.", ("donald", "m")),
    ("Angela Merkel arrived in Paris on Monday. She met the French president.",
     ("angela", "f")),
])
def test_article_votes(make_article, text, vote):
    assert vote in article_votes(EntityStage()(make_article(text)))


def test_two_given_names_for_one_surname_give_no_title_vote(make_article):
    text = ("Hillary Clinton spoke in Ohio. Bill Clinton spoke in Iowa. "
            "Mrs. Clinton left early.")
    votes = article_votes(EntityStage()(make_article(text)))
    assert ("bill", "f") not in votes and ("hillary", "f") not in votes


def test_table_keeps_frequent_pure_names_sorted():
    counts = Counter({("maria", "f"): 5, ("jo", "m"): 3, ("jo", "f"): 3,
                      ("zed", "m"): 2, ("adam", "m"): 9, ("adam", "f"): 1})
    assert table(counts, 3, 0.9) == [("adam", "m", 9, 1), ("maria", "f", 0, 5)]
