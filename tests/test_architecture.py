"""The one-way layers of the architecture (pyproject.toml ``[tool.importlinter]``) hold."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    res = subprocess.run(
        [exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "8 kept, 0 broken" in res.stdout


def test_no_import_cycle_in_formlint() -> None:
    """No module of formlint imports, directly or through others, a module that imports it back
    (run-time imports, lazy ones inside functions included; TYPE_CHECKING imports left out)."""
    import grimp

    graph = grimp.build_graph("formlint", exclude_type_checking_imports=True)
    modules = sorted(graph.modules)
    cycles = [
        (a, b)
        for a in modules
        for b in graph.find_modules_directly_imported_by(a)
        if a != b and graph.find_shortest_chain(importer=b, imported=a) is not None
    ]
    assert cycles == []
