"""Golden files for the CI report formats (SARIF, JUnit, GitLab, GitHub) of a fixed synthetic run.

Regenerate after an intended change with ``pytest tests/report/test_golden.py --update-golden`` (when
the suite defines that option) or ``FORMLINT_UPDATE_GOLDEN=1 pytest tests/report/test_golden.py``, and
review the diff. The tool version is normalised so a release does not touch the goldens.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from ci_helpers import CATALOGUE, FIXTURES, sample_run

from formlint import __version__
from formlint.report.base import ReportContext
from formlint.report.github import GithubReporter
from formlint.report.gitlab import GitlabReporter
from formlint.report.junit import JunitReporter
from formlint.report.sarif import SarifReporter

GOLDEN = FIXTURES / "golden"


def _update(request: pytest.FixtureRequest) -> bool:
    try:
        opt = bool(request.config.getoption("update_golden"))
    except ValueError:
        opt = False
    return opt or os.environ.get("FORMLINT_UPDATE_GOLDEN") == "1"


def _render(cls: type[Any]) -> str:
    out = io.StringIO()
    ctx = ReportContext(rules=CATALOGUE, fail_on="warning", options={"github_step_summary": ""})
    cls(ctx).write_run(sample_run(), out)
    return out.getvalue()


def _normalise(name: str, text: str) -> str:
    if name.endswith(".json"):
        data = json.loads(text)
        if name.endswith(".sarif.json"):
            driver = data["runs"][0]["tool"]["driver"]
            assert driver["version"] == __version__
            driver["version"] = driver["semanticVersion"] = "VERSION"
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (SarifReporter, "sample.sarif.json"),
        (JunitReporter, "sample.junit.xml"),
        (GitlabReporter, "sample.gitlab.json"),
        (GithubReporter, "sample.github.txt"),
    ],
)
def test_golden(
    cls: type[Any],
    name: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # sources are relative; nothing depends on where tests run
    got = _normalise(name, _render(cls))
    path = GOLDEN / name
    if _update(request) or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8", newline="\n")
    assert got == path.read_text(encoding="utf-8"), (
        f"{name} differs from the golden file; regenerate and review the diff"
    )
