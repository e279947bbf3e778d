"""URL-trap detection: calendars, endless query permutations and repeating paths.

A municipal site's event calendar links to next month forever; a faceted search links every
filter combination. These checks bound each pattern so the scan finishes and says why it stopped
following.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

_DATE_SEGMENT = re.compile(
    r"^(?:(?:19|20|21)\d{2}(?:[-_.]?(?:0[1-9]|1[0-2])(?:[-_.]?(?:0[1-9]|[12]\d|3[01]))?)?"
    r"|(?:0[1-9]|[12]\d|3[01])[-.](?:0[1-9]|1[0-2])[-.](?:19|20|21)\d{2})$"
)
_MONTH_OR_DAY = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")
_DATE_KEYS = re.compile(
    r"(?:^|_)(?:date|dato|year|aar|år|month|maaned|måned|day|dag|week|uke|from|to|fra|til|start|end|slutt)$",
    re.IGNORECASE,
)


@dataclass
class TrapLimits:
    max_query_variants: int = 30
    max_date_variants: int = 12
    max_path_depth: int = 15
    max_url_length: int = 2000
    max_segment_repeats: int = 2


@dataclass
class TrapDetector:
    """Remembers URL patterns seen so far; ``check`` says why a canonical URL is a trap."""

    limits: TrapLimits = field(default_factory=TrapLimits)
    _query_variants: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _date_variants: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def check(self, url: str) -> str | None:
        """None if ``url`` may be followed, else a one-line reason. Counts the URL when allowed."""
        lim = self.limits
        if len(url) > lim.max_url_length:
            return f"URL longer than {lim.max_url_length} characters"
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) > lim.max_path_depth:
            return f"path deeper than {lim.max_path_depth} segments"
        counts: dict[str, int] = defaultdict(int)
        for s in segments:
            counts[s.lower()] += 1
        repeated = [s for s, n in counts.items() if n > lim.max_segment_repeats]
        if repeated:
            return f"path segment {repeated[0]!r} repeated {counts[repeated[0]]} times"
        base = f"{parts.netloc}{parts.path}"
        template, dated = self._date_template(parts.netloc, segments, parts.query)
        if dated:
            seen = self._date_variants[template]
            if url not in seen and len(seen) >= lim.max_date_variants:
                return f"calendar trap: more than {lim.max_date_variants} date-like URLs like {template}"
            seen.add(url)
        if parts.query:
            variants = self._query_variants[base]
            if parts.query not in variants and len(variants) >= lim.max_query_variants:
                return f"more than {lim.max_query_variants} query variants of {base}"
            variants.add(parts.query)
        return None

    @staticmethod
    def _date_template(netloc: str, segments: list[str], query: str) -> tuple[str, bool]:
        dated = False
        out: list[str] = []
        prev_date = False
        for s in segments:
            if _DATE_SEGMENT.match(s) or (prev_date and _MONTH_OR_DAY.match(s)):
                out.append("{date}")
                dated = prev_date = True
            else:
                out.append(s)
                prev_date = False
        keys: list[str] = []
        for k, v in parse_qsl(query, keep_blank_values=True):
            if _DATE_KEYS.search(k) or _DATE_SEGMENT.match(v):
                keys.append(f"{k}={{date}}")
                dated = True
            else:
                keys.append(k)
        return netloc + "/" + "/".join(out) + ("?" + "&".join(sorted(keys)) if keys else ""), dated
