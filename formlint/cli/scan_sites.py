"""``formlint scan`` of many sites: one run, one store, one summary, each site's reports apart.

Every crawl config is validated before any request (exit 2). The run is recorded in the store as
a multi-site run; each site is crawled by a process of its own on a worker (``--workers`` on this
machine, or the Dask cluster of ``--scheduler``), which records its pages, findings and end in
the store. Started again with ``--run-id``, the run skips the sites it finished and resumes the
rest. Exit codes: 3 when a site did not finish, else 1 when a site has findings at or above its
``fail_on``, else 0.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from formlint.errors import UsageError

SITE_PROCESS = "formlint.cli.site_scan"
SITE_PRELOAD = "formlint.cli.site_preload"  # what the fork server loads once (scale/sites.py)
_SEVERITIES = ("error", "warning", "suggestion", "info")


def _config_paths(
    configs: Sequence[Path], sites_file: Path | None, stored: Sequence[str]
) -> list[Path]:
    from formlint.config.sites import load_sites_file

    paths = [p.resolve() for p in configs]
    if sites_file is not None:
        paths += load_sites_file(sites_file)
    if not paths:
        paths = [Path(p) for p in stored]
    unique: list[Path] = []
    for p in paths:
        if p not in unique:
            unique.append(p)
    return unique


def _store_url(db: str | None, scheduler: str | None) -> str:
    from formlint.store import resolve_url

    url = resolve_url(db)
    if scheduler and not url.startswith("postgresql"):
        raise UsageError(
            "a cluster run (--scheduler) keeps its state in PostgreSQL, which every machine "
            f"reaches: give --db postgresql+psycopg://USER@HOST/DB (not {url.split(':', 1)[0]}, "
            "a file on one machine)"
        )
    return url


def scan_sites(
    *,
    configs: Sequence[Path],
    sites_file: Path | None,
    run_id: int | None,
    base_url: str | None,
    db: str | None,
    out: Path | None,
    max_pages: int | None,
    resume: bool,
    chromium: str | None,
    fail_on: str | None,
    formats: list[str],
    workers: int,
    scheduler: str | None,
    quiet: bool,
    lang: str | None = None,
) -> int:
    """The whole multi-site scan; returns the exit code. Config errors raise before any request."""
    from formlint.config.crawl import CrawlConfig, load_crawl_config
    from formlint.report.i18n import strings
    from formlint.scale.multisite import run_jobs
    from formlint.scale.progress import SitesProgress
    from formlint.scale.sites import SiteJob, host_groups
    from formlint.store import Store
    from formlint.store.multisite import FINISHED, MultisiteRuns, PlannedSite

    url = _store_url(db, scheduler)
    store = Store(url)  # the schema is brought up to date here, once, before any site starts
    runs = MultisiteRuns(store.engine)
    try:
        if run_id is not None and not runs.exists(run_id):
            raise UsageError(f"--run-id {run_id}: no multi-site run with that id in {url}")
        stored = [s.config_path for s in runs.get(run_id, counts=False).sites] if run_id else []
        paths = _config_paths(configs, sites_file, stored)
        if not paths:
            raise UsageError("nothing to scan: give crawl configs, --sites FILE or --run-id ID")
        loaded: list[tuple[Path, CrawlConfig]] = []
        where: dict[str, Path] = {}
        for path in paths:
            cfg = load_crawl_config(path, base_url=base_url)
            if cfg.site in where:
                raise UsageError(
                    f"site {cfg.site!r} is named by two crawl configs: {where[cfg.site]} and {path}"
                )
            where[cfg.site] = path
            loaded.append((path, cfg))
        # the summary's language: --lang, else the first crawl config's report language
        language = lang or loaded[0][1].report_language
        planned = [PlannedSite(cfg.site, str(p), cfg.config_hash()) for p, cfg in loaded]
        if run_id is None:
            run_id = runs.create(planned)
        else:
            runs.extend(run_id, planned)
        root = (out or Path("reports")).resolve()
        jobs = [
            SiteJob(
                site=cfg.site,
                hosts=tuple(cfg.allowed_domains),
                module=SITE_PROCESS,
                preload=(SITE_PRELOAD,),
                spec={
                    "multisite_run": run_id,
                    "site": cfg.site,
                    "config": str(path),
                    "base_url": base_url,
                    "db": url,
                    "out": str(root / cfg.site),
                    "max_pages": max_pages,
                    "resume": resume,
                    "chromium": chromium,
                    "fail_on": fail_on,
                    "formats": formats,
                    "lang": lang,  # the report language, else each crawl config's own
                },
            )
            for path, cfg in loaded
        ]
        # Sites this run finished are not handed out again (their process would only skip them).
        finished = {
            s.site: s.summary
            for s in runs.get(run_id, counts=False).sites
            if s.state == FINISHED and s.summary is not None
        }
        todo = [job for job in jobs if job.site not in finished]
        renders = {cfg.site for _p, cfg in loaded if cfg.render != "never"}
        where_to = f"the Dask cluster at {scheduler}" if scheduler else f"{workers} worker(s)"
        click.echo(
            f"formlint scan: multi-site run {run_id}, {len(jobs)} sites in "
            f"{len(host_groups(jobs))} host groups on {where_to}; if it stops, run the same "
            f"command with --run-id {run_id} to finish it",
            err=True,
        )
        progress = SitesProgress(lang=language, enabled=not quiet)
        progress.start()
        try:
            outcomes = run_jobs(
                todo,
                workers=workers,
                scheduler=scheduler,
                needs_browser=lambda job: job.site in renders,
                on_poll=lambda: progress.update(runs.get(run_id)),
            )
        finally:
            progress.stop()
        runs.end(run_id)
        final = runs.get(run_id)
    finally:
        store.close()
    by_site = {o.site: o for o in outcomes}
    summaries: list[dict[str, Any]] = []
    for job in jobs:
        o = by_site.get(job.site)
        if o is None:
            summaries.append({**(finished[job.site] or {}), "skipped": True})
        else:
            summaries.append(
                {**(o.summary or _failed(o.site, o.exit_code, o.log_tail)), "log": o.log}
            )
    _write_summary(root / f"multisite-{run_id}.json", run_id, final.state, summaries)
    rate = progress.last.pages_per_second if progress.last else 0.0
    print_sites_summary(run_id, summaries, rate, language)
    click.echo(strings(language)["ms_summary_file"].format(path=root / f"multisite-{run_id}.json"))
    return sites_exit_code(summaries)


def _failed(site: str, code: int, reason: str) -> dict[str, Any]:
    return {
        "site": site,
        "finished": False,
        "fatal": reason.strip().splitlines()[-1] if reason.strip() else f"exit code {code}",
        "exit_code": 3 if code in (0, 1) else code,
    }


def _write_summary(path: Path, run_id: int, state: str, sites: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"multisite_run": run_id, "state": state, "sites": sites}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def site_line(s: dict[str, Any], lang: str = "en") -> str:
    """One site's line in the summary, in the report language."""
    from formlint.report.i18n import severity_count, strings

    L = strings(lang)
    unfinished = L["ms_not_finished"].format(why=s.get("fatal") or L["ms_stopped"])
    if not s.get("documents") and not s.get("finished"):
        return f"  {s['site']}: {unfinished}"
    sev = Counter(s.get("by_severity") or {})
    counts = ", ".join(severity_count(sev[k], k, lang) for k in _SEVERITIES if sev[k])
    line = L["ms_site"].format(
        site=s["site"],
        docs=s["documents"],
        linted=s["linted"],
        reused=s["reused"],
        forms=s["forms"],
        findings=s["findings"],
        by=f" ({counts})" if counts else "",
        problems=s["problems"],
    )
    if s.get("skipped"):
        line += L["ms_skipped"]
    if not s.get("finished"):
        line += f"; {unfinished}"
    return line


