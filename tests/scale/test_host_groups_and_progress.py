"""Host groups (one crawler per host) and the figures of the multi-site progress display, in the
report language."""

from __future__ import annotations

import io
import logging

import pytest
from rich.console import Console

from formlint.scale.progress import SitesProgress, snapshot, table
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


def _run(*sites: SiteState) -> MultisiteRun:
    return MultisiteRun(id=1, state="running", started_at="", finished_at=None, sites=list(sites))


RUN = _run(
    _site("a", "finished", 100, findings=7, errors=1),
    _site("b", "running", 40, findings=2),
    _site("c", "queued", 0),
    _site("d", "stopped", 10),
)


def test_snapshot_counts_sites_and_estimates_from_finished_ones() -> None:
    run = RUN
    snap = snapshot(run, pages_at_start=50, elapsed=10.0)
    assert (snap.done, snap.running, snap.queued, snap.stopped) == (1, 1, 1, 1)
    assert (snap.pages, snap.findings, snap.errors) == (150, 9, 1)
    assert snap.pages_per_second == 10.0  # only pages since this process began watching
    assert (
        snap.eta_seconds == (60 + 100) / 10.0
    )  # b's and c's pages left, at a finished site's size
    assert "1 done, 1 running, 1 queued, 1 stopped; 150 pages (10.0/s)" in snap.line("en")
    assert "ETA ~16 s" in snap.line("en")
    no_finished = snapshot(_run(*run.sites[1:]), pages_at_start=0, elapsed=1.0)
    assert no_finished.eta_seconds is None and "ETA unknown" in no_finished.line("en")


LINES = {
    "nb": (
        "nettsteder: 1 ferdige, 1 kjører, 1 i kø, 1 stoppet; 150 sider (10.0/s), 9 funn, 1 feil, "
        "tid igjen: ~16 s",
        "nettsteder: 0 ferdige, 1 kjører, 1 i kø; 40 sider (40.0/s), 2 funn, 0 feil, "
        "tid igjen: ukjent",
        "skanner ",
        "  b: 40 sider, 2 funn, 0 feil",
    ),
    "nn": (
        "nettstader: 1 ferdige, 1 køyrer, 1 i kø, 1 stoppa; 150 sider (10.0/s), 9 funn, 1 feil, "
        "tid att: ~16 s",
        "nettstader: 0 ferdige, 1 køyrer, 1 i kø; 40 sider (40.0/s), 2 funn, 0 feil, "
        "tid att: ukjend",
        "skannar ",
        "  b: 40 sider, 2 funn, 0 feil",
    ),
    "en": (
        "sites: 1 done, 1 running, 1 queued, 1 stopped; 150 pages (10.0/s), 9 findings, "
        "1 errors, ETA ~16 s",
        "sites: 0 done, 1 running, 1 queued; 40 pages (40.0/s), 2 findings, 0 errors, ETA unknown",
        "scanning ",
        "  b: 40 pages, 2 findings, 0 errors",
    ),
}


@pytest.mark.parametrize("lang", sorted(LINES))
def test_the_progress_line_is_in_the_report_language(lang: str) -> None:
    with_eta, without_eta, _title, _site_line = LINES[lang]
    assert snapshot(RUN, pages_at_start=50, elapsed=10.0).line(lang) == with_eta
    unknown = snapshot(_run(*RUN.sites[1:3]), pages_at_start=0, elapsed=1.0)
    assert unknown.line(lang) == without_eta


@pytest.mark.parametrize("lang", sorted(LINES))
def test_the_live_table_is_in_the_report_language(lang: str) -> None:
    """The table a terminal shows: a title, the figures, then a line per running site."""
    with_eta, _without_eta, title, site_line = LINES[lang]
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(
        table(RUN, snapshot(RUN, pages_at_start=50, elapsed=10.0), lang)
    )
    assert out.getvalue().splitlines() == [title + with_eta, site_line]


def test_progress_off_a_terminal_is_a_log_line_at_most_every_interval(
    caplog: pytest.LogCaptureFixture,
) -> None:
    run = MultisiteRun(
        id=1, state="running", started_at="", finished_at=None, sites=[_site("a", "running", 3)]
    )
    progress = SitesProgress(lang="en", stream=io.StringIO(), tty=False, interval=3600)
    progress.start()
    with caplog.at_level(logging.INFO, logger="formlint.scale"):
        progress.update(run)
        progress.update(run)
    progress.stop()
    assert [r.getMessage() for r in caplog.records] == [
        "progress: sites: 0 done, 1 running, 0 queued; 3 pages (0.0/s), 0 findings, 0 errors, "
        "ETA unknown"
    ]


LOG_LINES = {
    "nb": "fremdrift: nettsteder: 0 ferdige, 1 kjører, 0 i kø; 3 sider (0.0/s), 0 funn, 0 feil, "
    "tid igjen: ukjent",
    "nn": "framdrift: nettstader: 0 ferdige, 1 køyrer, 0 i kø; 3 sider (0.0/s), 0 funn, 0 feil, "
    "tid att: ukjend",
}


@pytest.mark.parametrize("lang", sorted(LOG_LINES))
def test_the_log_line_is_in_the_report_language(
    caplog: pytest.LogCaptureFixture, lang: str
) -> None:
    progress = SitesProgress(lang=lang, stream=io.StringIO(), tty=False, interval=3600)
    progress.start()
    with caplog.at_level(logging.INFO, logger="formlint.scale"):
        progress.update(_run(_site("a", "running", 3)))
    progress.stop()
    assert [r.getMessage() for r in caplog.records] == [LOG_LINES[lang]]
