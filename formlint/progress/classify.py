"""Status per form and scan: red, orange, green or exempt (``docs/progress.md``).

Only errors and warnings count. A finding is covered by an inline suppression, by the exception
the engine applied, or by an exception from ``formlint.yml``, each checked against the scan's
date (the report date for the report's scan): an expired exception covers nothing, and is still
shown. A CI baseline entry counts as open: it keeps CI quiet, it is no revision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatchcase
from typing import Any

from formlint.progress.load import ScanHistory, StoredFinding
from formlint.store.identity import normalise_url

BLOCKING = frozenset({"error", "warning"})  # what the traffic light counts
STATUSES = ("red", "orange", "green", "exempt")


@dataclass
class Coverage:
    """Whether a finding is covered, and by which exception (also an expired one)."""

    covered: bool
    exception: dict[str, Any] | None  # kind, reason, approved_by, expires, expired


class Exemptions:
    """Which findings are covered on a date, by their own suppression or a config exception."""

    def __init__(self, exceptions: list[dict[str, Any]], forms: dict[int, dict[str, Any]]) -> None:
        self._forms = forms
        self._by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in exceptions:
            self._by_rule[e["rule"]].append(e)

    def cover(self, f: StoredFinding, on: date) -> Coverage:
        """The finding's coverage on date ``on``: the first unexpired exception, else the last
        expired one seen (shown as expired), else none."""
        own = _own_suppression(f, on)
        if own is not None and own.covered:
            return own
        expired = own.exception if own is not None else None
        for e in self._by_rule.get(f.rule, ()):
            if not self._matches(e, f):
                continue
            info = {
                "kind": "exception",
                "reason": e["reason"],
                "approved_by": e["approved_by"],
                "expires": e["expires"],
                "expired": e["expires"] < on.isoformat(),
            }
            if not info["expired"]:
                return Coverage(True, info)
            expired = info
        return Coverage(False, expired)

    def _matches(self, e: dict[str, Any], f: StoredFinding) -> bool:
        """A config exception's document glob (raw or normalised URL) and optional form glob."""
        if not (
            fnmatchcase(f.doc_url, e["document"])
            or fnmatchcase(normalise_url(f.doc_url), e["document"])
        ):
            return False
        meta = self._forms.get(f.form_id, {})
        return not e["form"] or any(
            fnmatchcase(str(meta.get(k) or ""), e["form"]) for k in ("key", "title", "identity")
        )


def _own_suppression(f: StoredFinding, on: date) -> Coverage | None:
    """Coverage by the suppression stored with the finding (inline, or an engine exception)."""
    if f.sup_kind == "inline":
        info = {
            "kind": "inline",
            "reason": f.sup_reason or "",
            "approved_by": f.sup_approver,
            "expires": None,
            "expired": False,
        }
        return Coverage(True, info)
    if f.sup_kind == "exception":
        expired = bool(f.sup_expires) and str(f.sup_expires) < on.isoformat()
        info = {
            "kind": "exception",
            "reason": f.sup_reason or "",
            "approved_by": f.sup_approver,
            "expires": f.sup_expires,
            "expired": expired,
        }
        return Coverage(not expired, info)
    return None


@dataclass
class FormState:
    """A form's status in one scan and the counts behind it."""

    status: str
    open: int  # open errors and warnings
    covered: int  # errors and warnings covered by an unexpired exception or suppression
    fixed: int  # errors and warnings of earlier scans the form no longer has
    note: dict[str, Any] | None  # the status note that applies
    on: date  # the date exceptions were checked against


@dataclass
class Statuses:
    """Statuses of every scan in the history, and what each form ever had."""

    per_run: dict[int, dict[int, str]] = field(default_factory=dict)  # run -> form -> status
    target: dict[int, FormState] = field(default_factory=dict)  # forms of the report's scan
    # form -> stable key -> (rule, anchor) of every error or warning it had in the scans read
    ever_blocking: dict[int, dict[str, tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # form -> every finding it had in the scans read (the first one for each key)
    ever_all: dict[int, dict[str, StoredFinding]] = field(default_factory=lambda: defaultdict(dict))


def classify(history: ScanHistory, exemptions: Exemptions, today: date) -> Statuses:
    """Walk the scans oldest first: each form's status per scan, and what it ever had."""
    result = Statuses()
    for run in history.runs:
        is_target = run.id == history.target.id
        on = today if is_target else date.fromisoformat((run.finished_at or run.started_at)[:10])
        run_forms = history.findings.get(run.id, {})
        statuses: dict[int, str] = {}
        for fid in history.present.get(run.id, set()) | set(run_forms):
            # A note applies to the newest scan and to scans finished after it was written: an
            # older scan's report must not pick up a later note.
            note = note_for(
                history.notes.get(fid, ()), run.finished_at, is_target and history.target_is_newest
            )
            fnd = run_forms.get(fid, {})
            state = _form_state(fnd, result.ever_blocking[fid], exemptions, on, note)
            statuses[fid] = state.status
            if is_target:
                result.target[fid] = state
        for fid, fnd in run_forms.items():
            result.ever_blocking[fid].update(
                (k, (f.rule, f.anchor)) for k, f in fnd.items() if f.severity in BLOCKING
            )
            for k, f in fnd.items():
                result.ever_all[fid].setdefault(k, f)
        result.per_run[run.id] = statuses
    return result


def _form_state(
    findings: dict[str, StoredFinding],
    ever_blocking: dict[str, tuple[str, str]],
    exemptions: Exemptions,
    on: date,
    note: dict[str, Any] | None,
) -> FormState:
    open_b = covered_b = 0
    for f in findings.values():
        if f.severity not in BLOCKING:
            continue
        if exemptions.cover(f, on).covered:
            covered_b += 1
        else:
            open_b += 1
    fixed = len(fixed_keys(ever_blocking, findings))
    status = status_of(open_b, covered_b, fixed, bool(note and note["in_progress"]))
    return FormState(status, open_b, covered_b, fixed, note, on)


def fixed_keys(before: dict[str, tuple[str, str]], now: dict[str, StoredFinding]) -> set[str]:
    """Keys of ``before`` (key -> rule, anchor) that are fixed in ``now``: gone, and no finding
    of the same rule stands at the same anchor (a field whose options or label changed while
    its problem stayed is changed, not fixed)."""
    still = {(f.rule, f.anchor) for f in now.values() if f.anchor}
    return {k for k, ra in before.items() if k not in now and not (ra[1] and ra in still)}


def status_of(open_b: int, covered_b: int, fixed: int, in_progress: bool) -> str:
    """red: open and nothing fixed; orange: open but some fixed or in progress; green; exempt."""
    if open_b == 0:
        return "exempt" if covered_b else "green"
    if fixed or in_progress:
        return "orange"
    return "red"


def note_for(
    notes: Iterable[dict[str, Any]], run_end: str | None, latest: bool
) -> dict[str, Any] | None:
    """The last note written before the scan finished (any note, for the newest scan)."""
    chosen = None
    for n in notes:
        if latest or run_end is None or n["created_at"] <= run_end:
            chosen = n
    return chosen
