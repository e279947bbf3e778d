"""SARIF 2.1.0 reporter: schema-valid, complete rule metadata, stable fingerprints, suppressions."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sample_runs import CATALOGUE, make_doc, make_finding, make_run, sample_run

from formlint.engine.runner import Engine
from formlint.findings import Suppression, portable_fingerprint
from formlint.report.base import ReportContext, reporter_class
from formlint.report.sarif import SarifReporter, artifact_uri, build_sarif, text_in

FIXTURE_REPO = Path(__file__).resolve().parents[1] / "fixtures" / "ci" / "repo"


def render(run: Any, **ctx: Any) -> dict[str, Any]:
    ctx.setdefault("rules", CATALOGUE)
    out = io.StringIO()
    SarifReporter(ReportContext(**ctx)).write_run(run, out)
    text = out.getvalue()
    assert text.endswith("\n")
    log: dict[str, Any] = json.loads(text)
    return log


def test_registered_under_sarif() -> None:
    assert reporter_class("sarif", "run") is SarifReporter


def test_valid_against_official_schema(sarif_validator: Any) -> None:
    log = render(sample_run())
    sarif_validator(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1


def test_empty_run_is_valid(sarif_validator: Any) -> None:
    log = render(make_run())
    sarif_validator(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_driver_lists_whole_catalogue_with_metadata() -> None:
    driver = render(make_run())["runs"][0]["tool"]["driver"]
    assert driver["name"] == "formlint"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(r["id"] for r in CATALOGUE)
    gbo = driver["rules"][ids.index("gender-binary-options")]
    assert gbo["name"] == "GenderBinaryOptions"
    assert gbo["shortDescription"]["text"] == "Kjønnsspørsmål med bare to alternativer"
    assert gbo["fullDescription"]["text"].startswith("Et spørsmål om kjønn")
    assert gbo["helpUri"].endswith("gender-binary-options.md")
    assert "Forslag" in gbo["help"]["text"]
    assert "[KS: Prinsipper for inkluderende språk](https://www.ks.no/)" in gbo["help"]["markdown"]
    assert gbo["defaultConfiguration"]["level"] == "error"
    assert gbo["properties"]["confidence"] == "high"
    assert "gender" in gbo["properties"]["tags"]
    # kebab-case names become PascalCase; empty help_uri is left out (it would not be a URI)
    pronoun = driver["rules"][ids.index("binary-pronoun-phrase")]
    assert pronoun["name"] == "BinaryPronounPhrase"
    assert "helpUri" not in pronoun


@pytest.mark.parametrize(
    ("severity", "level"),
    [("error", "error"), ("warning", "warning"), ("suggestion", "note"), ("info", "note")],
)
def test_levels(severity: str, level: str) -> None:
    run = make_run(make_doc("a.html", [make_finding(severity=severity)]))
    log = render(run, rules=[{**CATALOGUE[0], "severity": severity}])
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == level
    assert log["runs"][0]["results"][0]["level"] == level


def test_result_fields_for_html_finding() -> None:
    log = render(sample_run())
    run = log["runs"][0]
    res = next(
        r
        for r in run["results"]
        if r["ruleId"] == "gender-binary-options"
        and "soknad.html" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    phys = res["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "forms/soknad.html"
    assert phys["region"] == {
        "startLine": 12,
        "startColumn": 5,
        "snippet": {"text": "Kjønn: Gutt / Jente"},
    }
    assert res["message"]["text"].startswith("Spørsmålet om kjønn har bare to alternativer.")
    assert "Forslag: Legg til «Annet»" in res["message"]["text"]
    assert len(res["partialFingerprints"]["formlint/v1"]) == 32
    assert "suppressions" not in res
    assert res["properties"]["form"] == "soknad"
    assert res["properties"]["excerpt"] == "Kjønn: Gutt / Jente"


def test_json_formats_get_logical_locations_and_no_region() -> None:
    log = render(sample_run())
    res = next(
        r
        for r in log["runs"][0]["results"]
        if r["ruleId"] == "gender-binary-options" and r["properties"].get("jsonPointer")
    )
    loc = res["locations"][0]
    assert "region" not in loc["physicalLocation"]
    assert loc["logicalLocations"] == [
        {
            "fullyQualifiedName": "/components/3/values",
            "kind": "member",
            "name": "kjonn (radio) values",
        }
    ]
    assert res["properties"]["jsonPointer"] == "/components/3/values"
    assert res["properties"]["component"] == "kjonn (radio) values"


def test_uris_are_relative_encoded_and_urls_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("forms/skjema æøå.pdf", None) == "forms/skjema%20%C3%A6%C3%B8%C3%A5.pdf"
    assert artifact_uri(str(tmp_path / "forms" / "a.html"), None) == "forms/a.html"
    assert artifact_uri(str(tmp_path / "forms" / "a.html"), str(tmp_path / "forms")) == "a.html"
    assert artifact_uri("forms\\b.html", None) == "forms/b.html"
    assert artifact_uri("./forms/c.html", None) == "forms/c.html"
    url = "https://www.trondheim.kommune.no/skjema?id=3&x=æ"
    assert artifact_uri(url, None) == url
    assert artifact_uri("/elsewhere/x.html", str(tmp_path)).startswith("file:///elsewhere/")


def test_absolute_source_same_uri_and_fingerprint_as_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rel = render(make_run(make_doc("forms/a.html", [make_finding(source="forms/a.html")])))
    ab = render(
        make_run(
            make_doc(
                str(tmp_path / "forms/a.html"),
                [make_finding(source=str(tmp_path / "forms/a.html"))],
            )
        )
    )
    r1, r2 = rel["runs"][0]["results"][0], ab["runs"][0]["results"][0]
    assert r1["locations"] == r2["locations"]
    assert r1["partialFingerprints"] == r2["partialFingerprints"]


def test_fingerprint_ignores_line_moves() -> None:
    a = render(make_run(make_doc("a.html", [make_finding(source="a.html", line=10)])))
    b = render(make_run(make_doc("a.html", [make_finding(source="a.html", line=99, column=1)])))
    assert (
        a["runs"][0]["results"][0]["partialFingerprints"]
        == b["runs"][0]["results"][0]["partialFingerprints"]
    )


def test_suppressions() -> None:
    results = render(sample_run())["runs"][0]["results"]
    inline = next(r for r in results if r["ruleId"] == "gendered-salutation")
    assert inline["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "Brevmal krever tiltale",
            "properties": {"formlintKind": "inline"},
        }
    ]
    exc = next(r for r in results if r["ruleId"] == "gender-not-needed")
    assert exc["suppressions"][0]["kind"] == "external"
    assert exc["suppressions"][0]["properties"] == {
        "formlintKind": "exception",
        "approver": "Finans",
        "expires": "2027-06-30",
    }
    run = make_run(
        make_doc(
            "a.html",
            [
                make_finding(
                    source="a.html",
                    suppression=Suppression(kind="baseline", reason="accepted in baseline b.json"),
                )
            ],
        )
    )
    base = render(run)["runs"][0]["results"][0]["suppressions"][0]
    assert base["kind"] == "external"
    assert base["justification"] == "accepted in baseline b.json"


def test_unreadable_documents_become_notifications(sarif_validator: Any) -> None:
    log = render(sample_run())
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is True
    notes = inv["toolExecutionNotifications"]
    assert notes[0]["level"] == "error"
    assert "not a valid zip archive" in notes[0]["message"]["text"]
    assert (
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "forms/broken.docx"
    )
    only_broken = make_run(make_doc("x.docx", [], forms=[], errors=["x.docx: empty file"]))
    log2 = render(only_broken)
    sarif_validator(log2)
    assert log2["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_rule_outside_catalogue_gets_a_descriptor(sarif_validator: Any) -> None:
    run = make_run(
        make_doc(
            "a.html", [make_finding("formlint.parse-error", source="a.html", severity="error")]
        )
    )
    log = render(run, rules=[])
    sarif_validator(log)
    res = log["runs"][0]["results"][0]
    assert (
        log["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "formlint.parse-error"
    )


def test_language_choice_and_text_in() -> None:
    log = render(make_run(), language="en")
    gbo = log["runs"][0]["tool"]["driver"]["rules"][1]
    assert gbo["shortDescription"]["text"] == "Gender question with only two options"
    assert text_in({"nn": "nynorsk"}, "nb") == "nynorsk"
    assert text_in(None) == ""
    assert text_in(["a", "b"]) == "a; b"


def test_deterministic_and_sorted() -> None:
    one = render(sample_run())
    two = render(sample_run())
    assert one == two
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in one["runs"][0]["results"]
    ]
    assert uris == sorted(uris)


def test_artifacts_and_baseline_summary(sarif_validator: Any) -> None:
    from formlint.ci.baseline import BaselineReport

    log = render(
        sample_run(),
        options={"baseline": BaselineReport(path=".formlint-baseline.json", new=1, suppressed=2)},
    )
    sarif_validator(log)
    run = log["runs"][0]
    assert {a["location"]["uri"] for a in run["artifacts"]} >= {
        "forms/soknad.html",
        "forms/ok.html",
    }
    assert run["properties"]["baseline"]["new"] == 1


def test_partial_fingerprint_is_the_portable_fingerprint() -> None:
    f = make_doc("forms/a.html", [make_finding(source="forms/a.html")]).findings[0]
    log = build_sarif(
        make_run(make_doc("forms/a.html", [make_finding(source="forms/a.html")])),
        ReportContext(rules=CATALOGUE),
    )
    assert (
        log["runs"][0]["results"][0]["partialFingerprints"]["formlint/v1"]
        == portable_fingerprint(f)
        == f.fingerprint
    )


def test_end_to_end_on_fixture_forms(
    engine: Engine, sarif_validator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real engine and catalogue: a Gutt/Jente radio group is a gender-binary-options error."""
    from formlint.api import lint_paths
    from formlint.engine.catalog import rule_catalog

    monkeypatch.chdir(FIXTURE_REPO)
    run = lint_paths([Path("forms"), Path("altinn")], engine)
    log = render(run, rules=rule_catalog(engine))
    sarif_validator(log)
    results = log["runs"][0]["results"]
    gbo = [
        r
        for r in results
        if r["ruleId"] == "gender-binary-options"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "forms/barnehage-soknad.html"
    ]
    assert len(gbo) == 1
    assert gbo[0]["level"] == "error"
    assert 15 <= gbo[0]["locations"][0]["physicalLocation"]["region"]["startLine"] <= 19
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[gbo[0]["ruleIndex"]]["id"] == "gender-binary-options"
    assert rules[gbo[0]["ruleIndex"]]["help"]["text"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    # JSON formats are reported too, with logical locations
    assert "forms/formio/forms/skjema-stotte.json" in uris
    formio = next(
        r
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
            "skjema-stotte.json"
        )
    )
    assert formio["locations"][0].get("logicalLocations") or formio["locations"][0][
        "physicalLocation"
    ].get("region")


