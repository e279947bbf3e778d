"""The XLSX export is the yearly status report's source: KPI, trend with a native chart, status
per owner unit, the work list and the findings; frozen headers, filters and links (read back
with openpyxl, as a spreadsheet program would open it)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from formlint.config.progress import OwnerRule, ProgressConfig
from formlint.progress.model import build_report
from formlint.report.base import ReportContext
from formlint.report.tabular import XlsxReporter
from formlint.store import Store
from formlint.store.samples import record_fixture_scans


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = Store("sqlite://")
    try:
        ids = record_fixture_scans(store)
        store.sync_owners([OwnerRule(unit="Oppvekst", patterns=["*/barnehage/*", "*/skole/*"])])
        cfg = ProgressConfig(rule_docs_url="https://intranett.example/formlint/{rule}.html")
        model = build_report(store, run_id=ids[1], config=cfg, today=date(2026, 9, 1), lang="nn")
    finally:
        store.close()
    out = tmp_path_factory.mktemp("xlsx")
    (path,) = XlsxReporter(ReportContext()).write_progress(model, out, "formlint-progress")
    return path


def test_sheets_frozen_headers_and_filters(workbook: Path) -> None:
    wb = load_workbook(workbook)
    assert wb.sheetnames == ["Nøkkeltal", "Trend", "Per eining", "Arbeidsliste", "Funn"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.b for c in ws[1] if c.value is not None), ws.title
        if ws.title != "Nøkkeltal":
            assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"


def test_kpi_owner_and_trend_sheets(workbook: Path) -> None:
    wb = load_workbook(workbook)
    kpi = {row[0]: row[1] for row in wb["Nøkkeltal"].iter_rows(min_row=2, values_only=True)}
    name = "Prioriterte skjema og nettsider er gjennomgåtte og språkleg reviderte"
    assert kpi[name] == 0.25 and wb["Nøkkeltal"]["B4"].number_format == "0%"
    assert kpi["Frist"] == datetime(2027, 6, 30)
    assert kpi["Vurdering"] == "Ikkje i rute"
    owners = list(wb["Per eining"].iter_rows(values_only=True))
    assert owners[0] == ("Ansvarleg eining", "Raud", "Oransje", "Grøn", "Unntak", "Totalt")
    assert owners[1][0] == "Oppvekst" and owners[-1][0] == "(inga eining)"
    trend = wb["Trend"]
    assert [r[:3] for r in trend.iter_rows(min_row=2, values_only=True)] == [
        (1, datetime(2026, 1, 15), 0.3333),
        (2, datetime(2026, 4, 15), 0.25),
    ]
    (chart,) = trend._charts
    assert type(chart).__name__ == "LineChart"
    (series,) = chart.series
    assert series.val.numRef.f == "'Trend'!$C$2:$C$3"
    assert series.cat.numRef.f == "'Trend'!$B$2:$B$3"


def test_links_to_pages_and_rule_docs(workbook: Path) -> None:
    wb = load_workbook(workbook)
    work = wb["Arbeidsliste"]
    header = [c.value for c in work[1]]
    form = work.cell(2, header.index("Skjema") + 1)
    assert form.value == "Søknad om barnehageplass"
    assert form.hyperlink.target == "https://kommune.example/barnehage/soknad?ref=forsiden"
    found = wb["Funn"]
    header = [c.value for c in found[1]]
    doc = found.cell(2, header.index("Regeldokumentasjon") + 1)
    assert doc.hyperlink.target == "https://intranett.example/formlint/gender-binary-options.html"
    text = found.cell(2, header.index("Lenkje til teksten") + 1)
    assert "#:~:text=" in text.hyperlink.target
    assert found.cell(2, header.index("Status") + 1).value == "Oransje"
