"""Golden files: a test's output compared with a reviewed file under ``tests/golden/``.

``pytest --update-golden`` writes the files instead: the test passes and the run ends with a list
of what was written, to review with ``git diff``. Without it a missing file fails like a different
one, so a new golden test cannot pass by writing its own expectation.

Text is compared exactly (bytes as UTF-8, line endings included); the caller makes its output
deterministic first (a fixed clock, sorted records, paths relative to the repository).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE_OPTION = "--update-golden"
WRITTEN = "golden file written"  # the user property a test records for each file it wrote
HINT = (
    f"If the change is intended, run `pytest {UPDATE_OPTION}` and review `git diff tests/golden`."
)
DIFF_LINES = 40


def check_golden(name: str, text: str, *, update: bool, root: Path = GOLDEN_DIR) -> Path | None:
    """Compare ``text`` with ``root/name``; fail with a short diff when it differs or is missing.

    With ``update`` the file is written instead; returns its path when it changed.
    """
    path = root / name
    shown = f"{root.parent.name}/{root.name}/{name}"  # tests/golden/NAME
    if update:
        if path.is_file() and path.read_bytes() == text.encode("utf-8"):
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return path
    if not path.is_file():
        pytest.fail(f"golden file {shown} is missing. {HINT}", pytrace=False)
    expected = path.read_bytes().decode("utf-8")
    if text == expected:
        return None
    diff = list(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            text.splitlines(keepends=True),
            f"{shown} (golden)",
            f"{shown} (now)",
            n=2,
        )
    )
    cut = len(diff) - DIFF_LINES
    lines = [line if line.endswith("\n") else line + "\n" for line in diff[:DIFF_LINES]]
    more = f"... {cut} more lines of diff\n" if cut > 0 else ""
    pytest.fail(
        f"output differs from golden file {shown}:\n{''.join(lines)}{more}{HINT}", pytrace=False
    )
