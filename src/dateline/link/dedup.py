"""Exact and near-duplicate articles: MinHash over word shingles, linked by a shared ``dup_group``.

Nothing is deleted. Exact copies (same whitespace-folded text) already share a group when the
store writes them; this module adds near-duplicates (a syndicated reprint with another
headline or footer, a lightly edited copy) by merging their groups. Candidates come from
MinHash LSH; each candidate pair is then checked on the real shingle sets, so the estimate
never decides alone.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
from datasketch import MinHash, MinHashLSH

from dateline.link.store_io import insert_rows

WORD = re.compile(r"\w+", re.UNICODE)
# Word 4-grams: long enough that two different articles on one topic share few of them
# (same-day MEANTIME stock reports: containment 0.29 at most), short enough that a light edit
# keeps most (4-grams beat 5-grams by 2 points of recall at equal precision on the variants).
SHINGLE_WORDS = 4
NUM_PERM = 128
SEED = 7
SCHEME = "affine32"  # datasketch hashing scheme; stored signatures are only comparable within one
# LSH recall threshold (estimated Jaccard) for candidates; kept below the decision thresholds
# so that LSH misses almost nothing the exact check would accept.
LSH_THRESHOLD = 0.2
# Decision, calibrated on the generated variants of the links dev set (benchmarks/links.py
# --dedup, 2026-11-28): at (0.4, 0.6) recall 0.987 with no false pair among 64,080 negatives;
# (0.5, 0.7) loses 7 points of recall; (0.3, 0.45) starts to pair different articles.
NEAR_DUP_JACCARD = 0.4
NEAR_DUP_CONTAINMENT = 0.6
MIN_SHINGLES = 8  # shorter texts are matched only exactly (too little evidence)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Lower-cased word n-gram shingles of a text (as bytes, ready for hashing)."""
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signature(sh: Iterable[bytes]) -> MinHash:
    """A MinHash of a shingle set (fixed permutations, so signatures are comparable)."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    mh.update_batch(list(sh))
    return mh


def resemblance(a: set[bytes], b: set[bytes]) -> tuple[float, float]:
    """Jaccard and containment (overlap over the smaller set) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def is_near_duplicate(a: set[bytes], b: set[bytes]) -> bool:
    """The decision rule: enough shared shingles, by Jaccard or by containment."""
    if min(len(a), len(b)) < MIN_SHINGLES:
        return a == b and bool(a)
    jac, cont = resemblance(a, b)
    return jac >= NEAR_DUP_JACCARD or cont >= NEAR_DUP_CONTAINMENT


@dataclass
class _UnionFind:
    parent: dict[str, str]

    def find(self, x: str) -> str:
        while self.parent.setdefault(x, x) != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def near_duplicate_pairs(texts: Mapping[str, str], new: Iterable[str] | None = None
                         ) -> list[tuple[str, str]]:
    """Pairs of document ids that are near-duplicates (only pairs touching ``new`` if given)."""
    sets = {d: shingles(t) for d, t in texts.items()}
    sigs = {d: signature(s) for d, s in sets.items() if s}
    return pairs_from_signatures(sets, sigs, new)


