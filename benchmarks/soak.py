"""Soak: the long version of the fault-injection, fuzzing and crash-safety tests.

    python benchmarks/soak.py [--rounds 3] [--fuzz-seconds 300] [--kills 10] [--pages 1500]

1. **Faults**: the misbehaving loopback site of ``tests/faults/faultsite.py`` at full
   size (a 1 GiB gzip bomb, 50 MB bodies, 20 MiB limit), scanned ``--rounds`` times with
   ``formlint scan`` (Chromium too where there is one): each fault must end as it says.
2. **Fuzzing**: mutants of a seed document per format (``tests/parse/fuzzkit.py``) for
   ``--fuzz-seconds``: neither the sniffer nor a parser may raise.
3. **Kills**: a generated ``--pages`` site (``benchmarks/crawl.py``) scanned once without
   interruption, and once killed with SIGKILL at ``--kills`` random points and run to the end:
   the store must be consistent and the findings those of the uninterrupted scan. Also prints
   what the interruptions cost (every process's wall time against the uninterrupted scan).

Prints faults injected / survived, fuzz inputs / crashes, kills / findings lost or duplicated,
out-of-scope or non-GET requests; exits 1 if any of them failed. Loopback only.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for extra in (REPO, REPO / "tests", REPO / "tests" / "parse", REPO / "tests" / "sources" / "crawl",
              REPO / "tests" / "faults"):  # fmt: skip
    sys.path.insert(0, str(extra))

from crawl import generate  # noqa: E402
from crawlkit import child_env  # noqa: E402
from faultsite import Sizes, run_scan, scan_config, serve_fault_site, verdict  # noqa: E402
from fuzzkit import crash, mutant, seeds  # noqa: E402
from killkit import (  # noqa: E402
    count_documents,
    findings_of,
    kill_and_finish,
    scan_command,
    store_inconsistencies,
)

from formlint.demo.server import StaticSiteServer  # noqa: E402
from formlint.sources.crawl.render import find_chromium  # noqa: E402


def soak_faults(work: Path, rounds: int) -> tuple[int, int, int, list[str]]:
    """(faults injected, survived, out-of-scope or non-GET requests, failures)."""
    injected = survived = unsafe = 0
    failures: list[str] = []
    render = "auto" if find_chromium().available else "never"
    for n in range(rounds):
        tmp = work / f"faults-{n}"
        tmp.mkdir(parents=True)
        with serve_fault_site(tmp, Sizes(max_bytes=20 * 2**20, bomb=2**30, huge=50 * 10**6)) as fs:
            result = run_scan(fs, tmp, scan_config(fs, render=render), timeout=900)
            assert fs.site is not None and fs.outside is not None
            unsafe += sum(h.method not in ("GET", "HEAD") for h in fs.site.hits)
            unsafe += len(fs.outside.hits)
            for fault in fs.faults:
                if fault.browser and render == "never":
                    continue
                injected += 1
                why = verdict(fault, fs, result)
                if why is None and result.returncode == 0:
                    survived += 1
                else:
                    failures.append(f"round {n}: {fault.name}: {why or result.stderr[-300:]}")
            docs = result.documents()
            for path in fs.good:
                doc = docs.get(fs.site.base_url + path)
                if doc is None or not doc["findings"]:
                    failures.append(f"round {n}: good page {path} not found")
        print(f"  faults round {n + 1}: scan {result.seconds:.1f} s, exit {result.returncode}")
    return injected, survived, unsafe, failures


def soak_fuzz(work: Path, seconds: float, seed: int) -> tuple[int, list[str]]:
    """(inputs tried, distinct crashes: one line each)."""
    rnd = random.Random(seed)
    corpus = seeds(work)
    tried = 0
    crashes: dict[str, str] = {}
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        for s in corpus:
            tried += 1
            found = crash(s, mutant(rnd, s))
            if found is not None:
                crashes.setdefault(found.split(": ", 2)[1], found)  # one per exception and place
    return tried, list(crashes.values())


@dataclass
class KillSoak:
    kills: int
    lost: int
    duplicated: int
    store: list[str]  # inconsistencies
    documents: int
    expected: int
    uninterrupted: float  # wall seconds
    interrupted: float  # wall seconds of every process, killed or last


def soak_kills(work: Path, pages: int, kills: int, seed: int) -> KillSoak:
    site = work / "site"
    generate(site, pages)
    cfg = work / "soak.yaml"
    cfg.write_text(
        "site: soak\nstart_urls: ['{{BASE_URL}}/']\ndelay: 0\nautothrottle: {enabled: false}\n"
        f"concurrency: 8\nconcurrency_per_host: 8\nmax_pages: {pages + 100}\nmax_depth: 100000\n"
        "render: never\nfail_on: never\nlimits: {max_query_variants: 1000}\n",
        encoding="utf-8",
    )
    with StaticSiteServer(site) as server:
        (work / "ref").mkdir()
        started = time.monotonic()
        ref = subprocess.run(
            scan_command(cfg, server.base_url, work / "ref.db", work / "ref" / "out"),
            capture_output=True, text=True, timeout=1800, env=child_env(), cwd=work / "ref",
        )  # fmt: skip
        uninterrupted = time.monotonic() - started
        if ref.returncode != 0:
            raise SystemExit(f"reference scan failed: {ref.stderr[-2000:]}")
        total = count_documents(work / "ref.db")
        points = sorted(random.Random(seed).sample(range(2, total - 2), kills))
        (work / "work").mkdir()
        db = work / "work.db"
        run = kill_and_finish(cfg, server.base_url, db, work / "work" / "out", points, timeout=1800)
    reference = Counter(findings_of(work / "ref" / "out"))
    got = Counter(findings_of(work / "work" / "out"))
    return KillSoak(
        kills=len(run.killed_at),
        lost=sum((reference - got).values()),
        duplicated=sum((got - reference).values()),
        store=store_inconsistencies(db),
        documents=count_documents(db),
        expected=total,
        uninterrupted=uninterrupted,
        interrupted=run.seconds,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--rounds", type=int, default=3, help="scans of the fault site")
    ap.add_argument("--fuzz-seconds", type=float, default=300.0)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--pages", type=int, default=1500, help="pages of the site killed")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--keep", type=Path, default=None, help="keep the work files here")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="formlint-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"soak: seed {args.seed}, work in {work}")
    injected, survived, unsafe, failures = soak_faults(work, args.rounds)
    (work / "fuzz").mkdir()
    tried, crashes = soak_fuzz(work / "fuzz", args.fuzz_seconds, args.seed)
    (work / "kills").mkdir()
    k = soak_kills(work / "kills", args.pages, args.kills, args.seed)
    for line in [*failures, *crashes, *k.store]:
        print(f"  FAILED {line}")
    print(f"faults injected / survived          = {injected} / {survived}")
    print(f"fuzz inputs / crashes               = {tried} / {len(crashes)}")
    print(
        f"kills / findings lost / duplicated  = {k.kills} / {k.lost} / {k.duplicated} "
        f"(store {'consistent' if not k.store else 'INCONSISTENT'}, "
        f"{k.documents} of {k.expected} documents)"
    )
    print(f"out-of-scope or non-GET requests    = {unsafe}")
    print(
        f"interrupted scan                    = {k.interrupted / k.uninterrupted:.2f}x an "
        f"uninterrupted one ({k.interrupted:.1f} s in {k.kills + 1} processes, "
        f"{k.uninterrupted:.1f} s in one)"
    )
    failed = bool(
        injected != survived or failures or crashes or k.lost or k.duplicated or k.store or unsafe
    )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
