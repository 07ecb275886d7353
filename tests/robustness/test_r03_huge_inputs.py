"""Row 3: a 200 MB single-line HTML page and a 30 MB text node are refused by the size
limit (default 20 MB) before parsing, in < 2 s and < 500 MB RSS; never an empty string
passed off as the article."""
from __future__ import annotations

from pathlib import Path

import pytest
from robustness._ingest_runs import db_rows, measure

MB = 1 << 20


def _write_big(path, head: bytes, fill: bytes, size: int, tail: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(head)
        chunk = fill * (MB // len(fill))
        for _ in range(size // len(chunk)):
            fh.write(chunk)
        fh.write(tail)


CASES = [("single_line.html", 200 * MB, b"<span>word</span> "),
         ("text_node.html", 30 * MB, b"wordy ")]


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """Both pages measured alone, in one fresh process."""
    tmp = tmp_path_factory.mktemp("r03")
    files = []
    for name, size, fill in CASES:
        files.append(tmp / name)
        _write_big(files[-1], b"<html><body><p>", fill, size, b"</p></body></html>")
    return dict(zip([c[0] for c in CASES], measure(tmp, files, each=True), strict=True))


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_oversize_page_is_refused_before_parsing(measured, name):
    got = measured[name]
    assert got["seconds"] < 2.0, got
    assert got["peak_rss_mb"] < 500, got
    assert got["counts"] == {**got["counts"], "inputs": 1, "rejected": 1}
    assert set(got["codes"]) == {"too_large"}
    assert db_rows(Path(got["db"]), "SELECT count(*) FROM documents") == [(0,)]
