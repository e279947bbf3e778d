"""Sources as portable, repository-relative paths."""

from __future__ import annotations

from pathlib import Path

from formlint.util.paths import repo_relative


def test_repo_relative() -> None:
    assert repo_relative("https://x.no/a") == "https://x.no/a"
    root = Path.cwd()
    assert repo_relative(str(root / "a" / "b.html"), root) == "a/b.html"
    assert repo_relative(str(root), root) == "."
