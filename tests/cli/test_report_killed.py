"""A report killed while it is being written leaves the previous report intact (SIGKILL, no
clean-up code runs)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from formlint.store import Store
from formlint.store.samples import fixture_scan

# Runs `formlint report`, with the XLSX writer cut off halfway by SIGKILL.
_KILLED_MID_WRITE = """
import os, signal, sys
import formlint.report.tabular as tabular

def write_half_then_die(model, out):
    out.write(b"PK\\x03\\x04 half a workbook")
    out.flush()
    os.kill(os.getpid(), signal.SIGKILL)

tabular.write_xlsx = write_half_then_die
from formlint.cli.main import main
sys.argv = ["formlint", *sys.argv[1:]]
main()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_report_killed_mid_write_keeps_the_previous_files(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'formlint.db'}"
    store = Store(db)
    for n in (1, 2):
        run, pages = fixture_scan(n)
        store.record_run(run, site="kommune", pages=pages)
    store.close()
    out = tmp_path / "out"
    args = ["report", "--db", db, "--format", "html,xlsx", "--out", str(out)]
    first = subprocess.run(
        [sys.executable, "-m", "formlint", *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"formlint-report.html", "formlint-report.xlsx"}

    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_MID_WRITE, *args], capture_output=True, cwd=tmp_path
    )
    assert killed.returncode == -signal.SIGKILL
    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert after.keys() == before.keys()
    assert after["formlint-report.xlsx"] == before["formlint-report.xlsx"]
    # The HTML was written before the kill: a whole new file, never a partial one.
    assert after["formlint-report.html"].rstrip().endswith(b"</html>")
