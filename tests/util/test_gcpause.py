"""lint_document runs with the cyclic collector paused: that is only sound if linting makes no
reference cycles (else garbage would wait for the next collection), and it must leave the
collector as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from formlint.api import lint_document
from formlint.document import FetchedDocument
from formlint.engine.runner import Engine
from formlint.util.gcpause import gc_paused

REPO = Path(__file__).resolve().parents[2]
PAGES = [
    REPO / "tests" / "fixtures" / "html" / "soknad.html",
    *sorted((REPO / "formlint" / "demo" / "site").rglob("*.html")),
]


def test_linting_pages_leaves_no_cyclic_garbage(engine: Engine) -> None:
    docs = [
        FetchedDocument(url=f"https://demo.example/{p.name}", body=p.read_bytes()) for p in PAGES
    ]
    for doc in docs:  # warm up: caches filled on first use are not garbage
        lint_document(doc, engine)
    gc.collect()
    findings = 0
    with gc_paused():
        for doc in docs:
            findings += len(lint_document(doc, engine).findings)
        assert gc.collect() == 0
    assert findings


@pytest.mark.parametrize("enabled", [True, False])
def test_lint_document_leaves_the_collector_as_it_was(engine: Engine, enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        lint_document(FetchedDocument(url="https://k.no/a", body=PAGES[0].read_bytes()), engine)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_gc_frozen_freezes_for_the_block_and_puts_everything_back() -> None:
    """The crawl runs inside ``gc_frozen``: what was alive at its start is out of the
    collector's reach, young collections are rarer, and both are undone after."""
    from formlint.util.gcpause import gc_frozen

    before = gc.get_threshold()
    gc.collect()
    frozen_before = gc.get_freeze_count()
    with gc_frozen():
        assert gc.get_freeze_count() > frozen_before
        assert gc.get_threshold()[0] == gc_frozen.YOUNG_THRESHOLD
        cycle: list[object] = []
        cycle.append(cycle)  # garbage made inside the block is still collected
        del cycle
        assert gc.collect() >= 1
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
