"""Golden texts of config errors as the command line prints them: formlint.yml (``lint``), crawl
configs (``scan``) and the progress section (``report``) — unknown keys with a did-you-mean, bad
values, invalid YAML, missing keys. Each golden file holds the command, the config, the exit code
and stderr; the config path is relative, so the text names no machine's folders. Regenerate with
``pytest --update-golden``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from formlint.cli.main import cli
from formlint.errors import FormlintError

# case -> (config file name, its text, the command's arguments)
LINT = ["lint", "--config", "formlint.yml", "."]
SCAN = ["scan", "crawl.yml"]
REPORT = ["report", "--config", "formlint.yml", "--db", "sqlite:///formlint.db", "--out", "out"]
CASES: dict[str, tuple[str, str, list[str]]] = {
    "formlint-unknown-key": ("formlint.yml", "profle: strict\n", LINT),
    "formlint-unknown-nested-key": (
        "formlint.yml",
        "rules:\n  gender-binary-options:\n    severty: warning\n",
        LINT,
    ),
    "formlint-bad-value": ("formlint.yml", "fail_on: loud\n", LINT),
    "formlint-bad-yaml": ("formlint.yml", "rules:\n  a: [1, 2\n", LINT),
    "formlint-python-tag": (
        "formlint.yml",
        "profile: standard\nrules:\n  binary-pronoun-phrase: !!python/object/apply:os.system [id]\n",
        LINT,
    ),
    "formlint-alias-bomb": (
        "formlint.yml",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        LINT,
    ),
    "formlint-exception-incomplete": (
        "formlint.yml",
        "exceptions:\n  - rule: gender-binary-options\n    source: soknad.html\n    reason: lov\n",
        LINT,
    ),
    "crawl-unknown-key": (
        "crawl.yml",
        "site: x\nstart_urls: [https://x.no/]\nmax_page: 10\n",
        SCAN,
    ),
    "crawl-bad-value": (
        "crawl.yml",
        "site: x\nstart_urls: [https://x.no/]\nrender: sometimes\n",
        SCAN,
    ),
    "crawl-bad-yaml": ("crawl.yml", "site: x\nstart_urls: [https://x.no/\n", SCAN),
    "crawl-base-url-missing": ("crawl.yml", "site: x\nstart_urls: ['{{BASE_URL}}/']\n", SCAN),
    "progress-unknown-key": ("formlint.yml", "progress:\n  deadlin: 2030-01-01\n", REPORT),
    "progress-owner-wrong-key": (
        "formlint.yml",
        'progress:\n  owners:\n    - unit: Oppvekst\n      match: ["*barnehage*"]\n',
        REPORT,
    ),
}


def run(args: list[str]) -> tuple[int, str]:
    """Exit code and stderr of ``formlint ARGS``; an error a command leaves to the console-script
    entry point (``cli.main.main``) is printed as it prints it."""
    res = CliRunner().invoke(cli, args)
    if isinstance(res.exception, FormlintError):
        return res.exception.exit_code, f"formlint: error: {res.exception.one_line()}\n"
    assert not res.exception or isinstance(res.exception, SystemExit), res.exception
    return res.exit_code, res.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_config_error_text(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Callable[[str, str], None]
) -> None:
    name, text, args = CASES[case]
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, err = run(args)
    assert code == 2, err
    shown = f"$ formlint {' '.join(args)}\n--- {name}\n{text}--- exit {code}, stderr\n{err}"
    golden(f"config/{case}.txt", shown)
