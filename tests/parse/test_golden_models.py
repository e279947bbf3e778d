"""Golden parsed models: ``ParsedDocument.to_dict()`` of one representative document per format.

What a parser hands the rules is compared field by field with a reviewed file under
``tests/golden/parse/``, so a parser change shows up as a diff of the model, not only as a changed
finding. The documents: committed fixtures (tests/fixtures; the PDF, DOCX and ODT files are written
by tests/fixtures/documents/make_fixtures.py), a legacy page written here, and two files of the
shared corpus (read in place; see tests/golden/README.md for their licences). Each is read as
``formlint lint`` reads it (``sources.files.collect``, then the parser registry), from a path
relative to its root, so the model names no machine's folders. Regenerate with
``pytest --update-golden`` and review the diff.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from formlint.document import FetchedDocument
from formlint.model import ParsedDocument
from formlint.parse.registry import parse_document
from formlint.sources.files import collect

REPO = Path(__file__).resolve().parents[2]

# A legacy municipal page (our own wording): table layout, no fieldsets and no labels, each
# question printed as text before its boxes, in the same cell or in the row's first cell.
LEGACY_PAGE = """<HTML>
<HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">
<TITLE>Påmelding til svømmekurs</TITLE></HEAD>
<BODY BGCOLOR="#FFFFFF">
<FONT FACE="Arial"><B>Påmelding til svømmekurs for barn</B></FONT>
<P>Fyll ut skjemaet og trykk Send. Vi svarer innen to uker.</P>
<FORM ACTION="/cgi-bin/pamelding.pl" METHOD="POST" NAME="pamelding">
<TABLE BORDER="0" CELLPADDING="2">
<TR><TD>Barnets navn:</TD><TD><INPUT TYPE="text" NAME="barn_navn" SIZE="30"></TD></TR>
<TR><TD>Kjønn:</TD><TD><INPUT TYPE="radio" NAME="kjonn" VALUE="G"> Gutt
<INPUT TYPE="radio" NAME="kjonn" VALUE="J"> Jente</TD></TR>
<TR><TD>Mors navn:</TD><TD><INPUT TYPE="text" NAME="mor"></TD></TR>
<TR><TD>Fars navn:</TD><TD><INPUT TYPE="text" NAME="far"></TD></TR>
</TABLE>
<P>Kan barnet svømme? <INPUT TYPE="radio" NAME="svomme" VALUE="ja"> Ja
<INPUT TYPE="radio" NAME="svomme" VALUE="nei"> Nei</P>
<P>Hvilke dager passer? <INPUT TYPE="checkbox" NAME="dag" VALUE="man"> Mandag
<INPUT TYPE="checkbox" NAME="dag" VALUE="ons"> Onsdag</P>
<INPUT TYPE="submit" VALUE="Send">
</FORM>
</BODY></HTML>
""".encode("cp1252")


def _read(root: Path, rel: str, monkeypatch: pytest.MonkeyPatch) -> ParsedDocument:
    """The one document ``formlint lint REL`` reads in ``root``."""
    assert (root / rel).exists(), f"{root / rel} is missing"
    monkeypatch.chdir(root)
    (doc,) = list(collect([Path(rel)]))
    assert isinstance(doc, FetchedDocument), doc
    return parse_document(doc)


def _model_json(doc: ParsedDocument) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


# golden name -> (expected format, path relative to the repository)
FIXTURES = {
    "html-fieldsets": ("html", "tests/fixtures/html/soknad.html"),
    "altinn-app": ("altinn", "tests/fixtures/ci/repo/altinn/skoleskyss"),
    "fhir-questionnaire": ("fhir", "tests/fixtures/ci/repo/forms/fhir/helsestasjon.json"),
    "pdf-acroform": ("pdf", "tests/fixtures/documents/acroform.pdf"),
    "pdf-print-and-fill": ("pdf", "tests/fixtures/documents/print.pdf"),
    "pdf-xfa": ("pdf", "tests/fixtures/documents/xfa.pdf"),
    "docx": ("docx", "tests/fixtures/documents/form.docx"),
    "odt": ("odt", "tests/fixtures/documents/form.odt"),
}
# golden name -> (expected format, path relative to ../shared/corpus)
CORPUS_FILES = {
    "govuk-njk": (
        "govuk-njk",
        "html/alphagov__govuk-design-system/src/patterns/gender-and-sex/default.njk",
    ),
    "formio-with-translation": (
        "formio",
        "formio/navikt__skjemautfylling-formio/forms/nav170105.json",
    ),
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_model(
    name: str, golden: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    fmt, rel = FIXTURES[name]
    doc = _read(REPO, rel, monkeypatch)
    assert doc.format == fmt
    golden(f"parse/{name}.json", _model_json(doc))


@pytest.mark.parametrize("name", sorted(CORPUS_FILES))
def test_corpus_model(
    name: str, corpus: Path, golden: Callable[[str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    fmt, rel = CORPUS_FILES[name]
    doc = _read(corpus, rel, monkeypatch)
    assert doc.format == fmt
    golden(f"parse/{name}.json", _model_json(doc))


def test_legacy_page_model(golden: Callable[[str, str], None]) -> None:
    doc = parse_document(FetchedDocument(url="legacy/pamelding.html", body=LEGACY_PAGE))
    assert doc.format == "html"
    golden("parse/html-legacy.json", _model_json(doc))
