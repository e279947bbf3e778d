"""Every ``formlint …`` and ``pytest …`` command line in docs/ci.md runs, as shown, on a form repo.

The fixture repository (tests/fixtures/ci/repo) is copied, made a git repository, given a baseline
with the documented ``--write-baseline`` command and committed as ``origin/main``; then a new form
with a binary gender question is added. Each documented command is run through ``bash`` exactly as
written (``$BASE_SHA`` and ``$CI_MERGE_REQUEST_DIFF_BASE_SHA`` point at the base commit), with
``formlint`` and ``pytest`` on PATH. Every check must fail with exit code 1 because of the new form
only (the baseline and ``--new-only`` hide the old findings); ``--write-baseline`` must exit 0.
Report files named in ``--format`` are read back and checked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import yaml
from ci_helpers import FIXTURES, REPO, git, init_repo, needs_git

DOC = REPO / "docs" / "ci.md"
HOOKS = REPO / ".pre-commit-hooks.yaml"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
COMMAND = re.compile(r"^\s*(?:-\s+|run:\s+)?((?:formlint|pytest)\s.*?)\s*$")
PIP = re.compile(r"^\s*(?:-\s+|-\s+run:\s+|run:\s+)?(pip\s[^#]*?)\s*(?:#.*)?$")
UPDATE_BASELINE = "--write-baseline"
NEW_FORM = """<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><title>Påmelding til SFO</title></head>
<body>
  <form id="sfo-pamelding" action="/sfo" method="post">
    <label for="navn">Barnets navn</label>
    <input id="navn" name="navn" type="text" autocomplete="name">
    <fieldset>
      <legend>Kjønn</legend>
      <label><input type="radio" name="kjonn" value="gutt"> Gutt</label>
      <label><input type="radio" name="kjonn" value="jente"> Jente</label>
    </fieldset>
    <button type="submit">Meld på</button>
  </form>
</body>
</html>
"""
NEW_FORM_PATH = "forms/sfo-pamelding.html"


def code_blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(text)]


def doc_commands() -> list[str]:
    """The command lines of docs/ci.md's code blocks, in order, without duplicates."""
    out: list[str] = []
    for lang, body in code_blocks(DOC.read_text(encoding="utf-8")):
        if lang not in ("sh", "yaml", "bash", "shell"):
            continue
        for line in body.splitlines():
            m = COMMAND.match(line)
            if m and m.group(1) not in out:
                out.append(m.group(1))
    return out


def pip_commands() -> list[str]:
    """The ``pip …`` lines of docs/ci.md's code blocks (install and build), in order, each
    time it is shown."""
    out: list[str] = []
    for lang, body in code_blocks(DOC.read_text(encoding="utf-8")):
        if lang in ("sh", "yaml", "bash", "shell"):
            out += [m.group(1) for line in body.splitlines() if (m := PIP.match(line))]
    return out


def pre_commit_config() -> str:
    blocks = [body for lang, body in code_blocks(DOC.read_text(encoding="utf-8")) if lang == "yaml"]
    (config,) = [b for b in blocks if "repo: local" in b]
    return config


def pytest_toml() -> str:
    blocks = [body for lang, body in code_blocks(DOC.read_text(encoding="utf-8")) if lang == "toml"]
    assert len(blocks) == 1, "docs/ci.md should show one pyproject.toml block for the pytest plugin"
    return blocks[0]


def test_docs_show_every_integration() -> None:
    cmds = doc_commands()
    joined = "\n".join(cmds)
    for needle in (
        "--format console,github,sarif:",
        "gitlab:",
        "junit:",
        "--new-only --base",
        UPDATE_BASELINE,
        "pytest --formlint",
    ):
        assert needle in joined, needle
    text = DOC.read_text(encoding="utf-8")
    assert "github/codeql-action/upload-sarif" in text
    assert "codequality: gl-code-quality-report.json" in text
    assert "junit: formlint-junit.xml" in text
    # every report file a GitLab/GitHub step uploads is written by a documented command
    for uploaded in ("formlint.sarif", "gl-code-quality-report.json", "formlint-junit.xml"):
        assert any(f":{uploaded}" in c for c in cmds), uploaded


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "formlint"
    assert hook["entry"] == "formlint check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    for name in ("a.html", "b.htm", "c.json", "d.pdf", "e.docx", "f.odt", "g.njk", "h.xhtml"):
        assert pattern.search(name), name
    for name in ("a.py", "b.md", "c.jsonl", "d.html.bak"):
        assert not pattern.search(name), name
    # identify tags that exist in every identify release pre-commit 3 uses
    assert set(hook.get("types", [])) <= {"file", "text", "binary"}
    # the documented local hook runs what the published definition runs
    (local,) = yaml.safe_load(pre_commit_config())["repos"][0]["hooks"]
    for key in ("id", "entry", "files", "require_serial"):
        assert local[key] == hook[key], key
    # the documented hook invocation is the entry plus the documented args
    assert local["args"] == ["--baseline", ".formlint-baseline.json"]
    documented = next(
        c
        for c in doc_commands()
        if c.startswith("formlint check --baseline") and c.endswith(".html")
    )
    assert documented.startswith(hook["entry"] + " --baseline .formlint-baseline.json ")


