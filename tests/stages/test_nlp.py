"""The spaCy stage's own additions: blank lines are sentence boundaries."""
from __future__ import annotations

DEBRIS = ('of its forces from Syria. (Reuters)\n\nPutin Orders Partial Troop Withdrawal From '
          'Syria\nplease wait')


def test_a_blank_line_ends_a_sentence(make_article):
    art = make_article(DEBRIS)
    texts = [art.text[s.start:s.end] for s in art.sentences]
    assert any(t.startswith("Putin Orders") for t in texts), texts
    assert not any("Reuters" in t and "Putin" in t for t in texts), texts


def test_a_single_line_break_is_left_to_the_parser(make_article):
    """Hard-wrapped text breaks lines inside sentences: only a blank line is a boundary."""
    art = make_article("The minister said on Monday that the talks\nwould resume next week.")
    assert len(art.sentences) == 1


def test_the_component_runs_before_the_parser(nlp_stage):
    names = nlp_stage.nlp.pipe_names
    assert names.index("dateline_paragraph_breaks") < names.index("parser")
