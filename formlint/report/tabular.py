"""CSV and XLSX exports of the work list and findings, safe to open in a spreadsheet.

Scraped text can start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, which
spreadsheet programs run as a formula (CSV injection). Every text cell is defused with a leading
``'``; numbers stay numbers.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

from formlint.report.base import Reporter
from formlint.util.atomic import atomic_write
from formlint.util.xmlchars import strip_illegal

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

WORKLIST_COLUMNS = [
    "rank",
    "status",
    "form",
    "identity",
    "kind",
    "owner",
    "category",
    "prioritised",
    "open",
    "fixed",
    "score",
    "reach_mode",
    "views",
    "inbound",
    "depth",
    "pages",
    "note",
]

FINDING_COLUMNS = [
    "rank",
    "form",
    "status",
    "owner",
    "rule",
    "severity",
    "confidence",
    "exempt",
    "exception_reason",
    "exception_expires",
    "message",
    "excerpt",
    "suggestions",
    "page",
    "link",
    "help_uri",
]


def defuse(value: Any) -> Any:
    """Prefix text that a spreadsheet would read as a formula with ``'``, drop characters XLSX
    cannot hold; leave numbers alone."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, (int, float)):
        return value
    text = strip_illegal(str(value))
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


def worklist_rows(model: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for w in model["worklist"]:
        r = w["reach"]
        note = w["note"]["note"] if w.get("note") else ""
        rows.append(
            [
                w["rank"],
                w["status"],
                w["title"],
                w["identity"],
                w["kind"],
                w["owner"] or "",
                w["category"] or "",
                w["prioritised"],
                w["open"],
                w["fixed"],
                w["score"],
                r["mode"],
                r["views"],
                r["inbound"],
                r["depth"] if r["depth"] is not None else "",
                " ".join(p["url"] for p in w["pages"]),
                note,
            ]
        )
    return rows


def finding_rows(model: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for w in model["worklist"]:
        for f in [*w["findings"], *w["exempted"]]:
            e = f.get("exception") or {}
            covered = bool(e) and not e.get("expired")
            rows.append(
                [
                    w["rank"],
                    w["title"],
                    w["status"],
                    w["owner"] or "",
                    f["rule"],
                    f["severity"],
                    f["confidence"],
                    covered,
                    e.get("reason", ""),
                    e.get("expires") or "",
                    f["message"],
                    f["excerpt"],
                    " | ".join(f["suggestions"]),
                    f["page"],
                    f["link"] or "",
                    f["help_uri"],
                ]
            )
    return rows


def write_csv(model: dict[str, Any], out: IO[str], *, table: str = "worklist") -> None:
    """One CSV table: ``worklist`` (one row per form) or ``findings`` (one row per finding)."""
    writer = csv.writer(out, lineterminator="\n")
    header, rows = (
        (WORKLIST_COLUMNS, worklist_rows(model))
        if table == "worklist"
        else (FINDING_COLUMNS, finding_rows(model))
    )
    writer.writerow(header)
    for row in rows:
        writer.writerow([defuse(v) for v in row])


def write_xlsx(model: dict[str, Any], out: IO[bytes]) -> None:
    """A workbook with the work list, the findings and the KPI trend, one sheet each."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, header, rows in (
        ("Arbeidsliste", WORKLIST_COLUMNS, worklist_rows(model)),
        ("Funn", FINDING_COLUMNS, finding_rows(model)),
        (
            "Trend",
            ["run", "date", "share", "done", "prioritised", "red", "orange", "green", "exempt"],
            [
                [
                    p["run_id"],
                    p["date"],
                    p["share"],
                    p["done"],
                    p["prioritised"],
                    *(p["counts"][s] for s in ("red", "orange", "green", "exempt")),
                ]
                for p in model["trend"]
            ],
        ),
    ):
        ws = wb.create_sheet(title)
        ws.append(header)
        for row in rows:
            ws.append([defuse(v) for v in row])
    wb.save(out)


class CsvReporter(Reporter):
    """``--format csv``: the work list (``stem.csv``) and the findings (``stem-findings.csv``),
    with a BOM so spreadsheet programs read them as UTF-8."""

    name = "csv"

    def write_progress(self, model: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
        written = []
        for table, suffix in (("worklist", ""), ("findings", "-findings")):
            path = out_dir / f"{stem}{suffix}.csv"
            with atomic_write(path, "w", encoding="utf-8-sig", newline="") as fh:
                write_csv(model, fh, table=table)
            written.append(path)
        return written


class XlsxReporter(Reporter):
    """``--format xlsx``: one workbook with the work list, the findings and the KPI trend."""

    name = "xlsx"

    def write_progress(self, model: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
        path = out_dir / f"{stem}.xlsx"
        with atomic_write(path, "wb") as fh:
            write_xlsx(model, fh)
        return [path]
