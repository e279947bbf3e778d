"""What changed since the previous scan: new, fixed and still-open findings.

Findings suppressed inline or by an exception are left out; CI-baseline entries count, as in the
status (a baseline keeps CI quiet, it is no revision).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from formlint.progress.load import FindingsByRun, StoredFinding

_COUNTED = (None, "baseline")  # suppression kinds of findings that are still open

_Key = tuple[int, str]  # form id, stable key


def changes(
    findings: FindingsByRun,
    run_id: int,
    prev_id: int | None,
    forms: dict[int, dict[str, Any]],
) -> dict[str, Any]:
    """Open findings of ``run_id`` against those of ``prev_id``, worst first."""
    if prev_id is None:
        return {
            "previous_run_id": None,
            "new": [],
            "fixed": [],
            "still_open": [],
            "counts": {"new": 0, "fixed": 0, "still_open": 0},
        }
    cur = _open(findings, run_id)
    old = _open(findings, prev_id)
    new = _listing(cur.keys() - old.keys(), cur, forms)
    fixed = _listing(old.keys() - cur.keys(), old, forms)
    still = _listing(cur.keys() & old.keys(), cur, forms)
    return {
        "previous_run_id": prev_id,
        "counts": {"new": len(new), "fixed": len(fixed), "still_open": len(still)},
        "new": new,
        "fixed": fixed,
        "still_open": still,
    }


def _open(findings: FindingsByRun, run_id: int) -> dict[_Key, StoredFinding]:
    return {
        (fid, k): f
        for fid, fs in findings.get(run_id, {}).items()
        for k, f in fs.items()
        if f.sup_kind in _COUNTED
    }


def _listing(
    keys: Iterable[_Key], src: dict[_Key, StoredFinding], forms: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    ordered = sorted(
        keys,
        key=lambda k: (
            -src[k].severity_rank,
            str(forms.get(k[0], {}).get("identity")),
            src[k].rule,
            k[1],
        ),
    )
    return [_row(k[0], src[k], forms.get(k[0], {})) for k in ordered]


def _row(form_id: int, f: StoredFinding, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "form_id": form_id,
        "form": meta.get("title")
        or (f.doc_url if meta.get("kind") == "page" else meta.get("identity")),
        "identity": meta.get("identity"),
        "rule": f.rule,
        "severity": f.severity,
        "excerpt": f.full.get("excerpt", ""),
        "page": f.doc_url,
    }
