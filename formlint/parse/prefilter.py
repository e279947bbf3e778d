"""Can an HTML page skip the tree? One multi-pattern pass over its UTF-8 bytes says.

Most pages of a municipal site hold no form control and no word any text rule could match; for
them only page-level facts are read (language, title). The exact test for "no rule word" is a
whole-word comparison of the lower-cased page against the rules' words (:meth:`PageNeedles.in_lowered`),
but lower-casing and splitting a 100 KB page costs ~2 ms of Python-level work. Instead one
Aho–Corasick automaton (Rust, ``ahocorasick_rs``) runs over the page's bytes with ASCII folded
and every non-word byte but ``<`` and ``=`` turned into a space. Its patterns are

* the control markers (``<input``, ``role=``, ...), which need ``<`` and ``=``;
* every rule word as a whole word: each spelling whose ``str.lower()`` is the word (``Å`` and
  the Ångström sign for ``å``), between any two of the three boundary bytes;
* the two characters whose ``lower()`` is ASCII ("K" Kelvin sign, "İ"), whose presence would
  break the byte-level reasoning: a page holding one takes the exact test;
* ``lang``, whose offsets the parser needs for its language-attribute check.

A page with any hit other than ``lang`` goes through the exact, slower test; so the result for
every page is the one the exact test gives, only faster when nothing is there.

The pass runs a chunk at a time (16 KB, then twice the last chunk each time), so that a page with
a control marker near its top (a form after the menu) is sent to the tree without scanning the
rest; :meth:`PageScanner.matches` says why the chunks give the one pass's matches. A page that
holds ``<form`` as written needs no pass at all (:func:`has_form_tag`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

# bytes that belong to a word after lower-casing: a-z, 0-9 and every byte of a non-ASCII char
WORD_BYTES = bytes(c if (48 <= c <= 57 or 97 <= c <= 122 or c >= 128) else 32 for c in range(256))
# the scan's view: ASCII letters folded, word bytes kept, "<" and "=" kept, the rest a space
_SCAN_BYTES = bytes(
    (c + 32 if 65 <= c <= 90 else WORD_BYTES[c]) if c not in b"<=" else c for c in range(256)
)
_BOUNDARIES = (b" ", b"<", b"=")
# the only characters whose lower() holds ASCII (U+212A -> "k", U+0130 -> "i" + U+0307)
_ODD = ("\u212a".encode(), "\u0130".encode())
_LANG = b"lang"
_FIRST_CHUNK = 16 * 1024
_FORM_TAG = ahocorasick_rs.BytesAhoCorasick([b"<form"])


@dataclass(frozen=True, slots=True)
class PageNeedles:
    """What the text rules look for on a page: lower-cased whole words (UTF-8) and fused forms."""

    words: frozenset[bytes]
    fused: tuple[re.Pattern[bytes], ...] = ()

    def in_lowered(self, low: bytes) -> bool:
        """The exact test, on the lower-cased page's UTF-8 bytes (markup included: a superset).

        Every byte that is not a letter or digit becomes a space (UTF-8 letters such as æøå are
        bytes >= 128 and stay), then split and intersect: C speed, but ~19,000 tokens a page.
        """
        if not self.words.isdisjoint(low.translate(WORD_BYTES).split()):
            return True
        return any(rx.search(low) for rx in self.fused)


class PageScanner:
    """The one-pass scan for one set of needles and control markers (built once per run)."""

    def __init__(self, needles: PageNeedles, markers: tuple[bytes, ...]) -> None:
        if any(m.translate(_SCAN_BYTES) != m for m in markers):
            raise ValueError("a control marker must survive the scan's byte mapping")
        self.usable = not needles.fused  # fused forms are substrings: the exact test only
        patterns = [_LANG, *markers, *_ODD]
        self._odd = frozenset(range(1 + len(markers), 1 + len(markers) + len(_ODD)))
        self._words: list[bytes | None] = [None] * len(patterns)
        # a marker hit in the scan is one in the lower-cased page, unless its space stood for
        # another non-word byte ("role\t=")
        self._certain = frozenset(i for i, m in enumerate(markers, start=1) if b" " not in m)
        for word in sorted(needles.words):
            for spelling in spellings(word.decode("utf-8")):
                for left, right in itertools.product(_BOUNDARIES, _BOUNDARIES):
                    patterns.append(left + spelling + right)
                    self._words.append(word)
        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            patterns, implementation=ahocorasick_rs.Implementation.DFA
        )
        self._longest = max(map(len, patterns))

    def matches(self, page: bytes, first_chunk: int = _FIRST_CHUNK) -> Iterator[tuple[int, int]]:
        """(pattern, start) of each match of one non-overlapping pass over the padded, translated
        page (``b" " + page.translate(_SCAN_BYTES) + b" "``), in order, scanned a chunk at a time.

        The pass restarts after each match, and between matches its state is the longest suffix
        of the text since the last restart that begins a pattern: shorter than the longest
        pattern. So after a chunk, resuming a fresh pass at the later of the chunk's last match
        end and the chunk end less the longest pattern (plus one) gives the one pass's
        state at the chunk end, and no match that pass did not report (a pattern ending before
        the chunk end would have been reported there). A test checks chunks against one pass.
        """
        size = len(page) + 2  # the padded text
        begin = 0
        chunk = first_chunk
        find = self._automaton.find_matches_as_indexes
        while True:
            end = min(begin + chunk, size)
            # the padded text's [begin, end): a space before the page and after it
            text = page[max(begin - 1, 0) : end - 1].translate(_SCAN_BYTES)
            if begin == 0:
                text = b" " + text
            if end == size:
                text += b" "
            restart = begin
            for index, start, stop in find(text):
                yield index, begin + start
                restart = begin + stop
            if end == size:
                return
            begin = max(restart, end - self._longest + 1)
            chunk *= 2

    def scan(self, page: bytes) -> list[int] | bool:
        """For a page that holds no marker, rule word or odd character: the offsets of ``lang``
        (any case). Otherwise True when the page certainly holds a control marker (it needs the
        tree), False when the scan cannot decide (use the exact test)."""
        if not self.usable:
            return False
        offsets: list[int] = []
        unsure = False
        for index, start in self.matches(page):
            if index == 0:
                offsets.append(start - 1)
            elif index in self._certain:
                return True
            else:
                unsure = True
        return False if unsure else offsets

    def words_in(self, text: bytes) -> set[bytes] | None:
        """The needle words ``text`` holds whole, as :meth:`PageNeedles.in_lowered`'s split of its
        lower-cased form would find them; None when it holds an odd character (split instead)."""
        found: set[bytes] = set()
        words = self._words
        odd = self._odd
        for index, _start, _end in self._automaton.find_matches_as_indexes(
            b" " + text.translate(_SCAN_BYTES) + b" ", overlapping=True
        ):
            word = words[index]
            if word is not None:
                found.add(word)
            elif index in odd:
                return None
        return found


def has_form_tag(page: bytes) -> bool:
    """Does ``page`` hold ``<form`` as written (lower case)? Then it holds a control marker and
    goes to the tree whatever the pass would find, so the pass can be left out: one vectorised
    single-pattern search of the whole page (~8 us on 126 KB) where the pass read the page up to
    its first marker (~48 KB of a benchmark form page, ~0.2 ms). Not every marker this way: each
    search costs every page without a form its time, and ``<form`` is what most forms have."""
    return bool(_FORM_TAG.find_matches_as_indexes(page))


@lru_cache(maxsize=4)
def scanner(needles: PageNeedles, markers: tuple[bytes, ...]) -> PageScanner:
    """One automaton per needle set (an engine's), not per page."""
    return PageScanner(needles, markers)


def spellings(word: str) -> set[bytes]:
    """Every string whose ``lower()`` is ``word``, as the scan sees it (ASCII folded, UTF-8).

    ASCII letters are folded by the scan itself; a non-ASCII letter also stands for each
    character that lower-cases to it ("Å" and U+212B for "å"). Characters that lower-case to
    ASCII or to more than one character are the scan's odd characters, not spellings.
    """
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
