"""Multi-site scans on a real Dask cluster (LocalCluster, 2 worker processes) with PostgreSQL.

Six loopback sites: the findings stored by the cluster equal those of scanning them one process
per site on this machine; a worker killed mid-run has its site resumed elsewhere; a run whose
coordinator is killed is finished by starting it again with its id, with nothing stored twice;
and no site ever gets requests closer together than its crawl config's delay.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from databases import _reset
from sitekit import LoggedSite, delay_broken, serve_sites, write_configs

from formlint.scale.sites import may_fork_site_processes

REPO = Path(__file__).resolve().parents[2]
SITES = 6
DELAY = 0.3  # seconds between two requests to one host: the limit every crawl must keep

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _scan(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "formlint", "scan", "--format", "none", "-q", *args],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _finish(proc: subprocess.Popen[str], timeout: float = 240) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out + err


def stored_findings(url: str) -> list[tuple[str, ...]]:
    """Every finding of the latest scan of each site: (site, page, rule, key, severity)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT s.name, d.url, f.rule, f.fingerprint, f.severity "
                    "FROM findings f JOIN documents d ON d.id = f.document_id "
                    "JOIN runs r ON r.id = f.run_id JOIN sites s ON s.id = r.site_id "
                    "WHERE r.state = 'finished'"
                )
            ).all()
    finally:
        engine.dispose()
    return sorted(tuple(str(v) for v in r) for r in rows)


def scans_per_site(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT s.name, count(*) FROM runs r JOIN sites s ON s.id = r.site_id "
                    "GROUP BY s.name"
                )
            ).all()
    finally:
        engine.dispose()
    return {str(name): int(n) for name, n in rows}


def site_states(url: str) -> dict[str, tuple[str, int, int]]:
    """Each site of the multi-site run: (state, pages recorded so far, attempts)."""
    from formlint.store.multisite import MultisiteRuns

    engine = sa.create_engine(url)
    try:
        run = MultisiteRuns(engine).get(1)
    finally:
        engine.dispose()
    return {s.site: (s.state, s.pages, s.attempts) for s in run.sites}


def _wait_for(what: str, check: Any, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def sites() -> Iterator[list[LoggedSite]]:
    with serve_sites(SITES) as served:
        yield served


@pytest.fixture(scope="module")
def reference(sites: list[LoggedSite], tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """The findings of scanning each site in a process of its own here, into SQLite."""
    tmp = tmp_path_factory.mktemp("reference")
    configs = write_configs(sites, tmp / "configs", delay=0)
    db = tmp / "reference.db"
    code, out = _finish(_scan(*map(str, configs), "--db", str(db), "--workers", "2", cwd=tmp))
    assert code == 0, out
    found = stored_findings(f"sqlite:///{db}")
    assert {f[0] for f in found} == {f"kommune-{n}" for n in range(SITES)}
    assert {f[2] for f in found} >= {
        "gender-binary-options",
        "gendered-salutation",
    }
    return found


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Workers as docs/scale.md starts them: not daemonic, so they fork warm site processes."""
    import dask
    from distributed import Client, LocalCluster

    with (
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        Client(local) as client,
    ):
        yield local, client


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    _reset(pg_server_url)
    yield pg_server_url
    _reset(pg_server_url)


def test_killed_worker_and_killed_run_still_store_each_finding_once(
    sites: list[LoggedSite], reference: list[Any], cluster: Any, pg_url: str, tmp_path: Path
) -> None:
    """One run on the cluster: a worker is killed while it crawls a site (the site is given to
    a worker again and resumed), then the whole run is killed; started again with its id, it
    finishes the sites left, and the store holds what scanning each site alone stores."""
    local, client = cluster
    assert all(client.run(may_fork_site_processes).values())  # warm site processes
    configs = write_configs(sites, tmp_path / "configs", delay=DELAY)
    for site in sites:
        site.hits.clear()
    args = [*map(str, configs), "--scheduler", local.scheduler_address, "--db", pg_url,
            "--out", str(tmp_path / "out")]  # fmt: skip
    first = _scan(*args, cwd=tmp_path)

    def crawling() -> str | None:
        try:
            states = site_states(pg_url)
        except (KeyError, sa.exc.SQLAlchemyError):
            return None  # the run is not recorded yet
        return next((s for s, (st, pages, _a) in states.items() if st == "running" and pages), None)

    _wait_for("a site being crawled", crawling)
    victim = crawling()
    busy = [w for w, keys in client.processing().items() if keys]
    assert busy, "no worker is running a task"
    os.kill(client.run(os.getpid)[busy[0]], signal.SIGKILL)
    _wait_for(
        "a site given to a worker again after its worker was killed",
        lambda: any(a >= 2 and st == "running" for st, _p, a in site_states(pg_url).values()),
    )
    first.kill()  # the whole run: its coordinator
    first.communicate()  # closes its pipes
    states = site_states(pg_url)
    assert {st for st, _p, _a in states.values()} != {"finished"}, "nothing left to finish"

    code, out = _finish(_scan(*args, "--run-id", "1", cwd=tmp_path))
    assert code == 0, out
    assert "6 av 6 nettsteder ferdige" in out
    states = site_states(pg_url)
    assert {st for st, _p, _a in states.values()} == {"finished"}
    assert max(a for _st, _p, a in states.values()) >= 2, victim
    assert stored_findings(pg_url) == reference
    # each site has one scan: the retried and restarted ones resumed it, none began another
    assert scans_per_site(pg_url) == {f"kommune-{n}": 1 for n in range(SITES)}
    for site in sites:
        assert not delay_broken(site, DELAY), (site.base_url, sorted(site.hits))
