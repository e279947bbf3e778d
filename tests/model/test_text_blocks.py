"""An HTML document's page text blocks are kept as rows (TextBlocks.from_rows) and built on first
read: the document must behave exactly as one given the built blocks, and linting must give the
same findings either way."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.model import ParsedDocument, TextBlocks
from formlint.parse.html import parse_html
from formlint.pipeline import Linter

REPO = Path(__file__).resolve().parents[2]
PAGES = sorted((REPO / "formlint" / "demo" / "site").rglob("*.html")) + sorted(
    (REPO / "tests").rglob("*.html")
)
FORM_PAGE = (
    '<html lang="nb"><head><title>Søknad</title></head><body><h1>Søknad om plass</h1>'
    '<p hidden>Skjult han</p><p>Han eller hun må legge ved attest.</p><p lang="se">Sámi tekst</p>'
    '<form id="f"><fieldset><legend>Kjønn</legend><input type="radio" name="k" id="g">'
    '<label for="g">Gutt</label><input type="radio" name="k" id="j"><label for="j">Jente</label>'
    "</fieldset><p>Mor eller far</p></form><p>Kontakt rådmannen.</p></body></html>"
)


def _parse(body: bytes, name: str, engine: Engine) -> ParsedDocument:
    return parse_html(
        FetchedDocument(url=f"https://k.no/{name}", body=body, media_type="text/html"),
        Linter(engine).parse_options,
    )


def _eager(doc: ParsedDocument) -> ParsedDocument:
    """The same document given its blocks built."""
    return replace(doc, text_blocks=TextBlocks(tuple(doc.text_blocks)))


def _bodies() -> list[tuple[str, bytes]]:
    return [(str(p.relative_to(REPO)), p.read_bytes()) for p in PAGES] + [
        ("form", FORM_PAGE.encode())
    ]


@pytest.mark.parametrize(("name", "body"), _bodies(), ids=[n for n, _ in _bodies()])
def test_rows_are_the_built_blocks(engine: Engine, name: str, body: bytes) -> None:
    doc = _parse(body, name, engine)
    table = doc.text_blocks
    assert table.rows is not None  # rows, not built
    one_by_one = [table[i] for i in range(len(table))]  # before the tuple is built
    eager = _eager(doc)
    assert eager.text_blocks.rows is None
    assert list(doc.text_blocks) == one_by_one
    assert doc.text_blocks.blocks() is doc.text_blocks.blocks()  # built once
    assert doc == eager and hash(doc.text_blocks) == hash(eager.text_blocks)
    assert repr(doc) == repr(eager) and doc.to_dict() == eager.to_dict()
    assert pickle.loads(pickle.dumps(doc)) == eager
    assert copy.deepcopy(doc) == eager
    assert replace(doc, title="x").text_blocks == eager.text_blocks
    assert doc.text_blocks.texts() == eager.text_blocks.texts()
    assert doc.text_blocks.languages() == eager.text_blocks.languages()


@pytest.mark.parametrize(("name", "body"), _bodies(), ids=[n for n, _ in _bodies()])
def test_linting_reads_the_rows_as_the_blocks(engine: Engine, name: str, body: bytes) -> None:
    """The engine reads a deferred document's rows; the same findings and notes as from the
    built blocks."""
    assert engine.run(_parse(body, name, engine)) == engine.run(_eager(_parse(body, name, engine)))


def test_linting_a_form_page_builds_only_the_blocks_it_reports(engine: Engine) -> None:
    doc = _parse(FORM_PAGE.encode(), "form", engine)
    findings, notes = engine.run(doc)
    assert findings and notes  # hits on page blocks, and a skipped Sámi block
    assert doc.text_blocks._blocks is None
