#!/usr/bin/env python3
"""Generate the linked print/fill documents of the bundled demo municipality.

Writes three files into ``formlint/demo/site/dokumenter/``:

* ``soknad-om-skoleskyss.pdf`` - print-and-fill PDF (no form fields) with the
  text lines "Mor: ____ Far: ____" and "Kjønn: ☐ Gutt ☐ Jente" (planted findings).
* ``registreringsskjema-nye-elever.pdf`` - AcroForm PDF with inclusive fields
  (tooltip "Forelder/foresatt 1", radio group Kjønn with Jente/Gutt/Annet/
  Ønsker ikke å oppgi, preferred name and pronoun fields): must stay clean.
* ``soknad-om-fritak.docx`` - Word form with a table whose header row is
  "Mor | Far" and a paragraph "Underskrift fra mor" (planted findings).

The expected findings are listed in ``formlint/demo/EXPECTED.yaml``.
Output is deterministic (reportlab ``invariant=1``; fixed DOCX metadata), so
re-running does not change the committed files unless this script changes.

Usage:  python tools/make_demo_documents.py [--out DIR]
Needs:  reportlab, python-docx and a TrueType font with U+2610 (DejaVu Sans).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "formlint" / "demo" / "site" / "dokumenter"

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/DejaVuSans.ttf",
    "C:/Windows/Fonts/DejaVuSans.ttf",
]
FONT_BOLD_CANDIDATES = [p.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf") for p in FONT_CANDIDATES]


def _register_fonts() -> None:
    env = os.environ.get("FORMLINT_DEMO_FONT")
    regular = next(
        (p for p in ([env] if env else []) + FONT_CANDIDATES if p and os.path.exists(p)), None
    )
    if regular is None:
        sys.exit("make_demo_documents: need DejaVuSans.ttf (for ☐ and æøå); set FORMLINT_DEMO_FONT")
    bold = regular.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
    pdfmetrics.registerFont(TTFont("Demo", regular))
    pdfmetrics.registerFont(TTFont("Demo-Bold", bold if os.path.exists(bold) else regular))


def _header(c: canvas.Canvas, title: str, subtitle: str) -> float:
    _w, h = A4
    c.setFont("Demo-Bold", 10)
    c.drawString(20 * mm, h - 15 * mm, "Demo kommune")
    c.setFont("Demo", 9)
    c.drawString(
        20 * mm,
        h - 20 * mm,
        "Rådhusplassen 1, 7099 Demo · 73 80 00 00 · postmottak@demo.kommune.invalid",
    )
    c.setFont("Demo-Bold", 18)
    c.drawString(20 * mm, h - 35 * mm, title)
    c.setFont("Demo", 11)
    c.drawString(20 * mm, h - 43 * mm, subtitle)
    return h - 58 * mm


def make_skoleskyss_pdf(path: Path) -> None:
    """(a) print-and-fill: Mor/Far lines and ☐ Gutt ☐ Jente (findings)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, lang="nb-NO")
    c.setTitle("Søknad om skoleskyss")
    c.setAuthor("Demo kommune, skolekontoret")
    c.setSubject("Skjema for utskrift")
    y = _header(
        c, "Søknad om skoleskyss", "Skriv ut, fyll ut og lever skjemaet til skolen innen 1. juni."
    )
    lines = [
        ("h", "Om eleven"),
        ("t", "Elevens navn: ____________________________________________"),
        ("t", "Fødselsdato: ______________   Skole: ____________________   Trinn: _____"),
        ("t", "Kjønn: ☐ Gutt ☐ Jente"),
        ("t", "Bostedsadresse: __________________________________________"),
        ("h", "Foreldre"),
        ("t", "Mor: ______________________________   Far: ______________________________"),
        ("t", "Telefon: ____________________________   Telefon: ____________________________"),
        ("h", "Begrunnelse"),
        ("t", "Avstand fra hjemmet til skolen (km): ________"),
        ("t", "☐ Avstand over grensen for gratis skoleskyss"),
        ("t", "☐ Særlig farlig eller vanskelig skolevei"),
        ("t", "☐ Midlertidig skade eller sykdom (legg ved legeerklæring)"),
        ("t", "Beskrivelse: ____________________________________________"),
        ("t", "_________________________________________________________"),
        ("h", "Underskrift"),
        ("t", "Sted og dato: ______________________   Underskrift: ______________________"),
    ]
    for kind, text in lines:
        if kind == "h":
            y -= 4 * mm
            c.setFont("Demo-Bold", 12)
        else:
            c.setFont("Demo", 11)
        c.drawString(20 * mm, y, text)
        y -= 9 * mm
    c.setFont("Demo", 8)
    c.drawString(
        20 * mm,
        15 * mm,
        "Skolekontoret behandler søknaden etter opplæringsloven. Klagefrist er tre uker.",
    )
    c.showPage()
    c.save()


