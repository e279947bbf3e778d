"""ODT: the question printed next to a choice's boxes is the choice's question.

As in Word files: a table row's first cell ("Kjønn | ☐ Gut ☐ Jente", or one box per cell, glyph
text or LibreOffice radio buttons) or the text in front of the boxes in a paragraph. Text and
tables are written with odfpy; form controls (which odfpy leaves to hand-made XML) as raw
content.xml, as the other ODT tests do.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from document_fixtures import mf, single_form
from odf.opendocument import OpenDocumentText
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, P

from formlint.api import lint_document
from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.model import FieldKind, Form
from formlint.parse.odt import parse_odt
from formlint.parse.registry import ParseOptions


def _write(path: Path, blocks: list[str | list[list[str]]]) -> Path:
    """An ODT of headings ("# text"), paragraphs (str) and tables (rows of cell texts)."""
    doc = OpenDocumentText()
    for block in blocks:
        if isinstance(block, str):
            if block.startswith("# "):
                doc.text.addElement(H(outlinelevel=2, text=block[2:]))
            else:
                doc.text.addElement(P(text=block))
            continue
        table = Table(name=f"Tabell{len(doc.text.childNodes)}")
        table.addElement(TableColumn(numbercolumnsrepeated=max(len(r) for r in block)))
        for row in block:
            tr = TableRow()
            for text in row:
                cell = TableCell()
                cell.addElement(P(text=text))
                tr.addElement(cell)
            table.addElement(tr)
        doc.text.addElement(table)
    doc.save(str(path))
    return path


def _form(path: Path) -> Form:
    return single_form(parse_odt(FetchedDocument.from_path(path), ParseOptions()))


def _choices(form: Form) -> list[tuple[FieldKind, str, list[str], str | None]]:
    return [
        (f.kind, f.question, [o.label for o in f.options], f.location.component)
        for f in form.fields
    ]


def test_question_cell_and_section_heading(tmp_path: Path) -> None:
    form = _form(
        _write(
            tmp_path / "a.odt",
            [
                "# Søknad om skuleskyss",
                "# Opplysningar om eleven",
                [["Kjønn", "☐ Gut ☐ Jente"]],
            ],
        )
    )
    assert _choices(form) == [
        (FieldKind.RADIO, "Kjønn", ["Gut", "Jente"], "table 1, row 1, cell 2")
    ]
    assert [b.text for b in form.text_blocks] == ["Opplysningar om eleven"]


def test_one_box_per_cell(tmp_path: Path) -> None:
    form = _form(
        _write(
            tmp_path / "b.odt",
            [[["Kjønn", "☐ Gut", "☐ Jente"], ["Gender", "☐ Male", "☐ Female"]]],
        )
    )
    assert _choices(form) == [
        (FieldKind.RADIO, "Kjønn", ["Gut", "Jente"], "table 1, row 1, cell 2"),
        (FieldKind.RADIO, "Gender", ["Male", "Female"], "table 1, row 2, cell 2"),
    ]
    assert form.text_blocks == ()


def test_paragraph_question(tmp_path: Path) -> None:
    form = _form(
        _write(tmp_path / "c.odt", ["# Påmelding", "Om deltakaren", "Kjønn: ☐ Mann ☐ Kvinne"])
    )
    assert _choices(form) == [(FieldKind.RADIO, "Kjønn", ["Mann", "Kvinne"], "paragraph 3")]
    assert [b.text for b in form.text_blocks] == ["Om deltakaren"]


def test_one_box_in_a_row_stays_a_checkbox(tmp_path: Path) -> None:
    form = _form(_write(tmp_path / "d.odt", [[["Stadfesting", "☐ Eg stadfestar", ""]]]))
    assert [(f.kind, f.label) for f in form.fields] == [(FieldKind.CHECKBOX, "Eg stadfestar")]


# --- LibreOffice radio buttons --------------------------------------------------------------------


def _controls_odt(path: Path, body: str, boy: str = "Gut") -> Path:
    forms = (
        '<form:form form:name="skjema">'
        f'<form:radio form:name="kj" form:label="{boy}" form:value="g" xml:id="a1"/>'
        '<form:radio form:name="kj" form:label="Jente" form:value="j" xml:id="a2"/>'
        "</form:form>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {mf._ODT_NS}>'
        f"<office:body><office:text><office:forms>{forms}</office:forms>{body}"
        "</office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    return path


def _cell(inner: str) -> str:
    return f"<table:table-cell><text:p>{inner}</text:p></table:table-cell>"


_A1 = '<draw:control draw:control="a1"/>'
_A2 = '<draw:control draw:control="a2"/>'


@pytest.mark.parametrize(
    "row",
    [
        _cell("Kjønn") + _cell(_A1 + _A2),  # both buttons in the second cell
        _cell("Kjønn") + _cell(_A1) + _cell(_A2),  # one button per cell
    ],
    ids=["one-cell", "cell-per-button"],
)
def test_radio_buttons_after_the_question_cell(tmp_path: Path, row: str) -> None:
    body = (
        "<text:p>Opplysningar om eleven</text:p>"
        f"<table:table><table:table-row>{row}</table:table-row></table:table>"
    )
    form = _form(_controls_odt(tmp_path / "e.odt", body))
    (f,) = form.fields
    assert (f.kind, f.question, f.name) == (FieldKind.RADIO, "Kjønn", "kj")
    assert [(o.label, o.value) for o in f.options] == [("Gut", "g"), ("Jente", "j")]
    assert [b.text for b in form.text_blocks] == ["Opplysningar om eleven"]


def test_gender_finding_names_the_question_cell(engine: Engine, tmp_path: Path) -> None:
    body = (
        "<text:p>Opplysninger om eleven</text:p><table:table><table:table-row>"
        f"{_cell('Kjønn')}{_cell(_A1)}{_cell(_A2)}</table:table-row></table:table>"
    )
    path = _controls_odt(tmp_path / "f.odt", body, boy="Gutt")  # no language declared: Bokmål
    res = lint_document(FetchedDocument.from_path(path), engine)
    excerpts = [f.excerpt for f in res.findings if f.rule == "gender-binary-options"]
    assert len(excerpts) == 1 and excerpts[0].startswith("Kjønn"), excerpts
    assert "Opplysninger" not in excerpts[0]
