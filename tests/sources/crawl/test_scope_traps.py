"""URL canonicalisation, scope and trap detection (pure functions, no network)."""

from __future__ import annotations

import pytest

from formlint.sources.crawl.scope import Scope, canonicalize, document_type
from formlint.sources.crawl.traps import TrapDetector, TrapLimits


@pytest.mark.parametrize(
    ("raw", "canon"),
    [
        ("HTTP://Example.NO:80/a/../b/?b=2&a=1#frag", "http://example.no/b/?a=1&b=2"),
        ("https://example.no/side;jsessionid=ABC123?x=1", "https://example.no/side?x=1"),
        ("https://example.no/?PHPSESSID=1&utm_source=nl&q=skjema", "https://example.no/?q=skjema"),
        ("https://example.no//a//b", "https://example.no/a/b"),
        ("https://example.no", "https://example.no/"),
        ("https://example.no/s%C3%B8knad", "https://example.no/s%C3%B8knad"),
    ],
)
def test_canonicalize(raw: str, canon: str) -> None:
    assert canonicalize(raw) == canon


def test_scope_hosts_patterns_and_documents() -> None:
    s = Scope(
        ["trondheim.kommune.no", "127.0.0.1:8000"],
        include=[],
        exclude=[r"/sok\b", r"\?print="],
        documents=["pdf"],
    )
    assert "https://www.trondheim.kommune.no/tema/" in s
    assert "https://trondheim.kommune.no/x" in s
    assert "https://eviltrondheim.kommune.no.example.com/" not in s
    assert "http://127.0.0.1:8000/a" in s
    assert s.reason_out("http://127.0.0.1:9000/a") == "outside allowed domains"
    assert s.reason_out("https://trondheim.kommune.no/sok?q=x") == "excluded by pattern"
    assert (
        s.reason_out("https://trondheim.kommune.no/skjema.docx")
        == "document type docx not followed"
    )
    assert (
        s.reason_out("https://trondheim.kommune.no/bilde.jpg")
        == "not a page or form document (.jpg)"
    )
    assert "https://trondheim.kommune.no/skjema.pdf" in s
    assert document_type("https://x/a/Skjema.PDF") == "pdf"
    only = Scope(["x.no"], include=[r"/skjema/"])
    assert only.reason_out("https://x.no/nyheter/") == "not matched by include patterns"


def test_calendar_trap_is_capped() -> None:
    t = TrapDetector(TrapLimits(max_date_variants=3))
    urls = [f"https://x.no/kalender/2026/{m:02d}" for m in range(1, 8)]
    verdicts = [t.check(u) for u in urls]
    assert verdicts[:3] == [None, None, None]
    assert all(v and "calendar trap" in v for v in verdicts[3:])
    q = TrapDetector(TrapLimits(max_date_variants=2))
    assert q.check("https://x.no/arr?dato=2026-01-01") is None
    assert q.check("https://x.no/arr?dato=2026-01-02") is None
    assert "calendar trap" in (q.check("https://x.no/arr?dato=2026-01-03") or "")
    assert q.check("https://x.no/arr?dato=2026-01-01") is None  # already counted


def test_query_permutations_and_repeats() -> None:
    t = TrapDetector(TrapLimits(max_query_variants=2))
    assert t.check("https://x.no/sok?a=1") is None
    assert t.check("https://x.no/sok?a=2") is None
    assert "query variants" in (t.check("https://x.no/sok?a=3") or "")
    assert "repeated" in (t.check("https://x.no/a/b/a/b/a/b") or "")
    assert "deeper" in (t.check("https://x.no/" + "/".join(f"s{i}" for i in range(20))) or "")
    assert "longer" in (t.check("https://x.no/" + "a" * 3000) or "")


def test_numbers_that_look_like_years_are_not_a_calendar() -> None:
    """A site whose pages are /p/N: 1900..2199 are page numbers, all of them followed."""
    t = TrapDetector(TrapLimits(max_date_variants=3))
    assert all(t.check(f"https://x.no/p/{n}") is None for n in range(1, 2400))
    assert all(t.check(f"https://x.no/sak/{n}/vedlegg") is None for n in range(1890, 2210))
    # paging and ranges with keys that name no date unit, values that are no date
    assert all(t.check(f"https://x.no/sok?start={n}") is None for n in range(0, 2200, 100))
    assert all(t.check(f"https://x.no/liste?from={n}&to={n + 9}") is None for n in range(20))


@pytest.mark.parametrize(
    "urls",
    [
        [f"https://x.no/arrangement/2026/{m}" for m in range(1, 7)],  # year, then a month
        [f"https://x.no/arrangement/2026-{m:02d}" for m in range(1, 7)],  # year-month
        [f"https://x.no/dag/202601{d:02d}" for d in range(1, 7)],  # compact year-month-day
        [f"https://x.no/dag/{d:02d}.01.2026" for d in range(1, 7)],  # day.month.year
        [f"https://x.no/kalender/{y}" for y in range(2026, 2032)],  # a year a calendar names
        [f"https://x.no/arr?from=2026-01-{d:02d}" for d in range(1, 7)],  # a date-shaped value
        [f"https://x.no/arr?year=2026&month={m}" for m in range(1, 7)],  # keys naming units
        [f"https://x.no/arr?uke={w}" for w in range(1, 7)],
    ],
    ids=[
        "year-month-path",
        "year-month",
        "yyyymmdd",
        "dd.mm.yyyy",
        "calendar-year",
        "date-value",
        "unit-keys",
        "week-key",
    ],
)
def test_date_shapes_are_a_calendar(urls: list[str]) -> None:
    t = TrapDetector(TrapLimits(max_date_variants=3))
    verdicts = [t.check(u) for u in urls]
    assert verdicts[:3] == [None, None, None]
    assert all(v and "calendar trap" in v for v in verdicts[3:]), verdicts
