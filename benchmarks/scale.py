"""Scale-out benchmark: many loopback sites on 1 and 2 workers, a 500-file check, a national model.

    python benchmarks/scale.py [--sites 20] [--pages 300] [--files 500] [--keep DIR]

1. ``--sites`` generated municipal sites of ``--pages`` pages each (benchmarks/crawl.py's
   generator: a 120-link menu on every page, ~5 % form pages, some documents), each served on its
   own loopback port, scanned in one multi-site run with ``--workers 1`` and ``--workers 2``
   (no politeness delay, so the run is bound by the CPU: the figure is the machine's, not the
   sites'); wall time of the whole run, as the command line sees it;
2. the lint stage of the same pages: reading, parsing and linting the sites' files with
   ``formlint.scale.lint.lint_run`` (what ``formlint lint --workers N`` runs) in a process that
   has its rules and language models loaded, as a worker of a long run has them: the stage's
   own scaling, without the process start, the one-off model loads and the report writing that
   a short command adds (those are measured too: ``formlint lint`` of the same files);
3. ``formlint check`` of the 500-file repository of benchmarks/ci_check.py, 1 and 2 workers,
   and its lint stage measured as in 2;
4. a national model from the measured costs: 356 sites x 10,000 pages a week.

Each figure but the whole run is taken ``--repeat`` times, 1 and 2 workers in turn; the speed-up
shown is the median of the pairs' (the machine's other work moves single runs by 10-20 %).

Targets (2 cores): lint stage >= 1.7x, whole run >= 1.5x, check >= 1.6x with 2 workers.
Loopback only; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from ci_check import generate as generate_repository  # noqa: E402
from crawl import generate as generate_site  # noqa: E402

from formlint.demo.server import StaticSiteServer  # noqa: E402

TARGET_LINT = 1.7
TARGET_RUN = 1.5
TARGET_CHECK = 1.6
# The national job (issue 19): municipalities, pages each, crawl rate per host, turnaround.
NATIONAL_SITES = 356
NATIONAL_PAGES = 10_000
REQUESTS_PER_SECOND_PER_HOST = 1.0
TURNAROUND_HOURS = 24.0


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds of a command and the peak RSS (KiB) of it or any process it waited for."""
    t0 = time.monotonic()
    with tempfile.TemporaryFile("w+") as err, subprocess.Popen(
        cmd, cwd=cwd, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL, stderr=err, text=True,
    ) as proc:  # fmt: skip
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - t0
        if proc.returncode not in (0, 1):
            err.seek(0)
            sys.stderr.write(err.read()[-4000:])
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, int(usage.ru_maxrss)


def lint_stage(inputs: Path, workers: int) -> float:
    """Wall seconds of reading, parsing and linting ``inputs`` on ``workers`` (run in this
    process, with the rules and language models loaded first, as a long-running worker has)."""
    from formlint.api import Linter, make_engine
    from formlint.config.load import load_config
    from formlint.nlp import analysis, langdetect
    from formlint.scale.lint import lint_run
    from formlint.sources.files import collect

    config = load_config(None, discover=False).config
    linter = Linter(make_engine(config), collect_links=False)
    analysis.load_models()
    langdetect.load_models()
    t0 = time.monotonic()
    run = lint_run(linter, config, collect([inputs]), workers=workers)
    wall = time.monotonic() - t0
    assert run.documents, f"nothing linted in {inputs}"
    return wall


