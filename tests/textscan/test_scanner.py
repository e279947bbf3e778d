"""The word scanner finds a superset of what a whole-word, case-insensitive look finds."""

from __future__ import annotations

import random
import re

import pytest

from formlint.textscan import WordScanner, has_odd_case, spellings

WORDS = ["han", "hun", "mor", "far", "mors", "kjønn", "rådmannen", "he", "she", "åpen", "s"]
SCANNER = WordScanner(WORDS, (b"<input", b"role=", b"lang"), parts=("kjønn", "navn"))


def holding(texts: list[str]) -> set[int]:
    """Indexes of the texts that may hold one of WORDS."""
    found = SCANNER.blocks(texts)
    return set().union(*(found.get(w, ()) for w in WORDS))


TEXTS = [
    "Han eller hun må ha med attest.",
    "HAN ELLER HUN",
    "Mor–far",
    "mor_far",
    "«Mors» navn",
    "mor…",  # a non-ASCII character right after the word
    "mor\u00a0og far",  # no-break space
    "Rådmannen svarer. RÅDMANNEN og \u212bpen",  # the Ångström sign lower-cases to "å"
    "\u017fhe said so",  # long s: lower() keeps it, so no match
    "KjØnn",
    "kjønnsnøytral",
    "farfar og morbror",
    "s/he",
    "",
    "Kommunen tilbyr tjenester til innbyggere.",
]


def _expected(text: str) -> bool:
    """Whether ``text`` holds one of WORDS whole, as the engine's exact test sees it."""
    return bool(set(re.findall(r"\w+", text.lower())) & set(WORDS))


@pytest.mark.parametrize("text", TEXTS)
def test_blocks_are_a_superset_of_the_whole_word_look(text: str) -> None:
    if _expected(text):
        assert holding([text]) == {0}


def test_blocks_name_the_right_texts() -> None:
    texts = ["Kommunen", "Han kommer", "", "ingenting", "Søkerens MOR", "x\ny"]
    assert holding(texts) == {1, 4}


def test_a_random_page_of_pieces() -> None:
    rng = random.Random(3)
    pieces = ["han ", "Hun", "mor", "<", "=", " ", "x", "å", "Å", "-", "…", "\n", "mors", "_"]
    for _ in range(200):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5)]
        assert {i for i, t in enumerate(texts) if _expected(t)} <= holding(texts)


def test_odd_case_characters_make_every_text_a_candidate() -> None:
    texts = ["\u212aj\u00f8nn", "Kommunen"]  # Kelvin sign: lower() is "k"
    assert has_odd_case("\u0130nfo") and has_odd_case(texts[0]) and not has_odd_case("Kjønn")
    assert holding(texts) == {0, 1}


def test_find_gives_markers_with_their_offsets() -> None:
    data = b'<p lang="nb">Han</p><INPUT name=x>'
    found = SCANNER.find(data)
    assert ("lang", data.index(b"lang")) in found
    assert ("<input", data.index(b"<INPUT")) in found
    assert any(key == "han" for key, _ in found)


def test_spellings_cover_every_upper_case_form() -> None:
    assert spellings("kjønn") == {"kjønn".encode(), "kjØnn".encode()}
    assert "\u212bpen".encode() in spellings("åpen")


def test_nothing_beyond_the_bmp_lower_cases_into_it() -> None:
    """_lower_sources looks at the BMP only; this is why that is enough."""
    for cp in range(0x10000, 0x110000):
        low = chr(cp).lower()
        assert all(ord(c) >= 0x10000 for c in low) or low == chr(cp), hex(cp)


def test_markers_and_words_are_checked() -> None:
    with pytest.raises(ValueError):
        WordScanner(["mor"], (b"<x-y",))  # "-" does not survive the folded view
    with pytest.raises(ValueError):
        WordScanner(["s/he"])  # a scanned word is letters and digits


def test_parts_are_found_inside_words() -> None:
    texts = ["Kjønnsidentitet", "Barnets NAVN", "Kommunen", "ukjønn"]
    found = SCANNER.blocks(texts)
    assert found["kjønn"] == {0, 3} and found["navn"] == {1}
