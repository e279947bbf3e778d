"""The format sniffer and the parser registry: whatever the bytes, a format name or one problem."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from document_fixtures import mf

from formlint.cli.main import cli
from formlint.document import FetchedDocument
from formlint.parse.registry import parse_document, sniff


def test_a_docx_whose_content_types_fail_to_inflate_is_one_problem(tmp_path: Path) -> None:
    """zlib.error from a damaged member once escaped the sniffer and ended `formlint lint`."""
    doc = FetchedDocument.from_path(mf.make_docx_with_corrupt_content_types(tmp_path / "c.docx"))
    assert sniff(doc) == "zip-invalid"
    parsed = parse_document(doc)
    assert [p.level for p in parsed.problems] == ["error"]
    assert parsed.problems[0].message.startswith("not a valid zip archive")


def test_lint_goes_on_past_a_corrupt_docx(tmp_path: Path) -> None:
    bad = mf.make_docx_with_corrupt_content_types(tmp_path / "skjema.docx")
    good = tmp_path / "side.html"
    good.write_text(
        '<!doctype html><html lang="nb"><body><p>Den som søker må vise legitimasjon før han eller'
        " hun får svar.</p></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["lint", "--no-config", "--fail-on", "never", str(bad), str(good)]
    )
    assert result.exit_code == 0, result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("formlint: error:")]
    assert len(errors) == 1 and "skjema.docx" in errors[0] and "not a valid zip" in errors[0]
    assert "Traceback" not in result.output
    alone = CliRunner().invoke(cli, ["lint", "--no-config", str(bad)])
    assert alone.exit_code == 3  # every input failed: a runtime failure, never "findings"
