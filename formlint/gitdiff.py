"""``--new-only``: keep only the findings a change introduced, compared with a git ref.

For every document of the run, formlint asks git whether its file (or, for an Altinn app read as a
folder, any file under it) differs from ``base_ref`` in the working tree, index or as an untracked
file:

- unchanged: the document contributes nothing (its findings existed at ``base_ref`` already);
- added (or untracked): every finding is new;
- changed or renamed: the version at ``base_ref`` is written to a temporary folder with the same
  relative layout, linted with the same engine, and findings whose portable fingerprint existed
  there are dropped. Fingerprints leave out line numbers, so moving a field does not make it "new".

Git is called as a subprocess (no library dependency). A missing git, a folder outside a repository
or an unknown ref is a one-line ``UsageError`` (exit code 2).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from formlint.errors import UsageError
from formlint.findings import portable_fingerprint
from formlint.util.paths import is_url, repo_relative

if TYPE_CHECKING:
    from formlint.api import DocumentResult, RunResult
    from formlint.engine.runner import Engine

Linter = Callable[[Sequence[Path]], "RunResult"]


@dataclass(slots=True)
class NewOnlyStats:
    base_ref: str
    base_commit: str
    changed_documents: int = 0
    unchanged_documents: int = 0
    kept: int = 0
    dropped: int = 0

    def summary(self) -> str:
        return (
            f"--new-only against {self.base_ref} ({self.base_commit[:12]}): {self.kept} new findings, "
            f"{self.dropped} existed before; {self.changed_documents} changed, {self.unchanged_documents} unchanged documents"
        )


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


def form_translation(rel: str) -> str | None:
    """``x/translations/<id>.json`` for a Form.io form at ``x/forms/<id>.json`` (read together)."""
    parts = rel.split("/")
    if len(parts) >= 2 and parts[-2] == "forms" and parts[-1].lower().endswith(".json"):
        return "/".join([*parts[:-2], "translations", parts[-1]])
    return None


def _tree_files(top: Path, commit: str, prefix: str) -> list[str]:
    proc = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", prefix.rstrip("/") + "/")
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _tracked(top: Path, commit: str, paths: Sequence[str]) -> list[str]:
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


def _read_blobs(top: Path, commit: str, paths: Sequence[str]) -> dict[str, bytes]:
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


def _default_linter(run: RunResult, engine: Engine | None) -> Linter:
    def lint(paths: Sequence[Path]) -> RunResult:
        from formlint.api import lint_paths, make_engine

        return lint_paths(paths, engine or make_engine(profile=run.profile))

    return lint


def filter_new(
    run: RunResult,
    base_ref: str,
    repo_root: str | os.PathLike[str] = ".",
    *,
    engine: Engine | None = None,
    linter: Linter | None = None,
) -> tuple[RunResult, NewOnlyStats]:
    """Like :func:`new_only`, also returning what was kept and dropped."""
    from formlint.api import RunResult

    top = repo_toplevel(repo_root)
    commit = resolve_ref(top, base_ref)
    changes = changed_paths(top, commit)
    stats = NewOnlyStats(base_ref=base_ref, base_commit=commit)
    lint = linter or _default_linter(run, engine)

    plan: list[
        tuple[int, str, list[tuple[str, str]]]
    ] = []  # (doc index, rel path, [(new rel, old rel)])
    verdict: dict[int, str] = {}  # "unchanged", "added", "changed", "outside"
    for i, doc in enumerate(run.documents):
        if is_url(doc.source):
            verdict[i] = "outside"
            continue
        rel = repo_relative(doc.source, top)
        if rel.startswith("/") or rel == "..":
            verdict[i] = "outside"
            continue
        if (top / rel).is_dir() or rel == ".":
            prefix = "" if rel == "." else rel.rstrip("/") + "/"
            touched = [p for p in changes if p.startswith(prefix)]
            if not touched:
                verdict[i] = "unchanged"
                continue
            old_files = [p for p in _tree_files(top, commit, rel)] if prefix else []
            if not old_files:
                verdict[i] = "added"
                continue
            verdict[i] = "changed"
            plan.append((i, rel, [(p, p) for p in old_files]))
        else:
            companion = form_translation(rel)
            if rel not in changes and (companion is None or companion not in changes):
                verdict[i] = "unchanged"
                continue
            old = changes.get(rel, rel)
            if old is None:
                verdict[i] = "added"
                continue
            verdict[i] = "changed"
            pairs = [(rel, old)]
            if companion is not None:
                # A Form.io form is read with its translation file: compare both.
                old_companion = changes.get(companion, companion)
                if old_companion is not None:
                    pairs.append((companion, old_companion))
            plan.append((i, rel, pairs))

    # A file git does not track (ignored, or outside version control) cannot be compared: keep it.
    unchanged_files = {
        i: repo_relative(run.documents[i].source, top)
        for i, v in verdict.items()
        if v == "unchanged" and not (top / repo_relative(run.documents[i].source, top)).is_dir()
    }
    if unchanged_files:
        tracked = set(_tracked(top, commit, sorted(set(unchanged_files.values()))))
        for i, rel in unchanged_files.items():
            if rel not in tracked:
                verdict[i] = "outside"

    old_fps: set[str] = set()
    if plan:
        with tempfile.TemporaryDirectory(prefix="formlint-base-") as tmp:
            tmp_root = Path(tmp)
            wanted = sorted({old for _, _, pairs in plan for _, old in pairs})
            blobs = _read_blobs(top, commit, wanted)
            targets: list[Path] = []
            for _, rel, pairs in plan:
                for new_rel, old_rel in pairs:
                    body = blobs.get(old_rel)
                    if body is None:
                        continue
                    dest = tmp_root / new_rel
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(body)
                target = tmp_root / rel
                if target.exists():
                    targets.append(target)
            if targets:
                old_run = lint(targets)
                old_fps = {
                    portable_fingerprint(f, tmp_root)
                    for f in old_run.findings(include_suppressed=True)
                }

    documents: list[DocumentResult] = []
    for i, doc in enumerate(run.documents):
        v = verdict[i]
        if v == "unchanged":
            stats.unchanged_documents += 1
            stats.dropped += len(doc.findings)
            documents.append(
                replace(
                    doc,
                    findings=[],
                    errors=[],
                    notes=list(doc.notes)
                    + [f"(unchanged since {base_ref}) {e}" for e in doc.errors],
                )
            )
            continue
        if v == "changed":
            stats.changed_documents += 1
            kept = [f for f in doc.findings if portable_fingerprint(f, top) not in old_fps]
            stats.dropped += len(doc.findings) - len(kept)
            documents.append(replace(doc, findings=kept))
        else:
            if v == "added":
                stats.changed_documents += 1
            documents.append(replace(doc, findings=list(doc.findings)))
        stats.kept += len(documents[-1].findings)
    new_run = RunResult(
        documents=documents,
        profile=run.profile,
        started_at=run.started_at,
        finished_at=run.finished_at,
        tool_version=run.tool_version,
    )
    return new_run, stats


def new_only(
    run: RunResult,
    base_ref: str,
    repo_root: str | os.PathLike[str] = ".",
    *,
    engine: Engine | None = None,
    linter: Linter | None = None,
) -> RunResult:
    """A copy of ``run`` holding only findings that did not exist at ``base_ref``.

    ``engine`` should be the engine that produced ``run`` (same config and profile), so the old
    versions are judged by the same rules; ``linter`` replaces linting altogether (tests).
    """
    return filter_new(run, base_ref, repo_root, engine=engine, linter=linter)[0]
