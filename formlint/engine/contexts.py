"""Which service contexts a page or form names: one keyword regex per context, with a literal
prefilter so that most regexes never run.

A context's regex (``\\b(?:kw|kw|...)\\b``, case-insensitive, keywords being regex fragments) is
slow on even a short text: Python's ``re`` has no literal scan for a case-insensitive alternation
behind ``\\b``, so it tries every keyword at every position (~25 µs a context, ~0.15 ms for the six,
twice a page). Here each keyword gives an *anchor*: the longest run of ASCII letters, "æøå", digits
and spaces in its leading literal part, which every match of the keyword holds. A context whose
anchors are all absent from the lower-cased text cannot match, so its regex is skipped; the others
run as before, so the result is the regex's.

Why an absent anchor proves no match: such a letter matches, case-insensitively, only its two
cases and the five characters in :data:`_CASE_KIN` (a test checks this over all of Unicode); with
none of those in the text, a match's anchor is spelled in those letters, and ``lower()`` keeps it
whole. A text holding one of the five takes the regexes alone. A keyword with no such anchor (a group, an alternation, a class) makes its
context always run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from formlint.engine.loader import ContextSpec

# the other characters re.IGNORECASE matches with an anchor letter: the Kelvin sign (k), long s
# (s), capital I with dot and dotless i (i), the Ångström sign (å)
_CASE_KIN = ("\u212a", "\u017f", "\u0130", "\u0131", "\u212b")
_REGEX_SYNTAX = frozenset("\\.^$*+?{}[]|()")
_QUANTIFIERS = frozenset("*+?{")
ANCHOR_CHARS = "abcdefghijklmnopqrstuvwxyzæøå0123456789 "
_ANCHOR_RUN = re.compile(r"[a-zæøåA-ZÆØÅ0-9 ]+")  # not IGNORECASE: that would take the kin too


def anchor(keyword: str) -> str | None:
    """The lower-cased run of :data:`ANCHOR_CHARS` every match of ``keyword`` holds, or None
    when none is sure."""
    if any(c in keyword for c in "|()[]"):
        return None  # may hide an alternation or a class: no literal is certain
    end = 0
    while end < len(keyword) and keyword[end] not in _REGEX_SYNTAX:
        end += 1
    if end < len(keyword) and keyword[end] in _QUANTIFIERS:
        end -= 1  # the character before a quantifier may be absent or repeated
    runs = _ANCHOR_RUN.findall(keyword[:end])
    best = max(runs, key=len, default="").lower()
    return best if best.strip() else None


class ContextMatcher:
    """The contexts of one rule set, compiled once per engine."""

    def __init__(self, contexts: Mapping[str, ContextSpec]) -> None:
        self._regexes: dict[str, re.Pattern[str]] = {}
        # context -> its keywords' anchors; None: a keyword has none, so the regex always runs
        self._anchors: dict[str, tuple[str, ...] | None] = {}
        for name, spec in contexts.items():
            keywords = [kw for kws in spec.keywords.values() for kw in kws]
            self._regexes[name] = re.compile(r"\b(?:" + "|".join(keywords) + r")\b", re.IGNORECASE)
            anchors = [anchor(kw) for kw in keywords]
            self._anchors[name] = (
                None if None in anchors else tuple(dict.fromkeys(a for a in anchors if a))
            )

    def names_in(self, text: str) -> set[str]:
        """The contexts whose keywords ``text`` holds as whole words (case-insensitive)."""
        if not text.isascii() and any(c in text for c in _CASE_KIN):
            return self.names_in_by_regex(text)
        regexes = self._regexes
        low = text.lower()
        return {
            name
            for name, anchors in self._anchors.items()
            if (anchors is None or any(a in low for a in anchors)) and regexes[name].search(text)
        }

    def names_in_by_regex(self, text: str) -> set[str]:
        """Every context's regex, no prefilter: the reference, and the path for a text that holds
        a character of :data:`_CASE_KIN`."""
        return {name for name, rx in self._regexes.items() if rx.search(text)}
