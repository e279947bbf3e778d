"""Finding the blocks that hold a rule word by str.find gives what one regex pass over the page gives."""

from __future__ import annotations

import random
import re

import pytest

from formlint.document import FetchedDocument
from formlint.engine.blockscan import BlockScan
from formlint.engine.runner import Engine, _odd_case_chars, _PageBlocks
from formlint.model.blocks import BlockTable
from formlint.parse.html import parse_html

BODIES = [
    "<p>Han eller hun må ha med attest.</p><p>Kommunen tilbyr tjenester.</p>",
    "<p>HAN ELLER HUN</p><p>Mor–far</p><p>mor_far</p><p>«Mors» navn</p>",
    "<h1>Søknad</h1><p>Søkerens mor og far skal skrive under.</p><p>Handel og vandel.</p>",
    "<p>Rådmannen svarer.</p><p>RÅDMANNEN og \u212bdmannen</p><p>Tillitsmannen</p>",
    "<p>\u017fhe said so</p><p>She said so. His wife.</p>",  # long s: case-insensitively "s"
    "<p>\u0130nfo: han</p><p>hun</p>",  # "İ" lower-cases to two characters
    '<p lang="en">The applicant\'s wife or husband must sign.</p><p lang="se">Sámi mor</p>',
    '<form><label for="k">Kjønn</label><select id="k"><option>Mann</option>'
    "<option>Kvinne</option></select></form><p>Vi trenger kjønn for statistikk.</p>",
]


def page(body: str) -> bytes:
    return (
        f'<!doctype html><html lang="nb"><head><title>Side</title></head><body>{body}</body></html>'
    ).encode()


@pytest.mark.parametrize("body", BODIES)
def test_find_and_regex_pass_agree(engine: Engine, body: str) -> None:
    doc = parse_html(
        FetchedDocument(url="https://k.no/side", body=page(body), media_type="text/html"),
        engine.parse_options,
    )
    found = engine.run(doc)
    odd = engine._odd_case
    try:
        engine._odd_case = tuple("<")  # every page odd: the regex pass only
        assert engine.run(doc) == found
    finally:
        engine._odd_case = odd


def test_odd_characters() -> None:
    odd = _odd_case_chars(frozenset({"his", "kone", "åpen"}))
    assert "\u017f" in odd and "\u0130" in odd  # long s; dotted capital I
    assert not set("HIS KONE ÅPEN \u212a\u212b") & set(odd)  # Kelvin, Ångström lower-case right


def test_nothing_beyond_the_bmp_matches_a_letter_case_insensitively() -> None:
    """_odd_case_chars looks at the BMP only; this is why that is enough."""
    astral = "".join(chr(cp) for cp in range(0x10000, 0x110000))
    letters = "abcdefghijklmnopqrstuvwxyzæøåéèêóòôüäö"
    assert re.findall(f"[{letters}]", astral, re.IGNORECASE) == []


@pytest.mark.parametrize(
    "text",
    [
        *BODIES,
        "Søkerens MOR og FAR\nhan/hun\tS\n«mors» far-",
        "\u212aONE og \u212bpen",  # Kelvin sign and Ångström sign
        "\u0130nfo: hun",
        "ΣΑΣ mor",
        "",
    ],
)
def test_scanned_needles_are_the_split_ones(engine: Engine, text: str) -> None:
    from formlint.parse.prefilter import WORD_BYTES

    split = text.lower().encode().translate(WORD_BYTES).split()
    expected = {("w", w.decode()) for w in engine._any_bytes.intersection(split)}
    assert engine._needles(text) == expected
    raw = text.encode("utf-8", "replace")  # and from the block scan's pass, where it can tell
    blocks = _PageBlocks(engine._blocks, [], raw, BlockTable.of(()), usable=BlockScan.usable(text))
    assert engine._needles(text, raw, blocks) == expected


# Texts around the byte scan's edges: boundaries that are non-ASCII ("…", "›", NBSP, "«»", "–"),
# "_" (a word character for the regex), letters that lower-case to a needle's ("Å", the Ångström
# sign), non-ASCII letters next to a needle, needles at a block's start and end.
BLOCK_TEXTS = [
    "Han…",
    "…han›",
    "mor\u00a0og\u00a0far",
    "«Mors» navn – fars navn",
    "mor_far og far_mor",
    "saksbehandling",
    "RÅDMANNEN og \u212bDMANNEN",
    "rådmannenø",
    "ørådmannen",
    "Tillitsmannen",
    "hun",
    "",
    "HUN HAN\tMOR\nFAR",
    "x\nhan",
    "Mor–far",
    "\u00e6han\u00e6",
]


