"""Print-and-fill PDF (and the shared line/table reader): the question printed next to a choice's
boxes is the choice's question, not a section title above it.

A paper form drawn as a table puts the question in the first column and the boxes in later ones
("Kjønn    ☐ Gutt    ☐ Jente"); a line form puts it in front of them ("Kjønn: ☐ Mann ☐
Kvinne"). PDFs are drawn with reportlab; the DOCX/ODT table reader is also tested on its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from document_fixtures import mf, single_form

from formlint.api import lint_document
from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.model import FieldKind, Form, Scope
from formlint.parse import pdf, printform
from formlint.parse.registry import ParseOptions

# (x, text) pieces per line, drawn left to right at the same height; "[]" is a box glyph
Row = list[tuple[float, str]]


def _draw(path: Path, rows: list[Row]) -> Path:
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    c = canvas.Canvas(str(path), invariant=1)
    font, glyph = mf._font(c)
    box = mf._box(glyph)
    y = 800.0
    for row in rows:
        c.setFont(font, 11)
        for x, text in row:
            c.drawString(x, y, text.replace("[]", box))
        y -= 20
    c.showPage()
    c.save()
    return path


def _form(path: Path) -> Form:
    return single_form(pdf.parse_pdf(FetchedDocument.from_path(path), ParseOptions()))


def _choices(form: Form) -> list[tuple[FieldKind, str, list[str]]]:
    return [
        (f.kind, f.question, [o.label for o in f.options])
        for f in form.fields
        if f.kind is FieldKind.RADIO
    ]


def _prose(form: Form) -> str:
    return " | ".join(b.text for b in form.text_blocks)


def test_question_column_then_one_box_per_column(tmp_path: Path) -> None:
    form = _form(
        _draw(
            tmp_path / "a.pdf",
            [
                [(50, "Søknad om skoleskyss")],
                [(50, "Opplysninger om eleven")],
                [(50, "Elevens navn: ____________________")],
                [(50, "Kjønn"), (200, "[] Gutt"), (300, "[] Jente")],
            ],
        )
    )
    assert _choices(form) == [(FieldKind.RADIO, "Kjønn", ["Gutt", "Jente"])]
    assert "Opplysninger om eleven" in _prose(form)
    assert "Kjønn" not in _prose(form)


def test_question_column_with_a_colon_then_the_boxes(tmp_path: Path) -> None:
    form = _form(
        _draw(
            tmp_path / "b.pdf",
            [
                [(50, "Opplysninger om eleven:")],
                [(50, "Kjønn:"), (200, "[] Mann [] Kvinne")],
            ],
        )
    )
    assert _choices(form) == [(FieldKind.RADIO, "Kjønn", ["Mann", "Kvinne"])]


def test_question_in_front_of_the_boxes_under_a_section_line(tmp_path: Path) -> None:
    form = _form(
        _draw(
            tmp_path / "c.pdf",
            [
                [(50, "Påmelding til leirskole")],
                [(50, "Opplysninger om eleven:")],
                [(50, "Kjønn: [] Mann [] Kvinne")],
            ],
        )
    )
    assert _choices(form) == [(FieldKind.RADIO, "Kjønn", ["Mann", "Kvinne"])]
    assert "Opplysninger om eleven" in _prose(form)


@pytest.mark.parametrize(
    ("row", "question", "options"),
    [
        ([(50, "Kjønn"), (200, "[] Gut"), (300, "[] Jente")], "Kjønn", ["Gut", "Jente"]),
        ([(50, "Gender:"), (200, "[] Male [] Female")], "Gender", ["Male", "Female"]),
    ],
    ids=["nn", "en"],
)
def test_languages(tmp_path: Path, row: Row, question: str, options: list[str]) -> None:
    form = _form(_draw(tmp_path / "d.pdf", [[(50, "Opplysningar / Details")], row]))
    assert _choices(form) == [(FieldKind.RADIO, question, options)]


def test_a_lone_box_is_a_checkbox_with_its_own_words(tmp_path: Path) -> None:
    form = _form(
        _draw(tmp_path / "e.pdf", [[(50, "Samtykke")], [(50, "[] Jeg samtykker til vilkårene")]])
    )
    (f,) = form.fields
    assert (f.kind, f.label) == (FieldKind.CHECKBOX, "Jeg samtykker til vilkårene")


def test_gender_finding_names_the_question_column(engine: Engine, tmp_path: Path) -> None:
    path = _draw(
        tmp_path / "f.pdf",
        [
            [(50, "Søknad om skoleskyss")],
            [(50, "Opplysninger om eleven")],
            [(50, "Kjønn"), (200, "[] Gutt"), (300, "[] Jente")],
        ],
    )
    res = lint_document(FetchedDocument.from_path(path), engine)
    excerpts = [f.excerpt for f in res.findings if f.rule == "gender-binary-options"]
    assert len(excerpts) == 1 and excerpts[0].startswith("Kjønn"), excerpts
    assert "Opplysninger" not in excerpts[0]


# --- the DOCX/ODT table reader on its own -------------------------------------------------------------


def _cell(
    comp: str, *texts: str, controls: list[printform.Control] | None = None
) -> tuple[str, list[printform.Line]]:
    lines = [printform.Line(t, comp, Scope.TABLE_CELL, controls or []) for t in texts]
    return (comp, lines)


def test_collector_joins_one_box_per_cell_under_the_question_cell() -> None:
    c = printform.Collector("t", "content.xml", "nb")
    c.table_rows(
        [
            [_cell("r1c1", "Opplysninger om eleven")],
            [_cell("r2c1", "Kjønn"), _cell("r2c2", "☐ Gutt"), _cell("r2c3", "☐ Jente")],
        ]
    )
    c.finish()
    assert [(f.kind, f.question, [o.label for o in f.options]) for f in c.fields] == [
        (FieldKind.RADIO, "Kjønn", ["Gutt", "Jente"])
    ]
    assert c.fields[0].location.component == "r2c2"
    assert [b.text for b in c.blocks] == ["Opplysninger om eleven"]


def test_collector_joins_checkbox_controls_one_per_cell() -> None:
    boxes = [printform.Control(FieldKind.CHECKBOX, name=n) for n in ("kv", "ma")]
    m = printform.marker(0)
    c = printform.Collector("t", "word/document.xml", "nb")
    c.table_rows(
        [
            [
                _cell("c1", "Kjønn:"),
                _cell("c2", f"☐{m} Kvinne", controls=[boxes[0]]),
                _cell("c3", f"☐{m} Mann", controls=[boxes[1]]),
            ]
        ]
    )
    (f,) = c.fields
    assert (f.kind, f.question) == (FieldKind.RADIO, "Kjønn")
    assert [(o.label, o.value) for o in f.options] == [("Kvinne", "kv"), ("Mann", "ma")]
    assert c.blocks == []


@pytest.mark.parametrize(
    ("row", "fields", "prose"),
    [
        # one box: the row is "label | field", read cell by cell as before
        (["Kjønn", "☐ Gutt"], [(FieldKind.CHECKBOX, "Gutt", 1)], ["Kjønn"]),
        # a cell of two boxes and a cell of one: not one box per cell
        (
            ["Kjønn", "☐ Gutt ☐ Jente", "☐ Annet"],
            [(FieldKind.RADIO, "Kjønn", 2), (FieldKind.CHECKBOX, "Annet", 1)],
            [],
        ),
        # a sentence is not a question cell
        (
            ["Se vedlegget for mer informasjon.", "☐ Ja", "☐ Nei"],
            [(FieldKind.CHECKBOX, "Ja", 1), (FieldKind.CHECKBOX, "Nei", 1)],
            ["Se vedlegget for mer informasjon."],
        ),
    ],
    ids=["two-cells", "uneven-cells", "sentence"],
)
def test_collector_leaves_other_rows_to_the_cell_reader(
    row: list[str], fields: list[tuple[FieldKind, str, int]], prose: list[str]
) -> None:
    c = printform.Collector("t", "content.xml", "nb")
    c.table_rows([[_cell(f"c{k}", text) for k, text in enumerate(row)]])
    assert [(f.kind, f.question, len(f.options)) for f in c.fields] == fields
    assert [b.text for b in c.blocks] == prose
