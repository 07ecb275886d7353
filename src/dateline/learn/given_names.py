"""Learn the given-name gender table ``lexicons/given_names.tsv`` from train text only.

    python -m dateline.learn.given_names --shared ../shared [--out FILE] [--min-articles 3]
        [--min-purity 0.8] [--limit N] [--counts FILE]

Reads the texts (never the gold) of PolNeAR train (``data/quotes/train.jsonl``) and ECB+
train (``data/links/ecbplus_train.jsonl``), nothing else: no dev or test split. Each article
goes through the project's ``nlp`` and ``entities`` stages; a full PERSON name ("Donald
Trump") gives its given name ("donald") a vote when
- *title*: the same article writes a courtesy title before that surname ("Mr. Trump"), no
  title of the other gender before it, and no other given name with that surname (so "Mrs.
  Clinton" says nothing of Bill when both Clintons are named); or
- *pronoun*: the full name is the only PERSON mention of its sentence and the next sentence
  opens with "He" or "She".
A name counts once per article and gender; it is kept when at least ``--min-articles``
articles vote and the larger gender has at least ``--min-purity`` of them. Output is sorted
(deterministic) and holds names and counts only, no text.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateline.config import Settings
from dateline.coref import strip_possessive, surname_key, titles
from dateline.gender import first_name, honorific
from dateline.model import Article
from dateline.pipeline import build_stage

SOURCES = ("data/quotes/train.jsonl", "data/links/ecbplus_train.jsonl")
MIN_ARTICLES = 3  # fewer articles is too little to tell a name from a parse accident
# The larger gender's share of a name's articles. Chosen on the train counts: "hillary" has
# 51 f / 7 m votes (0.88: "Mr. Clinton" for Bill beside her full name, a "He" about someone
# the NER missed), "james" 8 / 1; below 0.8 are only names of 3-4 articles ("michelle" 3 / 1,
# "alan" 1 / 2), too few to trust either way.
MIN_PURITY = 0.8
PRONOUNS = {"he": "m", "she": "f"}


def train_articles(shared: Path, limit: int | None = None) -> Iterator[Article]:
    """The train articles of ``SOURCES`` as pipeline input (id, text, date only)."""
    for rel in SOURCES:
        with (shared / rel).open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if limit is not None and n >= limit:
                    break
                d = json.loads(line)
                yield Article(id=d["id"], text=d["text"], published=d.get("published"))


def given(text: str) -> str | None:
    """The given name a PERSON mention can teach: a full name not opened by a title."""
    name = first_name(strip_possessive(text))
    return None if name is None or name in titles() else name


def _title_of(doc: Any, start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    own = honorific(span[0].text)
    if own:
        return own
    i = span.start - 1
    if i > 0 and doc[i].text == ".":
        i -= 1
    return honorific(doc[i].text) if i >= 0 and doc[i].text[:1].isupper() else None


def article_votes(art: Article) -> set[tuple[str, str]]:
    """(given name, gender) pairs one processed article gives evidence for."""
    if art.doc is None:
        return set()
    people = sorted((e for e in art.entities if e.type == "PERSON"), key=lambda e: e.start)
    out: set[tuple[str, str]] = set()
    titled: dict[str, set[str]] = defaultdict(set)
    firsts: dict[str, set[str]] = defaultdict(set)
    for e in people:
        g = _title_of(art.doc, e.start, e.end)
        if g:
            titled[surname_key(e.text)].add(g)
        name = given(e.text)
        if name:
            firsts[surname_key(e.text)].add(name)
    for sur, gs in titled.items():
        if len(gs) == 1 and len(firsts.get(sur, ())) == 1:
            out.add((next(iter(firsts[sur])), next(iter(gs))))
    sents = list(art.doc.sents)
    for s, nxt in zip(sents, sents[1:], strict=False):
        inside = [e for e in people if s.start_char <= e.start < s.end_char]
        opener = PRONOUNS.get(nxt[0].text) if nxt[0].text in ("He", "She") else None
        if opener is None:
            opener = PRONOUNS.get(nxt[0].lower_) if nxt[0].text[:1].isupper() else None
        if len(inside) == 1 and opener:
            name = given(inside[0].text)
            if name:
                out.add((name, opener))
    return out


def learn(shared: Path, limit: int | None = None) -> Counter[tuple[str, str]]:
    """Articles voting for each (given name, gender) over the train texts."""
    stages = [build_stage(name, Settings()) for name in ("nlp", "entities")]
    counts: Counter[tuple[str, str]] = Counter()
    for n, art in enumerate(train_articles(shared, limit)):
        for stage in stages:
            art = stage(art)
        counts.update(article_votes(art))
        if n % 100 == 0:
            print(f"{n} articles, {len(counts)} votes", file=sys.stderr)
    return counts


def table(counts: Counter[tuple[str, str]], min_articles: int, min_purity: float
          ) -> list[tuple[str, str, int, int]]:
    """Kept rows (name, gender, male, female), sorted by name."""
    names = sorted({name for name, _ in counts})
    rows = []
    for name in names:
        m, f = counts[(name, "m")], counts[(name, "f")]
        if m + f >= min_articles and max(m, f) >= min_purity * (m + f):
            rows.append((name, "m" if m > f else "f", m, f))
    return rows


HEADER = """# given_names.tsv — given names and the gender train articles show for them; read by
# dateline.gender (a full PERSON name whose given name is here gets that gender).
# Made by: python -m dateline.learn.given_names --shared ../shared (--min-articles {a}
# --min-purity {p}) from the texts of PolNeAR train (data/quotes/train.jsonl) and ECB+ train
# (data/links/ecbplus_train.jsonl) only, through the nlp and entities stages: a vote is an
# article where a courtesy title sits before the same surname ("Mr. Trump" + "Donald Trump")
# or a He/She opens the sentence after one whose only PERSON mention is the full name.
# Kept: at least {a} articles and the larger gender at least {p} of them ({n} of {t} names).
# Columns: name (lower case) | gender (m, f) | male, female (articles voting for each)
"""


def main() -> None:
    """Learn the table and write it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parents[1] / "lexicons/given_names.tsv")
    ap.add_argument("--min-articles", type=int, default=MIN_ARTICLES)
    ap.add_argument("--min-purity", type=float, default=MIN_PURITY)
    ap.add_argument("--limit", type=int, default=None, help="articles per source (a trial)")
    ap.add_argument("--counts", type=Path, default=None, help="also dump every count as JSON")
    args = ap.parse_args()
    counts = learn(args.shared, args.limit)
    if args.counts:
        args.counts.write_text(json.dumps(sorted([n, g, c] for (n, g), c in counts.items())))
    rows = table(counts, args.min_articles, args.min_purity)
    total = len({name for name, _ in counts})
    text = HEADER.format(a=args.min_articles, p=args.min_purity, n=len(rows), t=total)
    text += "name\tgender\tmale\tfemale\n"
    text += "".join(f"{n}\t{g}\t{m}\t{f}\n" for n, g, m, f in rows)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(rows)} names kept of {total} with a vote -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