# --- running the documented commands ---------------------------------------------------------------


def _plugin_installed() -> bool:
    return any(ep.value == "formlint.ci.pytest_plugin" for ep in entry_points(group="pytest11"))


def _shims(bin_dir: Path) -> None:
    """``formlint`` and ``pytest`` on PATH as an installed formlint would provide them."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    plugin = "" if _plugin_installed() else " -p formlint.ci.pytest_plugin"
    for name, target in (
        ("formlint", "-m formlint"),
        ("pytest", f"-m pytest -p no:cacheprovider{plugin}"),
    ):
        shim = bin_dir / name
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" {target} "$@"\n', encoding="utf-8")
        shim.chmod(0o755)


def _env(bin_dir: Path, base: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["BASE_SHA"] = base
    env["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = base
    env["PYTHONIOENCODING"] = "utf-8"
    for k in ("GITHUB_STEP_SUMMARY", "PYTEST_ADDOPTS", "GITHUB_ACTIONS", "CI"):
        env.pop(k, None)
    return env


def _run(cmd: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base_dir = tmp_path_factory.mktemp("docs-cmds")
    template = base_dir / "template"
    shutil.copytree(FIXTURES / "repo", template)
    init_repo(template)
    (template / "pyproject.toml").write_text(pytest_toml(), encoding="utf-8")
    _shims(base_dir / "bin")
    env = _env(base_dir / "bin", "HEAD")
    update = next(c for c in doc_commands() if UPDATE_BASELINE in c)
    proc = _run(update, template, env)
    assert proc.returncode == 0, f"{update}\n{proc.stdout}\n{proc.stderr}"
    assert (template / ".formlint-baseline.json").is_file()
    git(template, "add", "-A")
    git(template, "commit", "-q", "-m", "forms with a baseline")
    base = git(template, "rev-parse", "HEAD")
    git(template, "update-ref", "refs/remotes/origin/main", base)
    (template / NEW_FORM_PATH).write_text(NEW_FORM, encoding="utf-8")
    return template, _env(base_dir / "bin", base)


def _check_outputs(cmd: str, cwd: Path, sarif_validate: Callable[[dict[str, Any]], None]) -> None:
    fmt = re.search(r"--format\s+(\S+)", cmd)
    if not fmt:
        return
    for spec in fmt.group(1).split(","):
        name, _, path = spec.partition(":")
        if not path:
            continue
        out = cwd / path
        assert out.is_file(), f"{cmd}: {path} not written"
        if name == "sarif":
            log = json.loads(out.read_text(encoding="utf-8"))
            sarif_validate(log)
            open_results = [r for r in log["runs"][0]["results"] if not r.get("suppressions")]
            uris = {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in open_results
            }
            if "--new-only" in cmd or "--baseline" in cmd:
                assert uris == {NEW_FORM_PATH}, uris
            else:
                assert NEW_FORM_PATH in uris
        elif name == "gitlab":
            issues = json.loads(out.read_text(encoding="utf-8"))
            assert isinstance(issues, list) and issues
            assert {i["location"]["path"] for i in issues} == {NEW_FORM_PATH}
        elif name == "junit":
            root = ET.parse(out).getroot()
            failed = {s.get("name") for s in root.iter("testsuite") if int(s.get("failures", "0"))}
            assert failed == {NEW_FORM_PATH}, failed


@pytest.mark.slow
@needs_git
@pytest.mark.parametrize("cmd", doc_commands())
def test_documented_command_runs(
    cmd: str, prepared: tuple[Path, dict[str, str]], tmp_path: Path, sarif_validator: Any
) -> None:
    template, env = prepared
    repo = tmp_path / "repo"
    shutil.copytree(template, repo, symlinks=True)
    if "forms/barnehage-soknad.html" in cmd:  # the pre-commit example: a commit touching that form
        (repo / "forms/barnehage-soknad.html").write_text(
            (repo / "forms/barnehage-soknad.html")
            .read_text(encoding="utf-8")
            .replace("Gutt", "Gutt "),
            encoding="utf-8",
        )
    proc = _run(cmd, repo, env)
    expected = 0 if UPDATE_BASELINE in cmd or cmd.endswith("forms/barnehage-soknad.html") else 1
    assert proc.returncode == expected, (
        f"{cmd}\nexit {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    assert "Traceback" not in proc.stderr
    if cmd.startswith("formlint"):
        _check_outputs(cmd, repo, sarif_validator)
    if UPDATE_BASELINE in cmd:
        data = json.loads((repo / ".formlint-baseline.json").read_text(encoding="utf-8"))
        assert any(e["source"] == NEW_FORM_PATH for e in data["entries"])
    if cmd.startswith("pytest"):
        assert "sfo-pamelding.html" in proc.stdout
        if "--html=" in cmd:
            report = repo / re.search(r"--html=(\S+)", cmd).group(1)  # type: ignore[union-attr]
            assert "formlint-findings" in report.read_text(encoding="utf-8")


@pytest.mark.slow
@needs_git
def test_pre_commit_runs_the_documented_hook(
    prepared: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """pre-commit itself, with the configuration as documented, on a commit's files."""
    template, env = prepared
    repo = tmp_path / "repo"
    shutil.copytree(template, repo, symlinks=True)
    (repo / ".pre-commit-config.yaml").write_text(pre_commit_config(), encoding="utf-8")
    git(repo, "add", "-A")
    env = dict(env, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    pre_commit = f"{sys.executable} -m pre_commit run --files"
    proc = _run(f"{pre_commit} {NEW_FORM_PATH} forms/kontakt.html", repo, env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "gender-binary-options" in proc.stdout and NEW_FORM_PATH in proc.stdout
    # the legacy form is in the baseline: its commit passes
    proc = _run(f"{pre_commit} forms/barnehage-soknad.html", repo, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr


_BUILD_SKIP = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "reports",
    "test-artifacts", "tests", "benchmarks", "*.db",
)  # fmt: skip


@pytest.mark.slow
def test_install_lines_work_as_written(tmp_path: Path) -> None:
    """The documented wheel is built as documented (from a copy of this checkout standing for
    "path/to/formlint"; setuptools from the package index, as in test_packaging), and every
    documented install line installs it: resolved with pip's --dry-run and no index (the
    dependencies are those of this environment)."""
    lines = pip_commands()
    (build,) = [c for c in lines if c.startswith("pip wheel")]
    installs = [c for c in lines if c.startswith("pip install ./ci/")]
    assert len(installs) >= 3, lines  # the Install section, GitHub Actions, GitLab CI
    assert not any(c.startswith("pip install formlint") for c in lines)  # not on PyPI
    checkout = tmp_path / "formlint"
    shutil.copytree(REPO, checkout, ignore=_BUILD_SKIP)
    repo = tmp_path / "forms-repo"
    repo.mkdir()
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    pip = f"{sys.executable} -m pip"
    proc = _run(build.replace("path/to/formlint", str(checkout)).replace("pip", pip, 1), repo, env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    env["PIP_NO_INDEX"] = "1"  # the wheel's dependencies: from this environment, not an index
    for line in dict.fromkeys(installs):
        proc = _run(line.replace("pip", pip, 1) + " --dry-run", repo, env)
        assert proc.returncode == 0, (line, proc.stdout[-2000:], proc.stderr[-2000:])
        assert "formlint-0.1.0" in proc.stdout


def test_commands_found() -> None:
    cmds = doc_commands()
    assert len(cmds) >= 8, cmds
    assert all("\n" not in c for c in cmds)


def test_fixture_repo_is_complete() -> None:
    repo = FIXTURES / "repo"
    for rel in (
        "forms/barnehage-soknad.html",
        "forms/kontakt.html",
        "forms/formio/forms/skjema-stotte.json",
        "forms/fhir/helsestasjon.json",
        "altinn/skoleskyss/App/ui/Task_1/layouts/Side1.json",
    ):
        assert (repo / rel).is_file(), rel
