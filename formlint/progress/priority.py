"""Priority of forms on the work list: severity × confidence, reach and service category.

The formula is documented in ``docs/priority.md``; keep the two in step.
"""

from __future__ import annotations

import fnmatch
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from formlint.config.progress import Category

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
