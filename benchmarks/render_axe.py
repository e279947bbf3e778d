"""Rendered pages per second with and without axe-core (``axe: true`` in a crawl config).

axe-core runs only on pages the crawler renders anyway, so its cost is what it adds to a
rendered page. The demo municipality (``formlint/demo/site``) is served on loopback and scanned
with ``render: always`` (every HTML page through Chromium), documents off, once without axe and
once with it, ``--rounds`` times in turn; each line gives the pages rendered, the scan's wall time
(the whole ``formlint scan`` process: start, browser, crawl, lint, store) and rendered pages/s.

Run: ``.venv/bin/python benchmarks/render_axe.py [--rounds 3]`` (needs system Chromium).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout, not whichever formlint the venv has installed

from formlint.demo.server import StaticSiteServer  # noqa: E402
from formlint.sources.crawl.render import find_chromium  # noqa: E402

CONFIG = """site: bench-render
start_urls: ['{{{{BASE_URL}}}}/index.html']
sitemaps: ['{{{{BASE_URL}}}}/sitemap.xml']
max_pages: 500
delay: 0
autothrottle: {{enabled: false}}
concurrency_per_host: 4
user_agent: "formlint/0.1 (benchmark; +mailto:formlint@example.invalid)"
render: always
documents: []
fail_on: never
axe: {axe}
limits: {{render_timeout: 30}}
"""


def scan(work: Path, base_url: str, axe: bool) -> tuple[int, float, int]:
    """One scan: pages rendered, wall seconds, what axe-core found (its own findings and those
    joined to a static one)."""
    cfg = work / f"axe-{axe}.yaml"
    cfg.write_text(CONFIG.format(axe=str(axe).lower()), encoding="utf-8")
    out = work / f"out-{axe}"
    db = work / f"axe-{axe}.db"
    db.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "formlint", "scan", str(cfg), "--base-url", base_url,
           "--db", str(db), "--out", str(out), "--format", "none", "-q"]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=work, capture_output=True)
    wall = time.perf_counter() - start
    run = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    # a scan's findings.json is read back from the store, which keeps a joined finding's
    # message ("… · axe/label]"), not its also_found_by
    axe_findings = sum(
        1 for d in run["documents"] for f in d["findings"] if "axe/" in f["rule"] + f["message"]
    )
    return len(run["scan"]["rendered"]), wall, axe_findings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if not find_chromium().available:
        raise SystemExit("no system Chromium: nothing to measure")
    rates: dict[bool, list[float]] = {False: [], True: []}
    with (
        tempfile.TemporaryDirectory() as tmp,
        StaticSiteServer(ROOT / "formlint/demo/site") as server,
    ):
        for _ in range(args.rounds):
            for axe in (False, True):
                rendered, wall, found = scan(Path(tmp), server.base_url, axe)
                rates[axe].append(rendered / wall)
                print(
                    f"axe {'on ' if axe else 'off'}: {rendered} pages rendered in {wall:.1f} s = "
                    f"{rendered / wall:.2f} pages/s ({found} axe-core finding(s), own or joined)"
                )
    off, on = statistics.median(rates[False]), statistics.median(rates[True])
    print(f"median rendered pages/s: without axe {off:.2f}, with axe {on:.2f} ({on / off:.2f}x)")


if __name__ == "__main__":
    main()
