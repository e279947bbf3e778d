"""The CI gate: --new-only, --write-baseline and --baseline applied to a run in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_runs import sample_run

from formlint.ci.gate import apply_ci_gating
from formlint.errors import UsageError


def test_apply_ci_gating_write_then_apply(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    gate = apply_ci_gating(sample_run(), write_baseline_to=path)
    assert gate.written == 5
    assert gate.baseline is not None and gate.baseline.suppressed == 5
    assert list(gate.run.findings()) == []  # the run passes after writing
    assert gate.options["baseline"] is gate.baseline
    assert gate.messages[0].startswith("wrote 5 entries to baseline ")
    assert gate.messages[1].endswith("b.json: 0 new, 5 in baseline, 0 fixed")
    gate2 = apply_ci_gating(sample_run(), baseline=path)
    assert gate2.written is None and gate2.baseline is not None and gate2.baseline.new == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"new_only": True}, "--new-only needs --base"),
        ({"new_only": True, "base": "main", "write_baseline_to": "b.json"}, "cannot be combined"),
    ],
)
def test_apply_ci_gating_usage_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        apply_ci_gating(sample_run(), **kwargs)  # type: ignore[arg-type]
