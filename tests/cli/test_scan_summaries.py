"""The summary line of a scan and a site's line in a multi-site scan's summary: findings per
severity in parentheses only when there are findings (no "0 funn (0)"), in nb, nn and en."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from formlint.cli.scan import ScanSummary, print_summary
from formlint.cli.scan_sites import site_line
from formlint.sources.crawl.spider import ScanStats

NONE, SOME = Counter[str](), Counter({"error": 2, "info": 1})
COUNTS = {
    "nb": ("1 skjemaer, 0 funn, 0 problem-URL-er", "1 skjemaer, 3 funn (2 feil, 1 info), 0 "),
    "nn": ("1 skjema, 0 funn, 0 problem-URL-ar", "1 skjema, 3 funn (2 feil, 1 info), 0 "),
    "en": ("1 forms, 0 findings, 0 problem URLs", "1 forms, 3 findings (2 errors, 1 info), 0 "),
}


def _scan_summary_line(by_severity: Counter[str], lang: str) -> str:
    stats = ScanStats(linted=3, reused=1).to_dict()
    documents: list[dict[str, object]] = [{"forms": [{"key": "soknad"}]}, {}, {}, {}]
    summary = ScanSummary("kommune", 1, None, documents, stats, True, None, "sql", by_severity)
    summary.language = lang
    lines: list[str] = []
    print_summary(summary, echo=lines.append)
    return lines[0]


def _site_line(by_severity: Counter[str], lang: str) -> str:
    site = {
        "site": "kommune",
        "documents": 4,
        "linted": 3,
        "reused": 1,
        "forms": 1,
        "findings": sum(by_severity.values()),
        "by_severity": dict(by_severity),
        "problems": 0,
        "finished": True,
    }
    return site_line(site, lang)


@pytest.mark.parametrize("lang", sorted(COUNTS))
@pytest.mark.parametrize("line", [_scan_summary_line, _site_line])
def test_findings_per_severity_only_when_there_are_findings(
    line: Callable[[Counter[str], str], str], lang: str
) -> None:
    none, some = COUNTS[lang]
    assert none in line(NONE, lang) and "(0)" not in line(NONE, lang)
    assert some in line(SOME, lang)
