"""The annotators' hand-off script (scripts/annotation_tasks.py): tasks keep documents whole,
stay out of the repository, and the antecedent selection is the layer's."""
from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import load_script

REPO = Path(__file__).resolve().parents[2]
tasks = load_script("scripts/annotation_tasks.py")


def test_parts_keep_documents_whole_and_cover_every_row_in_order():
    rows = [{"sid": f"d{d}#{i}", "doc_id": f"d{d}"} for d, n in enumerate((5, 3, 7, 2, 6))
            for i in range(n)]
    parts = tasks.split_by_document(rows, 3)
    assert len(parts) == 3
    assert [r for p in parts for r in p] == rows
    ends = [p[-1]["doc_id"] for p in parts[:-1]]
    starts = [p[0]["doc_id"] for p in parts[1:]]
    assert all(a != b for a, b in zip(ends, starts, strict=True))  # no document cut in two


def test_one_part_and_more_parts_than_documents():
    rows = [{"sid": f"d{d}#0", "doc_id": f"d{d}"} for d in range(2)]
    assert tasks.split_by_document(rows, 1) == [rows]
    assert [len(p) for p in tasks.split_by_document(rows, 5)] == [1, 1]


def test_task_folder_inside_the_repository_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        tasks._outside_repo(str(REPO / "data" / "tmp-tasks"))
    assert tasks._outside_repo(str(tmp_path / "t")).is_dir()


def test_pronoun_selection_ignores_the_country_and_reads_words_only():
    assert tasks.has_pronoun("He said so.") and tasks.has_pronoun("attacks on her record")
    assert not tasks.has_pronoun("The US and the EU met in Whitehall.")
    assert not tasks.has_pronoun("Hence the theme.")


def test_null_roles_are_the_antecedent_layer_rows(shared_dir):
    """The selection gives exactly the layer's 1,602 roles (stop 38's 1,208 and stop 40's
    394), so a further extension's tasks are chosen the same way."""
    ann = tasks.ann
    layer = set(ann.load_antecedents())
    roles = tasks.null_roles(ann.load_sentences(), ann.load_labels())
    assert {(s["sid"], *ev["trigger"], role) for s, ev, role in roles} == layer