def pairs_from_signatures(sets: Mapping[str, set[bytes]], sigs: Mapping[str, MinHash],
                          new: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Candidate pairs by LSH over the signatures, kept when the shingle sets agree."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for d, mh in sigs.items():
        lsh.insert(d, mh)
    queries = list(sigs) if new is None else [d for d in new if d in sigs]
    out = set()
    for d in queries:
        for other in lsh.query(sigs[d]):
            if other != d and is_near_duplicate(sets[d], sets[other]):
                out.add((min(d, other), max(d, other)))
    return sorted(out)


def group_documents(groups: Mapping[str, str | None], pairs: Iterable[tuple[str, str]]
                    ) -> dict[str, str]:
    """New ``dup_group`` per document: exact groups merged along near-duplicate pairs.

    ``groups`` maps each id to its current group (None: its own). The merged group keeps
    the smallest existing group name, so groups already published stay stable.
    """
    uf = _UnionFind({})
    own = {d: g or "g-" + hashlib.sha256(d.encode()).hexdigest()[:16] for d, g in groups.items()}
    for d, g in own.items():
        uf.union("doc:" + d, "grp:" + g)
    for a, b in pairs:
        uf.union("doc:" + a, "doc:" + b)
    label: dict[str, str] = {}
    for d, g in own.items():
        root = uf.find("doc:" + d)
        label[root] = min(label.get(root, g), g)
    return {d: label[uf.find("doc:" + d)] for d in own}


def digest(text: str) -> str:
    """A short hash of a text, to notice a changed document."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _stored_signatures(con: Any) -> dict[str, MinHash]:
    rows = con.execute("SELECT doc_id, signature FROM link_signatures").fetchall()
    return {d: MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME,
                      hashvalues=np.array(s, dtype=np.uint64))
            for d, s in rows}


def _texts(con: Any, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = con.execute("SELECT id, text FROM documents WHERE id IN (SELECT unnest(?))",
                       [ids]).fetchall()
    return dict(rows)


def _sign_new(con: Any, ids: list[str]) -> dict[str, MinHash]:
    """Sign the given documents and store their signatures (replacing older ones)."""
    texts = _texts(con, ids)
    sigs, rows = {}, []
    done: dict[str, tuple[MinHash, int]] = {}  # exact copies are signed once
    for d, text in texts.items():
        key = digest(text)
        if key not in done:
            sh = shingles(text)
            if not sh:
                continue
            done[key] = (signature(sh), len(sh))
        sigs[d], n = done[key]
        rows.append((d, key, n, [int(v) for v in sigs[d].hashvalues]))
    if rows:
        con.execute("DELETE FROM link_signatures WHERE doc_id IN (SELECT unnest(?))",
                    [[r[0] for r in rows]])
        insert_rows(con, "link_signatures", ["doc_id", "text_hash", "shingles", "signature"],
                    rows, {"signature": pa.list_(pa.uint64())})
    return sigs


def dedup_store(con: Any, doc_ids: list[str] | None = None) -> int:
    """Link near-duplicates among ``doc_ids`` (None: all unsigned documents) and the store.

    Returns how many documents changed ``dup_group``. Signatures of earlier documents are
    read from ``link_signatures``; only candidate texts are loaded.
    """
    if doc_ids is None:
        doc_ids = [r[0] for r in con.execute(
            "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM link_signatures)"
        ).fetchall()]
    sigs = _stored_signatures(con)
    sigs.update(_sign_new(con, doc_ids))
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for d, mh in sigs.items():
        lsh.insert(d, mh)
    cands = {(min(d, o), max(d, o)) for d in doc_ids if d in sigs
             for o in lsh.query(sigs[d]) if o != d}
    group = dict(con.execute("SELECT id, dup_group FROM documents WHERE id IN "
                             "(SELECT unnest(?))",
                             [sorted({d for pair in cands for d in pair})]).fetchall())
    cands = {(a, b) for a, b in cands if not (group.get(a) and group.get(a) == group.get(b))}
    involved = sorted({d for pair in cands for d in pair})
    sets = {d: shingles(t) for d, t in _texts(con, involved).items()}
    pairs = [(a, b) for a, b in cands if a in sets and b in sets
             and is_near_duplicate(sets[a], sets[b])]
    if not pairs:
        return 0
    return _merge_groups(con, pairs)


def _merge_groups(con: Any, pairs: list[tuple[str, str]]) -> int:
    ids = sorted({d for pair in pairs for d in pair})
    current = dict(con.execute("SELECT id, dup_group FROM documents WHERE id IN "
                               "(SELECT unnest(?))", [ids]).fetchall())
    merged = group_documents(current, pairs)
    changed = 0
    for old, new in {(current[d], merged[d]) for d in ids if current[d] != merged[d]}:
        n = con.execute("SELECT count(*) FROM documents WHERE dup_group = ?", [old]).fetchone()[0]
        con.execute("UPDATE documents SET dup_group = ? WHERE dup_group = ?", [new, old])
        changed += n
    for d in ids:  # documents that had no group at all
        if current[d] is None:
            con.execute("UPDATE documents SET dup_group = ? WHERE id = ?", [merged[d], d])
            changed += 1
    return changed
