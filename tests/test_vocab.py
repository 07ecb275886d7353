"""The vocabularies are defined once (``dateline.vocab``): every reject code written in the
source is declared there, and listed in CONTRACT.md."""
from __future__ import annotations

import re
from pathlib import Path

from dateline.vocab import PLOVER_TYPES, RejectCode, Status

SRC = Path(__file__).resolve().parents[1] / "src" / "dateline"
CONTRACT = Path(__file__).resolve().parents[1] / "docs" / "CONTRACT.md"
# code="x", code = "x" (class attribute), error_record(id, "x", ...), _fail(task, "x", ...)
LITERAL = re.compile(r'(?:\bcode\s*=\s*|error_record\([^"\n]*?,\s*|_fail\(task,\s*)'
                     r'"([a-z][a-z0-9_]*)"')


def _codes_in_source() -> set[str]:
    found = set()
    for path in SRC.rglob("*.py"):
        found |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_reject_code_in_the_source_is_declared():
    found = _codes_in_source()
    assert len(found) > 25  # the scan sees the codes
    assert found <= set(RejectCode), sorted(found - set(RejectCode))


def test_reject_codes_are_listed_in_the_contract():
    text = CONTRACT.read_text(encoding="utf-8")
    missing = [c for c in RejectCode if f"`{c}`" not in text]
    assert not missing, missing


def test_statuses_and_types_are_defined_once():
    pattern = re.compile(r'\{"announced", "ordered"|"AGREE", "CONSULT", "SUPPORT"')
    hits = [p.name for p in SRC.rglob("*.py") if pattern.search(p.read_text("utf-8"))]
    assert hits == [], hits
    assert len(PLOVER_TYPES) == 16 and "occurred" in set(Status)
