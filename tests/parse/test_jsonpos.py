"""JSON pointers to lines and columns in the file as written, and findings in JSON forms that
carry them into SARIF regions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from formlint.cli.main import cli
from formlint.document import FetchedDocument
from formlint.model import Location
from formlint.parse.jsonpos import JsonLocator, JsonPositions


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first ``needle`` in ``text``."""
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_pointers_to_members_items_and_escaped_keys() -> None:
    text = (
        '{\n  "title": "Søknad",\n  "components": [\n    {"key": "a", "label": "Navn"},\n'
        '    {"key": "b", "a/b": {"c~d": [true, "Kjønn"]}}\n  ]\n}\n'
    )
    pos = JsonPositions(text)
    assert pos.position("") == (1, 1)
    assert pos.position("/title") == where(text, '"Søknad"')
    assert pos.position("/components/0") == where(text, '{"key": "a"')
    assert pos.position("/components/0/label") == where(text, '"Navn"')
    assert pos.position("/components/1/a~1b/c~0d/1") == where(text, '"Kjønn"')
    # asked again, and in any order
    assert pos.position("/components/0/key") == where(text, '"a"')
    assert pos.position("/title") == where(text, '"Søknad"')
    for missing in ("/components/2", "/nope", "/title/x", "components"):
        assert pos.position(missing) is None


def test_columns_count_characters_on_a_one_line_file() -> None:
    comps = [{"key": f"k{i}", "label": "Æøå " * i} for i in range(200)]
    text = json.dumps({"components": comps}, ensure_ascii=False)
    assert "\n" not in text
    line, column = JsonPositions(text).position("/components/150/label") or (0, 0)
    assert line == 1
    assert text[column - 1 :].startswith(json.dumps("Æøå " * 150, ensure_ascii=False))


def test_lenient_json_keeps_its_offsets() -> None:
    text = (
        '{\n  // skjemaet for SFO\n  "components": [\n    {"label": "Kjønn",},\n  ],\n'
        '  "url": "https://x.no//y"\n}\n'
    )
    pos = JsonPositions(text)
    assert pos.position("/components/0/label") == where(text, '"Kjønn"')
    assert pos.position("/url") == where(text, '"https')


def test_crlf_lines() -> None:
    text = '{\r\n"a": 1,\r\n"b": "x"\r\n}'
    assert JsonPositions(text).position("/b") == (3, 6)


def test_locator_reads_the_document_and_its_sibling_files() -> None:
    form = '{"components": [{"key": "k", "label": "Kjønn"}]}'
    translation = '\ufeff{\n  "en": {\n    "Kjønn": "Gender"\n  }\n}'
    doc = FetchedDocument(
        url="repo/forms/a.json",
        body=form.encode(),
        siblings={"translations/a.json": translation.encode("utf-8")},
    )
    locate = JsonLocator(doc)
    loc = locate(Location("repo/forms/a.json", json_pointer="/components/0/label"))
    assert (loc.line, loc.column) == (1, 39)
    loc = locate(Location("repo/translations/a.json", json_pointer="/en/Kjønn"))
    assert (loc.line, loc.column) == (3, 14)  # the byte order mark is no column
    kept = Location("repo/forms/a.json", line=7, json_pointer="/components/0")
    assert locate(kept) is kept
    assert locate(Location("elsewhere.json", json_pointer="/a")).line is None


REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "ci" / "repo"


@pytest.mark.parametrize(
    ("path", "rule", "needle"),
    [
        ("forms/formio/forms/skjema-stotte.json", "gender-binary-options", '"Kjønn"'),
        ("forms/fhir/helsestasjon.json", "gender-binary-options", '"Barnets kjønn"'),
        (
            "altinn/skoleskyss/App/ui/Task_1/layouts/Side1.json",
            "parent-mor-far-only",
            '"foresatt.rolle"',
        ),
    ],
)
def test_sarif_region_is_the_line_of_the_component(
    path: str, rule: str, needle: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    out = tmp_path / "o.sarif"
    CliRunner().invoke(cli, ["lint", "--no-config", "-f", f"sarif:{out}", "."])
    results = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    found = [
        r["locations"][0]["physicalLocation"]
        for r in results
        if r["ruleId"] == rule
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path
    ]
    assert found, results
    text = (FIXTURES / path).read_text(encoding="utf-8")
    line, column = where(text, needle)
    assert found[0]["region"]["startLine"] == line
    assert found[0]["region"]["startColumn"] == column
