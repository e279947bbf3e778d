"""Host groups (one crawler per host) and the figures of the multi-site progress display."""

from __future__ import annotations

import io
import logging

import pytest

from formlint.scale.progress import SitesProgress, snapshot
from formlint.scale.sites import SiteJob, host_groups
from formlint.store.multisite import MultisiteRun, SiteState


def _job(site: str, *hosts: str) -> SiteJob:
    return SiteJob(site=site, hosts=hosts, module="m", spec={})


def test_sites_sharing_a_host_are_one_group_in_their_first_order() -> None:
    jobs = [
        _job("a", "www.a.no"),
        _job("b", "www.b.no"),
        _job("a-skjema", "skjema.a.no", "WWW.A.NO"),
        _job("c", "www.c.no", "skjema.a.no"),  # joins a's group through a-skjema
        _job("d", "www.d.no"),
    ]
    groups = [[j.site for j in g] for g in host_groups(jobs)]
    assert groups == [["a", "a-skjema", "c"], ["b"], ["d"]]


def _site(name: str, state: str, pages: int, findings: int = 0, errors: int = 0) -> SiteState:
    return SiteState(
        site=name, position=0, config_path="x", config_hash="h", state=state, attempts=1,
        run_id=None, summary=None, pages=pages, findings=findings, errors=errors,
    )  # fmt: skip


def test_snapshot_counts_sites_and_estimates_from_finished_ones() -> None:
    run = MultisiteRun(
        id=1,
        state="running",
        started_at="",
        finished_at=None,
        sites=[
            _site("a", "finished", 100, findings=7, errors=1),
            _site("b", "running", 40, findings=2),
            _site("c", "queued", 0),
            _site("d", "stopped", 10),
        ],
    )
    snap = snapshot(run, pages_at_start=50, elapsed=10.0)
    assert (snap.done, snap.running, snap.queued, snap.stopped) == (1, 1, 1, 1)
    assert (snap.pages, snap.findings, snap.errors) == (150, 9, 1)
    assert snap.pages_per_second == 10.0  # only pages since this process began watching
    assert (
        snap.eta_seconds == (60 + 100) / 10.0
    )  # b's and c's pages left, at a finished site's size
    assert "1 done, 1 running, 1 queued, 1 stopped; 150 pages (10.0/s)" in snap.line()
    assert "ETA ~16 s" in snap.line()
    no_finished = snapshot(
        MultisiteRun(id=1, state="running", started_at="", finished_at=None, sites=run.sites[1:]),
        pages_at_start=0,
        elapsed=1.0,
    )
    assert no_finished.eta_seconds is None and "ETA unknown" in no_finished.line()


def test_progress_off_a_terminal_is_a_log_line_at_most_every_interval(
    caplog: pytest.LogCaptureFixture,
) -> None:
    run = MultisiteRun(
        id=1, state="running", started_at="", finished_at=None, sites=[_site("a", "running", 3)]
    )
    progress = SitesProgress(stream=io.StringIO(), tty=False, interval=3600)
    progress.start()
    with caplog.at_level(logging.INFO, logger="formlint.scale"):
        progress.update(run)
        progress.update(run)
    progress.stop()
    assert [r.getMessage() for r in caplog.records] == [
        "progress: sites: 0 done, 1 running, 0 queued; 3 pages (0.0/s), 0 findings, 0 errors, "
        "ETA unknown"
    ]
