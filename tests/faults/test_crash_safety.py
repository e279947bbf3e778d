"""Crash safety: ``formlint scan`` killed with SIGKILL at ten points of one scan of the demo
site, then run to the end, leaves a consistent store and exactly the findings of a scan that
was never interrupted (none lost, none duplicated)."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from crawlkit import REPO, child_env
from killkit import (
    count_documents,
    findings_of,
    kill_and_finish,
    scan_command,
    store_inconsistencies,
)

from formlint.demo.server import StaticSiteServer

DEMO = REPO / "formlint" / "demo" / "site"
CONFIG = REPO / "crawl_configs" / "demo.yaml"
NO_BROWSER = ("--chromium", "/nonexistent")  # the same pages static in every run


@pytest.mark.slow
def test_ten_kills_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    with StaticSiteServer(DEMO) as server:
        (tmp_path / "ref").mkdir()
        ref = subprocess.run(
            scan_command(CONFIG, server.base_url, tmp_path / "ref.db", tmp_path / "ref" / "out",
                         *NO_BROWSER),
            capture_output=True, text=True, timeout=300, env=child_env(), cwd=tmp_path / "ref",
        )  # fmt: skip
        assert ref.returncode == 0, ref.stderr[-2000:]
        total = count_documents(tmp_path / "ref.db")
        # ten points of the one scan, at random (fixed seed) between its first and last page
        points = sorted(random.Random(20).sample(range(2, total - 2), 10))
        (tmp_path / "work").mkdir()
        db, out = tmp_path / "work.db", tmp_path / "work" / "out"
        run = kill_and_finish(CONFIG, server.base_url, db, out, points, *NO_BROWSER)
    assert run.killed_at == sorted(run.killed_at) and len(run.killed_at) == 10
    assert store_inconsistencies(db) == []
    assert count_documents(db) == total
    reference = findings_of(tmp_path / "ref" / "out")
    assert findings_of(out) == reference and reference
