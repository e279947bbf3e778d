"""Sitemap <lastmod> against the last fetch: every doubt means "changed"."""

from __future__ import annotations

import pytest

from formlint.sources.crawl.lastmod import parse_lastmod, unchanged_since

FETCHED = "2026-11-24T08:00:00+00:00"


@pytest.mark.parametrize(
    ("lastmod", "unchanged"),
    [
        ("2026-11-24T07:59:59+00:00", True),
        ("2026-11-24T08:59:59+01:00", True),  # 07:59:59 UTC
        ("2026-11-24T07:59:59Z", True),
        ("2026-11-24T08:00:00+00:00", False),  # the same second: may have changed after
        ("2026-11-24T09:30:00+01:00", False),
        ("2026-11-22", True),
        ("2026-11-23", False),  # a date: until the day ends in UTC-12 (2026-11-24T12:00Z)
        ("2026-11-24", False),
        ("2026-11-24T07:00:00", False),  # no zone: read in UTC-12, i.e. 19:00Z
        ("yesterday", False),
        ("", False),
    ],
)
def test_unchanged_since(lastmod: str, unchanged: bool) -> None:
    assert unchanged_since(lastmod, FETCHED) is unchanged


def test_unreadable_fetch_time_means_changed() -> None:
    assert unchanged_since("2020-01-01", "not a time") is False


def test_parse_lastmod_latest_instant() -> None:
    moment = parse_lastmod("2026-11-23")
    assert moment is not None and moment.isoformat() == "2026-11-24T00:00:00-12:00"
