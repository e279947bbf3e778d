"""`formlint lint` end to end: exit codes, formats, and bad input that must not stop the run."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from formlint.cli.main import cli

BINARY_GENDER = """<!doctype html><html lang="nb"><head><title>Påmelding</title></head><body>
<form id="p"><fieldset><legend>Kjønn</legend>
<input type="radio" id="g" name="kjonn" value="g"><label for="g">Gutt</label>
<input type="radio" id="j" name="kjonn" value="j"><label for="j">Jente</label></fieldset></form></body></html>"""
CLEAN = """<!doctype html><html lang="nb"><head><title>Åpningstider</title></head><body>
<main><h1>Åpningstider</h1><p>Servicetorget er åpent fra 8 til 15.</p></main></body></html>"""
PRONOUN = """<!doctype html><html lang="nb"><head><title>Info</title></head><body><p>Søkeren må legge ved attest før han eller hun får svar.</p></body></html>"""


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def forms(tmp_path: Path) -> dict[str, Path]:
    files = {"binary.html": BINARY_GENDER, "clean.html": CLEAN, "pronoun.html": PRONOUN}
    out = {}
    for name, text in files.items():
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        out[name] = p
    return out


def test_exit_0_when_clean(forms: dict[str, Path]) -> None:
    code, out, _ = run(["lint", "--no-config", str(forms["clean.html"])])
    assert code == 0, out


def test_exit_1_at_or_above_fail_on(forms: dict[str, Path]) -> None:
    code, out, _ = run(["lint", "--no-config", str(forms["binary.html"])])
    assert code == 1
    assert "gender-binary-options" in out and "Gutt / Jente" in out


def test_findings_below_fail_on_exit_0(forms: dict[str, Path]) -> None:
    code, _, _ = run(["lint", "--no-config", "--fail-on", "warning", str(forms["pronoun.html"])])
    assert code == 0
    code, _, _ = run(["lint", "--no-config", "--fail-on", "suggestion", str(forms["pronoun.html"])])
    assert code == 1
    code, _, _ = run(["lint", "--no-config", "--fail-on", "never", str(forms["binary.html"])])
    assert code == 0


def test_check_fails_on_warning_by_default(forms: dict[str, Path], tmp_path: Path) -> None:
    p = tmp_path / "salutation.html"
    p.write_text(
        '<html lang="nb"><body><form><label for="t">Tiltale</label><select id="t" name="t"><option>Herr</option><option>Fru</option></select></form></body></html>',
        encoding="utf-8",
    )
    code, out, _ = run(["check", "--no-config", str(p)])
    assert code == 1, out
    code, _, _ = run(["lint", "--no-config", str(p)])
    assert code == 0


def test_json_output_is_versioned_and_complete(forms: dict[str, Path], tmp_path: Path) -> None:
    out_file = tmp_path / "out.json"
    code, _, _ = run(
        [
            "lint",
            "--no-config",
            "--format",
            f"json:{out_file}",
            str(forms["binary.html"]),
            str(forms["pronoun.html"]),
        ]
    )
    assert code == 1
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["schema"] == "formlint-run/1.0"
    findings = [f for d in data["documents"] for f in d["findings"]]
    rules = {f["rule"] for f in findings}
    assert {"gender-binary-options", "binary-pronoun-phrase"} <= rules
    for f in findings:
        for key in (
            "rule",
            "severity",
            "confidence",
            "message",
            "suggestions",
            "source",
            "location",
            "excerpt",
            "fingerprint",
        ):
            assert key in f, key
        assert f["suggestions"]
        assert len(f["fingerprint"]) == 32


def test_several_formats_in_one_run(forms: dict[str, Path], tmp_path: Path) -> None:
    _code, out, _ = run(
        [
            "lint",
            "--no-config",
            "-f",
            f"console,json:{tmp_path / 'a.json'}",
            str(forms["pronoun.html"]),
        ]
    )
    assert (tmp_path / "a.json").is_file()
    assert "binary-pronoun-phrase" in out


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = run(["lint", "--no-config"])
    assert code == 2 and "nothing to lint" in err
    code, _, err = run(["lint", "--no-config", "--format", "pdfx", str(tmp_path)])
    assert code == 2 and "unknown format" in err
    code, _, _ = run(["lint", "--no-config", "--profile", "loud", str(tmp_path)])
    assert code == 2


def test_config_error_exits_2_with_file_and_line(tmp_path: Path, forms: dict[str, Path]) -> None:
    cfg = tmp_path / "formlint.yml"
    cfg.write_text(
        "profile: standard\nrules:\n  gender-binary-options:\n    severty: warning\n",
        encoding="utf-8",
    )
    code, _, err = run(["lint", "--config", str(cfg), str(forms["clean.html"])])
    assert code == 2
    assert f"{cfg}:4" in err and "did you mean 'severity'" in err


def test_bad_inputs_get_one_line_errors_and_the_rest_is_linted(
    tmp_path: Path, forms: dict[str, Path]
) -> None:
    bad = {
        "image.html": b"\x00\x01\x02\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10,
        "empty.html": b"",
        "truncated.html": b'<html lang="nb"><body><form><label for="a">Mors navn</label><input id="a" name="a"',
        "unknown-encoding.html": '<html lang="nb"><head><meta charset="x-klingon-8"></head><body><p>Søknad om barnehageplass for gutt og jente.</p></body></html>'.encode(
            "latin-1"
        ),
        "broken.json": b'{"components": [1, 2,, }',
    }
    paths = []
    for name, body in bad.items():
        p = tmp_path / name
        p.write_bytes(body)
        paths.append(str(p))
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body>" + b"<p>x</p>" * (51 * 1024 * 1024 // 8) + b"</body></html>")
    paths.append(str(big))
    code, _out, err = run(
        [
            "lint",
            "--no-config",
            "-f",
            f"json:{tmp_path / 'o.json'}",
            *paths,
            str(forms["binary.html"]),
        ]
    )
    assert code == 1  # the good file's finding still counts
    lines = [ln for ln in err.splitlines() if ln.startswith("formlint: error:")]
    for name in ("image.html", "empty.html", "big.html", "broken.json"):
        assert any(name in ln for ln in lines), (name, err)
    assert any("line 1, column" in ln for ln in lines if "broken.json" in ln)
    assert all("\n" not in ln for ln in lines)
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    by_source = {Path(d["source"]).name: d for d in data["documents"]}
    assert by_source["truncated.html"]["findings"], "truncated HTML is read as far as it goes"
    assert any(
        f["rule"] == "gender-binary-options" for f in by_source["binary.html"]["findings"]
    ) or any(f["rule"] == "gender-binary-options" for d in data["documents"] for f in d["findings"])


def test_every_input_failed_exits_3(tmp_path: Path) -> None:
    a = tmp_path / "a.html"
    a.write_bytes(b"")
    code, _, err = run(["lint", "--no-config", str(a), str(tmp_path / "missing.html")])
    assert code == 3
    assert "missing.html" in err


class _Handler(http.server.BaseHTTPRequestHandler):
    methods: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        _Handler.methods.append("GET")
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/500":
            self.send_error(500, "Internal Server Error")
            return
        body = BINARY_GENDER.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.handle_error = lambda request, client_address: None  # type: ignore[method-assign]  # the client gave up on /slow on purpose
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_urls_are_fetched_once_with_get(server: str) -> None:
    _Handler.methods.clear()
    code, out, err = run(
        [
            "lint",
            "--no-config",
            "--timeout",
            "1",
            f"{server}/form",
            f"{server}/500",
            f"{server}/slow",
        ]
    )
    assert code == 1, err
    assert "gender-binary-options" in out
    assert f"{server}/500: HTTP 500" in err
    assert f"{server}/slow: timed out" in err
    assert set(_Handler.methods) == {"GET"}


def test_unreachable_url_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, _, err = run(["lint", "--no-config", f"http://127.0.0.1:{port}/x"])
    assert code == 3
    assert f"http://127.0.0.1:{port}/x: cannot connect" in err


def test_version_and_help_are_fast_to_import() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import formlint.cli.main"],
        capture_output=True,
        text=True,
        check=True,
    )
    heavy = [
        m
        for m in ("spacy", "scrapy", "playwright", "bs4", "lxml", "pypdf")
        if f" {m}" in out.stderr or f"| {m}" in out.stderr
    ]
    assert heavy == [], f"heavy modules imported at start-up: {heavy}"


def test_json_output_validates_against_the_shipped_schema(
    forms: dict[str, Path], tmp_path: Path
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import formlint

    schema = json.loads(
        (Path(formlint.__file__).parent / "schemas" / "formlint-run-1.0.schema.json").read_text(
            encoding="utf-8"
        )
    )
    out_file = tmp_path / "out.json"
    run(
        [
            "lint",
            "--no-config",
            "--include-suppressed",
            "-f",
            f"json:{out_file}",
            *(str(p) for p in forms.values()),
            str(tmp_path / "missing.html"),
        ]
    )
    jsonschema.Draft202012Validator(schema).validate(
        json.loads(out_file.read_text(encoding="utf-8"))
    )


def test_lang_is_the_report_language_and_doc_lang_the_documents(forms: dict[str, Path]) -> None:
    """One meaning of --lang across commands: the report's language (messages, labels, summary)."""
    code, out, _ = run(["lint", "--no-config", "--lang", "nn", str(forms["binary.html"])])
    assert code == 1
    assert "feil       gender-binary-options" in out and "undertrykte" in out  # Nynorsk summary
    code, out, _ = run(["lint", "--no-config", "--lang", "en", str(forms["binary.html"])])
    assert "error      gender-binary-options" in out and "2 finding(s) (1 error, 1 info)" in out
    # The document language has its own name; the old report flag still works, with a note.
    code, out, _ = run(["lint", "--no-config", "--doc-lang", "nn", str(forms["clean.html"])])
    assert code == 0, out
    code, out, err = run(["lint", "--no-config", "--report-lang", "en", str(forms["binary.html"])])
    assert "error      gender-binary-options" in out
    assert "--report-lang is deprecated; use --lang" in err
    code, _, err = run(["lint", "--no-config", "--lang", "se", str(forms["clean.html"])])
    assert code == 2 and "'se' is not one of 'nb', 'nn', 'en'" in err


