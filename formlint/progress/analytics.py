"""Page views from an analytics export (``formlint reach import``), read as (URL, views) rows.

Matomo, Siteimprove, Google Analytics (GA4 and Universal Analytics) page reports and any CSV
with a URL and a views column (``progress.reach`` names the columns); they replace the link
graph as the reach of the priority formula (``docs/priority.md``). Exports come as the tools
write them: Matomo's in UTF-16 with a BOM, Excel's "Unicode text" in UTF-16 with tabs, Norwegian
spreadsheets' with ``;``, older Windows tools' in Windows-1252.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from formlint.config.progress import REACH_PRESETS, ReachConfig
from formlint.errors import InputError

_NON_DIGIT = re.compile(r"[^\d]")


def parse_views(value: str) -> int:
    """Page views as exported: "1 234", "1,234", "1.234" and "1234.0" all read as 1234."""
    value = value.strip()
    if not value:
        return 0
    if re.fullmatch(r"\d+\.0+", value):
        value = value.split(".", 1)[0]
    digits = _NON_DIGIT.sub("", value)
    return int(digits) if digits else 0


def decode_export(data: bytes, source: str) -> str:
    """The text of an export: by its BOM (UTF-8, UTF-16), else UTF-16 by its NUL bytes, else
    UTF-8, else Windows-1252 (what older Norwegian Windows tools write; guessing among code
    pages on a few hundred bytes of URLs and numbers picks wrong ones)."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode(data, codec, source)
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without a BOM: every other byte is 0
        even_nuls = head[0::2].count(b"\x00")
        return _decode(data, "utf-16-be" if even_nuls > len(head) // 4 else "utf-16-le", source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            "cannot read: not text in UTF-8, UTF-16 or Windows-1252", source=source
        ) from None


def _decode(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"cannot read: not valid {codec.upper().replace('-SIG', '')} at byte {exc.start}",
            source=source,
        ) from None


def _columns(header: list[str], cfg: ReachConfig, source: str) -> tuple[int, int]:
    """Indexes of the URL and views columns: the configured ones, else (no preset or column
    chosen) the one preset whose columns the header has."""
    lower = [h.casefold() for h in header]

    def find(url_col: str, views_col: str) -> tuple[int, int] | None:
        if url_col.casefold() in lower and views_col.casefold() in lower:
            return lower.index(url_col.casefold()), lower.index(views_col.casefold())
        return None

    found = find(*cfg.columns())
    if found is not None:
        return found
    if not cfg.model_fields_set & {"preset", "url", "views"}:
        matches = {m for m in (find(*cols) for cols in REACH_PRESETS.values()) if m is not None}
        if len(matches) == 1:
            return matches.pop()
    url_col, views_col = cfg.columns()
    presets = ", ".join(p for p in REACH_PRESETS if p != "generic")
    raise InputError(
        f"columns {url_col!r} and {views_col!r} not both found (header: {', '.join(header)}); "
        f"choose the export's tool with --preset ({presets}) or name the columns with "
        "--url-column and --views-column (or progress.reach in formlint.yml)",
        source=source,
    )


def read_reach_csv(path: Path, cfg: ReachConfig) -> list[tuple[str, int]]:
    """Rows of (URL or path, views) from an analytics export.

    Comment lines (GA4 starts its exports with ``#`` lines) and blank lines are skipped; the
    delimiter (comma, semicolon, tab) is sniffed; column names are matched case-insensitively.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
    raw = decode_export(data, str(path))
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise InputError("empty export", source=str(path))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO("\n".join(lines)), dialect)
    header = [h.strip() for h in next(reader)]
    ui, vi = _columns(header, cfg, str(path))
    base = (cfg.base_url or "").rstrip("/")
    out: list[tuple[str, int]] = []
    for row in reader:
        if len(row) <= max(ui, vi):
            continue
        url = row[ui].strip()
        if not url:
            continue
        if base and url.startswith("/"):
            url = base + url
        out.append((url, parse_views(row[vi])))
    return out
