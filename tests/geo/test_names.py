"""Name keys: accents, case, punctuation and abbreviations fold to one form."""
from __future__ import annotations

import pytest

from dateline.geo.names import is_latin, name_key


@pytest.mark.parametrize(("text", "expected"), [
    ("São Paulo", "sao paulo"),
    ("U.S.", "us"),
    ("the Middle East", "middle east"),
    ("St. Petersburg", "saint petersburg"),
    ("Mt. Vernon", "mount vernon"),
    ("Ţarţūs", "tartus"),
    ("Guinea-Bissau", "guinea bissau"),
    ("Côte d'Ivoire", "cote divoire"),
])
def test_name_key_folds_variants(text, expected):
    assert name_key(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Zürich", True), ("Tartus", True), ("Москва", False), ("دمشق", False),
])
def test_is_latin(text, expected):
    assert is_latin(text) is expected
