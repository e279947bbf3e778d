"""``formlint report``, ``progress`` and ``reach import``: the plan owner's reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from formlint.cli.plan_store import config_option, db_option, open_plan_store
from formlint.errors import UsageError
from formlint.report.i18n import REPORT_LANGUAGES, percent, strings

_common = [
    db_option,
    config_option,
    click.option("--site", help="Site name (default: the site of the latest scan)."),
    click.option(
        "--format",
        "formats",
        default="html",
        show_default=True,
        help="Comma-separated: html, md, csv, xlsx, json.",
    ),
    click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("reports"),
        show_default=True,
        help="Output directory.",
    ),
    click.option(
        "--lang",
        type=click.Choice(REPORT_LANGUAGES),
        default="nb",
        show_default=True,
        help="Report language: Bokmål, Nynorsk or English.",
    ),
    click.option(
        "--csv-delimiter",
        type=click.Choice([";", ",", "tab"]),
        default=";",
        show_default=True,
        help="Between CSV cells: ';' with decimal commas opens in a Norwegian spreadsheet.",
    ),
    click.option(
        "--today",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Date exceptions expire against (default: today).",
    ),
]


def _options(f: Any) -> Any:
    for opt in reversed(_common):
        f = opt(f)
    return f


def _formats(value: str) -> list[str]:
    """The progress formats of ``--format`` (``markdown`` is ``md``), each checked in the registry."""
    from formlint.report.base import formats, reporter_class

    chosen = [v.strip().lower() for v in value.split(",") if v.strip()]
    chosen = ["md" if v == "markdown" else v for v in chosen]
    bad = []
    for name in chosen:
        try:
            reporter_class(name, "progress")
        except KeyError:
            bad.append(name)
    if bad or not chosen:
        raise UsageError(
            f"unknown format {', '.join(bad) or value!r} (allowed: {', '.join(formats('progress'))})"
        )
    return chosen


def write_outputs(
    model: dict[str, Any],
    out_dir: Path,
    stem: str,
    formats: list[str],
    *,
    mode: str,
    cards_limit: int = 200,
    csv_delimiter: str = ";",
) -> list[Path]:
    """Write the model in each format as ``out_dir/stem.*``; returns the files written."""
    from formlint.report.base import ReportContext, reporter_class

    out_dir.mkdir(parents=True, exist_ok=True)
    ctx = ReportContext(
        language=model["lang"],
        mode=mode,
        cards_limit=cards_limit,
        options={"csv_delimiter": csv_delimiter},
    )
    written: list[Path] = []
    for fmt in formats:
        written += reporter_class(fmt, "progress")(ctx).write_progress(model, out_dir, stem)
    return written


def build_model(
    store: Any, cfg: Any, *, run_id: int | None, site: str | None, lang: str, today: Any
) -> dict[str, Any]:
    from formlint.progress.model import build_report

    try:
        return build_report(
            store,
            run_id=run_id,
            site=site,
            config=cfg,
            lang=lang,
            today=today.date() if today else date.today(),
        )
    except (LookupError, KeyError) as exc:
        raise UsageError(str(exc).strip("'\"")) from None


@click.command("report")
@click.option("--run", "run_id", type=int, help="Run id (default: the latest finished scan).")
@_options
def report(
    run_id: int | None,
    db: str | None,
    config_path: Path | None,
    site: str | None,
    formats: str,
    out_dir: Path,
    lang: str,
    csv_delimiter: str,
    today: Any,
) -> None:
    """Write the revision report of a scan: work list, revision cards, changes."""
    chosen = _formats(formats)
    store, cfg = open_plan_store(db, config_path)
    try:
        model = build_model(store, cfg, run_id=run_id, site=site, lang=lang, today=today)
        for p in write_outputs(
            model,
            out_dir,
            "formlint-report",
            chosen,
            mode="report",
            cards_limit=cfg.cards_limit,
            csv_delimiter=csv_delimiter,
        ):
            click.echo(str(p))
    finally:
        store.close()


@click.command("progress")
@_options
def progress(
    db: str | None,
    config_path: Path | None,
    site: str | None,
    formats: str,
    out_dir: Path,
    lang: str,
    csv_delimiter: str,
    today: Any,
) -> None:
    """Write the A2 progress dashboard: KPI, trend to the deadline, status per form and unit."""
    chosen = _formats(formats)
    store, cfg = open_plan_store(db, config_path)
    try:
        model = build_model(store, cfg, run_id=None, site=site, lang=lang, today=today)
        for p in write_outputs(
            model,
            out_dir,
            "formlint-progress",
            chosen,
            mode="progress",
            cards_limit=cfg.cards_limit,
            csv_delimiter=csv_delimiter,
        ):
            click.echo(str(p))
        k = model["kpi"]
        click.echo(
            strings(lang)["kpi_line"].format(
                done=k["done"], total=k["prioritised"], pct=percent(k["share"], lang)
            )
        )
    finally:
        store.close()


@click.group("reach")
def reach() -> None:
    """Reach (page views) used to rank the work list."""


@reach.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--preset",
    type=click.Choice(["matomo", "siteimprove", "ga4", "ua", "generic"]),
    help="Column names of a known export (default: config).",
)
@click.option("--url-column", help="URL column name (overrides the preset).")
@click.option("--views-column", help="Page-views column name (overrides the preset).")
@click.option("--base-url", help="Prefix for exports that list paths only (GA4).")
@click.option("--db", envvar="FORMLINT_DB", help="Database URL or SQLite file.")
@click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
def reach_import(
    file: Path,
    preset: str | None,
    url_column: str | None,
    views_column: str | None,
    base_url: str | None,
    db: str | None,
    config_path: Path | None,
) -> None:
    """Import an analytics export (CSV with URL and page views); replaces the previous import."""
    from formlint.progress.analytics import read_reach_csv

    store, cfg = open_plan_store(db, config_path)
    try:
        rc = cfg.reach.model_copy(
            update={
                k: v
                for k, v in (
                    ("preset", preset),
                    ("url", url_column),
                    ("views", views_column),
                    ("base_url", base_url),
                )
                if v is not None
            }
        )
        rows = read_reach_csv(file, rc)
        n = store.import_reach(rows, source=file.name)
        click.echo(f"Imported page views for {n} URLs from {file.name}.")
    finally:
        store.close()
