"""``formlint init``: the files it writes are valid and made for the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from ci_helpers import REPO, git, init_repo, needs_git
from click.testing import CliRunner

from formlint.cli.main import cli
from formlint.config.load import load_config

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = init_repo(tmp_path / "skjemaer")
    git(root, "checkout", "-q", "-b", "produksjon")
    for rel, text in {
        "skjema/barnehage/soknad.html": "<form><label>Navn <input name=n></label></form>",
        "apps/skoleskyss/App/ui/layouts/Side1.json": "{}",
        "docs/README.md": "Skjemaene våre",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root / "skjema")  # init finds the repository from a subfolder
    return root


def test_init_writes_three_valid_files_for_the_repository(repo: Path) -> None:
    res = CliRunner().invoke(cli, ["init"])
    assert res.exit_code == 0, res.output
    cfg = load_config(repo / "formlint.yml")  # valid as written, comments and all
    assert cfg.config.profile == "standard" and cfg.config.fail_on == "warning"
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks["repos"][0]["hooks"]
    assert hook["entry"] == "formlint check" and hook["language"] == "system"
    flow = yaml.safe_load((repo / ".github/workflows/formlint.yml").read_text(encoding="utf-8"))
    assert flow[True]["push"]["branches"] == ["produksjon"]  # YAML 1.1 reads "on" as True
    runs = [s.get("run", "") for s in flow["jobs"]["formlint"]["steps"]]
    assert "pip install ./ci/formlint-0.1.0-py3-none-any.whl" in runs
    checks = [r for r in runs if r.startswith("formlint check")]
    assert len(checks) == 2 and all(r.endswith(" apps skjema") for r in checks)
    assert (
        "top folder (..):\n  formlint check --write-baseline .formlint-baseline.json apps skjema"
        in res.output
    )


def test_init_keeps_what_exists(repo: Path) -> None:
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (repo / "formlint.yml").write_text("profile: strict\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["init"])
    assert "kept ../formlint.yml" in res.output  # named from where init ran
    assert "../.pre-commit-config.yaml exists: add this hook to it:" in res.output
    assert (repo / "formlint.yml").read_text(encoding="utf-8") == "profile: strict\n"
    assert (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"
    CliRunner().invoke(cli, ["init", "--force"])
    assert "profile: standard" in (repo / "formlint.yml").read_text(encoding="utf-8")


def test_the_workflow_commands_run(repo: Path) -> None:
    """The generated workflow's formlint commands, as written, in the repository (with a
    baseline written as init says)."""
    CliRunner().invoke(cli, ["init"])
    flow = yaml.safe_load((repo / ".github/workflows/formlint.yml").read_text(encoding="utf-8"))
    checks = [
        s["run"]
        for s in flow["jobs"]["formlint"]["steps"]
        if s.get("run", "").startswith("formlint")
    ]
    env = dict(os.environ, PYTHONPATH=str(REPO), BASE_SHA="HEAD")
    formlint = [sys.executable, "-m", "formlint"]
    subprocess.run(
        [*formlint, "check", "--write-baseline", ".formlint-baseline.json", "apps", "skjema"],
        cwd=repo, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "skjemaer")
    for command in checks:
        proc = subprocess.run(
            ["bash", "-c", command.replace("formlint ", f"{sys.executable} -m formlint ", 1)],
            cwd=repo, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert proc.returncode == 0, (command, proc.stdout, proc.stderr)
        assert (repo / "formlint.sarif").is_file()