SUMMARIES = {
    "nb": (
        "Ingen funn. 1 dokument(er), 0 skjema, 0 funn; 0 undertrykt, 0 feil.",
        "2 dokument(er), 1 skjema, 2 funn (1 feil, 1 info); 0 undertrykt, 0 feil.",
    ),
    "nn": (
        "Ingen funn. 1 dokument, 0 skjema, 0 funn; 0 undertrykte, 0 feil.",
        "2 dokument, 1 skjema, 2 funn (1 feil, 1 info); 0 undertrykte, 0 feil.",
    ),
    "en": (
        "No findings. 1 document(s), 0 form(s), 0 finding(s); 0 suppressed, 0 error(s).",
        "2 document(s), 1 form(s), 2 finding(s) (1 error, 1 info); 0 suppressed, 0 error(s).",
    ),
}


@pytest.mark.parametrize("command", ["lint", "check"])
@pytest.mark.parametrize("lang", sorted(SUMMARIES))
def test_summary_counts_per_severity_only_when_there_are_findings(
    forms: dict[str, Path], lang: str, command: str
) -> None:
    """A clean run's summary has no empty "(0)" after its count of findings."""
    none, some = SUMMARIES[lang]
    _, out, _ = run([command, "--no-config", "--lang", lang, str(forms["clean.html"])])
    assert out.splitlines()[-1] == none
    files = [str(forms["clean.html"]), str(forms["binary.html"])]
    _, out, _ = run([command, "--no-config", "--lang", lang, *files])
    assert out.splitlines()[-1] == some