def test_accessibility_rules_and_results_carry_their_standards_as_tags(
    engine: Engine, sarif_validator: Any
) -> None:
    """WCAG, EN 301 549 and ACT go into the rule's and the result's ``properties.tags`` and the
    rule's help, with links; the rule's helpUri is its docs page (which lists them)."""
    from formlint.api import lint_documents
    from formlint.document import FetchedDocument
    from formlint.engine.catalog import rule_catalog

    page = b'<html lang="nb"><body><form><input type="text" name="x"></form></body></html>'
    run = lint_documents([FetchedDocument(url="p.html", body=page, media_type="text/html")], engine)
    log = render(run, rules=rule_catalog(engine))
    sarif_validator(log)
    run_log = log["runs"][0]
    res = next(r for r in run_log["results"] if r["ruleId"] == "form-field-no-accessible-name")
    assert res["properties"]["tags"] == ["WCAG-4.1.2", "EN-301-549-9.4.1.2", "ACT-e086e5"]
    assert (
        "navn (label, aria-label). [WCAG 4.1.2 · EN 301 549 9.4.1.2 · ACT e086e5]"
        in res["message"]["text"]
    )
    rule = run_log["tool"]["driver"]["rules"][res["ruleIndex"]]
    assert rule["properties"]["tags"][:2] == ["accessibility", "forms"]
    assert {"WCAG-4.1.2", "EN-301-549-9.4.1.2", "ACT-e086e5"} <= set(rule["properties"]["tags"])
    assert rule["helpUri"].endswith("docs/rules/form-field-no-accessible-name.md")
    md = rule["help"]["markdown"]
    assert "[WCAG 2.1 4.1.2 Name, Role, Value (A)](https://www.w3.org/WAI/WCAG21/" in md
    assert "/act/rules/e086e5/" in md
    a2 = next(r for r in run_log["tool"]["driver"]["rules"] if r["id"] == "gender-binary-options")
    assert a2["properties"]["tags"][0] == "inclusive-language"


