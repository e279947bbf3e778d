"""A label with control characters (a vertical tab pasted from Word, a NUL from a PDF text layer,
a terminal escape) gives a valid file in every format: XML and XLSX cannot hold them at all."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from formlint.progress.model import build_report, run_report
from formlint.report.base import ReportContext, reporter_class
from formlint.results import RunResult
from formlint.store import Store
from formlint.store.samples import fixture_scan
from formlint.util.xmlchars import XML_ILLEGAL

DIRTY = "Mor\x0b/\x00Far\x1b[31m\x08"


def dirty_run() -> RunResult:
    run, _pages = fixture_scan(1)
    doc = run.documents[0]
    doc.findings[0] = replace(
        doc.findings[0], excerpt=DIRTY, matched=DIRTY, message=f"Bare {DIRTY}", form_title=DIRTY
    )
    doc.forms[0]["title"] = DIRTY
    return run


@pytest.fixture(scope="module")
def model() -> dict:
    store = Store("sqlite://")
    try:
        _run, pages = fixture_scan(1)
        store.record_run(dirty_run(), site="kommune", pages=pages)
        return build_report(store, today=date(2026, 9, 1))
    finally:
        store.close()


@pytest.mark.parametrize("fmt", ["console", "json", "sarif", "junit", "github", "gitlab", "html"])
def test_lint_formats(fmt: str) -> None:
    klass = reporter_class(fmt, "run")
    ctx = ReportContext(fail_on="info", run_model=lambda r, lang: run_report(r, lang=lang))
    out: io.StringIO | io.BytesIO = io.BytesIO() if klass.binary else io.StringIO()
    klass(ctx).write_run(dirty_run(), out)
    text = out.getvalue()
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    assert not XML_ILLEGAL.search(text), fmt
    text.encode("utf-8")
    if fmt == "junit":
        ET.fromstring(text.encode("utf-8"))
    elif fmt in ("json", "sarif", "gitlab"):
        assert "Mor" in json.dumps(json.loads(text), ensure_ascii=False)


@pytest.mark.parametrize("fmt", ["html", "md", "csv", "json", "xlsx"])
def test_progress_formats(fmt: str, model: dict, tmp_path: Path) -> None:
    paths = reporter_class(fmt, "progress")(ReportContext()).write_progress(model, tmp_path, "r")
    for path in paths:
        if path.suffix == ".xlsx":
            wb = load_workbook(path)
            cells = [
                c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
            ]
            assert any(isinstance(c, str) and "MorFar" in c.replace("/", "") for c in cells)
            assert not any(isinstance(c, str) and XML_ILLEGAL.search(c) for c in cells)
            continue
        text = path.read_text(encoding="utf-8-sig")
        assert not XML_ILLEGAL.search(text), path.name
        if path.suffix == ".json":
            json.loads(text)
