"""Where the shipped data lives: ``rules/`` beside the package in a checkout, ``formlint/_rules``
inside an installed wheel (``setup.py`` copies it there at build time)."""

from __future__ import annotations

from pathlib import Path

from formlint.errors import RuleError


def rules_dir() -> Path:
    """The shipped rules directory (rule packs, lexicons, profiles, contexts, code lists)."""
    package = Path(__file__).resolve().parent.parent  # formlint/
    for candidate in (package.parent / "rules", package / "_rules"):
        if (candidate / "lexicon").is_dir():
            return candidate
    raise RuleError("the rules/ directory with lexicon/ was not found", source=str(package))
