"""The wheel carries what a fresh `pip install formlint` needs: rules, lexicons, code lists,
migrations, the demo site and its crawl config (not only the checkout does)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_SKIP = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "reports",
    "test-artifacts", "tests", "benchmarks", "docs", "*.db",
)  # fmt: skip


def test_wheel_carries_rules_and_demo_and_runs_from_them(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(REPO, src, ignore=_SKIP)  # build a copy: never write build/ into the checkout
    out = tmp_path / "wheel"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q", "-w", str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = out.glob("formlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "formlint/_rules/lexicon/nb.yaml",
        "formlint/_rules/lexicon/nn.yaml",
        "formlint/_rules/lexicon/en.yaml",
        "formlint/_rules/codelists.yaml",
        "formlint/_rules/profiles.yaml",
        "formlint/_rules/a2/parent-mor-far-only.yaml",
        "formlint/_crawl_configs/demo.yaml",
        "formlint/demo/site/index.html",
        "formlint/demo/revised/barnehage/soknad/index.html",
        "formlint/schemas/formlint-run-1.0.schema.json",
        "formlint/schemas/formlint-progress-1.0.schema.json",
        "formlint/store/migrations/env.py",
    ):
        assert needed in names, needed
    assert sum(n.startswith("formlint/_rules/a2/") for n in names) == len(
        list((REPO / "rules" / "a2").glob("*.yaml"))
    )
    # Run from the unpacked wheel, away from the checkout: the packaged rules are the ones used.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import formlint.util.resources as r, formlint.parse.codelists as c;"
        "print(r.rules_dir()); print(len(c.load_codelists()))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(site)}, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    rules_dir, n_lists = run.stdout.split()
    assert Path(rules_dir) == site / "formlint" / "_rules"
    assert int(n_lists) > 0
