"""``--new-only``: keep only the findings a change introduced, compared with a git ref.

For every document of the run, formlint asks git whether its file (or, for an Altinn app read as a
folder, any file under it) differs from ``base_ref`` in the working tree, index or as an untracked
file:

- unchanged: the document contributes nothing (its findings existed at ``base_ref`` already);
- added (or untracked): every finding is new;
- changed or renamed: the version at ``base_ref`` is written to a temporary folder with the same
  relative layout, linted with the same engine, and findings whose portable fingerprint existed
  there are dropped. Fingerprints leave out line numbers, so moving a field does not make it "new".

What git says comes from ``formlint.ci.git``; a missing git, a folder outside a repository or an
unknown ref is a one-line ``UsageError`` (exit code 2).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from formlint.ci.git import (
    changed_paths,
    read_blobs,
    repo_toplevel,
    resolve_ref,
    tracked_paths,
    tree_files,
)
from formlint.findings import portable_fingerprint
from formlint.util.paths import is_url, repo_relative

if TYPE_CHECKING:
    from formlint.engine.runner import Engine
    from formlint.results import DocumentResult, RunResult

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


def form_translation(rel: str) -> str | None:
    """``x/translations/<id>.json`` for a Form.io form at ``x/forms/<id>.json`` (read together)."""
    parts = rel.split("/")
    if len(parts) >= 2 and parts[-2] == "forms" and parts[-1].lower().endswith(".json"):
        return "/".join([*parts[:-2], "translations", parts[-1]])
    return None


def _default_linter(run: RunResult, engine: Engine | None) -> Linter:
    def lint(paths: Sequence[Path]) -> RunResult:
        from formlint.engine.runner import Engine
        from formlint.pipeline import Linter
        from formlint.sources.files import collect

        return Linter(engine or Engine.from_config(profile=run.profile)).documents(
            collect(list(paths))
        )

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
    from formlint.results import RunResult

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
            old_files = [p for p in tree_files(top, commit, rel)] if prefix else []
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
        tracked = set(tracked_paths(top, commit, sorted(set(unchanged_files.values()))))
        for i, rel in unchanged_files.items():
            if rel not in tracked:
                verdict[i] = "outside"

    old_fps: set[str] = set()
    if plan:
        with tempfile.TemporaryDirectory(prefix="formlint-base-") as tmp:
            tmp_root = Path(tmp)
            wanted = sorted({old for _, _, pairs in plan for _, old in pairs})
            blobs = read_blobs(top, commit, wanted)
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
