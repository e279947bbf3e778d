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

# A number is a date only when something says so: its shape (a year with a month, with or
# without a day, in one segment or a query value), the month after it (``/2026/01``), a path
# segment or query key naming a calendar or a date unit. A bare number in 1900-2199 alone is
# as likely an id (``/p/1999``, ``/sak/2024``) as a year, and a site's pages must not be
# taken for a calendar because their numbers look like years.
_YEAR = r"(?:19|20|21)\d{2}"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12]\d|3[01])"
_DATE_SHAPE = re.compile(
    rf"^(?:{_YEAR}[-_.]{_MONTH}(?:[-_.]{_DAY})?"  # 2026-01, 2026-01-15, 2026_01_15
    rf"|{_YEAR}{_MONTH}{_DAY}"  # 20260115
    rf"|{_DAY}[-.]{_MONTH}[-.]{_YEAR})"  # 15.01.2026
    r"(?:T[\d:.]+Z?)?$"  # an ISO time after the date
)
_BARE_YEAR = re.compile(rf"^{_YEAR}$")
_MONTH_OR_DAY = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")
_BARE_MONTH = re.compile(r"^(?:0?[1-9]|1[0-2])$")
# Path segments that name a calendar (or a year view) before a bare year: /kalender/2026.
_CALENDAR_SEGMENTS = frozenset(
    {"kalender", "calendar", "cal", "agenda", "year", "years", "aar", "år", "arskalender"}
)
# Query keys naming a date unit, with the values that unit takes. A key such as ``start``,
# ``from`` or ``to`` names no unit (``?start=20`` is paging): its value must look like a date.
_UNIT_KEYS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"(?:^|_)(?:date|dato)$", re.I), re.compile(r"\d")),
    (re.compile(r"(?:^|_)(?:year|aar|år)$", re.I), re.compile(rf"^{_YEAR}$")),
    (re.compile(r"(?:^|_)(?:month|maaned|måned|mnd)$", re.I), re.compile(r"^(?:0?[1-9]|1[0-2])$")),
    (re.compile(r"(?:^|_)(?:day|dag)$", re.I), re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")),
    (re.compile(r"(?:^|_)(?:week|uke)$", re.I), re.compile(r"^(?:0?[1-9]|[1-4]\d|5[0-3])$")),
)


def _is_date_param(key: str, value: str) -> bool:
    if _DATE_SHAPE.match(value):
        return True
    return any(k.search(key) and v.search(value) for k, v in _UNIT_KEYS)


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
        for i, s in enumerate(segments):
            nxt = segments[i + 1] if i + 1 < len(segments) else ""
            prev = segments[i - 1].lower() if i else ""
            if (
                _DATE_SHAPE.match(s)
                or (prev_date and _MONTH_OR_DAY.match(s))
                or (_BARE_YEAR.match(s) and (_BARE_MONTH.match(nxt) or prev in _CALENDAR_SEGMENTS))
            ):
                out.append("{date}")
                dated = prev_date = True
            else:
                out.append(s)
                prev_date = False
        keys: list[str] = []
        for k, v in parse_qsl(query, keep_blank_values=True):
            if _is_date_param(k, v):
                keys.append(f"{k}={{date}}")
                dated = True
            else:
                keys.append(k)
        return netloc + "/" + "/".join(out) + ("?" + "&".join(sorted(keys)) if keys else ""), dated
