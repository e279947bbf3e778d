"""Kill a real ``formlint scan`` with SIGKILL at chosen points, run it again, and compare.

Used by ``test_crash_safety.py`` (ten kill points on the demo site) and ``benchmarks/soak.py``
(more points, larger sites). A kill point is a number of documents in the store: the scan is
killed as soon as it has recorded that many, so every kill lands mid-scan.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from crawlkit import child_env


def scan_command(config: Path, base_url: str, db: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "formlint", "scan", str(config), "--base-url", base_url,
            "--db", str(db), "--out", str(out), "--format", "none", "-q", *extra]  # fmt: skip


def count_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def findings_of(out: Path) -> list[tuple[str, str, str]]:
    """(URL, rule, fingerprint) of every finding in a scan's findings.json, sorted."""
    report = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    return sorted(
        (d["crawl"]["url"], f["rule"], f["fingerprint"])
        for d in report["documents"]
        for f in d["findings"]
    )


def store_inconsistencies(db: Path) -> list[str]:
    """What is wrong with a store after kills and a finished re-run (empty when nothing)."""
    wrong: list[str] = []
    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT id, state FROM runs").fetchall()
        if len(runs) != 1 or runs[0][1] != "finished":
            wrong.append(f"runs: {runs} (one scan, continued and finished, expected)")
        for child in ("findings", "form_pages"):
            orphans = conn.execute(
                f"SELECT count(*) FROM {child} c LEFT JOIN documents d ON d.id = c.document_id "
                "WHERE d.id IS NULL"
            ).fetchone()[0]
            if orphans:
                wrong.append(f"{orphans} {child} rows without their document")
        twice = conn.execute(
            "SELECT count(*) FROM (SELECT url FROM documents GROUP BY run_id, url "
            "HAVING count(*) > 1)"
        ).fetchone()[0]
        if twice:
            wrong.append(f"{twice} URLs recorded twice in one run")
    return wrong


@dataclass
class KillRun:
    killed_at: list[int]  # documents in the store at each kill
    seconds: float  # wall time of every process, killed ones and the last


def kill_and_finish(
    config: Path,
    base_url: str,
    db: Path,
    out: Path,
    points: list[int],
    *extra: str,
    timeout: float = 300,
) -> KillRun:
    """Start the scan, SIGKILL it once it has ``points[i]`` documents, start it again, ...;
    then let the last run finish. Raises if a run ends before its kill point."""
    killed: list[int] = []
    started = time.monotonic()
    for point in points:
        proc = subprocess.Popen(
            scan_command(config, base_url, db, out, *extra),
            env=child_env(),
            cwd=out.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while count_documents(db) < point and proc.poll() is None:
            if time.monotonic() > deadline:
                proc.kill()
                raise TimeoutError(f"no kill point {point} within {timeout} s")
            time.sleep(0.01)
        if proc.poll() is not None:
            raise AssertionError(f"the scan ended (exit {proc.returncode}) before point {point}")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed.append(count_documents(db))
    last = subprocess.run(
        scan_command(config, base_url, db, out, *extra),
        env=child_env(),
        cwd=out.parent,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if last.returncode not in (0, 1):
        raise AssertionError(f"the last run failed (exit {last.returncode}): {last.stderr[-2000:]}")
    return KillRun(killed, time.monotonic() - started)
