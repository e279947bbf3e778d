"""What the HTML parser reads off an element (formlint/parse/html_elements.py)."""

from __future__ import annotations

import random

from formlint.parse.html_elements import collapse_whitespace


def test_collapse_is_split_and_join() -> None:
    """It skips the split for already collapsed text: it must agree with split and join always."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    pieces = ["a", "æ", "›", "\u200b", "ß", "ё", *spaces]
    rng = random.Random(7)
    texts = ["", " ", "a b", "a  b", " a", "a ", *spaces, *(f"x{s}y" for s in spaces)]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(20_000)]
    for text in texts:
        assert collapse_whitespace(text) == " ".join(text.split()), repr(text)
