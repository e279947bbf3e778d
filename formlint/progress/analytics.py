"""Page views from an analytics export (``formlint reach import``), read as (URL, views) rows.

Matomo, Siteimprove and GA4 page reports and any CSV with a URL and a views column
(``progress.reach`` names the columns); they replace the link graph as the reach of the
priority formula (``docs/priority.md``).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from formlint.config.progress import ReachConfig
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


def read_reach_csv(path: Path, cfg: ReachConfig) -> list[tuple[str, int]]:
    """Rows of (URL or path, views) from an analytics export.

    Comment lines (GA4 starts its exports with ``#`` lines) and blank lines are skipped; the
    delimiter (comma, semicolon, tab) is sniffed; column names are matched case-insensitively.
    """
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", source=str(path)) from None
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise InputError("empty export", source=str(path))
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO("\n".join(lines)), dialect)
    header = [h.strip() for h in next(reader)]
    url_col, views_col = cfg.columns()
    lower = [h.casefold() for h in header]
    try:
        ui = lower.index(url_col.casefold())
        vi = lower.index(views_col.casefold())
    except ValueError:
        raise InputError(
            f"columns {url_col!r} and {views_col!r} not both found (header: {', '.join(header)}); "
            "set progress.reach.preset (matomo, siteimprove, ga4) or progress.reach.url/views",
            source=str(path),
        ) from None
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
