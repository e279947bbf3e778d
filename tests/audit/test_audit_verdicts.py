"""Every reviewed verdict on the real-forms audit still holds (issue 14).

``tests/audit/verdicts.yaml`` records, per place in 199 real NAV forms, whether a finding there
is right (``tp``) or wrong (``fp``). A rule change that reports an ``fp`` place again, or stops
reporting a ``tp`` place, fails here with the key in the test id and the reviewer's reason in
the message; ``benchmarks/audit.py`` prints the whole picture (counts, precision, the diff).

The audit set is linted once for the module (about 8 s). Keys and matching come from
``audit_keys`` beside this file, the same code the benchmark uses.
"""

from __future__ import annotations

from typing import Any

import pytest
from audit_keys import (
    SKIP_REASON,
    KeyReport,
    assign_keys,
    audit_available,
    load_verdict_file,
    load_verdicts,
    one_line,
    rule_catalogue,
    rule_of_key,
    run_audit,
    unknown_rule,
    verdict_problems,
)

from formlint.engine.runner import Engine


def _verdicts() -> list[dict[str, Any]]:
    """The verdicts, read at collection; a broken file yields none here and fails below."""
    try:
        return [v for v in load_verdicts() if isinstance(v, dict) and "key" in v]
    except Exception:
        return []


def _params(kind: str | None) -> list[Any]:
    """One test per verdict, its key as the test id; a placeholder while there are none.

    The placeholder passes (there is nothing to hold yet) rather than showing pytest's
    "empty parameter set" skip, which would read as if the audit had not run.
    """
    chosen = [v for v in _verdicts() if kind is None or v.get("verdict") == kind]
    if not chosen:
        return [pytest.param(None, id=f"no-{kind or 'any'}-verdicts-yet")]
    return [pytest.param(v, id=f"{v.get('verdict')}:{v['key']}") for v in chosen]


@pytest.fixture(scope="module")
def audit(engine: Engine) -> KeyReport:
    """The current findings on the audit set, keyed; linted once for this module."""
    if not audit_available():
        pytest.skip(SKIP_REASON)
    return assign_keys(run_audit(engine).records)


def _recorded(v: dict[str, Any]) -> str:
    return f"recorded {v.get('verdict')}: {v.get('reason')}"


def _same_rule_and_file(audit: KeyReport, key: str) -> list[str]:
    """Keys reported now for the verdict's rule in its file: where a re-keyed place went."""
    prefix = " | ".join(key.split(" | ")[:2]) + " | "
    return sorted(k for k in audit.reported() if k.startswith(prefix))[:12]


def test_verdict_file_is_well_formed() -> None:
    """Keys unique and shaped like keys, verdict tp or fp, a one-line reason for each."""
    data = load_verdict_file()
    assert isinstance(data["verdicts"], list), "verdicts: must be a list"
    problems = verdict_problems(data["verdicts"])
    assert not problems, "tests/audit/verdicts.yaml:\n" + "\n".join(problems)


@pytest.mark.parametrize("verdict", _params(None))
def test_verdict_rule_exists(verdict: dict[str, Any] | None, engine: Engine) -> None:
    """A verdict about a rule that was removed or renamed fails by name, not as 'lost'."""
    if verdict is None:
        return
    rule_ids, aliases = rule_catalogue(engine)
    why = unknown_rule(verdict["key"], rule_ids, aliases)
    assert why is None, f"{verdict['key']}\n  {why}\n  ({_recorded(verdict)})"


@pytest.mark.slow
@pytest.mark.parametrize("verdict", _params("fp"))
def test_fp_stays_silent(verdict: dict[str, Any] | None, audit: KeyReport) -> None:
    """A place reviewed as a false positive is reported by no finding, primary or grouped."""
    if verdict is None:
        return
    key = verdict["key"]
    kf = audit.reported().get(key)
    if kf is None:
        return
    where = "as its primary place" if kf.key == key else f"as a grouped place of {kf.key!r}"
    pytest.fail(
        f"false positive reported again: {key}\n"
        f"  {_recorded(verdict)}\n"
        f"  now reported {where}: {kf.record.get('message')}\n"
        f"  excerpt: {one_line(str(kf.record.get('excerpt') or ''))}",
        pytrace=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("verdict", _params("tp"))
def test_tp_stays_reported(
    verdict: dict[str, Any] | None, audit: KeyReport, engine: Engine
) -> None:
    """A place reviewed as a true positive is still reported (primary place or grouped)."""
    if verdict is None:
        return
    key = verdict["key"]
    if key in audit.reported():
        return
    rule_ids, aliases = rule_catalogue(engine)
    gone = unknown_rule(key, rule_ids, aliases)
    nearby = _same_rule_and_file(audit, key)
    pytest.fail(
        f"true positive no longer reported: {key}\n"
        f"  {_recorded(verdict)}\n"
        + (f"  {gone}\n" if gone else "")
        + (
            f"  {rule_of_key(key)} reports these places in that file now:\n    "
            + "\n    ".join(nearby)
            if nearby
            else f"  {rule_of_key(key)} reports nothing in that file now"
        ),
        pytrace=False,
    )


@pytest.mark.slow
def test_current_keys_are_unique(audit: KeyReport) -> None:
    """Every place of the current run has its own key, so a verdict means one place."""
    assert not audit.duplicates, "keys not unique:\n" + "\n".join(audit.duplicates)
