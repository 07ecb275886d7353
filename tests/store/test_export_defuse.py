"""Every CSV dateline writes defuses spreadsheet formulas (OWASP CSV injection): the table
export of the CLI, the API downloads and the ACLED / GDELT layouts share one path."""
from __future__ import annotations

import csv
import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.exports import acled, gdelt
from dateline.exports.formats import encode, write_batches

EVIL = '=HYPERLINK("http://evil.example","click")'
PAGE = (f"<html><head><title>{EVIL}</title></head><body><article><h1>{EVIL}</h1>"
        + "<p>The council met on Monday and approved the new budget for the city.</p>" * 8
        + "</article></body></html>")


def test_cli_csv_export_defuses_a_formula_title(tmp_path):
    page = tmp_path / "evil.html"
    page.write_text(PAGE, encoding="utf-8")
    db, out = tmp_path / "e.duckdb", tmp_path / "documents.csv"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(page), "--db", str(db), "--stages", "extract"])
    assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["export", "--format", "csv", "--table", "documents", "-o",
                               str(out), "--db", str(db)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["title"] == "'" + EVIL
    parquet = tmp_path / "documents.parquet"
    runner.invoke(app, ["export", "--format", "parquet", "--table", "documents", "-o",
                        str(parquet), "--db", str(db)])
    assert pq.read_table(parquet).column("title").to_pylist() == [EVIL]  # data kept as is


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"])
def test_each_formula_start_is_defused_and_plain_text_is_not(cell):
    table = pa.table({"a": [cell, "plain", None], "n": [1, 2, 3], "l": [[cell], [], None]})
    rows = list(csv.reader(io.StringIO(encode(table, "csv").decode("utf-8"))))
    assert rows[1][0] == "'" + cell and rows[2][0] == "plain"
    assert rows[1][2].startswith('["')  # nested cells go out as JSON text


def test_streamed_batches_and_empty_tables(tmp_path):
    batches = [pa.table({"a": ["=x"]}), pa.table({"a": ["y"]})]
    assert write_batches(batches, "csv", tmp_path / "b.csv") == 2
    assert (tmp_path / "b.csv").read_text().splitlines()[1:] == ["\"'=x\"", '"y"']
    assert write_batches([], "csv", tmp_path / "e.csv") == 0


def _event(**extra):
    base = {"doc_id": "d", "event_id": "e1", "type": "ACCUSE", "mode": None,
            "source_text": "=cmd|' /C calc'!A0", "target_text": "-2+3", "trigger": "accused",
            "status": "occurred", "date": "2021-03-01", "date_precision": "day",
            "published": None, "url": "@evil", "place_country": None}
    return {**base, **extra}


def test_acled_and_gdelt_layouts_defuse_formulas():
    sink = io.StringIO()
    acled.write([_event()], sink)
    row = next(csv.DictReader(io.StringIO(sink.getvalue())))
    assert row["actor1"].startswith("'=") and row["actor2"] == "'-2+3"
    assert row["source"] == "'@evil"
    sink = io.StringIO()
    gdelt.write([_event()], sink)
    cells = sink.getvalue().rstrip("\n").split("\t")
    assert not any(c.startswith(("=", "@")) for c in cells)
    assert "'@evil" in cells and "'-2+3" in cells


def test_gdelt_numbers_stay_numbers():
    sink = io.StringIO()
    gdelt.write([_event(lat=-33.87, lon=151.21, place_name="Sydney", place_country="AU",
                        place_precision="city")], sink)
    cells = sink.getvalue().rstrip("\n").split("\t")
    assert "-33.87" in cells
