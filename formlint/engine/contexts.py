"""Which service contexts a page or form names (school, health, welfare, the statutory parent
categories …): one keyword regex per context, with a literal prefilter so that most regexes
never run; and the contexts of one document and each of its forms.

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

import itertools
import re
from collections.abc import Mapping, Sequence

from formlint.engine.conditions import STATUTORY
from formlint.engine.kinds.fields import option_classes
from formlint.engine.loader import ContextSpec
from formlint.model import Form, ParsedDocument, Scope, TextBlock, TextBlocks
from formlint.model.language import normalise_language
from formlint.nlp.lexicon import LEXICON_LANGUAGES

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


# --- the contexts of one document and its forms ------------------------------------------------

_HEADINGS = frozenset({Scope.HEADING, Scope.TITLE})


def first_headings(blocks: Sequence[TextBlock] | TextBlocks) -> list[str]:
    """The texts of the first three visible headings or titles."""
    if isinstance(blocks, TextBlocks):
        rows = zip(blocks.texts(), blocks.scopes(), blocks.hidden(), strict=True)
        return list(itertools.islice((t for t, s, h in rows if s in _HEADINGS and not h), 3))
    return [b.text for b in blocks if b.scope in _HEADINGS and not b.hidden][:3]


class ServiceContexts:
    """The service contexts of one document and of each of its forms, worked out once each.

    What a service is about shows in its titles, the first headings and the URL path, not in
    every word of the form ("helsevern" as a reason deep inside a benefit form is no context).
    A form that offers mor, far and medmor as choices is about the statutory parent categories.
    """

    def __init__(self, matcher: ContextMatcher, doc: ParsedDocument, default_language: str) -> None:
        self.matcher = matcher
        self.doc = doc
        self.default_language = default_language
        self.page_headings = first_headings(doc.text_blocks)
        self.page = self._names([doc.source, doc.title or "", *self.page_headings])
        self._forms: dict[int, frozenset[str]] = {}

    def _names(self, parts: list[str]) -> frozenset[str]:
        blob = " ".join(parts).replace("/", " ").replace("_", " ").replace("-", " ")
        return frozenset(self.matcher.names_in(blob))

    def of(self, form: Form | None) -> frozenset[str]:
        if form is None:
            return self.page
        found = self._forms.get(id(form))
        if found is None:
            doc = self.doc
            found = self._names(
                [
                    doc.source,
                    doc.title or "",
                    *self.page_headings,
                    form.title or "",
                    form.key,
                    *first_headings(form.text_blocks),
                ]
            )
            language = normalise_language(form.language or doc.language)
            if offers_statutory_roles(form, language or self.default_language):
                found = found | {STATUTORY}
            self._forms[id(form)] = found
        return found


def offers_statutory_roles(form: Form, language: str) -> bool:
    """Does the form itself offer the statutory parent categories (mor, far *and* medmor) as
    choices? Then it uses them as barneloven does, as legal positions (DOMAIN.md §5)."""
    if language not in LEXICON_LANGUAGES:
        return False
    for f in form.fields:
        if f.hidden:
            continue
        classes: set[str] = set()
        for o in f.visible_options():
            classes |= option_classes(o.label, language)
        if "comother" in classes and classes & {"mother", "father"}:
            return True
    return False