def test_an_axe_finding_gets_a_descriptor_with_axe_help_and_its_wcag_tags(
    sarif_validator: Any,
) -> None:
    """axe-core's rules are not in the catalogue: the descriptor comes from the finding, its
    helpUri axe's page; and the JSON report's schema takes its axe/<rule> id."""
    import jsonschema

    import formlint

    f = replace(
        make_finding("axe/color-contrast", severity="warning"),
        help_uri="https://dequeuniversity.com/rules/axe/4.12/color-contrast",
        why="Ensure the contrast between foreground and background colors meets WCAG 2 AA.",
        standards=("WCAG 1.4.3", "EN 301 549 9.1.4.3"),
    )
    run = make_run(make_doc("forms/soknad.html", [f]))
    log = render(run)
    sarif_validator(log)
    res = log["runs"][0]["results"][0]
    rule = log["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]
    assert rule["id"] == "axe/color-contrast"
    assert rule["helpUri"] == "https://dequeuniversity.com/rules/axe/4.12/color-contrast"
    assert rule["properties"]["tags"][:2] == ["accessibility", "forms"]
    assert "WCAG-1.4.3" in rule["properties"]["tags"]
    assert res["properties"]["tags"] == ["WCAG-1.4.3", "EN-301-549-9.1.4.3"]
    schema = json.loads(
        (Path(formlint.__file__).parent / "schemas" / "formlint-run-1.0.schema.json").read_text(
            encoding="utf-8"
        )
    )
    jsonschema.validate(run.to_dict(), schema)