def make_registrering_pdf(path: Path) -> None:
    """(b) AcroForm with inclusive fields: must produce no findings."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, lang="nb-NO")
    c.setTitle("Registreringsskjema for nye elever")
    c.setAuthor("Demo kommune, skolekontoret")
    c.setSubject("Utfyllbart skjema")
    y = _header(
        c,
        "Registreringsskjema for nye elever",
        "Fyll ut skjemaet på skjermen, skriv det ut eller send det til skolen.",
    )
    form = c.acroForm
    x_label, x_field = 20 * mm, 80 * mm

    def text_field(name: str, label: str, tooltip: str, hint: str | None = None) -> None:
        nonlocal y
        c.setFont("Demo", 11)
        c.drawString(x_label, y + 2 * mm, label)
        form.textfield(
            name=name,
            tooltip=tooltip,
            x=x_field,
            y=y,
            width=105 * mm,
            height=7 * mm,
            borderStyle="inset",
            forceBorder=True,
            fontName="Helvetica",
            fontSize=10,
        )
        y -= 6 * mm
        if hint:
            c.setFont("Demo", 8)
            c.drawString(x_field, y, hint)
            y -= 5 * mm
        y -= 5 * mm

    c.setFont("Demo-Bold", 12)
    c.drawString(x_label, y, "Om eleven")
    y -= 10 * mm
    text_field("elev_fornavn", "Elevens fornavn", "Elevens fornavn")
    text_field("elev_etternavn", "Elevens etternavn", "Elevens etternavn")
    text_field(
        "elev_onsket_navn",
        "Ønsket navn/tiltalsnavn",
        "Ønsket navn/tiltalsnavn",
        "Hvis eleven bruker et annet navn til daglig enn det som står i Folkeregisteret.",
    )
    text_field(
        "elev_pronomen",
        "Pronomen (valgfritt)",
        "Pronomen (valgfritt)",
        "For eksempel: han, hun, hen",
    )

    c.setFont("Demo", 11)
    c.drawString(x_label, y, "Kjønn (valgfritt)")
    y -= 5 * mm
    c.setFont("Demo", 8)
    c.drawString(
        x_label,
        y,
        "Vi spør om kjønn fordi skolen skal fordele elevene jevnt i klassene. Du kan la være å svare.",
    )
    y -= 8 * mm
    x = x_label
    for value, label in [
        ("Jente", "Jente"),
        ("Gutt", "Gutt"),
        ("Annet", "Annet"),
        ("Onsker_ikke_a_oppgi", "Ønsker ikke å oppgi"),
    ]:
        form.radio(
            name="kjonn",
            value=value,
            selected=False,
            tooltip="Kjønn (valgfritt)",
            x=x,
            y=y - 1 * mm,
            size=5 * mm,
            buttonStyle="circle",
            borderStyle="solid",
            forceBorder=True,
        )
        c.setFont("Demo", 10)
        c.drawString(x + 7 * mm, y, label)
        x += 7 * mm + pdfmetrics.stringWidth(label, "Demo", 10) + 8 * mm
    y -= 14 * mm

    c.setFont("Demo-Bold", 12)
    c.drawString(x_label, y, "Foresatte")
    y -= 10 * mm
    text_field("foresatt1_navn", "Forelder/foresatt 1", "Forelder/foresatt 1")
    text_field("foresatt1_tlf", "Telefon", "Telefon, forelder/foresatt 1")
    text_field("foresatt2_navn", "Forelder/foresatt 2", "Forelder/foresatt 2")
    text_field("foresatt2_tlf", "Telefon", "Telefon, forelder/foresatt 2")
    c.setFont("Demo", 9)
    c.drawString(x_label, y, "Har eleven flere enn to foresatte, skriv dem på baksiden av arket.")
    c.showPage()
    c.save()


def make_fritak_docx(path: Path) -> None:
    """(c) DOCX: table header "Mor | Far" and "Underskrift fra mor" (findings)."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    # document language: Norwegian Bokmål
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "nb-NO")
    rpr.append(lang)
    cp = doc.core_properties
    cp.title = "Søknad om fritak fra opplæring"
    cp.author = "Demo kommune, skolekontoret"
    cp.language = "nb-NO"
    fixed = _dt.datetime(2026, 1, 15, 12, 0, 0)
    cp.created = fixed
    cp.modified = fixed
    cp.last_modified_by = "Demo kommune"
    cp.revision = 1

    doc.add_paragraph("Demo kommune – skolekontoret")
    doc.add_heading("Søknad om fritak fra opplæring", level=1)
    doc.add_paragraph(
        "Foresatte kan søke om fritak fra deler av opplæringen i KRLE som de opplever som "
        "utøvelse av en annen religion eller tilslutning til et annet livssyn. "
        "Lever søknaden til skolen."
    )
    doc.add_heading("Om eleven", level=2)
    doc.add_paragraph("Elevens navn: ______________________________________")
    doc.add_paragraph("Ønsket navn/tiltalsnavn: ____________________________")
    doc.add_paragraph("Skole og trinn: ____________________________________")
    doc.add_heading("Foreldre", level=2)
    table = doc.add_table(rows=4, cols=2)
    table.style = "Table Grid"
    hdr = table.rows[0].cells
    hdr[0].text, hdr[1].text = "Mor", "Far"
    for r, label in enumerate(["Navn:", "Telefon:", "E-post:"], start=1):
        table.rows[r].cells[0].text = label
        table.rows[r].cells[1].text = label
    # mark the first row as a repeating header row
    trpr = table.rows[0]._tr.get_or_add_trPr()
    th = OxmlElement("w:tblHeader")
    th.set(qn("w:val"), "true")
    trpr.append(th)
    doc.add_heading("Hva søker dere fritak fra?", level=2)
    doc.add_paragraph("Beskriv aktiviteten eller delen av faget: ______________________________")
    doc.add_paragraph("______________________________________________________________")
    doc.add_heading("Underskrift", level=2)
    doc.add_paragraph("Sted og dato: ____________________________")
    doc.add_paragraph("Underskrift fra mor: ____________________________")
    doc.save(str(path))
    _normalise_zip(path)


def _normalise_zip(path: Path) -> None:
    """Rewrite a DOCX with fixed timestamps so the output is byte-for-byte reproducible."""
    import zipfile

    with zipfile.ZipFile(path) as zin:
        entries = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 15, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output directory (default: %(default)s)"
    )
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    _register_fonts()
    make_skoleskyss_pdf(args.out / "soknad-om-skoleskyss.pdf")
    make_registrering_pdf(args.out / "registreringsskjema-nye-elever.pdf")
    make_fritak_docx(args.out / "soknad-om-fritak.docx")
    for name in (
        "soknad-om-skoleskyss.pdf",
        "registreringsskjema-nye-elever.pdf",
        "soknad-om-fritak.docx",
    ):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
