"""Parsing an HTML page leaves no reference cycle behind.

A cycle in the walk's objects (a form's state pointing at the form, whose controls point at the
state) kept each form page's lxml tree and text blocks alive until the cyclic garbage collector
ran; without one, a parse result is freed as soon as it is dropped.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from formlint.document import FetchedDocument
from formlint.parse import html as html_parser
from formlint.parse.registry import ParseOptions

REPO = Path(__file__).resolve().parents[2]
PAGES = [
    REPO / "tests" / "fixtures" / "html" / "soknad.html",
    *sorted((REPO / "formlint" / "demo" / "site").rglob("*.html")),
]


@pytest.fixture
def no_automatic_gc() -> Iterator[None]:
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@pytest.mark.usefixtures("no_automatic_gc")
@pytest.mark.parametrize("collect_links", [False, True])
def test_a_dropped_parse_leaves_no_cyclic_garbage(collect_links: bool) -> None:
    opts = ParseOptions(collect_links=collect_links)
    forms = 0
    for path in PAGES:
        doc = html_parser.parse_html(
            FetchedDocument(url=f"https://demo.example/{path.name}", body=path.read_bytes()),
            opts,
        )
        forms += len(doc.forms)
        del doc
    assert forms  # the pages hold forms (and sections with controls)
    assert gc.collect() == 0
