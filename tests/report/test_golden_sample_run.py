"""Golden files for the CI report formats (SARIF, JUnit, GitLab, GitHub) of a fixed synthetic run.

The run (tests/sample_runs.py) holds what a real lint rarely shows at once: suppressed and info
findings, a PDF page, a Form.io JSON pointer, an unreadable file. The tool version is normalised
so a release does not touch the goldens. Regenerate with ``pytest --update-golden``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sample_runs import CATALOGUE, sample_run

from formlint import __version__
from formlint.report.base import ReportContext, reporter_class


def _render(fmt: str) -> str:
    out = io.StringIO()
    ctx = ReportContext(rules=CATALOGUE, fail_on="warning", options={"github_step_summary": ""})
    reporter_class(fmt, "run")(ctx).write_run(sample_run(), out)
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
    ("fmt", "name"),
    [
        ("sarif", "sample.sarif.json"),
        ("junit", "sample.junit.xml"),
        ("gitlab", "sample.gitlab.json"),
        ("github", "sample.github.txt"),
    ],
)
def test_sample_run(
    fmt: str,
    name: str,
    golden: Callable[[str, str], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # sources are relative; nothing depends on where tests run
    golden(f"report/{name}", _normalise(name, _render(fmt)))
