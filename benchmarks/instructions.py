"""CPU instructions to lint one form page, counted by callgrind: repeatable whatever else the
machine is doing (seconds on a shared 2-core VM move by ±30 %).

The same pages as ``lint_throughput.py`` (a 610-link mega-menu, prose, a form with rule text).
The script runs itself twice under ``valgrind --tool=callgrind``: once linting only the warm-up
pages, once linting them and ``--pages`` more; the difference divided by ``--pages`` is the cost
of a page after warm-up (imports, lexicons, Lingua's models and caches are in both runs).

Run: ``.venv/bin/python benchmarks/instructions.py [--pages 40]`` (valgrind from Debian; ~5 min).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout, not whichever formlint the venv has installed
sys.path.insert(0, str(ROOT / "benchmarks"))

WARM_UP = 20


def lint_pages(n: int) -> None:
    """Lint ``WARM_UP + n`` form pages (what runs under callgrind)."""
    import lint_throughput as pages

    from formlint.api import Linter, make_engine
    from formlint.document import FetchedDocument

    rng = random.Random(7)
    linter = Linter(make_engine(), collect_links=False)  # as `formlint lint` does
    menu = pages.menu(rng)
    for i in range(WARM_UP + n):
        body = pages.page(i, with_form=True, rng=rng, menu_html=menu)
        linter.document(
            FetchedDocument(url=f"https://demo.example/p/{i}", body=body, media_type="text/html")
        )
    gc.collect()


def instructions(n: int) -> int:
    """callgrind's instruction count of linting ``WARM_UP + n`` pages in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/cg.out",
                sys.executable,
                __file__,
                "--child",
                str(n),
            ],
            capture_output=True,
            text=True,
            check=True,
            # OpenBLAS's idle threads spin, and their instructions are not linting's
            env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},
        )
    m = re.search(r"Collected : (\d+)", out.stderr)
    if m is None:
        raise SystemExit(f"no instruction count from callgrind:\n{out.stderr[-2000:]}")
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=40, help="pages counted after the warm-up")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        lint_pages(args.child)
        return
    base = instructions(0)
    total = instructions(args.pages)
    print(f"{(total - base) / args.pages / 1e6:.2f} M instructions a form page")


if __name__ == "__main__":
    main()
