"""Altinn 3 app parser: every manifest case of the corpus, plus synthetic apps for each layout generation."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus_path import SKIP_REASON, cases, corpus_dir, entries, norm

from formlint.document import FetchedDocument
from formlint.model import FieldKind, ParsedDocument, Scope
from formlint.parse.altinn import parse_altinn_app, parse_altinn_layout, parse_altinn_texts
from formlint.parse.registry import ALTINN_APP_MEDIA_TYPE, ParseOptions, parse_document, sniff
from formlint.sources.files import collect

OPTS = ParseOptions()
ALTINN_CASES = cases("altinn")


def _app_root(case: dict[str, Any]) -> Path:
    root = corpus_dir()
    assert root is not None
    first = root / case["files"][0]
    return next(p for p in first.parents if p.name == "App").parent


def _parse_app(root: Path) -> ParsedDocument:
    docs = list(collect([root]))
    assert len(docs) == 1 and isinstance(docs[0], FetchedDocument)
    assert docs[0].media_type == ALTINN_APP_MEDIA_TYPE
    parsed = parse_document(docs[0], OPTS)
    assert parsed.format == "altinn"
    return parsed


@pytest.mark.skipif(corpus_dir() is None, reason=SKIP_REASON)
@pytest.mark.parametrize("case", ALTINN_CASES, ids=[c["id"] for c in ALTINN_CASES])
def test_corpus_case(case: dict[str, Any]) -> None:
    root = _app_root(case)
    parsed = _parse_app(root)
    # BOMs, // comments and the trailing comma are all read: no file fails
    assert [p for p in parsed.problems if p.level == "error"] == []
    # every case file under App/ui/<task>/layouts is read into some form
    read_sources = {loc.source for _t, loc, _h, _l in entries(parsed)}
    layouts = [f for f in case["files"] if "/layouts/" in f]
    assert any(str(corpus_dir() / f) in read_sources for f in layouts)  # type: ignore[operator]
    texts = entries(parsed)
    for entry in (case.get("expect") or []) + (case.get("must_not") or []):
        if entry.get("rule") == "options-unresolved":
            ref = entry["text"]
            fields = [
                f for form in parsed.forms for f in form.fields if f.options_source.ref == ref
            ]
            assert fields and all(
                f.options_source.kind == "unresolved" and not f.options for f in fields
            )
            continue
        if "text" not in entry:
            continue
        want = norm(entry["text"])
        assert any(want in norm(t) for t, *_ in texts), (case["id"], entry["where"], entry["text"])


# --- details on real apps -------------------------------------------------------------------------


def _corpus_app(name: str) -> ParsedDocument:
    root = corpus_dir()
    if root is None:
        pytest.skip(SKIP_REASON)
    return _parse_app(root / "altinn" / "Altinn__altinn-studio" / "src" / "test" / "apps" / name)


def test_one_form_per_task_and_language() -> None:
    parsed = _corpus_app("payment-test")
    assert sorted(f.key for f in parsed.forms) == [
        "altinn:payment-test/Task_1@nb",
        "altinn:payment-test/Task_1@nn",
        "altinn:payment-test/Task_2@nb",
        "altinn:payment-test/Task_2@nn",
    ]
    nn = next(f for f in parsed.forms if f.key.endswith("Task_1@nn"))
    assert nn.language == "nn" and nn.title


def test_pages_in_settings_order_and_locations() -> None:
    parsed = _corpus_app("component-library")
    form = next(f for f in parsed.forms if f.key.endswith("Task_1@nb"))
    pages = [f.location.component.split("/")[0] for f in form.fields]  # type: ignore[union-attr]
    assert pages.index("InputPage") < pages.index("RadioButtonsPage") < pages.index("GridPage")
    radio = next(f for f in form.fields if f.id == "RadioButtonsPage-RadioButtons")
    assert radio.kind == FieldKind.RADIO and [o.label for o in radio.options] == [
        "Bil",
        "Moped",
        "Traktor",
        "Båt",
    ]
    assert (
        radio.location.component
        == "RadioButtonsPage/RadioButtonsPage-RadioButtons (RadioButtons) title"
    )
    assert radio.location.source.endswith("App/ui/Task_1/layouts/RadioButtonsPage.json")
    assert radio.location.json_pointer and radio.location.json_pointer.startswith("/data/layout/")
    assert radio.location.anchor == "RadioButtonsPage-RadioButtons"
    persons = next(f for f in form.fields if f.id == "CheckboxesPage-Checkboxes2")
    assert persons.options_source.kind == "file" and persons.options[0].label == "Karoline"
    assert persons.options[0].location and persons.options[0].location.source.endswith(
        "App/options/persons.json"
    )


def test_expressions_are_counted_once_per_app() -> None:
    parsed = _corpus_app("subform-test")
    notes = [p.message for p in parsed.problems if p.level == "note"]
    assert any("text expressions not evaluated" in n for n in notes)


# --- synthetic apps -------------------------------------------------------------------------------


def _layout(*components: dict[str, Any], hidden: object = False) -> bytes:
    return json.dumps({"data": {"hidden": hidden, "layout": list(components)}}).encode()


def _texts(lang: str, **res: str) -> bytes:
    return json.dumps(
        {"language": lang, "resources": [{"id": k, "value": v} for k, v in res.items()]}
    ).encode()


GENDER = {
    "id": "kjonn",
    "type": "RadioButtons",
    "textResourceBindings": {"title": "q.kjonn"},
    "optionsId": "kjønn",
    "preselectedOptionIndex": 1,
    "required": True,
}


@pytest.mark.parametrize(
    "layout_key",
    [
        "App/ui/FormLayout.json",
        "App/ui/layouts/Side1.json",
        "App/ui/form/layouts/Side1.json",
        "App/ui/Task_1/layouts/Side1.json",
    ],
)
def test_layout_generations(layout_key: str) -> None:
    siblings = {
        layout_key: _layout(
            GENDER,
            {
                "id": "p",
                "type": "Paragraph",
                "textResourceBindings": {"title": "**Hvorfor** vi spør <b>om</b> {0}"},
            },
        ),
        "App/config/texts/resource.nb.json": _texts(
            "nb", **{"q.kjonn": "Kjønn", "appName": "Søknad"}
        ),
        "App/config/texts/resource.en.json": _texts("en", **{"q.kjonn": "Gender"}),
    }
    if "/form/" in layout_key:
        siblings["App/ui/layout-sets.json"] = (
            b'{"sets": [{"id": "form", "dataType": "model", "tasks": ["Task_1"]}]}'
        )
    doc = FetchedDocument(
        url="/apps/myapp", body=b"", media_type=ALTINN_APP_MEDIA_TYPE, siblings=siblings
    )
    parsed = parse_altinn_app(doc, OPTS)
    assert len(parsed.forms) == 2
    nb = next(f for f in parsed.forms if f.language == "nb")
    assert nb.title == "Søknad"
    field = nb.fields[0]
    assert field.label == "Kjønn" and field.required
    assert field.options_source.kind == "codelist" and field.options_source.ref == "altinn:kjønn"
    assert [o.label for o in field.options] == ["Mann", "Kvinne"] and field.options[1].selected
    en = next(f for f in parsed.forms if f.language == "en")
    assert en.fields[0].label == "Gender" and [o.label for o in en.fields[0].options] == [
        "Male",
        "Female",
    ]
    assert nb.text_blocks[0].text == "Hvorfor vi spør om {0}"
    assert nb.text_blocks[0].location.source == "/apps/myapp/" + layout_key


def test_groups_hide_children_and_ids_show_literally() -> None:
    siblings = {
        "App/ui/layouts/A.json": _layout(
            {
                "id": "g",
                "type": "Group",
                "hidden": True,
                "textResourceBindings": {"title": "Skjult gruppe"},
                "children": ["in1"],
            },
            {
                "id": "in1",
                "type": "Input",
                "textResourceBindings": {
                    "title": "no.such.id",
                    "description": ["concat", "a", "b"],
                },
            },
            {
                "id": "in2",
                "type": "Dropdown",
                "textResourceBindings": {"title": "Hva"},
                "optionsId": "reasons",
                "hidden": ["equals", 1, 1],
            },
            {"id": "h", "type": "Header", "textResourceBindings": {"title": "Overskrift"}},
        ),
    }
    parsed = parse_altinn_app(
        FetchedDocument(url="app", body=b"", media_type=ALTINN_APP_MEDIA_TYPE, siblings=siblings),
        OPTS,
    )
    form = parsed.forms[0]
    in1 = next(f for f in form.fields if f.id == "in1")
    assert in1.hidden and in1.label == "no.such.id" and in1.help == ()
    in2 = next(f for f in form.fields if f.id == "in2")
    assert (
        not in2.hidden
        and in2.options_source.kind == "unresolved"
        and in2.options_source.ref == "reasons"
    )
    assert any(b.scope == Scope.HEADING and b.text == "Overskrift" for b in form.text_blocks)
    assert any(b.hidden and b.text == "Skjult gruppe" for b in form.text_blocks)
    assert any("1 text expression not evaluated" in p.message for p in parsed.problems)


def test_broken_layout_file_is_named_and_rest_is_read() -> None:
    siblings = {
        "App/ui/layouts/A.json": b'{"data": {"layout": [\n  {"id": "x", "type": "Input" "textResourceBindings": {}}]}}',
        "App/ui/layouts/B.json": _layout(
            {"id": "y", "type": "Input", "textResourceBindings": {"title": "Navn"}}
        ),
        "App/ui/layouts/C.json": b'\xef\xbb\xbf{"data": {"layout": [ // comment\n {"id": "z", "type": "TextArea", "textResourceBindings": {"title": "Tekst",},},],},}',
    }
    parsed = parse_altinn_app(
        FetchedDocument(url="app", body=b"", media_type=ALTINN_APP_MEDIA_TYPE, siblings=siblings),
        OPTS,
    )
    (err,) = [p for p in parsed.problems if p.level == "error"]
    assert err.location.source == "app/App/ui/layouts/A.json" and "line 2, column" in err.message
    assert [f.label for f in parsed.forms[0].fields] == ["Navn", "Tekst"]


def test_single_layout_and_texts_files() -> None:
    layout = FetchedDocument(url="Side1.json", body=_layout(GENDER))
    assert sniff(layout) == "altinn-layout"
    parsed = parse_altinn_layout(layout, OPTS)
    assert parsed.forms[0].fields[0].options_source.kind == "codelist"
    texts = FetchedDocument(url="resource.en.json", body=_texts("en", a="He or she", b=""))
    assert sniff(texts) == "altinn-texts"
    pt = parse_altinn_texts(texts, OPTS)
    assert [b.text for b in pt.forms[0].text_blocks] == ["He or she"]
    assert pt.forms[0].language == "en"


def test_app_without_anything_never_raises() -> None:
    parsed = parse_altinn_app(
        FetchedDocument(
            url="app",
            body=b"",
            media_type=ALTINN_APP_MEDIA_TYPE,
            siblings={"App/ui/layouts/A.json": b"[]", "App/options/x.json": b"{}"},
        ),
        OPTS,
    )
    assert isinstance(parsed, ParsedDocument)