# --- a gate that cannot pass silently -----------------------------------------------------------


def _mixed_inputs(tmp_path: Path, forms: dict[str, Path]) -> list[str]:
    """A clean page, a missing file and a truncated PDF, as a CI job with a typo would pass them."""
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    return [str(forms["clean.html"]), str(tmp_path / "missing.html"), str(truncated)]


def test_check_with_an_unreadable_input_fails_and_lists_it_in_every_format(
    tmp_path: Path, forms: dict[str, Path]
) -> None:
    sarif, junit, gitlab = tmp_path / "o.sarif", tmp_path / "o.xml", tmp_path / "gl.json"
    fmt = f"console,sarif:{sarif},junit:{junit},gitlab:{gitlab},json:{tmp_path / 'o.json'}"
    code, out, err = run(["check", "--no-config", "-f", fmt, *_mixed_inputs(tmp_path, forms)])
    assert code == 1, (out, err)
    assert "missing.html: no such file or directory" in err
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    unread = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
        for r in results
        if r["ruleId"] == "formlint.parse-error" and r["level"] == "error"
    }
    assert unread == {"missing.html", "truncated.pdf"}
    suites = ET.parse(junit).getroot()
    broken = [
        e.get("type")
        for s in suites
        if s.get("name", "").endswith(("missing.html", "truncated.pdf"))
        for e in s.iter("error")
    ]
    assert broken == ["formlint.parse-error", "formlint.parse-error"]
    assert suites.get("errors") == "2"
    issues = json.loads(gitlab.read_text(encoding="utf-8"))
    assert sum(1 for i in issues if i["check_name"] == "formlint.parse-error") == 2
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert data["summary"]["by_severity"]["error"] == 2
    assert sorted(
        Path(f["source"]).name
        for d in data["documents"]
        for f in d["findings"]
        if f["rule"] == "formlint.parse-error"
    ) == ["missing.html", "truncated.pdf"]


