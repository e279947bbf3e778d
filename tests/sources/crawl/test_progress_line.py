"""The progress of a scan of one site speaks the report language, as its summary does."""

from __future__ import annotations

import io
import logging

import pytest

from formlint.sources.crawl.progress import Progress

COUNTS = {"done": 12, "queued": 30, "forms": 3, "findings": 7, "errors": 1, "rendered": 2}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nb", "12 ferdige, 30 i kø, 0.0 sider/s, 3 skjemaer, 7 funn, 1 feil, 2 vist med Chromium"),
        ("nn", "12 ferdige, 30 i kø, 0.0 sider/s, 3 skjema, 7 funn, 1 feil, 2 viste med Chromium"),
        ("en", "12 done, 30 queued, 0.0 pages/s, 3 forms, 7 findings, 1 errors, 2 rendered"),
    ],
)
def test_the_progress_line_in_each_report_language(lang: str, expected: str) -> None:
    progress = Progress(lang=lang, enabled=False)
    progress.counts.update(COUNTS)
    progress._started += 1e9  # no time has passed: a rate of 0.0
    assert progress.line() == expected


def test_without_a_terminal_the_progress_is_a_log_line_in_the_report_language(
    caplog: pytest.LogCaptureFixture,
) -> None:
    progress = Progress(lang="nn", stream=io.StringIO(), tty=False, interval=0)
    progress.start()
    with caplog.at_level(logging.INFO, logger="formlint.crawl"):
        progress.update(**COUNTS)
    progress.stop()
    (record,) = caplog.records
    assert record.getMessage().startswith("framdrift: 12 ferdige, 30 i kø, ")
