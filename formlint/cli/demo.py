"""``formlint demo``: the whole story on the bundled demo municipality, offline.

The site is served from ``formlint/demo/site`` on a free 127.0.0.1 port and the crawl is confined
to that address (external iframes are listed, never fetched). It is scanned twice, as a
municipality would over a year: before, and after three of its forms were revised (the pages in
``formlint/demo/revised`` served over the site's), with a status note written between the scans.
The first scan is dated eight weeks back, so the dashboard has a trend to draw and a pace to
judge. What a web editor and a plan owner get comes out of it: the revision report of the second
scan, the progress dashboard with its trend, owner units and statuses, and the store to run
``formlint report``/``progress`` on.

Each scan runs in a child process (``formlint scan``): Scrapy's reactor starts once per process.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from formlint.errors import FormlintError
from formlint.report.i18n import REPORT_LANGUAGES

DEMO_DIR = Path(__file__).resolve().parents[1] / "demo"
BACKDATED = timedelta(weeks=8)  # how long before the second scan the first one is dated
# The status note written between the scans: a plan owner marks a form in progress.
NOTE_PAGE = "dokumenter/soknad-om-skoleskyss.pdf"
NOTE = {
    "nb": "Ny versjon er bestilt fra leverandøren",
    "nn": "Ny versjon er bestilt frå leverandøren",
    "en": "A new version has been ordered from the vendor",
}
NOTE_AUTHOR = "Skolekontoret"


def demo_config_path() -> Path:
    """``crawl_configs/demo.yaml`` from the working directory, the source checkout, or the copy
    an installed wheel carries (``formlint/_crawl_configs``)."""
    package = Path(__file__).resolve().parents[1]
    for p in (
        Path.cwd() / "crawl_configs" / "demo.yaml",
        package.parent / "crawl_configs" / "demo.yaml",
        package / "_crawl_configs" / "demo.yaml",
    ):
        if p.is_file():
            return p
    raise FormlintError("crawl_configs/demo.yaml not found (neither checkout nor installed copy)")


@click.command("demo")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports/demo"),
    show_default=True,
    help="Report directory (the store is DIR/demo.db).",
)
@click.option(
    "--chromium",
    default=None,
    metavar="PATH",
    help="Chromium executable (default: found on the system).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Crawl config (default crawl_configs/demo.yaml).",
)
@click.option(
    "--lang",
    type=click.Choice(REPORT_LANGUAGES),
    default="nb",
    show_default=True,
    help="Report language.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def demo(out: Path, chromium: str | None, config_path: Path | None, lang: str, quiet: bool) -> None:
    """Scan the demo municipality before and after some forms are revised; write the revision
    report and the progress dashboard to reports/demo/."""
    from formlint.demo.server import StaticSiteServer
    from formlint.report.i18n import strings

    s = strings(lang)
    try:
        cfg_path = config_path or demo_config_path()
        out.mkdir(parents=True, exist_ok=True)
        # A fresh store per demo: the port changes every time, so nothing could be reused.
        db = out / "demo.db"
        for stale in (db, out / "demo.db-wal", out / "demo.db-shm", out / "crawlstate.jsonl"):
            stale.unlink(missing_ok=True)
        scan = [
            sys.executable,
            "-m",
            "formlint",
            "scan",
            str(cfg_path),
            "--db",
            str(db),
            "--out",
            str(out),
            "--no-resume",
            "--lang",
            lang,
            "--fail-on",
            "never",
            *(["--chromium", chromium] if chromium else []),
            *(["-q"] if quiet else []),
        ]
        with StaticSiteServer(DEMO_DIR / "site") as server:
            click.echo(f"serving the demo municipality at {server.base_url}", err=True)
            scan += ["--base-url", server.base_url]
            click.echo(s["demo_before"])
            _run([*scan, "--format", "none"])
            _between_scans(db, f"{server.base_url}/{NOTE_PAGE}", lang)
            server.set_overlays([DEMO_DIR / "revised"])
            click.echo("\n" + s["demo_after"])
            _run([*scan, "--format", "html,md,json"])
        dashboard = _dashboard(db, out, lang)
    except FormlintError as exc:
        click.echo(f"formlint: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # a runtime failure is exit 3, never 1 (which means findings)
        click.echo(f"formlint: error: demo failed: {type(exc).__name__}: {exc}", err=True)
        sys.exit(3)
    click.echo("\n" + s["demo_done"].format(weeks=BACKDATED.days // 7))
    click.echo(s["demo_report"].format(path=out / "formlint-report.html"))
    for p in dashboard:
        click.echo(s["demo_dashboard"].format(path=p))
    click.echo(s["demo_store"].format(db=db))


def _run(command: list[str]) -> None:
    """One ``formlint scan`` in a child process; its output goes straight to the terminal."""
    sys.stdout.flush()
    code = subprocess.run(command, check=False).returncode
    if code != 0:
        sys.exit(code)


def _between_scans(db: Path, note_url: str, lang: str) -> None:
    """Date the first scan back and write the plan owner's status note."""
    from formlint.store import Store

    store = Store(str(db))
    try:
        (first,) = store.runs("demo")
        store.shift_run_times(first.id, -BACKDATED)
        form_id = store.find_form(note_url)
        if form_id is None:
            raise FormlintError(f"demo: no form at {note_url} after the first scan")
        store.set_status(form_id, in_progress=True, note=NOTE[lang], author=NOTE_AUTHOR)
    finally:
        store.close()


def _dashboard(db: Path, out: Path, lang: str) -> list[Path]:
    """The progress dashboard (HTML) and the workbook for the yearly report (XLSX)."""
    from formlint.cli.report import write_outputs
    from formlint.progress.model import build_report
    from formlint.store import Store

    store = Store(str(db))
    try:
        model = build_report(store, site="demo", lang=lang, today=datetime.now(UTC).date())
    finally:
        store.close()
    return write_outputs(model, out, "formlint-progress", ["html", "xlsx"], mode="progress")
