"""The process that crawls one site of a multi-site scan: ``python -m formlint.cli.site_scan SPEC``.

Started by a worker (:func:`formlint.scale.sites.run_site`) with a JSON spec: it holds the locks
of the site's hosts, skips a site its multi-site run already finished, scans it as ``formlint
scan`` does (same store, same reports), records how it ended in the multi-site run, writes its
summary for the worker, and exits with ``formlint scan``'s exit code. It ends at once if the
worker that started it is gone.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from formlint.errors import FormlintError

logger = logging.getLogger("formlint.crawl")


def site_summary(summary: Any, fail_on: str) -> dict[str, Any]:
    """A scan's summary as plain data (what the coordinator prints and the store keeps)."""
    from formlint.cli.scan import exit_code

    st = summary.stats
    return {
        "site": summary.site,
        "run_id": summary.run_id,
        "finished": summary.finished,
        "fatal": summary.fatal,
        "exit_code": exit_code(summary, fail_on),
        "documents": len(summary.documents),
        "fetched_ok": summary.fetched_ok(),
        "linted": st["linted"],
        "reused": st["reused"],
        "forms": sum(len(d.get("forms", [])) for d in summary.documents),
        "findings": summary.findings,
        "by_severity": dict(summary.by_severity),
        "problems": len(st["problems"]),
        "rendered": len(st["rendered"]),
        "seconds": st["seconds"],
        "findings_path": str(summary.report_path) if summary.report_path else None,
        "reports": [str(p) for p in summary.reports],
    }


def run(spec: dict[str, Any]) -> int:
    from formlint.cli.scan import _setup_logging, execute_scan
    from formlint.config.crawl import load_crawl_config
    from formlint.store import Store
    from formlint.store.multisite import FINISHED, MultisiteRuns, host_locks

    _setup_logging(False)
    run_id, site = int(spec["multisite_run"]), str(spec["site"])
    config_path = Path(spec["config"])
    cfg = load_crawl_config(config_path, base_url=spec.get("base_url"))
    fail_on = spec.get("fail_on") or cfg.fail_on
    store = Store(spec["db"], migrate=False)
    runs = MultisiteRuns(store.engine)
    try:
        with host_locks(store.engine, cfg.allowed_domains):
            row = runs.site(run_id, site)
            if row is not None and row.state == FINISHED and row.summary is not None:
                logger.info(
                    "%s: finished in multi-site run %d already; not scanned again", site, run_id
                )
                data = {**row.summary, "skipped": True}
            else:
                runs.start_site(run_id, site)
                try:
                    summary = execute_scan(
                        config_path,
                        base_url=spec.get("base_url"),
                        db=spec["db"],
                        out=Path(spec["out"]),
                        max_pages=spec.get("max_pages"),
                        resume=bool(spec.get("resume", True)),
                        chromium=spec.get("chromium"),
                        quiet=True,
                        formats=list(spec.get("formats") or []),
                        lang=spec.get("lang"),
                    )
                except Exception as exc:
                    runs.stop_site(run_id, site, f"{type(exc).__name__}: {exc}")
                    raise
                data = site_summary(summary, fail_on)
                runs.end_site(
                    run_id, site, scan_run=summary.run_id, finished=summary.finished, summary=data
                )
    finally:
        store.close()
    Path(spec["summary"]).write_text(json.dumps(data), encoding="utf-8")
    return int(data["exit_code"])


def main(argv: list[str] | None = None) -> int:
    from formlint.scale.sites import watch_parent

    spec = json.loads((argv if argv is not None else sys.argv[1:])[0])
    watch_parent(spec.get("parent"))
    try:
        return run(spec)
    except FormlintError as exc:
        print(f"formlint: error: {spec.get('site')}: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # a runtime failure is exit 3, and the site is resumed next time
        logger.debug("site scan failed", exc_info=True)
        print(
            f"formlint: error: {spec.get('site')}: scan failed: {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
