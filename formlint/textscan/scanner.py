"""Which of a set of words occur whole in a text: one Aho–Corasick pass over its UTF-8 bytes.

formlint asks this twice per page. The HTML parser asks whether a page holds any rule word or
form-control marker at all: most pages of a municipal site hold neither and need no tree. The
engine asks which text blocks of a page may hold a rule word: only those are tokenised. Lower-
casing and splitting a 100 KB page for each question costs milliseconds of Python; one automaton
(``ahocorasick_rs``, a DFA in Rust) over a folded view of the bytes costs a tenth of one.

The folded view: ASCII letters lower-cased, ASCII letters and digits kept, ``<`` and ``=`` kept
(markers such as ``<input`` and ``role=`` hold them), every other ASCII byte a space, every
non-ASCII byte ``0x80``. A word is found between two boundary bytes (space, ``<``, ``=`` or
``0x80``), in every spelling whose ``str.lower()`` is the word ("Å" and the Ångström sign for
"å"). ``0x80`` stands for any non-ASCII character, so what is found is a superset of what a
case-insensitive whole-word regex finds: callers check each candidate exactly. It is a superset
for every text without a character whose ``lower()`` is ASCII (the Kelvin sign, "İ"):
:func:`has_odd_case` tells callers to take their exact path then.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from functools import lru_cache

import ahocorasick_rs

# a-z (folded) and 0-9 kept, "<" and "=" kept, other ASCII a space, every non-ASCII byte 0x80
_FOLD = bytes(
    c + 32
    if 65 <= c <= 90
    else c
    if (48 <= c <= 57 or 97 <= c <= 122 or c in b"<=")
    else (0x80 if c >= 128 else 32)
    for c in range(256)
)
_BOUNDARIES = (b" ", b"<", b"=", b"\x80")


def has_odd_case(text: str) -> bool:
    """Does ``text`` hold a character whose ``lower()`` holds ASCII (U+212A Kelvin sign -> "k",
    U+0130 -> "i" + U+0307)? Then a word spelled with it is not found by the scan, and callers
    must check every text exactly. (Two one-character searches of the str: ~3 µs on a 150 KB
    page, where searching its UTF-8 bytes for the two-byte forms takes ~100 µs each.)"""
    return "\u212a" in text or "\u0130" in text


class WordScanner:
    """The automaton for one set of words (lower-case, letters and digits only), word parts
    (found anywhere, inside other words too: "kjønn" in "kjønnsidentitet") and byte markers (which
    must read the same in the folded view), built once per run."""

    def __init__(
        self, words: Iterable[str], markers: Iterable[bytes] = (), parts: Iterable[str] = ()
    ) -> None:
        patterns: list[bytes] = []
        self._keys: list[str] = []  # pattern index -> the word, part or marker it finds
        for marker in markers:
            if marker.translate(_FOLD) != marker:
                raise ValueError(f"marker {marker!r} does not survive the folded view")
            patterns.append(marker)
            self._keys.append(marker.decode("ascii"))
        self.words = frozenset(words)
        for word in sorted(self.words):
            if not word.isalnum() or word != word.lower():
                raise ValueError(f"{word!r}: a scanned word is lower-case letters and digits")
            for spelling in {s.translate(_FOLD) for s in spellings(word)}:
                for left, right in itertools.product(_BOUNDARIES, _BOUNDARIES):
                    patterns.append(left + spelling + right)
                    self._keys.append(word)
        self.parts = frozenset(parts)
        for part in sorted(self.parts):
            for spelling in {s.translate(_FOLD) for s in spellings(part)}:
                patterns.append(spelling)
                self._keys.append(part)
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            patterns, implementation=ahocorasick_rs.Implementation.DFA
        )

    def _matches(self, data: bytes) -> list[tuple[int, int, int]]:
        # overlapping: "mor far" holds " mor " and " far " sharing their space
        return self._automaton.find_matches_as_indexes(
            b" " + data.translate(_FOLD) + b" ", overlapping=True
        )

    def find(self, data: bytes) -> list[tuple[str, int]]:
        """(word or marker, byte offset in ``data``) of everything that may occur in ``data`` (a
        superset; see the module). A word's offset is that of the boundary byte before it."""
        keys = self._keys
        # the padded text is one byte ahead of ``data``
        return [(keys[index], start - 1) for index, start, _end in self._matches(data)]

    def blocks(self, texts: Sequence[str]) -> dict[str, set[int]]:
        """Each word or part that may occur in the ``texts`` -> the indexes of the texts that may
        hold it (a superset: every text holds every key when they hold a character the scan
        cannot fold, see :func:`has_odd_case`)."""
        if has_odd_case("\n".join(texts)):
            every = set(range(len(texts)))
            return {key: every for key in {*self.words, *self.parts}}
        pieces = [t.encode("utf-8", "replace") for t in texts]
        data = b"\n".join(pieces)
        starts = list(itertools.accumulate((len(p) + 1 for p in pieces), initial=0))
        keys = self._keys
        found: dict[str, set[int]] = {}
        for index, start, _end in self._matches(data):
            # the padded text is one byte ahead; a word's pattern starts with its left boundary,
            # a part's with its own first byte
            key = keys[index]
            at = start if key in self.words else start - 1
            found.setdefault(key, set()).add(bisect.bisect_right(starts, at) - 1)
        return found


def spellings(word: str) -> set[bytes]:
    """Every string whose ``lower()`` is ``word``, as UTF-8 (ASCII letters need no spelling of
    their own: the folded view lower-cases them)."""
    sources = _lower_sources()
    choices = [[ch, *sources.get(ch, ())] if ord(ch) > 127 else [ch] for ch in word]
    return {"".join(combo).encode("utf-8") for combo in itertools.product(*choices)}


@lru_cache(maxsize=1)
def _lower_sources() -> dict[str, tuple[str, ...]]:
    """Lower-case letter -> the other non-ASCII characters whose ``lower()`` it is.

    The BMP is enough: no character beyond it lower-cases into it (a test checks). Capital
    sigma lower-cases to "ς" at a word's end, so it stands for both sigmas.
    """
    out: dict[str, list[str]] = {}
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        low = ch.lower()
        if low != ch and len(low) == 1 and ord(low) > 127:
            out.setdefault(low, []).append(ch)
    out.setdefault("ς", []).append("Σ")
    return {k: tuple(v) for k, v in out.items()}
