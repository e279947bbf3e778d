"""``formlint scan CRAWL_CONFIG``: crawl a site, lint every page and document, keep the results.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 config error (before any request is
sent), 3 runtime failure that stopped the scan.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from formlint.cli.scale_options import scale_options
from formlint.errors import FormlintError

FAIL_ON = ("error", "warning", "suggestion", "info", "never")
_RANK = {"info": 1, "suggestion": 2, "warning": 3, "error": 4}

logger = logging.getLogger("formlint.crawl")


@dataclass
class ScanSummary:
    """What a scan produced, for the console summary and the exit code."""

    site: str
    run_id: int
    report_path: Path | None
    documents: list[dict[str, Any]]
    stats: dict[str, Any]
    finished: bool
    fatal: str | None
    store_kind: str
    by_severity: Counter[str] = field(default_factory=Counter)
    reports: list[Path] = field(default_factory=list)
    language: str = "nb"  # of the summary and the reports
    changes: dict[str, Any] | None = None  # since the site's previous scan (SQL store only)

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def worst_rank(self) -> int:
        return max((_RANK[s] for s, n in self.by_severity.items() if n), default=0)

    def fetched_ok(self) -> int:
        return sum(1 for d in self.documents if not d.get("crawl", {}).get("error"))


def _setup_logging(verbose: bool) -> None:
    root = logging.getLogger()
    if not any(getattr(h, "_formlint", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        handler._formlint = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    from formlint.sources.crawl.runner import quiet_third_party_logs

    quiet_third_party_logs()


def open_state(db: str | None, out_dir: Path) -> tuple[Any, str]:
    """The crawl state: the SQL store (``--db``/``FORMLINT_DB``/reports/formlint.db), or a
    JSON-lines journal in ``out_dir`` when :mod:`formlint.store` cannot be imported."""
    try:
        from formlint.store import Store, resolve_url
    except ImportError:
        from formlint.sources.crawl.memory_state import MemoryCrawlState

        journal = Path(db) if db else out_dir / "crawlstate.jsonl"
        journal.parent.mkdir(parents=True, exist_ok=True)
        return MemoryCrawlState(journal), "journal"
    return Store(resolve_url(db)), "sql"


def execute_scan(
    config_path: Path,
    *,
    base_url: str | None = None,
    db: str | None = None,
    out: Path | None = None,
    max_pages: int | None = None,
    resume: bool = True,
    chromium: str | None = None,
    quiet: bool = False,
    formats: list[str] | None = None,
    lang: str | None = None,
) -> ScanSummary:
    """Validate the config, crawl, write the report. Raises ConfigError before any request.

    ``lang`` (else the crawl config's ``report_language``) is the language of the findings'
    messages, the revision report and the summary."""
    from formlint.config.crawl import load_crawl_config
    from formlint.sources.crawl.progress import Progress
    from formlint.sources.crawl.runner import engine_linter, run_scan

    cfg = load_crawl_config(config_path, base_url=base_url)
    if lang is not None:
        cfg = cfg.model_copy(update={"report_language": lang})
    out_dir = out or Path("reports") / cfg.site
    out_dir.mkdir(parents=True, exist_ok=True)
    state, kind = open_state(db, out_dir)
    if kind == "sql":
        state.sync_exceptions(cfg.exceptions, origin=f"crawl:{cfg.site}")
        state.sync_owners(cfg.owners, origin=f"crawl:{cfg.site}")
    started = datetime.now(UTC)
    outcome = run_scan(
        cfg,
        state=state,
        make_linter=lambda: engine_linter(cfg),
        chromium=chromium,
        max_pages=max_pages,
        resume=resume,
        progress=Progress(lang=cfg.report_language, enabled=not quiet),
    )
    stats = outcome.stats.to_dict()
    if cfg.axe and stats["render_disabled_reason"]:
        stats["axe_not_run"] = f"axe-core was not run: {stats['render_disabled_reason']}"
    documents = _documents(state, outcome.run_id, cfg)
    by_sev: Counter[str] = Counter()
    for d in documents:
        for f in d.get("findings", []):
            if not f.get("suppression"):
                by_sev[f["severity"]] += 1
    report = None
    if outcome.finished or outcome.stats.pages:
        report = _write_report(
            out_dir, cfg, documents, stats, by_sev, started, kind, outcome.run_id
        )
    extra: list[Path] = []
    changes = None
    if kind == "sql" and outcome.finished:
        extra, changes = _revision_report(state, cfg, outcome.run_id, out_dir, formats or [])
    if hasattr(state, "close"):
        state.close()
    summary = ScanSummary(
        cfg.site,
        outcome.run_id,
        report,
        documents,
        stats,
        outcome.finished,
        outcome.fatal,
        kind,
        by_sev,
    )
    summary.reports = extra
    summary.language = cfg.report_language
    summary.changes = changes
    return summary


def _revision_report(
    store: Any, cfg: Any, run_id: int, out_dir: Path, formats: list[str]
) -> tuple[list[Path], dict[str, Any] | None]:
    """The plan owner's report (``formlint report``) for this run in ``formats``, and what
    changed since the site's previous scan; skipped with one line on failure."""
    try:
        from formlint.cli.report import write_outputs
        from formlint.config.load import find_config, load_sections
        from formlint.progress.model import build_report

        config_path = find_config()
        _store_cfg, progress_cfg, _exc = load_sections(config_path)
        if config_path is not None:
            store.sync_owners(progress_cfg.owners)
        model = build_report(store, run_id=run_id, config=progress_cfg, lang=cfg.report_language)
        written = write_outputs(
            model,
            out_dir,
            "formlint-report",
            formats,
            mode="report",
            cards_limit=progress_cfg.cards_limit,
        )
        return written, model["changes"]
    except FormlintError:
        raise
    except Exception as exc:  # the scan itself is stored; the report can be written later
        logger.warning(
            "revision report not written (%s: %s); run `formlint report --run %d`",
            type(exc).__name__,
            exc,
            run_id,
        )
        return [], None


def _documents(state: Any, run_id: int, cfg: Any) -> list[dict[str, Any]]:
    from formlint.sources.crawl.state import run_documents

    docs = run_documents(state, run_id)
    for d in docs:
        d["crawl"]["owner"] = cfg.owner_for(d["crawl"]["url"])
    return docs


def _write_report(
    out_dir: Path,
    cfg: Any,
    documents: list[dict[str, Any]],
    stats: dict[str, Any],
    by_sev: Counter[str],
    started: datetime,
    kind: str,
    run_id: int,
) -> Path:
    """findings.json in the shape of ``RunResult.to_dict()`` plus the crawl inventory."""
    from formlint import __version__
    from formlint.results import RUN_SCHEMA
    from formlint.util.atomic import write_text

    counts = {s: by_sev.get(s, 0) for s in ("info", "suggestion", "warning", "error")}
    data = {
        "schema": RUN_SCHEMA,
        "tool": {"name": "formlint", "version": __version__},
        "profile": cfg.profile,
        "started_at": started.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "site": cfg.site,
        "run_id": run_id,
        "summary": {
            "documents": len(documents),
            "forms": sum(len(d.get("forms", [])) for d in documents),
            "findings": sum(counts.values()),
            "suppressed": sum(
                1 for d in documents for f in d.get("findings", []) if f.get("suppression")
            ),
            "by_severity": counts,
            "errors": sum(len(d.get("errors", [])) for d in documents),
        },
        "scan": stats,
        "documents": sorted(documents, key=lambda d: d["crawl"]["url"]),
    }
    path = out_dir / "findings.json"
    write_text(path, json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n")
    return path


PROBLEMS_SHOWN = 20  # problem URLs the summary lists; findings.json has them all


def print_summary(s: ScanSummary, echo: Any = click.echo) -> None:
    """What the scan did, in its report language (the log lines above it stay English)."""
    from formlint.report.i18n import severity_count, strings

    L = strings(s.language)
    st = s.stats
    sev = ", ".join(
        severity_count(s.by_severity[k], k, s.language)
        for k in ("error", "warning", "suggestion", "info")
        if s.by_severity[k]
    )
    forms = sum(len(d.get("forms", [])) for d in s.documents)
    echo(
        L["scan_summary"].format(
            site=s.site,
            docs=len(s.documents),
            linted=st["linted"],
            reused=st["reused"],
            forms=forms,
            findings=s.findings,
            by=f" ({sev})" if sev else "",
            problems=len(st["problems"]),
        )
    )
    if st["rendered"]:
        echo(L["scan_rendered"].format(n=len(st["rendered"])))
        for r in st["rendered"]:
            echo(f"  {r['url']} ({r['reason']})")
    if st["not_rendered"]:
        why = st["render_disabled_reason"] or "rendering disabled"
        echo(L["scan_not_rendered"].format(why=why, n=len(st["not_rendered"])))
        for r in st["not_rendered"]:
            echo(f"  {r['url']} ({r['reason']})")
    elif st["render_disabled_reason"]:
        echo(L["scan_render_unneeded"].format(why=st["render_disabled_reason"]))
    if st.get("axe_not_run"):
        echo(L["scan_axe_not_run"].format(why=st["render_disabled_reason"]))
    if st["external_forms"]:
        echo(L["scan_external"].format(n=len(st["external_forms"])))
    skipped = [
        (st.get("skipped_max_pages", 0), "max_pages"),
        (st.get("skipped_max_depth", 0), "max_depth"),
    ]
    for n, cap in skipped:
        if n:
            echo(L["scan_capped"].format(n=n, cap=cap))
    if st.get("robots_disallowed"):
        echo(L["scan_robots_disallowed"].format(n=len(st["robots_disallowed"])))
    if st["problems"]:
        echo(L["scan_problems"].format(n=len(st["problems"])))
        for p in st["problems"][:PROBLEMS_SHOWN]:
            echo(f"  {p['url']}: {p['reason']}")
        if len(st["problems"]) > PROBLEMS_SHOWN:
            echo("  " + L["changes_more"].format(n=len(st["problems"]) - PROBLEMS_SHOWN))
    if s.changes is not None:
        from formlint.report.console import change_summary

        for line in change_summary(s.changes, s.language):
            echo(line)
    if s.finished and s.fetched_ok() == 0:
        echo(L["scan_nothing_read"])
    if not s.finished:
        echo(L["scan_stopped"].format(why=s.fatal or L["scan_interrupted"]))
    for p in s.reports:
        echo(L["scan_report"].format(path=p))
    if s.report_path:
        echo(L["scan_findings"].format(path=s.report_path))


def _formats(value: str) -> list[str]:
    from formlint.report.base import formats, reporter_class

    chosen = [
        v.strip().lower() for v in value.split(",") if v.strip() and v.strip().lower() != "none"
    ]
    for name in chosen:
        try:
            reporter_class(name, "progress")
        except KeyError:
            raise click.BadParameter(
                f"unknown format {name!r} (allowed: {', '.join(formats('progress'))}, none)",
                param_hint="--format",
            ) from None
    return chosen


def exit_code(s: ScanSummary, fail_on: str) -> int:
    if s.fatal or not s.finished:
        return 3
    if s.fetched_ok() == 0:  # nothing could be read (or nothing was met at all)
        return 3
    if fail_on != "never" and s.worst_rank() >= _RANK[fail_on]:
        return 1
    return 0


@click.command("scan")
@click.argument("crawl_configs", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--sites",
    "sites_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A YAML file listing crawl configs (sites: [a.yaml, b.yaml]) to scan in one run.",
)
@click.option(
    "--run-id",
    type=click.IntRange(min=1),
    default=None,
    help="Finish the multi-site run with this id: its finished sites are skipped, the rest resume.",
)
@click.option(
    "--db",
    envvar="FORMLINT_DB",
    default=None,
    help="Store URL or path (default reports/formlint.db; env FORMLINT_DB).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Report directory (default reports/<site>).",
)
@click.option(
    "--max-pages", type=click.IntRange(min=1), default=None, help="Override the config's max_pages."
)
@click.option(
    "--no-resume", is_flag=True, help="Start a new scan even if an unfinished one exists."
)
@click.option(
    "--chromium",
    default=None,
    metavar="PATH",
    help="Chromium executable for rendering (default: found on the system).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Exit 1 at findings of this severity or worse (default from the config).",
)
@click.option(
    "--base-url",
    default=None,
    help="Replaces {{BASE_URL}} in the crawl config (staging or local sites).",
)
@click.option(
    "--format",
    "formats",
    default="html,md,json",
    show_default=True,
    help="Revision report formats (html, md, json, csv, xlsx; 'none' for findings.json only).",
)
@click.option(
    "--lang",
    type=click.Choice(["nb", "nn", "en"]),
    default=None,
    help="Report language: messages, reports and summary (default: the crawl config's report_language, nb).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
@click.option("-v", "--verbose", is_flag=True, help="Debug log lines.")
@scale_options
def scan(
    crawl_configs: tuple[Path, ...],
    sites_file: Path | None,
    run_id: int | None,
    db: str | None,
    out: Path | None,
    max_pages: int | None,
    no_resume: bool,
    chromium: str | None,
    fail_on: str | None,
    base_url: str | None,
    formats: str,
    lang: str | None,
    quiet: bool,
    verbose: bool,
    workers: int | None,
    scheduler: str | None,
) -> None:
    """Crawl sites from their crawl configs and lint every form, page and document found.

    Many configs (or --sites FILE) are scanned in one run, each site by a process of its own,
    --workers at a time (or on the Dask cluster of --scheduler); see docs/scale.md.
    """
    from formlint.config.crawl import load_crawl_config

    _setup_logging(verbose)
    chosen = _formats(formats)
    if len(crawl_configs) != 1 or sites_file or run_id is not None or scheduler:
        from formlint.cli.scan_sites import main as scan_sites
        from formlint.scale.executors import cpu_count

        scan_sites(
            configs=crawl_configs,
            sites_file=sites_file,
            run_id=run_id,
            base_url=base_url,
            db=db,
            out=out,
            max_pages=max_pages,
            resume=not no_resume,
            chromium=chromium,
            fail_on=fail_on,
            formats=chosen,
            workers=workers or cpu_count(),
            scheduler=scheduler,
            quiet=quiet,
            lang=lang,
        )
    (crawl_config,) = crawl_configs
    if workers is not None and workers > 1:
        click.echo(
            "formlint: note: one site is crawled and linted by one process (its politeness "
            "delay, not the CPU, sets its pace); --workers shares out scans of many sites",
            err=True,
        )
    try:
        cfg = load_crawl_config(crawl_config, base_url=base_url)
        summary = execute_scan(
            crawl_config,
            base_url=base_url,
            db=db,
            out=out,
            max_pages=max_pages,
            resume=not no_resume,
            chromium=chromium,
            quiet=quiet,
            formats=chosen,
            lang=lang,
        )
    except FormlintError as exc:
        click.echo(f"formlint: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # a runtime failure is exit 3, never 1 (which means findings)
        logging.getLogger("formlint.crawl").debug("scan failed", exc_info=True)
        click.echo(f"formlint: error: scan failed: {type(exc).__name__}: {exc}", err=True)
        sys.exit(3)
    print_summary(summary)
    sys.exit(exit_code(summary, fail_on or cfg.fail_on))
