"""Which blocks of a page may hold a word: one Aho–Corasick pass over the page's UTF-8 bytes.

The engine used to look for each word found on a page with ``str.find`` over the lower-cased
page: a page with "›" or "…" is stored as UCS-2, so each search read ~180 KB, once per word, and
the page had to be lower-cased first (~0.4 ms). Here one automaton (Rust, ``ahocorasick_rs``) runs
over the blocks' UTF-8 bytes joined by line breaks, with ASCII letters folded, every other ASCII
byte but digits and ``_`` turned into a space and every non-ASCII byte into ``0x80``. What it
reports is a superset: a pattern stands for every string whose ``lower()`` is the word, and
``0x80`` for any non-ASCII character, so callers check each candidate block exactly (the needle
regex, or ``in`` on the lower-cased block).

The superset holds when the page has no character whose ``lower()`` holds ASCII (the Kelvin sign,
"İ"): :meth:`BlockScan.usable` says so, and callers take their exact path otherwise.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

import ahocorasick_rs

from formlint.parse.prefilter import spellings

# a-z (folded), 0-9 and "_" kept, other ASCII a space, every non-ASCII byte 0x80
_FOLD = bytes(
    c + 32
    if 65 <= c <= 90
    else (c if (48 <= c <= 57 or 97 <= c <= 122 or c == 95) else (0x80 if c >= 128 else 32))
    for c in range(256)
)
# the characters whose lower() holds ASCII: with one on the page a spelling could be missed
_ASCII_LOWERING = ("\u212a", "\u0130")
_WORD_CHAR = re.compile(r"\w")
_ALNUM_ASCII = re.compile(r"(?:[a-z0-9]|[^\x00-\x7f])+")  # no ASCII but lower-case letters, digits
WORD = "w"  # key kind: a whole word (regex ``\b`` on both sides)
PART = "s"  # key kind: a substring of the lower-cased block


class BlockScan:
    """An automaton for one engine's words, built once per run."""

    def __init__(self, words: Iterable[str], parts: Iterable[str]) -> None:
        parts = tuple(parts)
        self.parts = frozenset(parts)
        # pattern -> (key, bytes before the key's own first byte) for every key it stands for
        keys_of: dict[bytes, list[tuple[tuple[str, str], int]]] = {}
        # the patterns with a space on both sides, and the words they may spell (see exact_words)
        spaced: dict[bytes, list[str]] = {}
        self._spellings: dict[str, frozenset[bytes]] = {}
        # exact_words can stand in for the split scan when every word is letters and digits
        # (ASCII or not) between two word characters: then each of its spellings has a pattern
        # here with a space on both sides
        self.gives_words = True
        for word in sorted(set(words)):
            word_spellings = spellings(word)
            self._spellings[word] = frozenset(word_spellings)
            if not (
                _ALNUM_ASCII.fullmatch(word)
                and _WORD_CHAR.match(word[0])
                and _WORD_CHAR.match(word[-1])
            ):
                self.gives_words = False
            for spelling in word_spellings:
                folded = spelling.translate(_FOLD)
                if b" " in folded:
                    continue  # holds a non-word byte: never a needle of the split scan
                # a side that is not a word character has no \b there: any byte may stand next
                lefts = (b" ", b"\x80") if _WORD_CHAR.match(word[0]) else (b"",)
                rights = (b" ", b"\x80") if _WORD_CHAR.match(word[-1]) else (b"",)
                for left, right in itertools.product(lefts, rights):
                    keys_of.setdefault(left + folded + right, []).append(((WORD, word), len(left)))
                    if left == right == b" ":
                        spaced.setdefault(left + folded + right, []).append(word)
        for part in sorted(self.parts):
            for spelling in spellings(part):
                keys_of.setdefault(spelling.translate(_FOLD), []).append(((PART, part), 0))
        patterns = list(keys_of)
        self._keys = [tuple(keys_of[p]) for p in patterns]
        self._spaced = {
            index: tuple(dict.fromkeys(spaced[p]))
            for index, p in enumerate(patterns)
            if p in spaced
        }
        self._patterns_of: dict[tuple[str, str], set[int]] = {}  # key -> its pattern indexes
        for index, pattern_keys in enumerate(self._keys):
            for key, _skip in pattern_keys:
                self._patterns_of.setdefault(key, set()).add(index)
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            patterns, implementation=ahocorasick_rs.Implementation.DFA
        )

    @staticmethod
    def usable(page: str) -> bool:
        """False when ``page`` holds a character whose ``lower()`` holds ASCII."""
        return not any(c in page for c in _ASCII_LOWERING)

    def matches(self, raw: bytes) -> list[tuple[int, int, int]]:
        """The automaton's (pattern, start, end) matches over ``raw`` (see :meth:`blocks`)."""
        return self._automaton.find_matches_as_indexes(
            b" " + raw.translate(_FOLD) + b" ", overlapping=True
        )

    def exact_words(self, raw: bytes, matches: list[tuple[int, int, int]]) -> set[str]:
        """The words ``raw`` holds whole as :meth:`PageScanner.words_in` finds them (the split of
        the lower-cased text at every ASCII byte but letters and digits), read from this scan's
        ``matches`` of ``raw`` instead of a second automaton pass.

        Only when :attr:`gives_words`, ``raw`` holds no ``_`` (a word boundary for the split but a
        word byte here) and :meth:`usable` holds for its text. Then a whole word of the split
        stands between two bytes this scan turns into spaces, so one of the patterns with a space
        on both sides matches it; each such match is checked on the bytes themselves, since the
        scan sees every non-ASCII byte as the same ``0x80``.
        """
        found: set[str] = set()
        spaced = self._spaced
        for index, start, end in matches:
            words = spaced.get(index)
            if words is None:
                continue
            # the padded text is one byte ahead of ``raw``, and the pattern has a space each side
            middle = raw[start : end - 2].lower()  # letters, digits and non-ASCII bytes: ASCII
            for word in words:
                if middle in self._spellings[word]:
                    found.add(word)
        return found

    def blocks(
        self,
        raw: bytes,
        starts: list[int],
        only: Iterable[tuple[str, str]] | None = None,
        matches: list[tuple[int, int, int]] | None = None,
    ) -> dict[tuple[str, str], set[int]]:
        """Key -> indexes of the blocks that may hold it.

        ``raw``: the blocks' UTF-8 texts joined by ``b"\\n"``; ``starts``: each block's byte
        offset in it (and one past the end). ``only``: the keys wanted (default all; a page's
        matches are mostly keys nobody asks about, such as a one-letter word next to "ø", and
        skipping them saves a bisect each). ``matches``: :meth:`matches` of ``raw``, if known.
        """
        out: dict[tuple[str, str], set[int]] = {}
        keys = self._keys
        if matches is None:
            matches = self.matches(raw)
        wanted: frozenset[tuple[str, str]] | None = None
        patterns: frozenset[int] | set[int] | range = range(len(keys))
        if only is not None:
            wanted = frozenset(only)
            patterns = set()
            for key in wanted:
                patterns.update(self._patterns_of.get(key, ()))
        for index, start, _end in matches:
            if index not in patterns:
                continue
            for key, skip in keys[index]:
                if wanted is not None and key not in wanted:
                    continue
                # the padded text is one byte ahead of ``raw``; the key's first byte decides
                out.setdefault(key, set()).add(bisect.bisect_right(starts, start - 1 + skip) - 1)
        return out
