"""The page blocks a purpose statement may sit in, found over the joined page, are the blocks
that lower-casing each block one by one finds."""

from __future__ import annotations

import pytest

from formlint.engine.runner import _GENDER_WORDS, Engine, _page_blocks_with
from formlint.model import Location, Scope, TextBlock

TEXTS = [
    ["Kommunen tilbyr tjenester", "Vi trenger KJØNN for statistikk", "Ditt navn", "Navnet"],
    ["\u0130nfo: kjønn", "Barnets navn"],  # "İ" lower-cases to two characters
    ["kjønnkjønn", "", "NAME and gender", "sexton", "x\nnavn"],
    [],
]


@pytest.mark.parametrize("texts", TEXTS)
def test_joined_page_scan_matches_per_block(texts: list[str]) -> None:
    expected = [t for t in texts if any(w in t.lower() for w in _GENDER_WORDS)]
    assert _page_blocks_with(texts, _GENDER_WORDS) == expected
    joined_lower = "\n".join(texts).lower()  # what Engine.run hands over
    assert _page_blocks_with(texts, _GENDER_WORDS, joined_lower) == expected


@pytest.mark.parametrize(
    "texts",
    [
        *TEXTS,
        ["NAVN", "Kj\u00d8NN", "kj\u00f8nnsn\u00f8ytral", "Ångström navn…", "sex\u00a0", "gENDER"],
        ["nav n", "na vn", "n\u00e6vn", "kjonn"],
        ["\u212aJØNN"],  # Kelvin sign: lower() is "k", the byte scan declines
    ],
)
def test_engine_block_scan_matches_per_block(engine: Engine, texts: list[str]) -> None:
    """The engine's byte scan (then a check per candidate) finds the blocks the per-block test
    finds."""
    from formlint.engine.blockscan import BlockScan
    from formlint.engine.runner import _PageBlocks
    from formlint.model.blocks import BlockTable

    table = BlockTable.of(tuple(TextBlock(t, Scope.PARAGRAPH, Location("s")) for t in texts))
    page = "\n".join(texts)
    scan = _PageBlocks(engine._blocks, texts, page.encode(), table, usable=BlockScan.usable(page))
    expected = [t for t in texts if any(w in t.lower() for w in _GENDER_WORDS)]
    assert scan.page_blocks_with(_GENDER_WORDS) == expected