def test_lint_counts_an_unreadable_input_by_fail_on(tmp_path: Path, forms: dict[str, Path]) -> None:
    inputs = _mixed_inputs(tmp_path, forms)
    assert run(["lint", "--no-config", *inputs])[0] == 1
    assert run(["lint", "--no-config", "--fail-on", "never", *inputs])[0] == 0


def test_allow_unreadable_reports_without_failing(tmp_path: Path, forms: dict[str, Path]) -> None:
    sarif = tmp_path / "o.sarif"
    inputs = _mixed_inputs(tmp_path, forms)
    code, _, err = run(
        ["check", "--no-config", "--allow-unreadable", "-f", f"sarif:{sarif}", *inputs]
    )
    assert code == 0
    assert "missing.html" in err
    assert "formlint.parse-error" in sarif.read_text(encoding="utf-8")
    # with nothing readable at all there is nothing to vouch for
    assert run(["check", "--no-config", "--allow-unreadable", *inputs[1:]])[0] == 3


@pytest.mark.parametrize("command", ["lint", "check"])
def test_fail_on_never_writes_every_format(
    command: str, tmp_path: Path, forms: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--fail-on never`` is a report-only run: every format is written, nothing fails it."""
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = {name: tmp_path / f"o.{name}" for name in ("json", "sarif", "junit", "gitlab", "html")}
    fmt = ",".join(["console", "github", *(f"{name}:{path}" for name, path in out.items())])
    inputs = [str(forms["binary.html"]), *_mixed_inputs(tmp_path, forms)[1:]]
    code, _, err = run([command, "--no-config", "--fail-on", "never", "-f", fmt, *inputs])
    assert code == 0, err
    assert all(path.stat().st_size > 0 for path in out.values())
    root = ET.parse(out["junit"]).getroot()
    assert root.get("failures") == "0"
    assert root.get("errors") == "2"  # an unread file is broken in a test tab whatever fails
    assert "gender-binary-options" in out["junit"].read_text(encoding="utf-8")
    assert "gender-binary-options" in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(("command", "default"), [("lint", "error"), ("check", "warning")])
def test_help_names_the_real_fail_on_default(command: str, default: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"], terminal_width=400)
    assert f"else {default})" in " ".join(result.output.split())
