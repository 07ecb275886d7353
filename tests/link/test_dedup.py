"""Near-duplicate detection: the decision rule, generated variants, and groups in the store."""
from __future__ import annotations

import pytest

from dateline.link import relink
from dateline.link.dedup import group_documents, is_near_duplicate, shingles
from dateline.link.variants import light_edit, measure

BODY = ("The central bank raised its main interest rate by half a point on Thursday, "
        "the largest increase in two decades, and said more rises would follow if prices "
        "kept climbing faster than wages across the country this winter.")
OTHER = ("The central bank kept its main interest rate unchanged on Thursday after a long "
         "meeting, saying that growth had slowed and that it would wait for new figures on "
         "jobs and spending before deciding whether to move again in spring.")


@pytest.mark.parametrize(("a", "b", "expected"), [
    (BODY, BODY, True),
    (BODY, "Rates up sharply\n" + BODY + "\nCopyright the agency.", True),
    (BODY, BODY.replace("half a point", "0.5 points"), True),
    (BODY, OTHER, False),
    ("Markets fell.", "Markets fell.", True),
    ("Markets fell.", "Markets rose.", False),
])
def test_near_duplicate_rule(a, b, expected):
    assert is_near_duplicate(shingles(a), shingles(b)) is expected


@pytest.mark.parametrize(("groups", "pairs", "expected"), [
    ({"a": "g1", "b": "g2", "c": "g3"}, [("a", "b")], {"a": "g1", "b": "g1", "c": "g3"}),
    ({"a": "g2", "b": "g1", "c": "g1"}, [("a", "b")], {"a": "g1", "b": "g1", "c": "g1"}),
    ({"a": "g5", "b": "g4", "c": "g3"}, [("a", "b"), ("b", "c")],
     {"a": "g3", "b": "g3", "c": "g3"}),
])
def test_groups_merge_to_smallest_name(groups, pairs, expected):
    assert group_documents(groups, pairs) == expected


def test_variants_precision_and_recall(seed_text):
    paras = [p for p in seed_text.split("\n\n") if len(p.split()) > 40]
    texts = {f"p{i}": p for i, p in enumerate(paras)}
    assert len(texts) >= 4
    m = measure(texts)
    assert m["precision"] >= 0.95
    assert m["recall"] >= 0.85


def test_light_edit_changes_text():
    import random

    text = "\n".join([BODY, OTHER, BODY.upper(), OTHER.lower()])
    assert light_edit(text, random.Random(1)) != text


def test_store_links_reprint_not_unrelated(store, storyline_records):
    store.write(storyline_records, store.start_run({}))
    relink(store)
    rec = {r["id"]: r for r in store.iter_records()}
    assert rec["a01"]["dup_group"] == rec["a02"]["dup_group"]
    assert rec["a01"]["dup_group"] != rec["a03"]["dup_group"]
    assert store.counts()["documents"] == len(storyline_records)
