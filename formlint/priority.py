"""Priority of forms on the work list: severity × confidence, reach and service category.

The formula is documented in ``docs/priority.md``; keep the two in step.
"""

from __future__ import annotations

import csv
import fnmatch
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from formlint.config.progress import Category, ReachConfig
from formlint.errors import InputError

SEVERITY_WEIGHT: dict[str, float] = {"error": 8.0, "warning": 4.0, "suggestion": 2.0, "info": 1.0}
CONFIDENCE_WEIGHT: dict[str, float] = {"high": 1.0, "medium": 0.7, "low": 0.4}
DEPTH_BONUS = 2.0  # a form linked from the home page (depth 1) gains up to this much reach


def finding_weight(severity: str, confidence: str) -> float:
    """w = severity weight × confidence weight (error/high = 8, info/low = 0.4)."""
    return SEVERITY_WEIGHT.get(severity, 1.0) * CONFIDENCE_WEIGHT.get(confidence, 0.7)


@dataclass(frozen=True)
class Reach:
    """How many people meet a form: page views when analytics exist, else the link graph."""

    mode: str  # "analytics" or "links"
    views: int = 0
    inbound: int = 0
    depth: int | None = None

    @property
    def factor(self) -> float:
        if self.mode == "analytics":
            return 1.0 + math.log10(1 + self.views)
        depth_part = DEPTH_BONUS / (1 + self.depth) if self.depth is not None else 0.0
        return 1.0 + math.log10(1 + self.inbound) + depth_part


def category_for(texts: Sequence[str], categories: dict[str, Category]) -> tuple[str | None, float]:
    """The heaviest category whose glob matches any URL or title (case-insensitive); else weight 1."""
    compiled = _compile(
        tuple((name, cat.weight, tuple(cat.patterns)) for name, cat in categories.items())
    )
    folded = [x.casefold() for x in texts if x]
    for name, weight, regex in compiled:  # heaviest first
        if any(regex.match(x) for x in folded):
            return name, weight
    return None, 1.0


@lru_cache(maxsize=16)
def _compile(
    cats: tuple[tuple[str, float, tuple[str, ...]], ...],
) -> list[tuple[str, float, re.Pattern[str]]]:
    out = [
        (
            name,
            weight,
            re.compile("|".join(f"(?:{fnmatch.translate(p.casefold())})" for p in patterns)),
        )
        for name, weight, patterns in cats
    ]
    out.sort(key=lambda c: -c[1])  # stable: equal weights keep config order
    return out


def score(weights: Iterable[float], reach: Reach, category_weight: float) -> float:
    """priority = (Σ w over distinct findings) × reach factor × category weight."""
    return round(sum(weights) * reach.factor * category_weight, 3)


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
