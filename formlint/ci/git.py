"""What git says about a working tree, for ``--new-only``: its top level, a ref's commit, the
paths changed since then, and files as they were at it.

Git is called as a subprocess (no library dependency). A missing git, a folder outside a repository
or an unknown ref is a one-line ``UsageError`` (exit code 2).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from formlint.errors import UsageError


def _git(root: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.setdefault(
        "GIT_OPTIONAL_LOCKS", "0"
    )  # a read-only check must not contend for the index lock
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(root), *args],
            input=input,
            capture_output=True,
            check=False,
            env=env,
        )
    except FileNotFoundError:
        raise UsageError("git is not installed or not on PATH (needed for --new-only)") from None


def repo_toplevel(repo_root: str | os.PathLike[str]) -> Path:
    root = Path(repo_root)
    if not root.is_dir():
        raise UsageError(f"not a directory: {root} (--new-only needs the repository folder)")
    proc = _git(root, "rev-parse", "--show-toplevel")
    if proc.returncode != 0:
        raise UsageError(
            f"not a git repository: {root.resolve()} (--new-only compares with a git ref)"
        )
    return Path(proc.stdout.decode("utf-8", "replace").strip()).resolve()


def resolve_ref(top: Path, ref: str) -> str:
    """The commit id of ``ref``; a ``UsageError`` naming the ref when git does not know it."""
    if not ref or ref.startswith("-"):
        raise UsageError(f"invalid git ref {ref!r} for --base")
    proc = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if proc.returncode != 0:
        raise UsageError(
            f"unknown git ref {ref!r} in {top} (in CI, fetch it first, e.g. actions/checkout with fetch-depth: 0)"
        )
    return proc.stdout.decode().strip()


def changed_paths(top: Path, commit: str) -> dict[str, str | None]:
    """Files that differ from ``commit``: new path -> path at ``commit`` (None when added).

    Covers committed, staged and unstaged changes and untracked files (not ignored ones). Deleted
    files are left out: there is nothing left to lint.
    """
    proc = _git(top, "diff", "--name-status", "-z", "-M", "--no-ext-diff", commit, "--")
    if proc.returncode != 0:
        raise UsageError(
            f"git diff against {commit[:12]} failed: {proc.stderr.decode('utf-8', 'replace').strip().splitlines()[-1:]}"
        )
    out: dict[str, str | None] = {}
    fields = proc.stdout.decode("utf-8", "surrogateescape").split("\0")
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[:1] in ("R", "C"):
            old, new = fields[i + 1], fields[i + 2]
            out[new] = old if status[:1] == "R" else None
            i += 3
            continue
        path = fields[i + 1]
        if status[:1] == "A":
            out[path] = None
        elif status[:1] != "D":
            out[path] = path
        i += 2
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z")
    for path in untracked.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if path:
            out[path] = None
    return out


def tree_files(top: Path, commit: str, prefix: str) -> list[str]:
    proc = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", prefix.rstrip("/") + "/")
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def tracked_paths(top: Path, commit: str, paths: Sequence[str]) -> list[str]:
    out: list[str] = []
    for start in range(0, len(paths), 500):  # keep the command line short
        proc = _git(
            top,
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            "--full-tree",
            commit,
            "--",
            *paths[start : start + 500],
        )
        out += [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]
    return out


def read_blobs(top: Path, commit: str, paths: Sequence[str]) -> dict[str, bytes]:
    """Contents of ``paths`` at ``commit`` in one ``git cat-file --batch`` call."""
    if not paths:
        return {}
    request = "".join(f"{commit}:{p}\n" for p in paths).encode("utf-8", "surrogateescape")
    proc = _git(top, "cat-file", "--batch", input=request)
    data = proc.stdout
    out: dict[str, bytes] = {}
    pos = 0
    for p in paths:
        nl = data.index(b"\n", pos)
        header = data[pos:nl].split()
        pos = nl + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            out[p] = data[pos : pos + size]
            pos += size + 1  # content is followed by a newline
        elif len(header) == 3:  # a tree or other object: skip its body
            pos += int(header[2]) + 1
    return out
