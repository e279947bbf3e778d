"""Baselines end to end through the CLI on a real HTML form: accepted findings are suppressed, a new
finding fails, a fixed one is reported as fixed, and 20 lines inserted above do not un-suppress."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from formlint.cli.main import cli

HEAD = '<!doctype html><html lang="nb"><head><title>Påmelding</title></head><body><form id="p">\n'
GENDER = (
    '<fieldset><legend>Kjønn</legend><input type="radio" id="g" name="k"><label for="g">Gutt</label>'
    '<input type="radio" id="j" name="k"><label for="j">Jente</label></fieldset>\n'
)
SALUTATION = '<label for="t">Tiltale</label><select id="t" name="t"><option>Herr</option><option>Fru</option></select>\n'
TAIL = "</form></body></html>\n"


def _check(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["check", "--no-config", *args], catch_exceptions=False)
    return res.exit_code, res.stdout + res.stderr


def test_baseline_lifecycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    form = tmp_path / "skjema.html"
    base = tmp_path / ".formlint-baseline.json"
    form.write_text(HEAD + GENDER + TAIL, encoding="utf-8")
    code, out = _check(str(form))
    assert code == 1 and "gender-binary-options" in out

    code, out = _check("--write-baseline", str(base), str(form))
    assert code == 0 and base.is_file()
    assert any(
        e["rule"] == "gender-binary-options"
        for e in json.loads(base.read_text(encoding="utf-8"))["entries"]
    )

    code, out = _check("--baseline", str(base), str(form))
    assert code == 0, out  # accepted legacy finding no longer blocks

    form.write_text(HEAD + "<p>Fyll ut skjemaet.</p>\n" * 20 + GENDER + TAIL, encoding="utf-8")
    code, out = _check("--baseline", str(base), str(form))
    assert code == 0, out  # 20 lines above do not un-suppress

    form.write_text(HEAD + GENDER + SALUTATION + TAIL, encoding="utf-8")
    code, out = _check("--baseline", str(base), str(form))
    assert code == 1 and "gendered-salutation" in out  # a new finding fails

    form.write_text(
        HEAD + '<label for="n">Navn</label><input id="n" name="n" autocomplete="name">\n' + TAIL,
        encoding="utf-8",
    )
    code, out = _check("--baseline", str(base), str(form))
    assert code == 0
    # the fixed findings (binary options and its gender-not-needed) are reported as fixed
    m = re.search(r"(\d+) fixed", out)
    assert m is not None and int(m.group(1)) == 2, out
