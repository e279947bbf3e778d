"""What changed since the previous scan: new, fixed, changed and still-open findings.

A finding is known by its stable key, which includes the words it is about; when those words
change at the same field (an option added to a gender question that is still binary, a label
reworded that still assumes a mother) and the rule still fires there, the finding is *changed*:
the same problem, not one fixed and one new. Findings suppressed inline or by an exception are
left out; CI-baseline entries count, as in the status (a baseline keeps CI quiet, it is no
revision).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
            "changed": [],
            "still_open": [],
            "counts": {"new": 0, "fixed": 0, "changed": 0, "still_open": 0},
        }
    cur = _open(findings, run_id)
    old = _open(findings, prev_id)
    pairs = _changed(cur.keys() - old.keys(), old.keys() - cur.keys(), cur, old)
    new = _listing(cur.keys() - old.keys() - pairs.keys(), cur, forms)
    fixed = _listing(old.keys() - cur.keys() - set(pairs.values()), old, forms)
    changed = _listing(pairs.keys(), cur, forms)
    for row, key in zip(changed, sorted(pairs, key=_order(cur, forms)), strict=True):
        row["previous_excerpt"] = old[pairs[key]].full.get("excerpt", "")
    still = _listing(cur.keys() & old.keys(), cur, forms)
    return {
        "previous_run_id": prev_id,
        "counts": {
            "new": len(new),
            "fixed": len(fixed),
            "changed": len(changed),
            "still_open": len(still),
        },
        "new": new,
        "fixed": fixed,
        "changed": changed,
        "still_open": still,
    }


def _changed(
    appeared: Iterable[_Key],
    gone: Iterable[_Key],
    cur: dict[_Key, StoredFinding],
    old: dict[_Key, StoredFinding],
) -> dict[_Key, _Key]:
    """New keys paired with gone ones of the same form, rule and anchor (one to one, in key
    order): the same problem whose words changed."""
    waiting: dict[tuple[int, str, str], list[_Key]] = {}
    for k in sorted(gone):
        f = old[k]
        if f.anchor:
            waiting.setdefault((k[0], f.rule, f.anchor), []).append(k)
    pairs: dict[_Key, _Key] = {}
    for k in sorted(appeared):
        f = cur[k]
        candidates = waiting.get((k[0], f.rule, f.anchor)) if f.anchor else None
        if candidates:
            pairs[k] = candidates.pop(0)
    return pairs


def _open(findings: FindingsByRun, run_id: int) -> dict[_Key, StoredFinding]:
    return {
        (fid, k): f
        for fid, fs in findings.get(run_id, {}).items()
        for k, f in fs.items()
        if f.sup_kind in _COUNTED
    }


def _order(
    src: dict[_Key, StoredFinding], forms: dict[int, dict[str, Any]]
) -> Callable[[_Key], tuple[Any, ...]]:
    """Worst first, then by form, rule and key."""

    def key(k: _Key) -> tuple[Any, ...]:
        return (-src[k].severity_rank, str(forms.get(k[0], {}).get("identity")), src[k].rule, k[1])

    return key


def _listing(
    keys: Iterable[_Key], src: dict[_Key, StoredFinding], forms: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    ordered = sorted(keys, key=_order(src, forms))
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
