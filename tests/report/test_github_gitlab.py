"""GitHub Actions annotations and GitLab Code Quality reports."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from sample_runs import CATALOGUE, make_doc, make_finding, make_run, sample_run

from formlint.report.base import ReportContext, reporter_class
from formlint.report.github import GithubReporter, annotation, command, escape_data, escape_property
from formlint.report.gitlab import GitlabReporter


def render(cls: type[Any], run: Any, **ctx: Any) -> str:
    out = io.StringIO()
    ctx.setdefault("options", {"github_step_summary": ""})
    cls(ReportContext(rules=CATALOGUE, **ctx)).write_run(run, out)
    return out.getvalue()


# --- GitHub ----------------------------------------------------------------------------------------


def test_registered() -> None:
    assert reporter_class("github", "run") is GithubReporter
    assert reporter_class("gitlab", "run") is GitlabReporter


def test_escaping_follows_the_runner_rules() -> None:
    assert escape_data("100% \r\n ok") == "100%25 %0D%0A ok"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert (
        command("error", "x", file="a,b.html", line=3, col=None)
        == "::error file=a%2Cb.html,line=3::x"
    )
    assert command("notice", "hei") == "::notice::hei"


def test_annotation_for_html_finding() -> None:
    line = annotation(make_finding())
    assert line.startswith(
        "::error file=forms/soknad.html,line=12,col=5,title=formlint gender-binary-options (error)::"
    )
    assert line.count("\n") == 0
    assert "%0A«Kjønn: Gutt / Jente»%0AForslag: Legg til «Annet»" in line


def test_message_cannot_inject_commands() -> None:
    evil = make_finding(message="oops\n::set-env name=X::1", excerpt="a::b")
    line = annotation(evil)
    assert "\n" not in line
    # workflow commands must start a line: after escaping, the injected one is inert message data
    assert line.startswith("::error file=")
    assert "%0A::set-env" in line


def test_levels_and_order() -> None:
    out = render(GithubReporter, sample_run())
    lines = out.splitlines()
    kinds = [ln.split(" ", 1)[0].split("::")[1] for ln in lines if ln.startswith("::")]
    # what could not be read first, then worst first; suppressed findings (inline Herr/Fru, the
    # exception) are not annotated
    assert kinds == ["error", "error", "error", "error", "error", "notice"]
    assert not any("gendered-salutation" in ln or "gender-not-needed" in ln for ln in lines)
    assert lines[0].startswith(
        "::error file=forms/broken.docx,title=formlint formlint.parse-error (error)::forms/broken.docx: not a valid zip"
    )
    assert lines[-1] == "formlint: 5 documents, 5 findings (4 errors, 1 suggestion), 2 suppressed"


def test_json_and_pdf_findings_name_the_component() -> None:
    out = render(GithubReporter, sample_run())
    line = next(ln for ln in out.splitlines() if "skjema.json" in ln)
    assert "line=" not in line
    assert "::[kjonn (radio) values] Spørsmålet" in line
    pdf = next(ln for ln in out.splitlines() if ".pdf" in ln)
    assert "::[page 2] Spørsmålet" in pdf


def test_findings_ordered_worst_first_then_by_file() -> None:
    lines = render(GithubReporter, sample_run()).splitlines()
    files = [ln.split("file=")[1].split(",")[0] for ln in lines[1:5]]
    assert files == [
        "forms/nav/skjema.json",
        "forms/skjema æøå.pdf",
        "forms/soknad.html",
        "forms/soknad.html",
    ]


def test_url_sources_are_not_file_annotations() -> None:
    url = "https://www.trondheim.kommune.no/skjema/"
    run = make_run(make_doc(url, [make_finding(source=url)]))
    line = render(GithubReporter, run).splitlines()[0]
    assert "file=" not in line
    assert f"::{url}:12:5: Spørsmålet" in line


def test_step_summary_written_when_env_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    rep = GithubReporter(ReportContext(rules=CATALOGUE, fail_on="warning"))
    rep.write_run(sample_run(), io.StringIO())
    md = summary.read_text(encoding="utf-8")
    assert md.startswith("### formlint")
    assert "5 documents checked, 5 findings, 4 at or above `warning`, 1 could not be read." in md
    assert (
        "| error | `gender-binary-options` | forms/soknad.html:12:5 | Kjønn: Gutt / Jente |" in md
    )


def test_step_summary_with_fail_on_never(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    opts = {"github_step_summary": str(summary)}
    GithubReporter(ReportContext(rules=CATALOGUE, fail_on="never", options=opts)).write_run(
        sample_run(), io.StringIO()
    )
    assert "5 documents checked, 5 findings, 1 could not be read." in summary.read_text(
        encoding="utf-8"
    )


def test_step_summary_names_the_baseline(tmp_path: Path) -> None:
    from formlint.ci.baseline import BaselineReport

    summary = tmp_path / "summary.md"
    opts = {
        "github_step_summary": str(summary),
        "baseline": BaselineReport(path=".formlint-baseline.json", new=1, suppressed=4),
    }
    GithubReporter(ReportContext(rules=CATALOGUE, options=opts)).write_run(
        sample_run(), io.StringIO()
    )
    assert (
        "Baseline `.formlint-baseline.json`: 1 new, 4 in baseline, 0 fixed."
        in summary.read_text(encoding="utf-8")
    )


# --- GitLab ----------------------------------------------------------------------------------------

CODE_QUALITY_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_code_quality_shape() -> None:
    issues = json.loads(render(GitlabReporter, sample_run()))
    assert isinstance(issues, list)
    for i in issues:
        assert set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert i["severity"] in CODE_QUALITY_SEVERITIES
        assert isinstance(i["location"]["path"], str)
        assert (
            isinstance(i["location"]["lines"]["begin"], int)
            and i["location"]["lines"]["begin"] >= 1
        )
    fps = [i["fingerprint"] for i in issues]
    assert len(fps) == len(set(fps))
    checks = [i["check_name"] for i in issues]
    assert "gendered-salutation" not in checks  # suppressed
    assert "formlint.parse-error" in checks
    unread = next(i for i in issues if i["check_name"] == "formlint.parse-error")
    assert unread["severity"] == "critical" and unread["location"]["path"] == "forms/broken.docx"


def test_gitlab_severity_mapping_and_locations() -> None:
    issues = json.loads(render(GitlabReporter, sample_run()))
    by = {(i["check_name"], i["location"]["path"]): i for i in issues}
    html = by[("gender-binary-options", "forms/soknad.html")]
    assert html["severity"] == "critical"
    assert html["location"]["lines"]["begin"] == 12
    assert (
        html["description"] == "Spørsmålet om kjønn har bare to alternativer. «Kjønn: Gutt / Jente»"
    )
    assert by[("binary-pronoun-phrase", "forms/soknad.html")]["severity"] == "minor"
    formio = by[("gender-binary-options", "forms/nav/skjema.json")]
    assert formio["location"]["lines"]["begin"] == 1
    assert formio["description"].startswith("[kjonn (radio) values] ")
    assert (
        by[("gender-binary-options", "forms/skjema æøå.pdf")]["location"]["path"]
        == "forms/skjema æøå.pdf"
    )


@pytest.mark.parametrize(
    ("sev", "expected"),
    [("error", "critical"), ("warning", "major"), ("suggestion", "minor"), ("info", "info")],
)
def test_gitlab_each_severity(sev: str, expected: str) -> None:
    issues = json.loads(
        render(
            GitlabReporter,
            make_run(make_doc("a.html", [make_finding(source="a.html", severity=sev)])),
        )
    )
    assert issues[0]["severity"] == expected


def test_gitlab_fingerprint_stable_across_line_moves_and_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    a = json.loads(
        render(
            GitlabReporter,
            make_run(make_doc("f/a.html", [make_finding(source="f/a.html", line=3)])),
        )
    )
    b = json.loads(
        render(
            GitlabReporter,
            make_run(
                make_doc(
                    str(tmp_path / "f/a.html"),
                    [make_finding(source=str(tmp_path / "f/a.html"), line=40)],
                )
            ),
        )
    )
    assert a[0]["fingerprint"] == b[0]["fingerprint"]
    assert b[0]["location"]["path"] == "f/a.html"


def test_gitlab_empty_run_is_empty_array() -> None:
    assert render(GitlabReporter, make_run()) == "[]\n"
