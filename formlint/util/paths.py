"""Sources as portable paths: URLs told apart from files, files made repository-relative.

Baselines, ``--new-only`` and the CI reporters (SARIF, GitLab, GitHub, JUnit) all name a file the
same way, relative to the repository root with forward slashes, so their output is the same on
every machine and in every CI runner.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(source: str) -> bool:
    return bool(_URL.match(source))


def repo_relative(source: str, root: str | os.PathLike[str] | None = None) -> str:
    """``source`` as a portable, forward-slash path relative to ``root`` (default: the cwd).

    A relative ``source`` is read relative to the current directory (as given on the command line).
    URLs are returned unchanged. A path outside ``root`` stays absolute (there is nothing portable
    to make of it). ``./forms/a.html``, ``forms\\a.html`` and ``/ci/checkout/forms/a.html`` all
    become ``forms/a.html`` when the root is ``/ci/checkout``.
    """
    if is_url(source):
        return source
    # Reporters ask for the same few hundred sources thousands of times: cache on the inputs
    # (the cwd included, since relative sources are read against it).
    return _repo_relative(source, os.fspath(root) if root is not None else None, os.getcwd())


@lru_cache(maxsize=65536)
def _repo_relative(source: str, root: str | None, cwd: str) -> str:
    base = Path(root) if root is not None else Path(cwd)
    p = Path(source.replace("\\", "/"))
    absolute = p if p.is_absolute() else Path(cwd) / p
    absolute = Path(os.path.normpath(absolute))
    base = Path(os.path.normpath(base if base.is_absolute() else Path(cwd) / base))
    try:
        rel = absolute.relative_to(base)
    except ValueError:
        return absolute.as_posix()
    return rel.as_posix() if rel.parts else "."