@pytest.mark.parametrize("start", range(len(BLOCK_TEXTS)))
def test_block_scan_names_every_block_the_regex_matches(engine: Engine, start: int) -> None:
    """The scan may name too many blocks (each is checked), never too few."""
    from formlint.engine.runner import _needle_regex, _PageBlocks

    texts = BLOCK_TEXTS[start:] + BLOCK_TEXTS[:start]  # every text once at the page's start
    page = "\n".join(texts)
    needles = engine._needles(page)
    assert needles and all(kind == "w" for kind, _ in needles)
    blocks = _PageBlocks(engine._blocks, texts, page.encode(), BlockTable.of(()), usable=True)
    rx = _needle_regex(frozenset(needles))
    expected = {i for i, t in enumerate(texts) if rx.search(t)}
    assert expected  # the test means something
    assert expected <= blocks.holding(needles)
    for needle in needles:  # and each needle on its own
        one = _needle_regex(frozenset({needle}))
        assert {i for i, t in enumerate(texts) if one.search(t)} <= blocks.holding({needle})


def test_block_scan_declines_pages_with_ascii_lowering_characters() -> None:
    from formlint.engine.blockscan import BlockScan

    assert BlockScan.usable("Han og hun … ÅDMANNEN")
    assert not BlockScan.usable("\u212aONE")  # Kelvin sign: lower() is "k"
    assert not BlockScan.usable("\u0130nfo")  # "İ": lower() is "i" and a combining dot


def test_fast_path_is_taken_on_a_benchmark_like_page(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The equivalence tests above compare two paths: make sure the fast one runs at all."""
    from formlint.engine.runner import _PageBlocks

    calls: list[int] = []
    holding = _PageBlocks.holding

    def counted(self: _PageBlocks, needles: set[tuple[str, str]]) -> set[int]:
        calls.append(1)
        return holding(self, needles)

    monkeypatch.setattr(_PageBlocks, "holding", counted)
    body = "<nav>Forside › Seksjon</nav><p>Kontakt rådmannen eller tillitsmannen …</p>"
    doc = parse_html(
        FetchedDocument(url="https://k.no/side", body=page(body), media_type="text/html"),
        engine.parse_options,
    )
    findings, _ = engine.run(doc)
    assert calls and len(findings) == 2


@pytest.mark.parametrize("body", BODIES)
def test_block_scan_for_some_keys_is_the_full_scan_cut_down(engine: Engine, body: str) -> None:
    """Asking for a few keys gives exactly those keys' entries of the all-keys answer."""
    doc = parse_html(
        FetchedDocument(url="https://k.no/side", body=page(body), media_type="text/html"),
        engine.parse_options,
    )
    texts = [b.text.encode() for b in doc.text_blocks]
    raw = b"\n".join(texts)
    starts = [0]
    for t in texts:
        starts.append(starts[-1] + len(t) + 1)
    scan = engine._blocks
    full = scan.blocks(raw, starts)
    keys = sorted(scan._patterns_of)
    for chosen in (keys, keys[::3], keys[1::7], [("w", "no such word")], []):
        cut = scan.blocks(raw, starts, chosen, scan.matches(raw))
        assert cut == {k: v for k, v in full.items() if k in set(chosen)}


def test_block_scan_words_are_the_split_scan_words(engine: Engine) -> None:
    """BlockScan.exact_words gives what PageScanner.words_in gives, wherever the engine uses it."""
    scan = engine._blocks
    assert scan.gives_words  # the shipped rules: letters and digits between word characters
    rng = random.Random(11)
    words = sorted(engine._any_words)
    glue = [" ", "\n", ".", ",", "-", "/", "(", ")", "<", "=", "'", '"', "2", "x", "Z", "é", "ø"]
    glue += ["\u2014", "\u00ab", "\u00bb", "\u2019", "\u2026", "\u00a0", "\u203a", "\u00c5", "_"]
    checked = 0
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 12)):
            word = rng.choice(words)
            word = rng.choice([word, word.upper(), word.capitalize(), word.replace("å", "\u212b")])
            parts.append(word)
            parts.append("".join(rng.choice(glue) for _ in range(rng.randint(0, 2))))
        text = "".join(parts)
        raw = text.encode("utf-8")
        if b"_" in raw or not BlockScan.usable(text):
            continue  # the engine takes words_in there
        expected = {w.decode("utf-8") for w in engine._scan.words_in(raw) or set()}
        assert scan.exact_words(raw, scan.matches(raw)) == expected, text
        checked += 1
    assert checked > 1000
