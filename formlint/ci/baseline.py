"""Fingerprint baselines: accept today's findings so that only new ones fail CI.

A baseline is a JSON file committed next to the forms. Each entry names a finding by its
fingerprint (which leaves out line numbers, so edits around a finding keep it), plus the rule,
source and excerpt so a reviewer can read what was accepted. Sources are stored relative to the
repository root (or the working directory), with forward slashes, and fingerprints are computed on
that relative path: the same baseline matches on every machine and in every CI runner, whatever
directory the checkout lives in and however the paths were spelled on the command line.

``write_baseline`` records a run; ``apply_baseline`` marks the findings of a run that are in the
baseline with ``Suppression(kind="baseline")`` and reports what is new and what was fixed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from formlint import __version__
from formlint.errors import ConfigError, UsageError
from formlint.findings import Finding, Suppression, portable_fingerprint
from formlint.util.paths import repo_relative

if TYPE_CHECKING:
    from formlint.results import RunResult

BASELINE_SCHEMA = "formlint-baseline/1"


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    source: str
    excerpt: str

    def to_dict(self) -> dict[str, str]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "source": self.source,
            "excerpt": self.excerpt,
        }


@dataclass(slots=True)
class Baseline:
    path: Path
    entries: list[BaselineEntry]
    created: str = ""
    tool_version: str = ""

    def by_fingerprint(self) -> dict[str, BaselineEntry]:
        return {e.fingerprint: e for e in self.entries}


@dataclass(slots=True)
class BaselineReport:
    """What applying a baseline found: counts for the console and CI summaries.

    ``fixed`` lists baseline entries of documents checked in this run that no longer occur (the
    baseline can be tightened with ``--write-baseline``). Entries for documents not part of this
    run are neither fixed nor matched: they are counted in ``not_checked``.
    """

    path: str
    new: int = 0
    suppressed: int = 0
    fixed: list[BaselineEntry] = field(default_factory=list)
    not_checked: int = 0
    entries: int = 0

    def summary(self) -> str:
        """``2 new, 5 in baseline, 1 fixed`` (callers name the file)."""
        return f"{self.new} new, {self.suppressed} in baseline, {len(self.fixed)} fixed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "entries": self.entries,
            "new": self.new,
            "suppressed": self.suppressed,
            "fixed": [e.to_dict() for e in self.fixed],
            "not_checked": self.not_checked,
        }


def _baselined(f: Finding) -> bool:
    """Findings a baseline records: open ones, and ones only a baseline hid."""
    return f.suppression is None or f.suppression.kind == "baseline"


def baseline_entries(
    run: RunResult, root: str | os.PathLike[str] | None = None
) -> list[BaselineEntry]:
    entries = {
        (e.source, e.rule, e.fingerprint): e
        for e in (
            BaselineEntry(
                fingerprint=portable_fingerprint(f, root),
                rule=f.rule,
                source=repo_relative(f.source, root),
                excerpt=f.excerpt if len(f.excerpt) <= 200 else f.excerpt[:199] + "…",
            )
            for f in run.findings(include_suppressed=True)
            if _baselined(f)
        )
    }
    return [entries[k] for k in sorted(entries)]


def write_baseline(
    run: RunResult,
    path: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    now: datetime | None = None,
    keep_unchecked: bool = True,
) -> list[BaselineEntry]:
    """Write every open finding of ``run`` to the baseline at ``path`` and return the entries.

    With ``keep_unchecked`` (the default), entries of an existing baseline for documents that were
    not part of this run are kept: updating the baseline for one folder or one file (a pre-commit
    run) does not forget the rest of the repository.

    Output is deterministic (entries sorted by source, rule, fingerprint). When the file already
    holds exactly these entries it is left untouched, so re-running ``--write-baseline`` on an
    unchanged repository does not produce a diff just for the timestamp.
    """
    target = Path(path)
    entries = baseline_entries(run, root)
    old: Baseline | None = None
    if target.exists():
        try:
            old = load_baseline(target)
        except (ConfigError, UsageError):
            old = None  # an unreadable baseline is replaced, not merged
    if old is not None and keep_unchecked:
        checked = _checked_sources(run, root)
        kept = [e for e in old.entries if not _covered(e.source, checked)]
        if kept:
            merged = {(e.source, e.rule, e.fingerprint): e for e in [*kept, *entries]}
            entries = [merged[k] for k in sorted(merged)]
    if old is not None and old.entries == entries:
        return entries
    created = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    doc = {
        "schema": BASELINE_SCHEMA,
        "tool": {"name": "formlint", "version": run.tool_version or __version__},
        "created": created,
        "count": len(entries),
        "entries": [e.to_dict() for e in entries],
    }
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so an interrupted run never leaves half a baseline behind.
    fd, tmp = tempfile.mkstemp(prefix=".formlint-baseline-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return entries


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read and check a baseline file; errors name the file and are exit code 2."""
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"baseline file not found (create it with --write-baseline FILE): {p}")
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"baseline is not UTF-8 ({exc.reason})", source=str(p)) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"baseline is not valid JSON: {exc.msg}", source=str(p), line=exc.lineno
        ) from None
    except RecursionError:
        raise ConfigError("baseline is nested too deeply to be a baseline", source=str(p)) from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ConfigError(
            f"not a formlint baseline (schema {found!r}, expected {BASELINE_SCHEMA!r})",
            source=str(p),
        )
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise ConfigError("baseline has no 'entries' list", source=str(p))
    entries: list[BaselineEntry] = []
    for i, item in enumerate(raw):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("fingerprint"), str)
            or not item["fingerprint"]
        ):
            raise ConfigError(f"baseline entry {i} has no 'fingerprint'", source=str(p))
        entries.append(
            BaselineEntry(
                fingerprint=item["fingerprint"],
                rule=str(item.get("rule", "")),
                source=str(item.get("source", "")),
                excerpt=str(item.get("excerpt", "")),
            )
        )
    tool = data.get("tool")
    return Baseline(
        path=p,
        entries=entries,
        created=str(data.get("created", "")),
        tool_version=str(tool.get("version", "")) if isinstance(tool, dict) else "",
    )


