"""Benchmark the store and reports: a 100,000-page scan with ~20,000 findings.

    python benchmarks/store.py [--pages 100000] [--findings 20000] [--pg URL] [--no-pg]

Writes the scan into SQLite and PostgreSQL (``--pg``, else ``FORMLINT_TEST_PG_URL``, else a
throwaway cluster when server binaries exist), then renders the HTML report and the progress
dashboard, each in a fresh process so its peak RSS is its own. Targets: >= 5,000 findings/s
written; report and dashboard < 10 s and < 500 MB peak RSS each; HTML < 5 MB.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path


def _write(url: str, pages: int, findings: int) -> dict[str, float]:
    from formlint.store import Store
    from formlint.store.samples import synthetic_scan

    results = {}
    store = Store(url)
    try:
        for n in (1, 2):
            # Two scans so the dashboard has a trend; the second has 10 % fewer findings.
            run, crawled = synthetic_scan(
                pages,
                findings - n * findings // 10 + findings // 10,
                seed=n,
                started=datetime(2026, n * 3, 1, 8, tzinfo=UTC),
            )
            t0 = time.perf_counter()
            store.record_run(run, site="bench", pages=crawled)
            dt = time.perf_counter() - t0
            nf = sum(len(d.findings) for d in run.documents)
            results[f"scan{n}_seconds"] = dt
            results[f"scan{n}_findings_per_s"] = nf / dt
            results[f"scan{n}_pages_per_s"] = pages / dt
            # The findings rows alone (encoded and written; documents, forms and links are timed in the total).
            results[f"scan{n}_findings_insert_per_s"] = store.last_write["findings"] / max(
                store.last_write["findings_seconds"], 1e-9
            )
    finally:
        store.close()
    return results


def _render(url: str, mode: str, out: str) -> dict[str, float]:
    from datetime import date

    from formlint.progress.model import build_report
    from formlint.report.html import render_html
    from formlint.store import Store

    t0 = time.perf_counter()
    store = Store(url)
    try:
        model = build_report(store, site="bench", today=date(2026, 9, 1))
    finally:
        store.close()
    html = render_html(model, mode=mode)
    Path(out).write_text(html, encoding="utf-8")
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "seconds": dt,
        "peak_rss_mb": rss,
        "html_mb": len(html.encode()) / 1e6,
        "forms": len(model["worklist"]),
    }


def _child(*args: str) -> dict[str, float]:
    res = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


@contextlib.contextmanager
def _throwaway_pg() -> Iterator[str | None]:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        yield None
        return
    bindir = Path(bins[-1]).parent
    base = Path(tempfile.mkdtemp(prefix="formlint-bench-pg-"))
    sock = base / "sock"
    sock.mkdir()
    wrap: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        wrap = ["runuser", "-u", "postgres", "--"]
    try:
        subprocess.run(
            [
                *wrap,
                str(bindir / "initdb"),
                "-D",
                str(base / "data"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *wrap,
                str(bindir / "pg_ctl"),
                "-D",
                str(base / "data"),
                "-o",
                f"-k {sock} -c listen_addresses='' -c fsync=off",
                "-l",
                str(base / "log"),
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://postgres@/postgres?host={sock}"
    finally:
        subprocess.run(
            [*wrap, str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "fast", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


def _bench(name: str, url: str, args: argparse.Namespace, out_dir: Path) -> None:
    w = _child("write", url, str(args.pages), str(args.findings))
    for n in (1, 2):
        print(
            f"[{name}] write scan {n}: {w[f'scan{n}_seconds']:.1f} s for {args.pages:,} pages = {w[f'scan{n}_pages_per_s']:,.0f} pages/s, "
            f"{w[f'scan{n}_findings_per_s']:,.0f} findings/s overall; findings rows alone (encoded and written) {w[f'scan{n}_findings_insert_per_s']:,.0f}/s"
        )
    for mode in ("report", "progress"):
        r = _child("render", url, mode, str(out_dir / f"{name}-{mode}.html"))
        ok = r["seconds"] < 10 and r["peak_rss_mb"] < 500 and r["html_mb"] < 5
        print(
            f"[{name}] {mode}: {r['seconds']:.1f} s, peak RSS {r['peak_rss_mb']:.0f} MB, HTML {r['html_mb']:.2f} MB, {r['forms']:.0f} forms {'OK' if ok else 'OVER TARGET'}"
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "write":
        print(json.dumps(_write(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "render":
        print(json.dumps(_render(sys.argv[2], sys.argv[3], sys.argv[4])))
        return
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--findings", type=int, default=20_000)
    ap.add_argument("--pg", help="PostgreSQL URL (its tables are dropped and recreated)")
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()
    out_dir = Path(tempfile.mkdtemp(prefix="formlint-bench-"))
    print(f"{args.pages:,} pages, {args.findings:,} findings; outputs in {out_dir}")
    _bench("sqlite", f"sqlite:///{out_dir / 'bench.db'}", args, out_dir)
    if args.no_pg:
        return
    pg = args.pg or os.environ.get("FORMLINT_TEST_PG_URL")
    if pg:
        _reset_pg(pg)
        _bench("postgresql", pg, args, out_dir)
        return
    with _throwaway_pg() as url:
        if url is None:
            print("[postgresql] skipped: no --pg, no FORMLINT_TEST_PG_URL, no server binaries")
            return
        _bench("postgresql", url, args, out_dir)


def _reset_pg(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        from formlint.store import tables as t

        # Every table of the schema, plus those of older revisions ("links" before 0004).
        names = [tb.name for tb in reversed(t.metadata.sorted_tables)]
        for name in (*names, "links", "alembic_version"):
            conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    engine.dispose()


if __name__ == "__main__":
    main()
