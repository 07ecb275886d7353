"""An indexed matcher for spaCy's attribute ruler: the same matches, found by look-up.

The English models' ``attribute_ruler`` maps tags to parts of speech and morphology with
about 180 one- and two-token patterns. spaCy's ``Matcher`` tries every pattern at every token,
which measured 6.4 ms an article (one core): 15% of the whole spaCy pipeline, more than its
parser. Every pattern's first token names its tag, word or dependency label (or a short list
of them), so indexing the patterns on those values leaves one to three to test per token:
about 1 ms. The ruler itself (its ordering of matches and its setting of attributes) is
unchanged; only its ``matcher`` is swapped. Patterns that use anything beyond exact values,
``IN``, ``NOT_IN`` and ``REGEX`` on ``LOWER``/``TAG``/``DEP``/``IS_SPACE`` (quantifiers, other
attributes) keep spaCy's matcher, as does any call asking for spans.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
# a first token is indexed on the first of these it fixes (a word before a tag: a tag is
# shared by many patterns, a word by one or two)
INDEXED = ("LOWER", "TAG", "DEP", "IS_SPACE")
MAX_ROWS = 200_000  # remembered (word, tag, label, space) rows; emptied when larger
Test = tuple[int, str, Any]  # (attribute column, kind: eq | in | not_in | regex, value)


def _compile_spec(spec: dict[str, Any]) -> list[Test] | None:
    """The tests of one token spec, or None when it uses anything this matcher lacks."""
    tests: list[Test] = []
    for attr, value in spec.items():
        if attr not in ATTRS:
            return None
        col = ATTRS.index(attr)
        if isinstance(value, bool | str):
            tests.append((col, "eq", value))
        elif isinstance(value, dict) and len(value) == 1:
            (kind, arg), = value.items()
            if kind == "IN" and isinstance(arg, list):
                tests.append((col, "in", frozenset(arg)))
            elif kind == "NOT_IN" and isinstance(arg, list):
                tests.append((col, "not_in", frozenset(arg)))
            elif kind == "REGEX" and isinstance(arg, str):
                tests.append((col, "regex", re.compile(arg)))
            else:
                return None
        else:
            return None
    return tests


def _passes(tests: list[Test], row: tuple[Any, ...]) -> bool:
    for col, kind, value in tests:
        got = row[col]
        if kind == "eq":
            ok = got == value
        elif kind == "in":
            ok = got in value
        elif kind == "not_in":
            ok = got not in value
        else:
            ok = value.search(got) is not None
        if not ok:
            return False
    return True


class IndexedMatcher:
    """The ruler's patterns indexed on their first token (see module docstring); what a
    token's (word, tag, label, space) starts is remembered, so a word seen before costs one
    look-up."""

    def __init__(self, patterns: list[tuple[int, list[list[Test]]]], fallback: Any):
        self.fallback = fallback
        self.index: dict[tuple[int, Any], list[tuple[int, list[list[Test]]]]] = defaultdict(list)
        self.always: list[tuple[int, list[list[Test]]]] = []
        for key, tokens in patterns:
            self._place(key, tokens)
        # row -> (keys of one-token patterns it matches, longer patterns it may start)
        self._starts: dict[tuple[Any, ...], tuple[list[int], list[tuple[int, list[list[Test]]]]]]
        self._starts = {}

    def _place(self, key: int, tokens: list[list[Test]]) -> None:
        first = {(col, kind): value for col, kind, value in tokens[0]}
        for attr in INDEXED:
            col = ATTRS.index(attr)
            if (col, "eq") in first:
                self.index[(col, first[(col, "eq")])].append((key, tokens))
                return
            if (col, "in") in first:
                for value in first[(col, "in")]:
                    self.index[(col, value)].append((key, tokens))
                return
        self.always.append((key, tokens))

    def _row_starts(self, row: tuple[Any, ...]) -> tuple[list[int], list[tuple[int, Any]]]:
        got = self._starts.get(row)
        if got is None:
            if len(self._starts) > MAX_ROWS:
                self._starts.clear()
            cands = [p for col in range(len(ATTRS)) for p in self.index.get((col, row[col]), ())]
            single: list[int] = []
            longer: list[tuple[int, list[list[Test]]]] = []
            for key, tokens in cands + self.always:
                if _passes(tokens[0], row):
                    if len(tokens) == 1:
                        single.append(key)
                    else:
                        longer.append((key, tokens))
            got = self._starts[row] = (single, longer)
        return got

    def get(self, key: Any, default: Any = None) -> Any:
        """The patterns of a key, as spaCy's matcher gives them (for the ruler's errors)."""
        return self.fallback.get(key, default)

    def __len__(self) -> int:
        return len(self.fallback)

    def __call__(self, doc: Any, *, allow_missing: bool = False, as_spans: bool = False,
                 **kwargs: Any) -> Any:
        """(match id, start, end) of every pattern that matches, as spaCy's matcher finds."""
        if as_spans or kwargs:
            return self.fallback(doc, allow_missing=allow_missing, as_spans=as_spans, **kwargs)
        rows = _rows(doc)
        n = len(rows)
        found: set[tuple[int, int, int]] = set()
        for i, row in enumerate(rows):
            single, longer = self._row_starts(row)
            for key in single:
                found.add((key, i, i + 1))
            for key, tokens in longer:
                end = i + len(tokens)
                if end <= n and all(_passes(tokens[k], rows[i + k])
                                    for k in range(1, len(tokens))):
                    found.add((key, i, end))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _rows(doc: Any) -> list[tuple[str, str, str, bool]]:
    """(lower, tag, dep, is_space) of every token, read from the document's arrays."""
    from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

    strings = doc.vocab.strings
    names: dict[int, str] = {0: ""}
    out = []
    for lower, tag, dep, space in doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist():
        for h in (lower, tag, dep):
            if h not in names:
                names[h] = strings[h]
        out.append((names[lower], names[tag], names[dep], bool(space)))
    return out


def speed_up_attribute_ruler(nlp: Any) -> bool:
    """Give the model's attribute ruler the indexed matcher when every pattern is one it
    handles; True when it did (the ruler and its outputs are otherwise untouched)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    matcher = getattr(ruler, "matcher", None)
    if matcher is None or isinstance(matcher, IndexedMatcher):
        return False
    compiled: list[tuple[int, list[list[Test]]]] = []
    for i in range(len(ruler.attrs)):
        key = ruler.vocab.strings[str(i)]
        got = matcher.get(key)
        if got is None:
            return False
        for pattern in got[1]:
            tokens = [_compile_spec(spec) for spec in pattern]
            if not tokens or any(t is None for t in tokens):
                return False
            compiled.append((key, [t for t in tokens if t is not None]))
    ruler.matcher = IndexedMatcher(compiled, matcher)
    return True
