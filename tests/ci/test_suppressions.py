"""Checked suppressions: a rule id no rule has is an error (exit 2, file:line, did-you-mean) in
``rules:``, in ``exceptions[].rule`` and in a ``formlint-disable`` comment, and a suppression that
suppresses nothing (inline, exception, baseline entry) is reported as
``formlint.unused-suppression``; ``--select`` and ``--ignore`` choose the rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from formlint.cli.main import cli

PAGE = """<!doctype html>
<html lang="nb">
<head><title>Påmelding til leirskole</title></head>
<body>
<form id="leir">
{before}
<fieldset>
  <legend>Kjønn</legend>
  <label><input type="radio" name="k" value="g"> Gutt</label>
  <label><input type="radio" name="k" value="j"> Jente</label>
</fieldset>
<p>Eleven må ha med sovepose.</p>
</form>
</body>
</html>
"""
EXCEPTION = """  - document: "*/{doc}"
    rule: {rule}
    reason: Skal samsvare med elevregisteret til fylket
    approved_by: Rektor
    expires: 2099-12-31
"""


def run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """``formlint ARGS`` run in ``tmp_path``."""
    res = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "forms").mkdir()
    return tmp_path


def page(repo: Path, name: str, before: str = "") -> str:
    path = repo / "forms" / name
    path.write_text(PAGE.format(before=before), encoding="utf-8")
    return f"forms/{name}"


def sarif_results(path: Path) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["runs"][0][
        "results"
    ]
    return results


def region(result: dict[str, Any]) -> tuple[str, int | None]:
    physical = result["locations"][0]["physicalLocation"]
    return physical["artifactLocation"]["uri"], physical.get("region", {}).get("startLine")


# --- unknown rule ids -----------------------------------------------------------------------------


def test_unknown_id_in_rules_exits_2_with_file_line_and_hint(repo: Path) -> None:
    (repo / "formlint.yml").write_text(
        "profile: standard\nrules:\n  gender-binary-option:\n    severity: warning\n",
        encoding="utf-8",
    )
    code, _, err = run(repo, "check", page(repo, "a.html"))
    assert code == 2
    assert (
        "formlint.yml:3: rules.gender-binary-option: unknown rule id 'gender-binary-option' "
        "(did you mean 'gender-binary-options'?)"
    ) in err


def test_unknown_id_in_an_exception_exits_2_with_file_line(repo: Path) -> None:
    (repo / "formlint.yml").write_text(
        "exceptions:\n" + EXCEPTION.format(doc="a.html", rule="gender-binary-optoins"),
        encoding="utf-8",
    )
    code, _, err = run(repo, "check", page(repo, "a.html"))
    assert code == 2
    assert "formlint.yml:3: exceptions.0.rule: unknown rule id 'gender-binary-optoins'" in err
    assert "did you mean 'gender-binary-options'?" in err


def test_unknown_id_in_a_comment_exits_2_naming_file_line_and_the_run_goes_on(
    repo: Path,
) -> None:
    bad = page(repo, "bad.html", "<!-- formlint-disable gender-binary-option -- registerkrav -->")
    good = page(repo, "good.html")
    sarif = repo / "o.sarif"
    code, _, err = run(repo, "check", "-f", f"sarif:{sarif}", bad, good)
    assert code == 2
    assert (
        "forms/bad.html:6: formlint-disable gender-binary-option: unknown rule id "
        "'gender-binary-option' (did you mean 'gender-binary-options'?)"
    ) in err
    results = sarif_results(sarif)
    unknown = [r for r in results if r["ruleId"] == "formlint.unknown-rule"]
    assert [region(r) for r in unknown] == [("forms/bad.html", 6)]
    assert unknown[0]["level"] == "error"
    # both pages were still linted, the typo suppressing nothing
    assert {region(r)[0] for r in results if r["ruleId"] == "gender-binary-options"} == {
        "forms/bad.html",
        "forms/good.html",
    }


def test_unknown_id_in_an_attribute_is_an_error_too(repo: Path) -> None:
    name = page(repo, "a.html", '<div data-formlint-ignore="gendered-salutations"></div>')
    code, _, err = run(repo, "lint", name)
    assert code == 2
    assert 'forms/a.html:6: data-formlint-ignore="gendered-salutations"' in err
    assert "did you mean 'gendered-salutation'?" in err


# --- unused suppressions --------------------------------------------------------------------------


def test_unused_inline_suppression_is_reported_and_can_fail_the_run(repo: Path) -> None:
    name = page(
        repo,
        "a.html",
        "<!-- formlint-disable gender-binary-options -- registerkrav -->\n"
        "<!-- formlint-disable spouse-gendered -- ingen grunn -->",
    )
    sarif = repo / "o.sarif"
    code, _, _ = run(repo, "lint", "--fail-on", "warning", "-f", f"sarif:{sarif}", name)
    assert code == 0  # the used one hid the binary question; the unused one is info
    unused = [r for r in sarif_results(sarif) if r["ruleId"] == "formlint.unused-suppression"]
    assert [(region(r), r["level"]) for r in unused] == [(("forms/a.html", 7), "note")]
    assert "formlint-disable spouse-gendered: suppresses nothing" in unused[0]["message"]["text"]
    code, _, _ = run(repo, "lint", "--fail-on-unused-suppressions", "-f", f"sarif:{sarif}", name)
    assert code == 1
    unused = [r for r in sarif_results(sarif) if r["ruleId"] == "formlint.unused-suppression"]
    assert [r["level"] for r in unused] == ["error"]


def test_used_suppressions_are_not_reported(repo: Path) -> None:
    name = page(
        repo,
        "a.html",
        "<!-- formlint-disable gender-binary-options -- registerkrav -->"
        '<div data-formlint-ignore="all"></div>',
    )
    out = repo / "o.json"
    code, _, _ = run(repo, "check", "-f", f"json:{out}", name)
    data = json.loads(out.read_text(encoding="utf-8"))
    rules = [f["rule"] for d in data["documents"] for f in d["findings"]]
    # the comment hid the question; the attribute on an empty element hid nothing
    assert rules.count("formlint.unused-suppression") == 1
    assert code == 0


def test_unused_exception_is_reported_at_its_line_in_the_config(repo: Path) -> None:
    (repo / "formlint.yml").write_text(
        "exceptions:\n"
        + EXCEPTION.format(doc="a.html", rule="gender-binary-options")
        + EXCEPTION.format(doc="a.html", rule="gendered-salutation")
        + EXCEPTION.format(doc="other.html", rule="gendered-salutation"),
        encoding="utf-8",
    )
    sarif = repo / "o.sarif"
    code, _, _ = run(repo, "check", "-f", f"sarif:{sarif}", page(repo, "a.html"))
    assert code == 0
    unused = [r for r in sarif_results(sarif) if r["ruleId"] == "formlint.unused-suppression"]
    # the second names a checked document but hides nothing; the third's document was not checked
    assert [region(r) for r in unused] == [("formlint.yml", 7)]
    assert "exception gendered-salutation for */a.html" in unused[0]["message"]["text"]


def test_unused_baseline_entry_is_reported_at_its_line(repo: Path) -> None:
    name = page(repo, "a.html")
    assert run(repo, "check", "--write-baseline", "b.json", name)[0] == 0
    # the gender question is dropped: its two baseline entries now match nothing
    text = PAGE.format(before="")
    text = text[: text.index("<fieldset>")] + text[text.index("</fieldset>") + 11 :]
    (repo / name).write_text(text, encoding="utf-8")
    sarif = repo / "o.sarif"
    code, _, _ = run(repo, "check", "--baseline", "b.json", "-f", f"sarif:{sarif}", name)
    assert code == 0
    unused = [r for r in sarif_results(sarif) if r["ruleId"] == "formlint.unused-suppression"]
    lines = (repo / "b.json").read_text(encoding="utf-8").splitlines()
    assert len(unused) == 2 and all(region(r)[0] == "b.json" for r in unused)
    for r in unused:
        line = region(r)[1]
        assert line is not None and '"fingerprint"' in lines[line - 1]
    assert any("gender-binary-options" in r["message"]["text"] for r in unused)


# --- --select and --ignore ------------------------------------------------------------------------


def test_select_and_ignore_choose_the_rules(repo: Path) -> None:
    name = page(repo, "a.html")
    out = repo / "o.json"

    def rules(*args: str) -> set[str]:
        code, _, err = run(repo, "lint", "--fail-on", "never", "-f", f"json:{out}", *args, name)
        assert code == 0, err
        data = json.loads(out.read_text(encoding="utf-8"))
        return {f["rule"] for d in data["documents"] for f in d["findings"]}

    everything = rules()
    assert "gender-binary-options" in everything and len(everything) > 1
    assert rules("--select", "gender-binary-options") == {"gender-binary-options"}
    assert rules("--ignore", "gender-binary-options") == everything - {"gender-binary-options"}
    # a rule outside the profile runs when selected
    assert rules("--profile", "minimal", "--select", "gender-not-needed,gender-binary-options") == {
        "gender-binary-options",
        "gender-not-needed",
    }


def test_unknown_select_id_is_a_usage_error(repo: Path) -> None:
    code, _, err = run(repo, "check", "--ignore", "han-eller-hun", page(repo, "a.html"))
    assert code == 2
    assert "--ignore: unknown rule id 'han-eller-hun'" in err


def test_axe_rule_ids_are_taken_as_axe_core_names_them() -> None:
    """axe-core's rules come with its version: a well-formed ``axe/<id>`` is a rule id, a
    malformed one is still a typo."""
    from formlint.engine.ruleids import RuleIds

    ids = RuleIds(["gender-binary-options"], {})
    assert ids.problem("axe/color-contrast") is None
    assert ids.problem("axe/") is not None
    assert ids.problem("axe/Color contrast") is not None
    assert "did you mean 'gender-binary-options'" in (ids.problem("gender-binary-option") or "")
