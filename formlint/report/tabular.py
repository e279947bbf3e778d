"""CSV and XLSX exports of a progress report, for the yearly status report and spreadsheets.

The workbook is what a plan owner pastes into the report to the byråd: the KPI with its
projection, the trend with a native line chart, the status per owner unit, the ranked work list
and every finding, each sheet with a frozen header row and a filter, pages and rule
documentation as clickable links, headers and status words in the report language. The CSV files
are the work list and the findings in the dialect Norwegian spreadsheets open with a double
click: ``;`` between cells, decimal commas, UTF-8 with a BOM (``--csv-delimiter ,`` for tools
that want commas and decimal points).

Scraped text can start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, which
spreadsheet programs run as a formula (CSV injection). Every text cell is defused with a leading
``'`` and loses the control characters XLSX cannot hold; numbers stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Any

from formlint.report.base import Reporter
from formlint.report.i18n import (
    confidence_label,
    percent,
    severity_label,
    status_label,
    strings,
)
from formlint.util.atomic import atomic_write
from formlint.util.xmlchars import strip_illegal

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITERS = {";": ";", ",": ",", "tab": "\t"}
STATUSES = ("red", "orange", "green", "exempt")

# (column header key in formlint.report.i18n, the cell of a work-list item)
_Cell = Callable[[dict[str, Any], str], Any]


def _page_url(w: dict[str, Any]) -> str | None:
    return w["pages"][0]["url"] if w["pages"] else None


WORKLIST_COLUMNS: list[tuple[str, _Cell]] = [
    ("rank", lambda w, lang: w["rank"]),
    ("status", lambda w, lang: status_label(w["status"], lang)),
    ("form", lambda w, lang: w["title"]),
    ("owner", lambda w, lang: w["owner"] or strings(lang)["no_owner"]),
    ("open", lambda w, lang: w["open"]),
    ("fixed", lambda w, lang: w["fixed"]),
    ("score", lambda w, lang: w["score"]),
    ("prioritised", lambda w, lang: strings(lang)["yes" if w["prioritised"] else "no"]),
    ("category", lambda w, lang: w["category"] or ""),
    ("note", lambda w, lang: w["note"]["note"] if w["note"] else ""),
    ("col_note_author", lambda w, lang: (w["note"] or {}).get("author") or ""),
    ("col_note_date", lambda w, lang: str((w["note"] or {}).get("at") or "")[:10]),
    ("col_reach_mode", lambda w, lang: strings(lang)[f"reach_mode_{w['reach']['mode']}"]),
    ("col_views", lambda w, lang: w["reach"]["views"]),
    ("col_inbound", lambda w, lang: w["reach"]["inbound"]),
    ("col_depth", lambda w, lang: w["reach"]["depth"] if w["reach"]["depth"] is not None else ""),
    ("page", lambda w, lang: _page_url(w) or ""),
    ("pages", lambda w, lang: " ".join(p["url"] for p in w["pages"])),
    ("col_identity", lambda w, lang: w["identity"]),
    ("col_kind", lambda w, lang: w["kind"]),
]


def _exception(f: dict[str, Any]) -> dict[str, Any]:
    return f.get("exception") or {}


FINDING_COLUMNS: list[tuple[str, Callable[[dict[str, Any], dict[str, Any], str], Any]]] = [
    ("rank", lambda w, f, lang: w["rank"]),
    ("form", lambda w, f, lang: w["title"]),
    ("status", lambda w, f, lang: status_label(w["status"], lang)),
    ("owner", lambda w, f, lang: w["owner"] or strings(lang)["no_owner"]),
    ("rule", lambda w, f, lang: f["rule"]),
    ("severity", lambda w, f, lang: severity_label(f["severity"], lang)),
    ("col_confidence", lambda w, f, lang: confidence_label(f["confidence"], lang)),
    ("excerpt", lambda w, f, lang: f["excerpt"]),
    ("col_message", lambda w, f, lang: f["message"]),
    ("suggestion", lambda w, f, lang: " | ".join(f["suggestions"])),
    (
        "col_exempt",
        lambda w, f, lang: strings(lang)[
            "yes" if _exception(f) and not _exception(f).get("expired") else "no"
        ],
    ),
    ("col_exception_reason", lambda w, f, lang: _exception(f).get("reason", "")),
    ("col_exception_expires", lambda w, f, lang: _exception(f).get("expires") or ""),
    ("page", lambda w, f, lang: f["page"]),
    ("col_link", lambda w, f, lang: f["link"] or ""),
    ("rule_doc", lambda w, f, lang: f["help_uri"]),
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


def _headers(columns: list[tuple[str, Any]], lang: str) -> list[str]:
    s = strings(lang)
    return [s[key] for key, _ in columns]


def worklist_rows(model: dict[str, Any]) -> list[list[Any]]:
    lang = model.get("lang", "nb")
    return [[cell(w, lang) for _, cell in WORKLIST_COLUMNS] for w in model["worklist"]]


def finding_rows(model: dict[str, Any]) -> list[list[Any]]:
    lang = model.get("lang", "nb")
    return [
        [cell(w, f, lang) for _, cell in FINDING_COLUMNS]
        for w in model["worklist"]
        for f in [*w["findings"], *w["exempted"]]
    ]


def write_csv(
    model: dict[str, Any], out: IO[str], *, table: str = "worklist", delimiter: str = ";"
) -> None:
    """One CSV table: ``worklist`` (one row per form) or ``findings`` (one row per finding).

    With ``;`` between cells, numbers get a decimal comma, as a Norwegian spreadsheet reads them.
    """
    lang = model.get("lang", "nb")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    header, rows = (
        (_headers(WORKLIST_COLUMNS, lang), worklist_rows(model))
        if table == "worklist"
        else (_headers(FINDING_COLUMNS, lang), finding_rows(model))
    )
    comma = delimiter == ";"
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(defuse(v), comma) for v in row])


def _csv_cell(value: Any, decimal_comma: bool) -> Any:
    if decimal_comma and isinstance(value, float):
        return repr(value).replace(".", ",")
    return value


def write_xlsx(model: dict[str, Any], out: IO[bytes]) -> None:
    """The workbook: KPI, trend (with a line chart), per owner unit, work list, findings.

    Written row by row (openpyxl's write-only mode): a site's findings run to 100,000 rows.
    """
    from openpyxl import Workbook

    lang = model.get("lang", "nb")
    s = strings(lang)
    wb = Workbook(write_only=True)
    _kpi_sheet(_Sheet(wb, s["sheet_kpi"], [64, 40], filtered=False), model, s)
    _trend_sheet(_Sheet(wb, s["sheet_trend"], [10, 12, 14, 10, 12, 10, 10, 10, 10]), model, s)

    owners = _Sheet(wb, s["sheet_owners"], [36, 10, 10, 10, 10, 10])
    owners.header([s["owner"], *(s[f"{st}_short"] for st in STATUSES), s["total"]])
    for o in model["by_owner"]:
        owners.row([o["unit"] or s["no_owner"], *(o[st] for st in STATUSES), o["total"]])
    owners.close()

    work = _Sheet(
        wb,
        s["sheet_worklist"],
        [6, 10, 40, 28, 8, 8, 9, 10, 14, 30, 16, 14, 14, 10, 10, 8, 40, 40, 40, 12],
    )
    work.header(_headers(WORKLIST_COLUMNS, lang))
    keys = [k for k, _ in WORKLIST_COLUMNS]
    form_col, page_col = keys.index("form"), keys.index("page")
    for w, row in zip(model["worklist"], worklist_rows(model), strict=True):
        work.row(row, links={form_col: _page_url(w), page_col: row[page_col]})
    work.close()

    found = _Sheet(
        wb, s["sheet_findings"], [6, 32, 10, 28, 24, 11, 11, 36, 48, 36, 9, 36, 14, 40, 40, 40]
    )
    found.header(_headers(FINDING_COLUMNS, lang))
    keys = [k for k, _ in FINDING_COLUMNS]
    linked = [keys.index(k) for k in ("page", "col_link", "rule_doc")]
    for row in finding_rows(model):
        found.row(row, links={c: row[c] for c in linked})
    found.close()
    wb.save(out)


class _Sheet:
    """One write-only sheet with a bold, frozen header row, a filter over its rows, column
    widths, clickable links and number formats."""

    def __init__(self, wb: Any, title: str, widths: list[int], *, filtered: bool = True) -> None:
        from openpyxl.utils import get_column_letter

        self.ws = wb.create_sheet(title)
        self.ws.freeze_panes = "A2"
        for n, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(n)].width = width
        self.filtered = filtered
        self.rows = 0
        self.columns = len(widths)

    def header(self, names: list[str]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        cells = []
        for name in names:
            cell = WriteOnlyCell(self.ws, defuse(name))
            cell.font = Font(bold=True)
            cells.append(cell)
        self.ws.append(cells)
        self.rows += 1

    def row(
        self,
        values: list[Any],
        *,
        links: dict[int, Any] | None = None,
        formats: dict[int, str] | None = None,
    ) -> None:
        """Append a row: text defused, ``links`` (column -> URL) clickable, ``formats``
        (column -> number format) applied; dates and numbers stay what they are."""
        from openpyxl.cell import WriteOnlyCell

        cells: list[Any] = []
        for n, value in enumerate(values):
            url = (links or {}).get(n)
            fmt = (formats or {}).get(n)
            v = value if isinstance(value, date) else defuse(value)
            if not (fmt or _is_http(url)):
                cells.append(v)
                continue
            cell = WriteOnlyCell(self.ws, v)
            if _is_http(url):
                cell.hyperlink = url
                cell.style = "Hyperlink"
            if fmt and value != "":
                cell.number_format = fmt
            cells.append(cell)
        self.ws.append(cells)
        self.rows += 1

    def close(self) -> None:
        """Set the filter once the rows are known."""
        from openpyxl.utils import get_column_letter

        if self.filtered:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(self.columns)}{max(self.rows, 1)}"


def _kpi_sheet(sheet: _Sheet, model: dict[str, Any], s: dict[str, str]) -> None:
    """The key figures as label/value rows: what the yearly report quotes."""
    lang = model.get("lang", "nb")
    k, p, run = model["kpi"], model["projection"], model["run"]
    finished = (run["finished_at"] or run["started_at"] or "")[:10]
    value = s["kpi_value"].format(
        done=k["done"], total=k["prioritised"], pct=percent(k["share"], lang)
    )
    rows: list[tuple[str, Any, str | None]] = [
        (s["site"], model.get("site") or "", None),
        (s["scan"], s["scan_of"].format(id=run["id"], date=finished), None),
        (s["kpi_name"], k["share"], "0%"),
        (s["kpi"], value, None),
        (s["kpi_selection"].format(sel=k["selection"]), k["prioritised"], None),
        (s["deadline"], date.fromisoformat(model["deadline"]), "yyyy-mm-dd"),
        (s["at_deadline"], p["at_deadline"] if p["method"] == "linear" else "", "0%"),
        (
            s["complete_by"],
            date.fromisoformat(p["complete_by"]) if p["complete_by"] else "",
            "yyyy-mm-dd",
        ),
        (s["verdict"], s[p["verdict"]], None),
        *((s[st], model["counts"][st], None) for st in STATUSES),
    ]
    sheet.header([s["col_item"], s["col_value"]])
    for label, v, fmt in rows:
        sheet.row([label, v], formats={1: fmt} if fmt else None)
    sheet.close()


def _trend_sheet(sheet: _Sheet, model: dict[str, Any], s: dict[str, str]) -> None:
    """The KPI per scan and a native line chart of it (Excel and LibreOffice draw it)."""
    from openpyxl.chart import LineChart, Reference

    sheet.header(
        [s["col_run"], s["date"], s["share"], s["col_done"], s["prioritised"],
         *(s[f"{st}_short"] for st in STATUSES)]
    )  # fmt: skip
    for p in model["trend"]:
        sheet.row(
            [p["run_id"], date.fromisoformat(p["date"]), p["share"], p["done"], p["prioritised"],
             *(p["counts"][st] for st in STATUSES)],
            formats={1: "yyyy-mm-dd", 2: "0%"},
        )  # fmt: skip
    sheet.close()
    if not model["trend"]:
        return
    chart = LineChart()
    chart.title = s["trend_chart"]
    chart.y_axis.title = s["share"]
    chart.x_axis.title = s["date"]
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.number_format = "0%"
    chart.x_axis.number_format = "yyyy-mm-dd"
    chart.legend = None
    last = sheet.rows
    chart.add_data(Reference(sheet.ws, min_col=3, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet.ws, min_col=2, min_row=2, max_row=last))
    chart.width, chart.height = 18, 9
    sheet.ws.add_chart(chart, "K2")


def _is_http(url: Any) -> bool:
    return isinstance(url, str) and url.startswith(("http://", "https://"))


class CsvReporter(Reporter):
    """``--format csv``: the work list (``stem.csv``) and the findings (``stem-findings.csv``)."""

    name = "csv"

    def write_progress(self, model: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
        delimiter = CSV_DELIMITERS[self.ctx.options.get("csv_delimiter", ";")]
        written = []
        for table, suffix in (("worklist", ""), ("findings", "-findings")):
            path = out_dir / f"{stem}{suffix}.csv"
            # a BOM, so spreadsheet programs read the file as UTF-8
            with atomic_write(path, "w", encoding="utf-8-sig", newline="") as fh:
                write_csv(model, fh, table=table, delimiter=delimiter)
            written.append(path)
        return written


class XlsxReporter(Reporter):
    """``--format xlsx``: the workbook for the yearly status report."""

    name = "xlsx"

    def write_progress(self, model: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
        path = out_dir / f"{stem}.xlsx"
        with atomic_write(path, "wb") as fh:
            write_xlsx(model, fh)
        return [path]
