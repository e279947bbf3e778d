"""Site processes: forked from one warm fork server per worker, or started cold where a worker
may not have children (a daemonic Dask worker); either way their output, exit code and summary
reach the worker."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest
from site_probe import job, run_in

from formlint.scale.sites import may_fork_site_processes, run_host_group

HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _probe_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fork server and a cold site process find modules by PYTHONPATH, not by this
    process's sys.path (which pytest extended with this folder)."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), *sys.path]))


def test_site_processes_are_forked_from_one_server_that_loaded_the_preload_once(
    tmp_path: Path,
) -> None:
    assert may_fork_site_processes()
    outcomes = run_host_group((job("a", tmp_path), job("b", tmp_path, code=5)))
    assert [o.exit_code for o in outcomes] == [0, 5]
    a, b = (o.summary for o in outcomes)
    assert a is not None and b is not None
    # loaded once, by the process both were forked from: neither this one nor theirs
    assert a["preloaded_in"] == b["preloaded_in"] == a["ppid"] == b["ppid"]
    assert a["preloaded_in"] not in (os.getpid(), a["pid"], b["pid"])
    assert "probe a ran" in (tmp_path / "a" / "scan.log").read_text()
    assert "probe b ran" in (tmp_path / "b" / "scan.log").read_text()


def test_a_daemonic_worker_starts_its_sites_cold(tmp_path: Path) -> None:
    """Dask starts its workers as daemonic processes, which multiprocessing allows no children:
    their sites run as ``python -m MODULE SPEC``, with nothing preloaded."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    worker = context.Process(target=run_in, args=(tmp_path, queue), daemon=True)
    worker.start()
    worker_pid, outcome = queue.get(timeout=120)
    worker.join()
    assert outcome.exit_code == 0
    assert outcome.summary["ppid"] == worker_pid  # its own child, not a fork server's
    assert outcome.summary["preloaded_in"] is None
    assert "probe daemonic ran" in (tmp_path / "daemonic" / "scan.log").read_text()


def test_the_site_preload_leaves_a_process_safe_to_fork_from() -> None:
    """No Python thread, no Twisted reactor installed, and the models it promises loaded."""
    code = (
        "import sys, threading\n"
        "import formlint.cli.site_preload\n"
        "from formlint.nlp import analysis, langdetect\n"
        "assert threading.active_count() == 1, threading.enumerate()\n"
        "assert 'twisted.internet.reactor' not in sys.modules\n"
        "assert analysis._tokenizer.cache_info().currsize >= 2\n"
        "assert langdetect._lingua.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
