"""CSV and XLSX exports defuse formula injection and keep numbers numeric."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from formlint.progress.model import build_report
from formlint.report.tabular import defuse, write_csv, write_xlsx
from formlint.store import Store
from formlint.store.samples import fixture_scan


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_defuse_dangerous_prefixes(value: str) -> None:
    assert defuse(value) == "'" + value


def test_defuse_leaves_plain_text_and_numbers() -> None:
    assert defuse("Mor / Far") == "Mor / Far"
    assert defuse(-3) == -3
    assert defuse(2.5) == 2.5
    assert defuse(None) == ""


@pytest.fixture
def model() -> dict:
    store = Store("sqlite://")
    try:
        run, pages = fixture_scan(1)
        # A label starting with "=" as scraped from a hostile page.
        doc = run.documents[0]
        from dataclasses import replace

        doc.findings[0] = replace(
            doc.findings[0], excerpt="=cmd|' /C calc'!A0", matched="=cmd|' /C calc'!A0"
        )
        store.record_run(run, site="kommune", pages=pages)
        return build_report(store, today=date(2026, 9, 1))
    finally:
        store.close()


def test_csv_cells_are_defused(model: dict) -> None:
    out = io.StringIO()
    write_csv(model, out, table="findings")
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    excerpts = [r[rows[0].index("Tekst")] for r in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in excerpts
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)
    wl = io.StringIO()
    write_csv(model, wl)
    header = next(csv.reader(io.StringIO(wl.getvalue()), delimiter=";"))
    assert header[:4] == ["Nr.", "Status", "Skjema", "Ansvarlig enhet"]


def test_csv_opens_in_a_norwegian_spreadsheet(model: dict, tmp_path: Path) -> None:
    """`;` between cells, decimal commas, UTF-8 with a BOM, status words in the report language;
    commas and decimal points on request."""
    from formlint.report.base import ReportContext
    from formlint.report.tabular import CsvReporter

    (path, _findings) = CsvReporter(ReportContext()).write_progress(model, tmp_path, "r")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNr.;Status;Skjema;")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Status"] == "Rød" and first["Prioritert"] == "ja"
    assert "," in first["Prioritet"] and "." not in first["Prioritet"]
    nn = CsvReporter(ReportContext(options={"csv_delimiter": ","}))
    (path, _findings) = nn.write_progress({**model, "lang": "nn"}, tmp_path, "nn")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Status"] == "Raud" and "." in first["Prioritet"]
    assert rows[0][3] == "Ansvarleg eining"


def test_xlsx_cells_are_defused(model: dict) -> None:
    from openpyxl import load_workbook

    buf = io.BytesIO()
    write_xlsx(model, buf)
    buf.seek(0)
    wb = load_workbook(buf, read_only=True)
    try:
        assert wb.sheetnames == ["Nøkkeltall", "Trend", "Per enhet", "Arbeidsliste", "Funn"]
        values = [c for row in wb["Funn"].iter_rows(values_only=True) for c in row]
        assert "'=cmd|' /C calc'!A0" in values
        assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in values)
        ranks = [row[0] for row in wb["Arbeidsliste"].iter_rows(min_row=2, values_only=True)]
        assert all(isinstance(r, int) for r in ranks)
    finally:
        wb.close()
