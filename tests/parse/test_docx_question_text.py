"""DOCX: the question printed next to a choice's boxes is the choice's question.

Word forms put it in a table row's first cell ("Kjønn | ☐ Gutt ☐ Jente", or one box per cell) or
in front of the boxes in a paragraph ("Kjønn: ☐ Mann ☐ Kvinne"), below a heading or a merged
header row that names the section. The nearest text asks the question; the section stays text.
Files are written with python-docx (legacy check box fields, which it cannot write, as XML).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from document_fixtures import mf, single_form

from formlint.api import lint_document
from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.model import FieldKind, Form
from formlint.parse.docx import parse_docx
from formlint.parse.registry import ParseOptions


def _save(d: Any, path: Path) -> Path:
    d.save(str(path))
    return path


def _form(path: Path) -> Form:
    return single_form(parse_docx(FetchedDocument.from_path(path), ParseOptions()))


def _choices(form: Form) -> list[tuple[FieldKind, str, list[str], str | None]]:
    return [
        (f.kind, f.question, [o.label for o in f.options], f.location.component)
        for f in form.fields
        if f.kind in (FieldKind.RADIO, FieldKind.CHECKBOXES)
    ]


def _texts(form: Form) -> list[str]:
    return [b.text for b in form.text_blocks]


def _section_table(d: Any, section: str, rows: list[list[str]]) -> None:
    """A table whose first row is one merged cell naming the section, then the given rows."""
    width = max(len(r) for r in rows)
    t = d.add_table(rows=len(rows) + 1, cols=width)
    head = t.rows[0].cells[0].merge(t.rows[0].cells[width - 1])
    head.text = section
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            t.cell(r, c).text = text


def test_question_cell_under_a_section_row(tmp_path: Path) -> None:
    d = docx.Document()
    _section_table(
        d,
        "Opplysninger om eleven",
        [["Elevens navn", ""], ["Kjønn", "☐ Gutt ☐ Jente"]],
    )
    form = _form(_save(d, tmp_path / "a.docx"))
    assert _choices(form) == [
        (FieldKind.RADIO, "Kjønn", ["Gutt", "Jente"], "table 1, row 3, cell 2"),
    ]
    assert "Kjønn" not in _texts(form)
    assert "Opplysninger om eleven" in _texts(form)


def test_one_box_per_cell_after_the_question_cell(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Opplysninger om eleven", level=2)
    t = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["Kjønn", "☐ Gutt", "☐ Jente"]):
        t.cell(0, c).text = text
    for c, text in enumerate(["Skoletrinn:", "☐ 1.–4. trinn", "☐ 5.–7. trinn"]):
        t.cell(1, c).text = text
    form = _form(_save(d, tmp_path / "b.docx"))
    assert _choices(form) == [
        (FieldKind.RADIO, "Kjønn", ["Gutt", "Jente"], "table 1, row 1, cell 2"),
        (FieldKind.RADIO, "Skoletrinn", ["1.–4. trinn", "5.–7. trinn"], "table 1, row 2, cell 2"),
    ]
    assert _texts(form) == []  # the heading is the title; the question cells are the fields'


def test_boxes_after_their_words_one_per_cell(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=4)
    for c, text in enumerate(["Kjønn:", "Kvinne ☐", "Mann ☐", ""]):
        t.cell(0, c).text = text
    form = _form(_save(d, tmp_path / "c.docx"))
    assert _choices(form) == [
        (FieldKind.RADIO, "Kjønn", ["Kvinne", "Mann"], "table 1, row 1, cell 2"),
    ]


def test_paragraph_question_below_a_section_heading(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Søknad om skoleskyss", level=1)
    d.add_heading("Opplysninger om eleven", level=2)
    d.add_paragraph("Kjønn: ☐ Mann ☐ Kvinne")
    form = _form(_save(d, tmp_path / "d.docx"))
    assert _choices(form) == [
        (FieldKind.RADIO, "Kjønn", ["Mann", "Kvinne"], "paragraph 3"),
    ]
    assert _texts(form) == ["Opplysninger om eleven"]


def test_legacy_check_box_fields_one_per_cell(tmp_path: Path) -> None:
    def box(name: str) -> str:
        xml: str = mf._legacy(
            f'<w:name w:val="{name}"/><w:enabled/><w:checkBox><w:sizeAuto/>'
            '<w:default w:val="0"/></w:checkBox>',
            "FORMCHECKBOX",
        )
        return xml

    def cell(inner: str) -> str:
        return f"<w:tc><w:p>{inner}</w:p></w:tc>"

    row = (
        cell(mf._run("Kjønn"))
        + cell(box("kv") + mf._run(" Kvinne"))
        + cell(box("ma") + mf._run(" Mann"))
    )
    path = mf.make_docx_from_body(tmp_path / "e.docx", f"<w:tbl><w:tr>{row}</w:tr></w:tbl>")
    form = _form(path)
    (f,) = form.fields
    assert (f.kind, f.question) == (FieldKind.RADIO, "Kjønn")
    assert [(o.label, o.value) for o in f.options] == [("Kvinne", "kv"), ("Mann", "ma")]
    assert _texts(form) == []


@pytest.mark.parametrize(
    ("cells", "question", "options"),
    [
        (["Kjønn", "☐ Gut", "☐ Jente"], "Kjønn", ["Gut", "Jente"]),  # Nynorsk
        (["Gender", "☐ Male", "☐ Female"], "Gender", ["Male", "Female"]),
        (["Kjønn", "☐ Gut ☐ Jente ☐ Anna"], "Kjønn", ["Gut", "Jente", "Anna"]),
    ],
)
def test_languages(tmp_path: Path, cells: list[str], question: str, options: list[str]) -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=len(cells))
    for c, text in enumerate(cells):
        t.cell(0, c).text = text
    form = _form(_save(d, tmp_path / "f.docx"))
    assert [(f.question, [o.label for o in f.options]) for f in form.fields] == [
        (question, options)
    ]


# --- rows that are not one question -----------------------------------------------------------------


def test_one_box_in_a_row_stays_a_checkbox(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    for c, text in enumerate(["Samtykke", "☐ Jeg samtykker", ""]):
        t.cell(0, c).text = text
    form = _form(_save(d, tmp_path / "g.docx"))
    assert [(f.kind, f.label) for f in form.fields] == [(FieldKind.CHECKBOX, "Jeg samtykker")]


def test_a_sentence_in_the_first_cell_is_not_merged_with_the_boxes(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    sentence = "Eleven har fått skyss tidligere. Skyssen gjaldt hele skoleåret."
    for c, text in enumerate([sentence, "☐ Buss", "☐ Taxi"]):
        t.cell(0, c).text = text
    form = _form(_save(d, tmp_path / "h.docx"))
    assert [f.kind for f in form.fields] == [FieldKind.CHECKBOX, FieldKind.CHECKBOX]
    assert _texts(form) == [sentence]


def test_a_row_without_boxes_stays_text(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    for c, text in enumerate(["Vedlegg", "Fødselsattest", "Legeerklæring"]):
        t.cell(0, c).text = text
    doc = parse_docx(FetchedDocument.from_path(_save(d, tmp_path / "i.docx")), ParseOptions())
    assert doc.forms == ()
    assert [b.text for b in doc.text_blocks] == ["Vedlegg", "Fødselsattest", "Legeerklæring"]


# --- through the engine -------------------------------------------------------------------------------


def _gender_findings(engine: Engine, path: Path) -> list[str]:
    res = lint_document(FetchedDocument.from_path(path), engine)
    return [f.excerpt for f in res.findings if f.rule == "gender-binary-options"]


def test_gender_finding_names_the_question_cell(engine: Engine, tmp_path: Path) -> None:
    d = docx.Document()
    _section_table(d, "Opplysninger om eleven", [["Kjønn", "☐ Gutt", "☐ Jente"]])
    excerpts = _gender_findings(engine, _save(d, tmp_path / "j.docx"))
    assert len(excerpts) == 1
    assert excerpts[0].startswith("Kjønn")
    assert "Opplysninger" not in excerpts[0]
