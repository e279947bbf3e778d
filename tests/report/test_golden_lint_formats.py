"""Golden output of every ``formlint lint --format``: one run over the fixture form repository
(tests/fixtures/ci/repo: HTML, Form.io, FHIR and an Altinn app) written in all formats at once.

Only the CLI is used, so the test holds however the reporters are arranged. The run's clock is not
injectable from the command line, so its times are replaced after the fact: ISO timestamps, the
JUnit run time and the run's date in the HTML report; the formlint version likewise. SARIF, written
as one line, is compared indented. Sources are relative to the repository (the run is made there). Regenerate with ``pytest --update-golden``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from formlint import __version__
from formlint.cli.main import cli

REPO = Path(__file__).resolve().parents[2]
INPUT = "tests/fixtures/ci/repo"
# format -> golden file name (the extension says what the file is)
FORMATS = {
    "console": "lint.console.txt",
    "json": "lint.json",
    "sarif": "lint.sarif.json",
    "junit": "lint.junit.xml",
    "github": "lint.github.txt",
    "gitlab": "lint.gitlab.json",
    "html": "lint.html",
}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")
ELAPSED = re.compile(r'(<testsuites [^>]*time=")[0-9.]+(")')


def allowed_formats(args: list[str]) -> set[str]:
    """The formats a command accepts, as its usage error lists them."""
    res = CliRunner().invoke(cli, [*args, "--format", "no-such-format"])
    assert res.exit_code == 2, res.output
    m = re.search(r"allowed: ([^)]+)\)", res.stderr)
    assert m, res.stderr
    return {name.strip() for name in m.group(1).split(",")}


def normalise(fmt: str, text: str, run_dates: set[str]) -> str:
    """The output with the run's times and the formlint version replaced by placeholders."""
    if fmt == "sarif":  # written as one line: compared indented, so a change reads as a diff
        assert text.count("\n") == 1 and text.endswith("\n")
        log = json.loads(text)
        driver = log["runs"][0]["tool"]["driver"]
        assert driver["version"] == driver["semanticVersion"] == __version__
        driver["version"] = driver["semanticVersion"] = "<version>"
        text = json.dumps(log, ensure_ascii=False, indent=1) + "\n"
    text = TIMESTAMP.sub("<time>", text)
    text = ELAPSED.sub(r"\g<1><seconds>\g<2>", text)
    for day in run_dates:
        text = text.replace(day, "<date>")
    for shown in (f'"version": "{__version__}"', f"formlint {__version__}"):
        text = text.replace(shown, shown.replace(__version__, "<version>"))
    return text


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    out = tmp_path_factory.mktemp("lint-formats")
    spec = ",".join(f"{fmt}:{out / name}" for fmt, name in FORMATS.items())
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(REPO)
        today = date.today().isoformat()
        res = CliRunner().invoke(cli, ["lint", "--no-config", "--format", spec, INPUT])
    assert res.exit_code == 1, res.output  # the fixtures have errors
    run = json.loads((out / FORMATS["json"]).read_text(encoding="utf-8"))
    # the HTML report shows the day the run finished (UTC) and the day it was made (local)
    run_dates = {today, date.today().isoformat(), run["started_at"][:10], run["finished_at"][:10]}
    yield {
        fmt: normalise(fmt, (out / name).read_text(encoding="utf-8"), run_dates)
        for fmt, name in FORMATS.items()
    }


def test_every_lint_format_has_a_golden_file() -> None:
    assert allowed_formats(["lint", "--no-config", INPUT]) == set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_lint_format(fmt: str, outputs: dict[str, str], golden: Callable[[str, str], None]) -> None:
    golden(f"report/{FORMATS[fmt]}", outputs[fmt])
