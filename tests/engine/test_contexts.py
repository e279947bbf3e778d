"""The context prefilter changes nothing: ContextMatcher.names_in gives what the six regexes give."""

from __future__ import annotations

import random
import re
import sys

import pytest

from formlint.engine.contexts import _CASE_KIN, ANCHOR_CHARS, ContextMatcher, anchor
from formlint.engine.loader import ContextSpec, load_contexts

TRICKY = {
    "alternation": ContextSpec(description="t", keywords={"nb": ["mor|far", "(?:barn)e"]}),
    "classes": ContextSpec(description="t", keywords={"nb": ["[kK]jønn", "x{2}y", "fo+t"]}),
    "optional": ContextSpec(description="t", keywords={"nb": ["søknads?", "ba?rn", r"\bkurs"]}),
    "escapes": ContextSpec(description="t", keywords={"en": [r"e\.g", r"vaksin\w*", "sign-up"]}),
    "kin": ContextSpec(description="t", keywords={"en": ["kelvin", "sſo", "\u212bre", "ibis"]}),
}


def test_case_kin_is_all_unicode_adds() -> None:
    """Every character re.IGNORECASE matches with an anchor letter is one of its two cases or a
    character of _CASE_KIN: the claim the prefilter rests on."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in ANCHOR_CHARS + ANCHOR_CHARS.upper():
        matched = set(re.findall(re.escape(letter), every, re.IGNORECASE))
        odd = {c for c in matched if c.lower() != letter.lower()} - set(_CASE_KIN)
        assert not odd, (letter, odd)
        assert all(len(c.lower()) == 1 for c in matched - set(_CASE_KIN))


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("skole", "skole"),
        ("after-school", "school"),
        (r"helsestasjon\w*", "helsestasjon"),
        ("stønad", "stønad"),
        ("meld deg på", "meld deg på"),
        ("søknads?", "søknad"),
        ("x{2}y", None),
        ("mor|far", None),
        ("[kK]jønn", None),
        (r"\bkurs", None),
        ("Kelvin", "kelvin"),
        ("\u212aelvin", "elvin"),
        ("", None),
    ],
)
def test_anchor(keyword: str, expected: str | None) -> None:
    assert anchor(keyword) == expected


def _texts(contexts: dict[str, ContextSpec], n: int) -> list[str]:
    rng = random.Random(7)
    words = [kw for spec in contexts.values() for kws in spec.keywords.values() for kw in kws]
    words = [re.sub(r"\\w\*|[\\?+*{}\[\]()|^$]", "", w) for w in words]
    filler = ["side", "demo", "kommune", "Søknad", "https://k.no/a-b/c_d", "bæ", "SKOLE-"]
    odd = [*_CASE_KIN, "é", "ǅ", "ß", "ẞ", "Σ", "ς", "-", "_", "/", "1"]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 6)):
            w = rng.choice(words + filler)
            w = "".join(c.upper() if rng.random() < 0.3 else c for c in w)
            if w and rng.random() < 0.3:
                i = rng.randrange(len(w))
                w = w[:i] + rng.choice(odd) + w[i + 1 :]
            if w and rng.random() < 0.2:
                w = w[1:] if rng.random() < 0.5 else w + rng.choice("ae")
            parts.append(w)
        texts.append(rng.choice([" ", "", "-"]).join(parts))
    return texts


@pytest.mark.parametrize("contexts", [load_contexts(), TRICKY], ids=["rules", "tricky"])
def test_names_in_equals_the_regexes(contexts: dict[str, ContextSpec]) -> None:
    matcher = ContextMatcher(contexts)
    hits = 0
    for text in _texts(contexts, 4000):
        expected = matcher.names_in_by_regex(text)
        assert matcher.names_in(text) == expected, text
        hits += bool(expected)
    assert hits > 500  # the texts do name contexts, not only miss them
