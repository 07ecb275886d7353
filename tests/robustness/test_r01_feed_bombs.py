"""Row 1: RSS/Atom with billion-laughs, quadratic blow-up and XXE to a local file are
rejected or parsed without expansion, in < 1 s and < 50 MB extra RSS; no local file
content is stored and no network is touched."""
from __future__ import annotations

from pathlib import Path

import pytest
from robustness._ingest_runs import db_rows, measure

SECRET = "TOPSECRET-7f3a9c"
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                    for i in range(1, 10)).replace("&lol0;", "&lol;")
          + ']>\n<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title>'
          '<link>http://example.com/a</link><description>&lol9;</description></item>'
          '</channel></rss>')
QUADRATIC = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "' + "B" * 50_000 + '">]>'
             '<rss version="2.0"><channel><item><title>q</title><link>http://example.com/q'
             '</link><description>' + "&big;" * 50_000 + '</description></item></channel>'
             '</rss>')


def _xxe(secret_path: str) -> str:
    return ('<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file://'
            + secret_path + '"><!ENTITY net SYSTEM "http://192.0.2.1/x">]>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><title>&xxe;'
            '</title><link href="http://example.com/x"/><content type="html">&xxe; &net;'
            '</content></entry></feed>')


CASES = [("laughs", ".rss"), ("quadratic", ".xml"), ("xxe", ".atom")]


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Every bomb measured alone, in one fresh process."""
    tmp = tmp_path_factory.mktemp("r01")
    secret = tmp / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    bodies = {"laughs": LAUGHS, "quadratic": QUADRATIC, "xxe": _xxe(str(secret))}
    files = []
    for name, suffix in CASES:
        files.append(tmp / f"bomb-{name}{suffix}")
        files[-1].write_text(bodies[name], encoding="utf-8")
    return dict(zip([c[0] for c in CASES], measure(tmp, files, each=True), strict=True))


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_feed_bomb_is_rejected_or_parsed_flat(measured, name):
    got = measured[name]
    assert got["seconds"] < 1.0, got
    assert got["extra_rss_mb"] < 50, got
    # every item ends stored or rejected: nothing is dropped silently
    kept = db_rows(Path(got["db"]), "SELECT (SELECT count(*) FROM documents) + "
                   "(SELECT count(*) FROM rejects)")
    assert kept[0][0] >= 1, got
    stored = db_rows(Path(got["db"]), "SELECT coalesce(text, '') || coalesce(title, '') "
                     "|| coalesce(CAST(record AS VARCHAR), '') FROM documents")
    blob = " ".join(r[0] for r in stored)
    assert SECRET not in blob
    assert "lollollollollol" not in blob and "B" * 100_000 not in blob