def print_sites_summary(
    run_id: int, sites: list[dict[str, Any]], rate: float, lang: str = "en"
) -> None:
    from formlint.report.i18n import strings

    L = strings(lang)
    done = [s for s in sites if s.get("finished")]
    click.echo(
        L["ms_head"].format(
            run=run_id,
            done=len(done),
            total=len(sites),
            docs=sum(int(s.get("documents", 0)) for s in sites),
            findings=sum(int(s.get("findings", 0)) for s in sites),
            rate=L["ms_rate"].format(rate=f"{rate:.1f}") if rate else "",
        )
    )
    for s in sites:
        click.echo(site_line(s, lang))
    if len(done) < len(sites):
        click.echo(L["ms_unfinished"].format(n=len(sites) - len(done), run=run_id))


def sites_exit_code(sites: list[dict[str, Any]]) -> int:
    if any(not s.get("finished") for s in sites):
        return 3
    return 1 if any(s.get("exit_code") == 1 for s in sites) else 0


def main(**kwargs: Any) -> None:
    """Run :func:`scan_sites` and exit with its code (errors as one line, like ``scan``)."""
    from formlint.errors import FormlintError

    try:
        code = scan_sites(**kwargs)
    except FormlintError as exc:
        click.echo(f"formlint: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code)