def apply_baseline(
    run: RunResult,
    path: str | os.PathLike[str] | Baseline,
    *,
    root: str | os.PathLike[str] | None = None,
) -> BaselineReport:
    """Mark findings of ``run`` that are in the baseline as suppressed (kind ``"baseline"``).

    ``path``: the baseline file, or one already loaded (the pytest plugin applies one baseline to
    every form). The run is updated in place (each document's ``findings`` list is replaced by one
    holding ``dataclasses.replace``-d findings). Findings already suppressed inline or by an
    exception keep that suppression: it says more than the baseline does.
    """
    baseline = path if isinstance(path, Baseline) else load_baseline(path)
    known = baseline.by_fingerprint()
    shown_path = repo_relative(str(baseline.path), root)
    reason = f"accepted in baseline {shown_path}" + (
        f" ({baseline.created[:10]})" if baseline.created else ""
    )
    report = BaselineReport(path=shown_path, entries=len(baseline.entries))
    seen: set[str] = set()
    checked_sources = _checked_sources(run, root)
    suppression = Suppression(kind="baseline", reason=reason)
    for doc in run.documents:
        updated: list[Finding] = []
        for f in doc.findings:
            fp = portable_fingerprint(f, root)
            if fp in known:
                seen.add(fp)
                if f.suppression is None:
                    f = replace(f, suppression=suppression)
                    report.suppressed += 1
                elif f.suppression.kind == "baseline":
                    report.suppressed += 1
            elif f.suppression is None:
                report.new += 1
            updated.append(f)
        doc.findings = updated
    for e in baseline.entries:
        if e.fingerprint in seen:
            continue
        if _covered(e.source, checked_sources):
            report.fixed.append(e)
        else:
            report.not_checked += 1
    return report


def _checked_sources(run: RunResult, root: str | os.PathLike[str] | None) -> set[str]:
    """Repository-relative sources of every document (and finding) of a run."""
    out: set[str] = set()
    for doc in run.documents:
        out.add(repo_relative(doc.source, root))
        out.update(repo_relative(f.source, root) for f in doc.findings)
    return out


def _covered(source: str, checked: Iterable[str]) -> bool:
    """Whether a baseline entry's source was part of this run (an Altinn app is checked as a folder)."""
    return any(source == s or source.startswith(s.rstrip("/") + "/") for s in checked)
