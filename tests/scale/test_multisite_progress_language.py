"""A multi-site scan's progress display speaks the report language its summary speaks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import serve_sites, write_configs

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_progress_log_line_is_in_the_report_language(tmp_path: Path) -> None:
    """Off a terminal (a pipe here) the display is a log line on stderr, in ``--lang``."""
    with serve_sites(2) as sites:
        configs = write_configs(sites, tmp_path / "configs", delay=0)
        proc = subprocess.run(
            [sys.executable, "-m", "formlint", "scan", "--format", "none", *map(str, configs),
             "--workers", "2", "--lang", "nn", "--db", str(tmp_path / "f.db"),
             "--out", str(tmp_path / "out")],
            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True, text=True, timeout=240,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    progress = [ln for ln in proc.stderr.splitlines() if ln.startswith("INFO framdrift: ")]
    assert progress and progress[0].startswith("INFO framdrift: nettstader: 0 ferdige, ")
    assert progress[0].endswith("tid att: ukjend")  # no site finished yet: nothing to estimate
    assert "nettstader: 2 av 2 nettstader ferdige" in proc.stdout
