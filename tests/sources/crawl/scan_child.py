"""Run one crawl in this (fresh) process with a fake linter; used by the crawl tests.

The fake linter needs no rule engine: it reports one finding per ``FINDME-<word>`` marker in a
document, so tests can check that every page was linted exactly once, resumed or not.

usage: python scan_child.py CONFIG BASE_URL JOURNAL OUT_JSON [--no-resume] [--max-pages N]
       [--chromium PATH] [--slow SECONDS]
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from pathlib import Path

from formlint.api import DocumentResult
from formlint.config.crawl import load_crawl_config
from formlint.document import FetchedDocument
from formlint.findings import Confidence, Finding, Severity
from formlint.model import Location
from formlint.parse.registry import sniff
from formlint.sources.crawl.memory_state import MemoryCrawlState
from formlint.sources.crawl.progress import Progress
from formlint.sources.crawl.runner import run_scan

_MARK = re.compile(r"FINDME-([\w-]+)")


def main() -> int:
    args = sys.argv[1:]
    cfg_path, base_url, journal, out = args[:4]
    opts = args[4:]
    resume = "--no-resume" not in opts
    max_pages = int(opts[opts.index("--max-pages") + 1]) if "--max-pages" in opts else None
    chromium = opts[opts.index("--chromium") + 1] if "--chromium" in opts else None
    slow = float(opts[opts.index("--slow") + 1]) if "--slow" in opts else 0.0
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    cfg = load_crawl_config(cfg_path, base_url=base_url)
    state = MemoryCrawlState(journal)
    calls: list[str] = []

    def lint(doc: FetchedDocument) -> DocumentResult:
        calls.append(doc.url)
        if slow:
            time.sleep(slow)
        text = doc.body.decode(doc.charset or "utf-8", "replace")
        findings = [
            Finding(
                rule="test-marker",
                severity=Severity.WARNING,
                confidence=Confidence.HIGH,
                message="marker",
                source=doc.url,
                location=Location(doc.url),
                excerpt=m.group(1),
            )
            for m in _MARK.finditer(text)
        ]
        return DocumentResult(
            source=doc.url, format=sniff(doc), sha256=doc.sha256, findings=findings
        )

    outcome = run_scan(
        cfg,
        state=state,
        make_linter=lambda: lint,
        chromium=chromium,
        max_pages=max_pages,
        resume=resume,
        progress=Progress(lang="en", enabled=False),
    )
    pages = state.run_pages(outcome.run_id)
    Path(out).write_text(
        json.dumps(
            {
                "run_id": outcome.run_id,
                "close_reason": outcome.close_reason,
                "stats": outcome.stats.to_dict(),
                "lint_calls": calls,
                "pages": [p.to_json() for p in pages],
            },
            indent=1,
            default=str,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
