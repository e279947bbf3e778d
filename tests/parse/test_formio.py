"""Form.io parser: every manifest case of the corpus, plus edge cases on small inline forms."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus_path import SKIP_REASON, cases, corpus_dir, count_phrases, entries, norm, resembles

from formlint.document import FetchedDocument
from formlint.model import FieldKind, ParsedDocument, Scope
from formlint.parse.formio import (
    parse_formio,
    parse_formio_global_translations,
    parse_formio_translations,
)
from formlint.parse.registry import ParseOptions, parse_document, sniff

OPTS = ParseOptions()
FORMIO_CASES = cases("formio")
_LOCALE_LANG = {"nb-NO": "nb", "nn-NO": "nn", "en": "en"}


def _parse_case(case: dict[str, Any]) -> tuple[ParsedDocument, dict[str, str]]:
    """Parse a case the way files.collect delivers it; return the result and in-repo path -> disk path."""
    root = corpus_dir()
    assert root is not None
    paths = {
        src["path"]: str(root / f) for f, src in zip(case["files"], case["source"], strict=True)
    }
    forms = [p for p in paths if p.startswith("forms/")]
    if forms:
        form = forms[0]
        siblings = {
            p: Path(d).read_bytes() for p, d in paths.items() if p.startswith("translations/")
        }
        doc = FetchedDocument(
            url=paths[form], body=Path(paths[form]).read_bytes(), siblings=siblings
        )
        parsed = parse_document(doc, OPTS)
        assert parsed.format == "formio"
        return parsed, paths
    # global translations: several standalone files, merged for the checks
    merged: list[ParsedDocument] = [
        parse_document(FetchedDocument.from_path(d), OPTS) for d in paths.values()
    ]
    assert all(p.format == "formio-global-translations" for p in merged)
    return (
        ParsedDocument(
            source="",
            format="merged",
            forms=tuple(f for p in merged for f in p.forms),
            problems=tuple(x for p in merged for x in p.problems),
        ),
        paths,
    )


def _file_of(entry: dict[str, Any], paths: dict[str, str]) -> str:
    f = entry.get("file")
    if f:
        return paths[f]
    named = [d for p, d in paths.items() if p.rsplit("/", 1)[-1] in entry.get("where", "")]
    if named:
        return named[0]
    forms = [d for p, d in paths.items() if p.startswith("forms/")]
    return forms[0] if forms else ""


@pytest.mark.skipif(corpus_dir() is None, reason=SKIP_REASON)
@pytest.mark.parametrize("case", FORMIO_CASES, ids=[c["id"] for c in FORMIO_CASES])
def test_corpus_case(case: dict[str, Any]) -> None:
    parsed, paths = _parse_case(case)
    assert not [p for p in parsed.problems if p.level == "error"], parsed.problems
    texts = entries(parsed)
    for entry in (case.get("expect") or []) + (case.get("must_not") or []):
        where = entry.get("where", "")
        source = _file_of(entry, paths)
        if "(translated values)" in where:
            locale = where.split(" ")[0]
            lang = _LOCALE_LANG[locale]
            if not entry.get("file"):
                source = next(d for p, d in paths.items() if p.startswith("translations/"))
            values = {
                (loc.json_pointer, t)
                for t, loc, _h, lg in texts
                if loc.source == source and lg == lang and loc.json_pointer != f"/{locale}"
            }
            if "text" in entry:
                assert any(norm(entry["text"]) in norm(t) for _p, t in values), (
                    where,
                    entry["text"],
                )
            if "count" in entry and not entry.get("optional"):
                n = count_phrases([t for _p, t in values], entry["phrases"])
                assert n == entry["count"], (where, entry["phrases"], n)
            continue
        if "text" not in entry:
            continue
        want = norm(entry["text"])
        found = [
            (t, loc, hidden)
            for t, loc, hidden, _lg in texts
            if want in norm(t) and (not source or where == "any" or loc.source == source)
        ]
        assert found, (case["id"], where, entry["text"])
        if where and where != "any" and not where.endswith(".json"):
            near = [x for x in found if resembles(x[1], where)]
            assert near, (where, [x[1].component for x in found])
            if "hideLabel" in where:
                assert all(hidden for _t, _loc, hidden in near), (where, near)
            elif entry in (case.get("expect") or []):
                assert any(not hidden for _t, _loc, hidden in near), (where, near)


# --- details on real forms ------------------------------------------------------------------------


def _corpus_form(name: str) -> ParsedDocument:
    root = corpus_dir()
    if root is None:
        pytest.skip(SKIP_REASON)
    base = root / "formio" / "navikt__skjemautfylling-formio"
    f = base / "forms" / f"{name}.json"
    t = base / "translations" / f"{name}.json"
    return parse_formio(
        FetchedDocument(
            url=str(f), body=f.read_bytes(), siblings={f"translations/{name}.json": t.read_bytes()}
        ),
        OPTS,
    )


def test_locations_follow_the_manifest_spelling() -> None:
    parsed = _corpus_form("nav170106")
    form = parsed.forms[0]
    assert form.language == "nb" and form.kind == "formio"
    field = next(f for f in form.fields if f.name and f.name.startswith("harHanEllerHunBodd"))
    assert field.kind == FieldKind.RADIO
    assert field.location.component == f"{field.name} (radiopanel) label"
    assert field.location.json_pointer and field.location.json_pointer.startswith("/components/")
    assert field.location.anchor == f"{field.name}:label"
    assert [o.label for o in field.options][:2] == ["Ja", "Nei"]
    assert field.options[1].location and field.options[1].location.json_pointer.endswith(
        "/values/1/label"
    )  # type: ignore[union-attr]


def test_translation_forms_point_into_the_translation_file() -> None:
    parsed = _corpus_form("nav040803")
    nn = next(f for f in parsed.forms if f.key.endswith("#nn"))
    assert nn.kind == "formio-translation" and nn.language == "nn"
    assert all(b.location.source.endswith("translations/nav040803.json") for b in nn.text_blocks)
    assert all(b.location.json_pointer.startswith("/nn-NO/") for b in nn.text_blocks)  # type: ignore[union-attr]
    # a translated string is tied to the component whose text is the key
    assert any(b.location.component == "alertstripe2 (alertstripe) content" for b in nn.text_blocks)
    # translated option sets become fields of the locale, so choice rules see them
    assert any(f.options and f.language == "nn" for f in nn.fields)


def test_hidden_container_labels_are_hidden() -> None:
    form = _corpus_form("nav100740").forms[0]
    block = next(b for b in form.text_blocks if b.text == "Navn på foreldre container")
    assert block.hidden
    assert "Navn på foreldre container" not in [t for t, *_ in form.all_texts()]


def test_legacy_signatures_and_description() -> None:
    form = _corpus_form("nav100740").forms[0]
    sigs = [f for f in form.fields if f.kind == FieldKind.SIGNATURE]
    assert [s.label for s in sigs] == ["Søker / verge", "Forelder 1", "Forelder 2"]
    assert sigs[1].location.component == "properties.signatures.signature2"
    desc = next(
        b for b in form.text_blocks if b.location.component == "properties.descriptionOfSignatures"
    )
    assert "begge signere" in desc.text and desc.scope == Scope.PARAGRAPH


def test_empty_panel_form_does_not_crash() -> None:
    parsed = _corpus_form("nav001001")
    assert parsed.problems == ()
    assert len(parsed.forms) == 1 and parsed.forms[0].fields == ()


# --- edge cases -----------------------------------------------------------------------------------


def _doc(data: object | str, url: str = "forms/x.json", **kw: Any) -> FetchedDocument:
    body = data.encode() if isinstance(data, str) else json.dumps(data).encode()
    return FetchedDocument(url=url, body=body, **kw)


def test_components_in_columns_rows_and_hidden() -> None:
    form = {
        "title": "T",
        "display": "form",
        "components": [
            {
                "type": "columns",
                "key": "cols",
                "columns": [
                    {
                        "components": [
                            {
                                "type": "textfield",
                                "key": "a",
                                "label": "A <b>label</b>",
                                "placeholder": "ph",
                                "tooltip": "tip",
                            }
                        ]
                    }
                ],
            },
            {
                "type": "table",
                "key": "tbl",
                "rows": [[{"components": [{"type": "email", "key": "b", "label": "B"}]}]],
            },
            {
                "type": "container",
                "key": "hid",
                "label": "Hidden group",
                "hidden": True,
                "components": [
                    {
                        "type": "radio",
                        "key": "c",
                        "label": "C",
                        "values": [{"label": "x", "value": "1"}],
                    }
                ],
            },
            {
                "type": "selectboxes",
                "key": "d",
                "label": "D",
                "hideLabel": True,
                "values": [{"label": "Mann", "value": "m"}, {"label": "Kvinne", "value": "k"}],
                "defaultValue": {"m": True, "k": False},
            },
            {"type": "textarea", "key": "e", "label": "E", "rows": 3},
        ],
    }
    parsed = parse_formio(_doc(form), OPTS)
    f = {x.name: x for x in parsed.forms[0].fields}
    assert f["a"].label == "A label" and f["a"].placeholder == "ph" and f["a"].help == ("tip",)
    assert f["a"].location.json_pointer == "/components/0/columns/0/components/0/label"
    assert (
        f["b"].kind == FieldKind.EMAIL
        and f["b"].location.json_pointer == "/components/1/rows/0/0/components/0/label"
    )
    assert f["c"].hidden
    assert f["d"].label_hidden and f["d"].options[0].selected and not f["d"].options[1].selected
    assert f["e"].kind == FieldKind.TEXTAREA


def test_html_content_is_stripped() -> None:
    form = {
        "title": "T",
        "components": [
            {
                "type": "htmlelement",
                "key": "h",
                "label": "HTML",
                "content": "<p>Du&nbsp;og <strong>han</strong>\r\n eller hun.</p><p>Neste</p>",
            }
        ],
    }
    parsed = parse_formio(_doc(form), OPTS)
    blocks = parsed.forms[0].text_blocks
    assert [b.text for b in blocks] == ["Du og han eller hun. Neste"]
    assert blocks[0].location.component == "h (htmlelement) content"


def test_invalid_json_is_a_problem_with_line_and_column() -> None:
    parsed = parse_formio(_doc('{"title": "x",\n  "components": [}'), OPTS)
    assert parsed.forms == ()
    assert "line 2, column" in parsed.problems[0].message


def test_bom_comments_and_trailing_commas() -> None:
    body = '\ufeff{"title": "T", // a comment\n "components": [{"type": "textfield", "key": "a", "label": "A",},],}'
    parsed = parse_document(_doc(body), OPTS)
    assert parsed.format == "formio"
    assert parsed.forms[0].fields[0].label == "A"


def test_empty_translation_file() -> None:
    doc = _doc({"nb-NO": {}}, url="translations/x.json")
    assert sniff(doc) == "formio-translations"
    parsed = parse_formio_translations(doc, OPTS)
    assert parsed.forms == () and parsed.problems == ()


def test_standalone_translation_file() -> None:
    doc = _doc(
        {"nn-NO": {"Han eller hun": "Han eller ho"}, "nb-NO": {"A": "A"}}, url="translations/x.json"
    )
    parsed = parse_document(doc, OPTS)
    assert parsed.format == "formio-translations"
    (nn,) = parsed.forms
    assert nn.language == "nn" and nn.text_blocks[0].text == "Han eller ho"
    assert nn.text_blocks[0].location.json_pointer == "/nn-NO/Han eller hun"
    assert nn.text_blocks[0].location.component == "nn-NO (translated values)"
    assert nn.text_blocks[0].scope == Scope.TRANSLATION


def test_pointer_escaping_in_translation_keys() -> None:
    parsed = parse_formio_translations(
        _doc({"en": {"mor/far ~ x": "mother/father"}}, url="t.json"), OPTS
    )
    assert parsed.forms[0].text_blocks[0].location.json_pointer == "/en/mor~1far ~0 x"


def test_global_translations() -> None:
    data = {
        "nn-NO": [
            {
                "id": "",
                "name": "global",
                "scope": "global",
                "tag": "x",
                "translations": {
                    "Enke eller enkemann": {"value": "Enkje eller enkjemann", "scope": "global"}
                },
            }
        ]
    }
    doc = _doc(data, url="resources/global-translations-nn-NO.json")
    assert sniff(doc) == "formio-global-translations"
    parsed = parse_formio_global_translations(doc, OPTS)
    b = parsed.forms[0].text_blocks[0]
    assert b.text == "Enkje eller enkjemann" and b.language == "nn"
    assert b.location.component == 'translations["Enke eller enkemann"]'


def test_json_of_no_known_format_is_a_note() -> None:
    parsed = parse_document(_doc({"hello": [1, 2]}), OPTS)
    assert parsed.format == "json"
    assert parsed.problems[0].level == "note"


def test_non_object_input_never_raises() -> None:
    for body in (
        "[]",
        "null",
        '{"components": 5, "title": 3}',
        '{"components": [1, "x", null, {"type": 7}], "title": "t"}',
    ):
        parsed = parse_formio(_doc(body), OPTS)
        assert isinstance(parsed, ParsedDocument)