def staged(inputs: Path, workers: int) -> float:
    """:func:`lint_stage` in a fresh process (no cache carried over from another run)."""
    out = subprocess.run(
        [sys.executable, __file__, "--stage-of", str(inputs), "--workers", str(workers)],
        env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(out.stdout.strip())


def paired(repeat: int, measure: Callable[[int], float]) -> tuple[float, float, float]:
    """``measure(1)`` and ``measure(2)`` (workers) taken in turn ``repeat`` times: the medians of
    each and of the pairs' speed-ups (the two runs of a pair see the same moment of a machine
    whose other work moves single runs by 10-20 %)."""
    ones: list[float] = []
    twos: list[float] = []
    for _ in range(repeat):
        ones.append(measure(1))
        twos.append(measure(2))
    ratios = [speedup(a, b) for a, b in zip(ones, twos, strict=True)]
    return statistics.median(ones), statistics.median(twos), statistics.median(ratios)


def command_seconds(cmd: list[str], cwd: Path) -> float:
    return timed(cmd, cwd)[0]


def site_config(path: Path, name: str, base_url: str, pages: int) -> Path:
    path.write_text(
        f"site: {name}\nstart_urls: ['{base_url}/']\ndelay: 0\nautothrottle: {{enabled: false}}\n"
        f"concurrency: 8\nconcurrency_per_host: 8\nmax_pages: {pages + 50}\nmax_depth: 100000\n"
        "render: never\nfail_on: never\n",
        encoding="utf-8",
    )
    return path


def speedup(one: float, two: float) -> float:
    return one / two if two else 0.0


def verdict(value: float, target: float) -> str:
    return "met" if value >= target else "**missed**"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--keep", type=Path, default=None, help="generate into this folder, keep it")
    ap.add_argument(
        "--repeat", type=int, default=5, help="pairs of runs per figure (medians shown)"
    )
    ap.add_argument("--stage-of", type=Path, help=argparse.SUPPRESS)  # one lint_stage, printed
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.stage_of:
        print(f"{lint_stage(args.stage_of, args.workers):.3f}")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="formlint-scale-bench-"))
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    formlint = [sys.executable, "-m", "formlint"]

    sites = work / "sites"
    counts = [generate_site(sites / f"kommune-{n}", args.pages, seed=n) for n in range(args.sites)]
    pages = sum(c["pages"] + c["documents"] for c in counts)
    print(f"{args.sites} sites, {pages} pages and documents -> {work}")

    with ExitStack() as stack:
        servers = [
            stack.enter_context(StaticSiteServer(sites / f"kommune-{n}")) for n in range(args.sites)
        ]
        configs = [
            site_config(work / f"kommune-{n}.yaml", f"kommune-{n}", s.base_url, args.pages)
            for n, s in enumerate(servers)
        ]
        run: dict[int, float] = {}
        for workers in (1, 2):
            db = work / f"scan-{workers}.db"
            wall, _peak = timed(
                [*formlint, "scan", *map(str, configs), "--workers", str(workers), "--db", str(db),
                 "--out", str(work / f"out-{workers}"), "--format", "none", "-q"],
                work,
            )  # fmt: skip
            summary = json.loads((work / f"out-{workers}" / "multisite-1.json").read_text())
            scanned = sum(int(s["documents"]) for s in summary["sites"])
            run[workers] = wall
            print(f"scan, {workers} worker(s): {wall:.1f} s, {scanned / wall:.0f} pages/s")
        # A site process's memory: one site scanned by `formlint scan` of its config alone, the
        # same work in a process the command waits for (a forked site process is the fork
        # server's child, out of this command's accounting).
        _wall, rss = timed(
            [*formlint, "scan", str(configs[0]), "--db", str(work / "one.db"),
             "--out", str(work / "out-one"), "--format", "none", "-q"],
            work,
        )  # fmt: skip

    stage1, stage2, s_stage = paired(args.repeat, lambda w: staged(work / "sites", w))
    for workers, secs in ((1, stage1), (2, stage2)):
        print(f"lint stage, {workers} worker(s): {secs:.2f} s, {pages / secs:.0f} pages/s")

    def lint_command(workers: int) -> float:
        return command_seconds(
            [*formlint, "lint", "--workers", str(workers), "--fail-on", "never",
             "--format", f"json:{work / f'lint-{workers}.json'}", "sites"],
            work,
        )  # fmt: skip

    lint1, lint2, s_lint = paired(args.repeat, lint_command)
    print(f"formlint lint command: {lint1:.2f} s on 1 worker, {lint2:.2f} s on 2")

    generate_repository(work / "repo", args.files)

    def check_command(workers: int) -> float:
        return command_seconds(
            [*formlint, "check", "--workers", str(workers), "--fail-on", "never",
             "--format", f"sarif:{work / f'check-{workers}.sarif'}", "repo"],
            work,
        )  # fmt: skip

    check1, check2, s_check = paired(args.repeat, check_command)
    cstage1, cstage2, s_check_stage = paired(args.repeat, lambda w: staged(work / "repo", w))
    print(
        f"check of {args.files} files: {check1:.2f} s on 1 worker, {check2:.2f} s on 2 "
        f"(its lint stage {cstage1:.2f} s and {cstage2:.2f} s)"
    )
    # What no worker can take: the command's time beyond its lint stage (process start, rules,
    # the language models' first load, the report). With it, 2 workers can at best give this.
    fixed = max(0.0, check1 - cstage1)
    best_check = check1 / (fixed + cstage1 / 2)
    s_run = speedup(run[1], run[2])

    print()
    print(
        f"lint stage: {s_stage:.2f}x with 2 workers (target >= {TARGET_LINT}: {verdict(s_stage, TARGET_LINT)})"
    )
    print(f"  (the formlint lint command of the same files: {s_lint:.2f}x)")
    print(f"whole run:  {s_run:.2f}x (target >= {TARGET_RUN}: {verdict(s_run, TARGET_RUN)})")
    print(
        f"check:      {s_check:.2f}x (target >= {TARGET_CHECK}: {verdict(s_check, TARGET_CHECK)})"
    )
    print(
        f"  (its lint stage {s_check_stage:.2f}x; {fixed:.2f} s of the command is no lint work, "
        f"so 2 perfect workers could give at most {best_check:.2f}x)"
    )
    print(f"peak RSS of a site's crawl process: {rss / 1024:.0f} MB")

    # The national model. A page costs one core the whole run's time per page on one worker
    # (crawl, parse, lint, store and each site's start-up spread over its pages: start-up weighs
    # less on a 10,000-page site, so this is on the safe side); the crawl of a site takes its
    # pages / the polite request rate, whatever the cores.
    core_s_per_page = run[1] / pages
    national_pages = NATIONAL_SITES * NATIONAL_PAGES
    core_hours = national_pages * core_s_per_page / 3600
    crawl_hours = NATIONAL_PAGES / REQUESTS_PER_SECOND_PER_HOST / 3600
    slots = math.ceil(NATIONAL_SITES * crawl_hours / TURNAROUND_HOURS)
    cores = math.ceil(core_hours / TURNAROUND_HOURS)
    memory_gb = slots * rss / 1024 / 1024
    print()
    print(
        f"national model: {NATIONAL_SITES} sites x {NATIONAL_PAGES:,} pages = {national_pages:,} pages a week"
    )
    print(f"  measured cost: {core_s_per_page * 1000:.1f} ms of one core a page (whole scan)")
    print(
        f"  CPU: {core_hours:.0f} core-hours a weekly scan ({core_hours / 2:.0f} h of this 2-core machine at full use)"
    )
    print(
        f"  crawl: {crawl_hours:.1f} h per site at {REQUESTS_PER_SECOND_PER_HOST:g} request/s per host"
    )
    print(
        f"  for a {TURNAROUND_HOURS:g}-hour turnaround: >= {slots} sites crawled at once "
        f"(~{memory_gb:.0f} GB at {rss / 1024:.0f} MB each) and >= {cores} cores"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
