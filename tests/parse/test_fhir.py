"""FHIR Questionnaire / ValueSet parser: the corpus cases, plus STU3, contained ValueSets and translations."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus_path import SKIP_REASON, cases, corpus_dir, entries, norm, resembles

from formlint.document import FetchedDocument
from formlint.model import FieldKind, ParsedDocument, Scope
from formlint.parse.fhir import parse_fhir
from formlint.parse.registry import ParseOptions, parse_document

OPTS = ParseOptions()
FHIR_CASES = cases("fhir")


def _parse_case(case: dict[str, Any]) -> ParsedDocument:
    root = corpus_dir()
    assert root is not None
    parsed = parse_document(FetchedDocument.from_path(root / case["files"][0]), OPTS)
    assert parsed.format == "fhir"
    return parsed


@pytest.mark.skipif(corpus_dir() is None, reason=SKIP_REASON)
@pytest.mark.parametrize("case", FHIR_CASES, ids=[c["id"] for c in FHIR_CASES])
def test_corpus_case(case: dict[str, Any]) -> None:
    parsed = _parse_case(case)
    assert parsed.problems == ()
    texts = entries(parsed)
    for entry in (case.get("expect") or []) + (case.get("must_not") or []):
        if entry.get("rule") == "options-unresolved":
            continue  # checked below: the canonical URL resolves
        want = norm(entry["text"])
        found = [(t, loc, hidden) for t, loc, hidden, _l in texts if want in norm(t)]
        assert found, (entry["where"], entry["text"])
        where = entry["where"]
        if "questionnaire-hidden" in where:
            assert all(hidden for *_x, hidden in found)
        elif where.startswith("linkId") and '"' in where:
            # the exact component spelling for single-item entries
            assert any(loc.component == where for _t, loc, _h in found), (
                where,
                [loc.component for _t, loc, _h in found],
            )
        else:
            assert any(
                resembles(loc, where.replace("linkIds ", "linkId "))
                or "linkId" in (loc.component or "")
                for _t, loc, _h in found
            )


def _questionnaire(name: str) -> ParsedDocument:
    root = corpus_dir()
    if root is None:
        pytest.skip(SKIP_REASON)
    return parse_fhir(
        FetchedDocument.from_path(
            root
            / "fhir/aehrc__smart-forms/apps/smart-forms-app/src/data/resources/Questionnaire"
            / name
        ),
        OPTS,
    )


def test_715_gender_is_binary_and_prefill_is_not_preselection() -> None:
    form = _questionnaire("715.R4.json").forms[0]
    assert form.title and form.title.startswith("Aboriginal")
    assert form.language is None
    gender = next(f for f in form.fields if f.label == "Gender")
    assert gender.kind == FieldKind.RADIO
    assert [(o.label, o.value, o.selected) for o in gender.options] == [
        ("Male", "male", False),
        ("Female", "female", False),
    ]
    assert gender.location.anchor == "3a98ac7a-9313-4222-a853-edd0415bfc48"
    age = next(f for f in form.fields if f.label == "Age of Patient")
    assert age.hidden and age.kind == FieldKind.NUMBER
    assert "Age of Patient" not in [t for t, *_ in form.all_texts()]


def test_cvd_gender_value_set_resolves_to_four_codes() -> None:
    form = _questionnaire("CVD-Risk-2023.json").forms[0]
    gender = next(f for f in form.fields if f.label == "Gender")
    assert gender.options_source.kind == "codelist" and gender.options_source.resolved
    assert [o.value for o in gender.options] == ["male", "female", "other", "unknown"]


def _doc(data: dict[str, Any]) -> FetchedDocument:
    return FetchedDocument(url="q.json", body=json.dumps(data).encode())


def test_contained_valueset_stu3_options_and_translations() -> None:
    q = {
        "resourceType": "Questionnaire",
        "language": "nb-NO",
        "title": "Skjema",
        "contained": [
            {
                "resourceType": "ValueSet",
                "id": "kj",
                "compose": {
                    "include": [
                        {
                            "system": "urn:oid:2.16.578.1.12.4.1.1.3101",
                            "concept": [
                                {"code": "1", "display": "Mann"},
                                {"code": "2", "display": "Kvinne"},
                            ],
                        }
                    ]
                },
            },
            {
                "resourceType": "ValueSet",
                "id": "exp",
                "expansion": {
                    "contains": [{"code": "a", "display": "Ja"}, {"code": "b", "display": "Nei"}]
                },
            },
            {
                "resourceType": "ValueSet",
                "id": "sys",
                "compose": {"include": [{"system": "urn:oid:2.16.578.1.12.4.1.1.3101"}]},
            },
        ],
        "item": [
            {
                "linkId": "g",
                "type": "group",
                "text": "Om deg",
                "item": [
                    {
                        "linkId": "k",
                        "type": "choice",
                        "text": "Kjønn",
                        "required": True,
                        "answerValueSet": "#kj",
                        "_text": {
                            "extension": [
                                {
                                    "url": "http://hl7.org/fhir/StructureDefinition/translation",
                                    "extension": [
                                        {"url": "lang", "valueCode": "en"},
                                        {"url": "content", "valueString": "Sex"},
                                    ],
                                }
                            ]
                        },
                        "item": [
                            {
                                "linkId": "k.h",
                                "type": "display",
                                "text": "Hvorfor vi spør",
                                "extension": [
                                    {
                                        "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
                                        "valueCodeableConcept": {"coding": [{"code": "help"}]},
                                    }
                                ],
                            }
                        ],
                    },
                    {
                        "linkId": "e",
                        "type": "choice",
                        "text": "Svar",
                        "answerValueSet": "#exp",
                        "repeats": True,
                    },
                    {"linkId": "s", "type": "choice", "text": "Kjønn 2", "answerValueSet": "#sys"},
                    {
                        "linkId": "o",
                        "type": "choice",
                        "text": "Gammel",
                        "option": [
                            {"valueString": "Herr"},
                            {"valueCoding": {"code": "f", "display": "Fru"}},
                        ],
                    },
                    {
                        "linkId": "i",
                        "type": "choice",
                        "text": "Valgt",
                        "answerOption": [
                            {"valueString": "A", "initialSelected": True},
                            {"valueString": "B"},
                        ],
                    },
                    {
                        "linkId": "u",
                        "type": "choice",
                        "text": "Ukjent",
                        "answerValueSet": "http://example.org/ValueSet/x|1.0",
                    },
                    {
                        "linkId": "v",
                        "type": "choice",
                        "text": "Volven",
                        "answerValueSet": "http://ehelse.no/fhir/ValueSet/8459|2.0",
                    },
                    {"linkId": "d", "type": "display", "text": "<b>Les</b> dette"},
                ],
            }
        ],
    }
    parsed = parse_fhir(_doc(q), OPTS)
    form = parsed.forms[0]
    assert form.language == "nb" and form.title == "Skjema"
    f = {x.id: x for x in form.fields}
    assert (
        [o.label for o in f["k"].options] == ["Mann", "Kvinne"]
        and f["k"].required
        and f["k"].help == ("Hvorfor vi spør",)
    )
    assert f["k"].location.component == 'linkId k (choice) "Kjønn"'
    assert f["k"].location.json_pointer == "/item/0/item/0/text"
    assert f["e"].kind == FieldKind.CHECKBOXES and [o.label for o in f["e"].options] == [
        "Ja",
        "Nei",
    ]
    assert [o.label for o in f["s"].options] == ["Mann", "Kvinne"]
    assert [o.label for o in f["o"].options] == ["Herr", "Fru"]
    assert f["i"].options[0].selected and not f["i"].options[1].selected
    assert (
        f["u"].options_source.kind == "unresolved"
        and f["u"].options_source.ref == "http://example.org/ValueSet/x|1.0"
    )
    assert f["v"].options_source.ref == "volven:8459" and [o.label for o in f["v"].options] == [
        "Mann",
        "Kvinne",
    ]
    assert any(
        b.text == "Sex" and b.language == "en" and b.scope == Scope.LABEL for b in form.text_blocks
    )
    assert any(b.text == "Om deg" and b.scope == Scope.HEADING for b in form.text_blocks)
    assert any(b.text == "Les dette" and b.scope == Scope.PARAGRAPH for b in form.text_blocks)
    assert "Hvorfor vi spør" not in [b.text for b in form.text_blocks]


def test_standalone_valueset_is_one_select_field() -> None:
    vs = {
        "resourceType": "ValueSet",
        "id": "8459",
        "title": "Kjønn",
        "url": "http://ehelse.no/fhir/ValueSet/8459",
        "compose": {"include": [{"system": "urn:oid:2.16.578.1.12.4.1.1.3101"}]},
    }
    parsed = parse_document(_doc(vs), OPTS)
    assert parsed.format == "fhir"
    (field,) = parsed.forms[0].fields
    assert field.kind == FieldKind.SELECT and field.label == "Kjønn"
    assert [o.label for o in field.options] == ["Mann", "Kvinne"]


def test_odd_input_never_raises() -> None:
    for data in (
        {
            "resourceType": "Questionnaire",
            "item": [None, 3, {"type": "choice", "answerOption": [None, {}]}],
        },
        {"resourceType": "Patient"},
    ):
        parsed = parse_fhir(_doc(data), OPTS)
        assert isinstance(parsed, ParsedDocument)
    assert parse_fhir(_doc({"resourceType": "Patient"}), OPTS).problems[0].level == "note"
    bad = parse_fhir(
        FetchedDocument(url="q.json", body=b'{"resourceType": "Questionnaire",\n"item": [}'), OPTS
    )
    assert "line 2, column" in bad.problems[0].message


def test_codelists_know_every_spelling() -> None:
    from formlint.parse.codelists import find_codelist, load_codelists

    assert load_codelists(), "rules/codelists.yaml is missing or empty"
    admin = find_codelist("http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1")
    assert admin is not None and not admin.binary and len(admin.codes) == 4
    for ref in ("urn:oid:2.16.578.1.12.4.1.1.3101", "2.16.578.1.12.4.1.1.8459"):
        cl = find_codelist(ref)
        assert (
            cl is not None and cl.binary and [c.label("nb") for c in cl.codes] == ["Mann", "Kvinne"]
        )
    for ref in ("kjønn", "kjonn"):
        cl = find_codelist(ref, prefix="altinn")
        assert (
            cl is not None
            and cl.id == "altinn:kjønn"
            and [c.label("en") for c in cl.codes] == ["Male", "Female"]
        )
    assert find_codelist("reasons", prefix="altinn") is None
