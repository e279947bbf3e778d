"""Sitemap ``<lastmod>`` against the time a page was last fetched (``sitemap_lastmod: trust``).

A re-scan that trusts the sitemap skips the request for a page whose ``<lastmod>`` is older than
the scan that last fetched it. Every uncertainty counts as "changed", so the page is fetched
(conditionally) as without the option: an unparseable value, a date without a time (the page
may have changed at the very end of that day, in the last zone on Earth to end it, UTC-12), and
a time without a zone (read in that same zone, the latest instant it can mean).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LATEST_ZONE = timezone(timedelta(hours=-12))  # the last zone to reach a given time


def parse_lastmod(value: str) -> datetime | None:
    """The latest instant a W3C-datetime ``<lastmod>`` can mean, or None if unreadable."""
    text = value.strip()
    try:
        if _DATE.match(text):
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=_LATEST_ZONE) + timedelta(days=1)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_LATEST_ZONE)
    return moment


def unchanged_since(lastmod: str, fetched_after: str) -> bool:
    """True when the page was last modified before the scan (``fetched_after``) fetched it."""
    modified = parse_lastmod(lastmod)
    if modified is None:
        return False
    try:
        fetched = datetime.fromisoformat(fetched_after.replace("Z", "+00:00"))
    except ValueError:
        return False
    if fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=UTC)
    return modified < fetched
