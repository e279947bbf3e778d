"""The accessibility of published documents, as Norway's supervisor checks it, on PDF, DOCX and
ODT files generated here (reportlab, pypdf, python-docx): each check flags and passes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from document_fixtures import mf

from formlint.api import lint_paths
from formlint.engine.runner import Engine


def _rules(path: Path, engine: Engine) -> dict[str, list[str]]:
    run = lint_paths([path], engine)
    assert not run.errors, run.errors
    out: dict[str, list[str]] = {}
    for f in run.findings():
        out.setdefault(f.rule, []).append(f.excerpt)
    return out


# --- PDF ---------------------------------------------------------------------------------------


def _pdf(path: Path, *, accessible: bool) -> Path:
    """A two-field AcroForm: with tooltips, /Lang and tags (a marked catalog with a structure
    tree, added with pypdf: reportlab writes no tags), or with none of them."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, **({"lang": "nb-NO"} if accessible else {}))
    c.setTitle("Søknad om parkeringstillatelse")
    c.drawString(50, 800, "Søknad om parkeringstillatelse")
    c.drawString(50, 720, "Navn:")
    tips = {"tooltip": "Søkerens navn"} if accessible else {}
    c.acroForm.textfield(name="navn", x=150, y=710, width=250, height=20, **tips)
    c.drawString(50, 690, "Bilnummer:")
    tips = {"tooltip": "Bilens registreringsnummer"} if accessible else {}
    c.acroForm.textfield(name="regnr", x=150, y=680, width=120, height=20, **tips)
    c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    if accessible:
        tree = writer._add_object(
            DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        )
        writer._root_object.update(
            {
                NameObject("/MarkInfo"): DictionaryObject(
                    {NameObject("/Marked"): BooleanObject(True)}
                ),
                NameObject("/StructTreeRoot"): tree,
            }
        )
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_an_untagged_pdf_without_language_or_tooltips_is_flagged_on_each(
    tmp_path: Path, engine: Engine
) -> None:
    found = _rules(_pdf(tmp_path / "utilgjengelig.pdf", accessible=False), engine)
    assert sorted(found["pdf-field-no-tooltip"]) == ["Navn", "Regnr"]
    assert "pdf-not-tagged" in found
    assert "document-lang-missing" in found


def test_the_checks_of_a_one_form_document_belong_to_its_form(
    tmp_path: Path, engine: Engine
) -> None:
    """A PDF that is one form is one entry on the work list: its document checks carry the
    form's key, as its fields' findings do."""
    run = lint_paths([_pdf(tmp_path / "utilgjengelig.pdf", accessible=False)], engine)
    keys = {f.rule: f.form_key for f in run.findings()}
    assert keys["pdf-not-tagged"] == keys["document-lang-missing"] == keys["pdf-field-no-tooltip"]
    assert keys["pdf-not-tagged"]


def test_a_tagged_pdf_with_language_and_tooltips_passes(tmp_path: Path, engine: Engine) -> None:
    found = _rules(_pdf(tmp_path / "tilgjengelig.pdf", accessible=True), engine)
    for rule in ("pdf-field-no-tooltip", "pdf-not-tagged", "document-lang-missing"):
        assert rule not in found, found[rule]


def test_a_pdf_marked_but_without_a_structure_tree_is_not_tagged(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject

    from formlint.document import FetchedDocument
    from formlint.parse.registry import parse_document

    src = _pdf(tmp_path / "a.pdf", accessible=False)
    writer = PdfWriter(clone_from=PdfReader(src))
    writer._root_object[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(True)}
    )
    out = tmp_path / "b.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    doc = parse_document(FetchedDocument.from_path(out))
    assert doc.tagged is False
    assert doc.declared_language is None
    assert [f.titled for f in doc.forms[0].fields] == [False, False]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("avkortet.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"),
        ("skadet.docx", b"PK\x03\x04" + b"\x00" * 60),
    ],
)
def test_a_document_that_could_not_be_read_is_not_judged(
    tmp_path: Path, engine: Engine, name: str, body: bytes
) -> None:
    """Its language and tags are unknown, not missing: the parse error is the one thing said."""
    path = tmp_path / name
    path.write_bytes(body)
    run = lint_paths([path], engine)
    assert run.errors
    assert [f.rule for f in run.findings()] == []


# --- Word and ODF ------------------------------------------------------------------------------

_NS = mf._NS
_SDT_UNTITLED = (
    '<w:sdt><w:sdtPr><w:tag w:val="adresse"/><w:showingPlcHdr/><w:text/></w:sdtPr>'
    "<w:sdtContent>" + mf._run("Klikk her for å skrive inn tekst.") + "</w:sdtContent></w:sdt>"
)
_SDT_TITLED = (
    '<w:sdt><w:sdtPr><w:alias w:val="Adressen til barnet"/><w:tag w:val="adresse"/>'
    "<w:showingPlcHdr/><w:text/></w:sdtPr>"
    "<w:sdtContent>" + mf._run("Klikk her for å skrive inn tekst.") + "</w:sdtContent></w:sdt>"
)


def _docx(path: Path, *, accessible: bool) -> Path:
    """A Word form (python-docx) with one content control: titled and in Bokmål, or untitled
    and with no language anywhere in its styles."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.core_properties.title = "Melding om flytting"
    if accessible:
        mf._bokmal(d)
    else:
        for lang in list(d.styles.element.iter(f"{{{mf._W}}}lang")):
            lang.getparent().remove(lang)
    d.add_heading("Melding om flytting", level=1)
    sect = d.element.body[-1]
    sdt = _SDT_TITLED if accessible else _SDT_UNTITLED
    sect.addprevious(parse_xml(f"<w:p {_NS}>" + mf._run("Ny adresse: ") + sdt + "</w:p>"))
    d.save(str(path))
    return path


def _odt(path: Path, *, accessible: bool) -> Path:
    """The ODT fixture, its controls without titles and its styles without a language, or the
    first control titled."""
    src = mf.make_odt(path.with_name("src.odt"))
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "content.xml" and accessible:
                data = data.replace(
                    b'form:name="forelder1"', b'form:name="forelder1" form:title="Forelder 1"'
                )
            if item.filename == "styles.xml" and not accessible:
                data = data.replace(b' fo:language="nn" fo:country="NO"', b"")
            zout.writestr(item, data)
    return path


@pytest.mark.parametrize(("make", "name"), [(_docx, "skjema.docx"), (_odt, "skjema.odt")])
def test_word_and_odf_controls_and_language(
    tmp_path: Path, engine: Engine, make: Callable[..., Path], name: str
) -> None:
    bad = _rules(make(tmp_path / ("bad-" + name), accessible=False), engine)
    good = _rules(make(tmp_path / ("good-" + name), accessible=True), engine)
    assert "document-control-no-title" in bad
    assert "document-lang-missing" in bad
    assert "document-lang-missing" not in good
    if name.endswith(".docx"):
        assert "document-control-no-title" not in good
    else:  # the ODT's other controls are still untitled; the titled one is not reported
        assert "Mor" not in good["document-control-no-title"]
        assert "Mor" in bad["document-control-no-title"]
