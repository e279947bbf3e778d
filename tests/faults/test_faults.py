"""Fault injection: a loopback site that misbehaves in every way faultsite.py knows, scanned once
by ``formlint scan`` (real engine, SQLite store, Chromium when there is one).

For each fault the scan must end as the fault says (a problem URL with a one-line reason, a
linted document, a URL fetched once or never), and everything else on the site must still be
found. ``benchmarks/soak.py`` runs the same site at full size (a 1 GiB gzip bomb) repeatedly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from crawlkit import child_env
from faultsite import Fault, FaultSite, ScanResult, run_scan, scan_config, serve_fault_site, verdict

from formlint.sources.crawl.render import find_chromium

SECRET = "s3ss10n-v4lue-for-the-fault-suite"
HAS_CHROMIUM = find_chromium().available
_CATALOGUE = FaultSite()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FaultSite, ScanResult]]:
    tmp = tmp_path_factory.mktemp("faults")
    with serve_fault_site(tmp) as fs:
        config = scan_config(fs, render="auto", cookie_env="FORMLINT_FAULT_SESSION")
        result = run_scan(fs, tmp, config, env=child_env(FORMLINT_FAULT_SESSION=SECRET))
        yield fs, result


def _faults() -> list[Fault]:
    _CATALOGUE.routes(Path("/nonexistent"))  # lists the faults; builds no body
    return _CATALOGUE.faults


@pytest.mark.slow
@pytest.mark.parametrize("fault", _faults(), ids=lambda f: f.name)
def test_each_fault_ends_as_it_should(scanned: tuple[FaultSite, ScanResult], fault: Fault) -> None:
    if fault.browser and not HAS_CHROMIUM:
        pytest.skip("no system Chromium: the page is linted from its static HTML")
    fs, result = scanned
    assert result.returncode == 0, result.stderr[-3000:]
    assert verdict(fault, fs, result) is None


@pytest.mark.slow
def test_everything_else_is_found_and_nothing_unsafe_is_sent(
    scanned: tuple[FaultSite, ScanResult],
) -> None:
    fs, result = scanned
    assert fs.site is not None
    assert result.report["scan"]["pages"] > 0 and "Traceback" not in result.stderr
    docs = result.documents()
    for path in fs.good:
        doc = docs[fs.site.base_url + path]
        assert doc["findings"] and not doc["crawl"]["error"], path
    # every problem URL has exactly one PROBLEM line in the log
    for url in result.problems():
        assert sum(f"PROBLEM {url}:" in ln for ln in result.stderr.splitlines()) == 1, url
    # nothing but GET and HEAD; nothing outside the scope; no form submitted by the crawler
    assert {h.method for h in fs.site.hits} <= {"GET", "HEAD"}
    assert fs.outside is not None and fs.outside.hits == []
    # the cookie from the environment once per request, never in an output
    cookies = [h.headers["Cookie"] for h in fs.site.hits if "Cookie" in h.headers]
    assert cookies and all(c == f"session={SECRET}" for c in cookies), set(cookies)
    assert SECRET not in result.stderr and SECRET not in str(result.report)


@pytest.mark.slow
@pytest.mark.parametrize(("path", "wait"), [("/busy-503.html", 1.0), ("/busy-429.html", 1.0)])
def test_retry_after_is_waited_for(
    scanned: tuple[FaultSite, ScanResult], path: str, wait: float
) -> None:
    """Scrapy retried a 503 with ``Retry-After: 120`` after half a second."""
    fs, _ = scanned
    assert fs.site is not None
    times = [h.at for h in fs.site.hits if h.path == path]
    assert len(times) == 2 and times[1] - times[0] >= wait - 0.05, times
