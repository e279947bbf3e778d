"""``formlint demo``: serve the bundled demo municipality on loopback, scan it, write the report.

No internet needed: the site is served from ``formlint/demo/site`` on a free 127.0.0.1 port and
the crawl is confined to that address (external iframes are listed, never fetched).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from formlint.errors import FormlintError

DEMO_DIR = Path(__file__).resolve().parents[1] / "demo"


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
    help="Report directory.",
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
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def demo(out: Path, chromium: str | None, config_path: Path | None, quiet: bool) -> None:
    """Scan the bundled demo municipality and write the report to reports/demo/."""
    from formlint.cli.scan import _setup_logging, execute_scan, exit_code, print_summary
    from formlint.demo.server import StaticSiteServer

    _setup_logging(False)
    try:
        cfg_path = config_path or demo_config_path()
        out.mkdir(parents=True, exist_ok=True)
        # A fresh state per demo run: the port changes every time, so nothing could be reused.
        db = out / "demo.db"
        for stale in (db, out / "crawlstate.jsonl", out / "demo.db-wal", out / "demo.db-shm"):
            stale.unlink(missing_ok=True)
        with StaticSiteServer(DEMO_DIR / "site") as server:
            click.echo(f"serving the demo municipality at {server.base_url}", err=True)
            summary = execute_scan(
                cfg_path,
                base_url=server.base_url,
                db=str(db) if _has_store() else str(out / "crawlstate.jsonl"),
                out=out,
                resume=False,
                chromium=chromium,
                quiet=quiet,
                formats=["html", "md", "json"],
            )
    except FormlintError as exc:
        click.echo(f"formlint: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # a runtime failure is exit 3, never 1 (which means findings)
        logging.getLogger("formlint.crawl").debug("scan failed", exc_info=True)
        click.echo(f"formlint: error: scan failed: {type(exc).__name__}: {exc}", err=True)
        sys.exit(3)
    print_summary(summary)
    code = exit_code(summary, "never")
    sys.exit(code)


def _has_store() -> bool:
    try:
        from formlint.store import Store  # noqa: F401
    except ImportError:
        return False
    return True
