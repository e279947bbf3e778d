"""The pytest plugin, run as real ``pytest`` subprocesses on small projects.

Most tests replace ``FormlintItem.lint`` with a stand-in rule (via the project's conftest) so they
test collection, failure text, ini options and pytest-html without depending on the rule engine;
``test_end_to_end_*`` use the real engine and are skipped while it cannot be built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from ci_helpers import FIXTURES, REPO

FAKE_CONFTEST = textwrap.dedent(
    '''
    """Stand-in linter: a few words on a line are findings (no rule engine needed)."""
    from datetime import datetime, timezone
    from pathlib import Path

    import formlint.ci.pytest_plugin as plugin
    from formlint.api import DocumentResult, RunResult
    from formlint.findings import Confidence, Finding, Severity, assign_fingerprints
    from formlint.model import Location

    RULES = {
        "Gutt": ("gender-binary-options", Severity.ERROR, "Legg til «Annet»"),
        "Herr": ("gendered-salutation", Severity.WARNING, "fjern tiltaleformen"),
        "han eller hun": ("binary-pronoun-phrase", Severity.SUGGESTION, "hen"),
    }
    NOW = datetime(2026, 11, 24, tzinfo=timezone.utc)
    LINTED = []


    def fake_lint(self):
        LINTED.append(self.path.name)
        files = sorted(p for p in self.path.rglob("*") if p.is_file()) if self.path.is_dir() else [self.path]
        findings = []
        for p in files:
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
                for word, (rule, sev, sugg) in RULES.items():
                    if word in line:
                        src = str(p)
                        findings.append(Finding(rule=rule, severity=sev, confidence=Confidence.HIGH,
                            message=f"{word} er ikke inkluderende", source=src,
                            location=Location(source=src, line=n, column=line.index(word) + 1),
                            excerpt=line.strip(), suggestions=(sugg,), form_key="f"))
        doc = DocumentResult(source=str(self.path), format="html", sha256=None, findings=assign_fingerprints(findings))
        return RunResult(documents=[doc], profile="standard", started_at=NOW, finished_at=NOW)


    plugin.FormlintItem.lint = fake_lint
    '''
)


def _plugin_installed() -> bool:
    return any(ep.value == "formlint.ci.pytest_plugin" for ep in entry_points(group="pytest11"))


def run_pytest(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args]
    if not _plugin_installed():
        cmd[3:3] = ["-p", "formlint.ci.pytest_plugin"]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTEST_ADDOPTS", None)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    p = tmp_path / "proj"
    write(p / "conftest.py", FAKE_CONFTEST)
    write(p / "pytest.ini", "[pytest]\naddopts = --strict-markers\n")
    write(
        p / "forms/barnehage.html",
        """
        <html lang="nb"><body><form id="b">
        <fieldset><legend>Kjønn</legend>
        <label><input type="radio" name="k"> Gutt</label>
        <label><input type="radio" name="k"> Jente</label>
        </fieldset></form></body></html>
        """,
    )
    write(
        p / "forms/kontakt.html",
        '<html lang="nb"><body><form id="k"><label>Navn <input name="n"></label></form></body></html>\n',
    )
    write(
        p / "forms/brev.html",
        '<html lang="nb"><body><form id="t"><select name="t"><option>Herr</option><option>Fru</option></select></form></body></html>\n',
    )
    write(
        p / "forms/tekst.html",
        "<html><body><p>Søkeren må si om han eller hun bor her.</p></body></html>\n",
    )
    write(p / "forms/notes.txt", "<p>Gutt</p> not a form: a text file\n")
    write(p / "forms/package.json", '{"name": "x", "version": "1.0.0"}\n')
    write(
        p / "forms/skjema.json",
        '{"display": "form", "title": "T", "components": [{"type": "radio", "label": "Gutt", "key": "k"}]}\n',
    )
    write(
        p / "altinn/app/App/ui/layouts/Side1.json",
        '{"data": {"layout": [{"id": "k", "type": "RadioButtons", "textResourceBindings": {"title": "Gutt"}}]}}\n',
    )
    write(
        p / "altinn/app/App/config/texts/resource.nb.json", '{"language": "nb", "resources": []}\n'
    )
    write(p / "test_unit.py", "def test_ok():\n    assert True\n")
    return p


def test_collects_form_files_by_content(project: Path) -> None:
    proc = run_pytest(project, "--formlint", "forms", "altinn", "--collect-only", "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ids = sorted(line for line in proc.stdout.splitlines() if "::" in line)
    assert ids == [
        "altinn/app::formlint",
        "forms/barnehage.html::formlint",
        "forms/brev.html::formlint",
        "forms/kontakt.html::formlint",
        "forms/skjema.json::formlint",
        "forms/tekst.html::formlint",
    ]


def test_failure_lists_findings(project: Path) -> None:
    proc = run_pytest(project, "--formlint", "forms", "altinn", "-rf")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "4 failed, 2 passed" in out
    block = out[out.index("_ formlint forms/barnehage.html _") :]
    assert "1 formlint finding at or above warning: gender-binary-options\n" in block
    assert "error gender-binary-options at forms/barnehage.html:3:" in block
    assert '«<label><input type="radio" name="k"> Gutt</label>»' in block
    assert "Forslag: Legg til «Annet»" in block
    assert "Traceback" not in out
    assert "formlint: fail on warning" in out  # report header
    assert "FAILED forms/brev.html::formlint" in out  # warning at the default threshold
    assert "FAILED altinn/app::formlint" in out


def test_fail_on_from_ini_and_command_line(project: Path) -> None:
    (project / "pytest.ini").write_text("[pytest]\nformlint_fail_on = error\n", encoding="utf-8")
    proc = run_pytest(project, "--formlint", "forms/brev.html", "forms/tekst.html")
    assert proc.returncode == 0, proc.stdout
    proc = run_pytest(project, "--formlint", "--formlint-fail-on", "suggestion", "forms/tekst.html")
    assert proc.returncode == 1, proc.stdout
    assert "suggestion binary-pronoun-phrase" in proc.stdout


def test_bad_fail_on_is_a_usage_error(project: Path) -> None:
    proc = run_pytest(project, "--formlint", "--formlint-fail-on", "severe", "forms")
    assert proc.returncode == 4
    assert "unknown severity 'severe'" in proc.stderr


def test_fail_on_never_fails_no_form_on_findings(project: Path) -> None:
    proc = run_pytest(project, "--formlint", "--formlint-fail-on", "never", "forms", "-rP")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "formlint: fail on never" in proc.stdout
    assert "error gender-binary-options at forms/barnehage.html:3:" in proc.stdout  # listed below


def test_nothing_collected_without_the_flag(project: Path) -> None:
    proc = run_pytest(project, "--collect-only", "-q")
    assert "formlint" not in proc.stdout
    assert "test_unit.py::test_ok" in proc.stdout


def test_formlint_paths_ini(project: Path) -> None:
    (project / "pytest.ini").write_text(
        "[pytest]\nformlint_paths = forms/barnehage.html altinn\n", encoding="utf-8"
    )
    proc = run_pytest(project, "--formlint", "--collect-only", "-q")
    ids = sorted(line for line in proc.stdout.splitlines() if "::" in line)
    assert ids == [
        "altinn/app::formlint",
        "forms/barnehage.html::formlint",
        "test_unit.py::test_ok",
    ]


def test_marker_selects_form_items(project: Path) -> None:
    proc = run_pytest(project, "--formlint", ".", "-m", "formlint", "--collect-only", "-q")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "test_unit.py" not in proc.stdout
    assert "forms/barnehage.html::formlint" in proc.stdout


def test_passing_form_shows_lower_findings_as_section(project: Path) -> None:
    proc = run_pytest(project, "--formlint", "forms/tekst.html", "-rP")
    assert proc.returncode == 0
    assert "formlint findings below the fail-on level" in proc.stdout
    assert "suggestion binary-pronoun-phrase" in proc.stdout
    failing = run_pytest(project, "--formlint", "forms/barnehage.html", "-rA")
    assert "formlint findings below" not in failing.stdout  # nothing below: no duplicate listing


def test_engine_built_once_and_lazily(project: Path) -> None:
    write(
        project / "conftest.py",
        FAKE_CONFTEST
        + textwrap.dedent(
            """
            import types
            import formlint.config.load
            import formlint.engine.runner

            CALLS = []

            def fake_make_engine(config=None, *, profile=None, language=None):
                CALLS.append(profile)
                return object()

            formlint.engine.runner.Engine.from_config = fake_make_engine
            formlint.config.load.load_config = lambda path=None, **kw: types.SimpleNamespace(
                config=None, provenance={}
            )

            def lint_with_engine(self):
                assert plugin.engine_for(self.config) is plugin.engine_for(self.config)
                return fake_lint(self)

            plugin.FormlintItem.lint = lint_with_engine

            def pytest_sessionfinish(session):
                print(f"\\nENGINE CALLS {CALLS} LINTED {len(LINTED)}")
            """
        ),
    )
    proc = run_pytest(project, "--formlint", "--formlint-profile", "strict", "forms", "-s")
    assert "ENGINE CALLS ['strict'] LINTED 5" in proc.stdout, proc.stdout + proc.stderr
    proc = run_pytest(project, "test_unit.py", "-s")
    assert "ENGINE CALLS [] LINTED 0" in proc.stdout


def test_pytest_html_report_shows_findings(project: Path) -> None:
    pytest.importorskip("pytest_html")
    proc = run_pytest(
        project, "--formlint", "forms/barnehage.html", "--html=report.html", "--self-contained-html"
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = (project / "report.html").read_text(encoding="utf-8")
    assert "formlint-findings" in report
    assert "gender-binary-options" in report


def test_junitxml_records_finding_count(project: Path) -> None:
    proc = run_pytest(
        project,
        "--formlint",
        "forms/barnehage.html",
        "--junitxml=out.xml",
        "-o",
        "junit_family=xunit1",
    )
    assert proc.returncode == 1
    xml = (project / "out.xml").read_text(encoding="utf-8")
    assert 'name="formlint_findings" value="1"' in xml


# --- with the real engine --------------------------------------------------------------------------


def test_end_to_end_on_fixture_repo(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", project)
    proc = run_pytest(project, "--formlint", "forms", "altinn", "-rA")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "FAILED forms/barnehage-soknad.html::formlint - " in out
    assert "gender-binary-options" in out
    assert "FAILED altinn/skoleskyss::formlint" in out  # the Altinn app is one item
    assert "PASSED forms/kontakt.html::formlint" in out
    block = out[out.index("_ formlint forms/barnehage-soknad.html _") :]
    assert "error gender-binary-options at forms/barnehage-soknad.html:" in block
    assert "Kjønn: Gutt / Jente" in block


def test_end_to_end_ini_settings(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", project)
    (project / "pytest.ini").write_text(
        "[pytest]\nformlint_paths = forms/kontakt.html\nformlint_fail_on = error\nformlint_profile = strict\n",
        encoding="utf-8",
    )
    proc = run_pytest(project, "--formlint")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout
    assert "formlint: fail on error, profile strict, paths forms/kontakt.html" in proc.stdout


def test_end_to_end_baseline_lets_legacy_forms_pass(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", project)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    subprocess.run(
        [sys.executable, "-m", "formlint", "check", "--write-baseline", "legacy.json", "forms", "altinn"],
        cwd=project, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    proc = run_pytest(
        project, "--formlint", "--formlint-baseline", "legacy.json", "forms", "altinn"
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # the same baseline named in the ini file
    (project / "pytest.ini").write_text(
        "[pytest]\nformlint_paths = forms altinn\nformlint_baseline = legacy.json\n",
        encoding="utf-8",
    )
    assert run_pytest(project, "--formlint").returncode == 0
    # a form the baseline does not know still fails
    (project / "forms" / "ny.html").write_text(
        (project / "forms" / "barnehage-soknad.html")
        .read_text(encoding="utf-8")
        .replace("Gutt", "Gutten"),
        encoding="utf-8",
    )
    proc = run_pytest(project, "--formlint", "-rA")
    assert proc.returncode == 1, proc.stdout
    assert "FAILED forms/ny.html::formlint" in proc.stdout


def test_end_to_end_reads_formlint_yml(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", project)
    (project / "formlint.yml").write_text(
        "fail_on: error\nrules:\n  parent-mor-far-only: {enabled: false}\n"
        "  gender-binary-options: {enabled: false}\n",
        encoding="utf-8",
    )
    proc = run_pytest(project, "--formlint", "forms/barnehage-soknad.html")
    assert proc.returncode == 0, proc.stdout + proc.stderr  # warnings below fail_on: error
    (project / "formlint.yml").write_text(
        "rules:\n  gender-binary-option: {enabled: false}\n", encoding="utf-8"
    )
    proc = run_pytest(project, "--formlint", "forms/barnehage-soknad.html")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert (
        "formlint.yml:2: rules.gender-binary-option: unknown rule id" in proc.stdout + proc.stderr
    )


def test_end_to_end_fail_on_never_in_formlint_yml(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", project)
    (project / "formlint.yml").write_text("fail_on: never\n", encoding="utf-8")
    proc = run_pytest(project, "--formlint", "forms/barnehage-soknad.html")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (project / "forms" / "avbrutt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    proc = run_pytest(project, "--formlint", "forms/barnehage-soknad.html", "forms/avbrutt.pdf")
    assert proc.returncode == 1, proc.stdout + proc.stderr  # an unreadable form is still broken
    assert "FAILED forms/avbrutt.pdf::formlint" in proc.stdout
    assert "INTERNALERROR" not in proc.stdout + proc.stderr
