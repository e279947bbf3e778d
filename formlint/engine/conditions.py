"""Context conditions (``unless``) that veto a match: the guards against false positives.

Each guard encodes a trap from DOMAIN.md §7 and has examples in the rules that use it. They are
registered by name (ours here, a package's in the ``formlint.conditions`` entry-point group) and
rule files name them; a condition reads one :class:`Situation`.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points

from formlint.engine.textmatch import TextHit
from formlint.model import Scope
from formlint.nlp.analysis import Analysis, Tok

LEGAL_TAG = "legal"  # rules tagged so are statutory terms (legal-term)
STATUTORY = "statutory-parent"  # the context of forms about the statutory parent categories


@dataclass(frozen=True, slots=True)
class Situation:
    """What a condition may read about one match: the analysed text and the hit in it (None for
    a form rule), the rule's tags, the text's scope, the statutory spans in the same text, and
    the service contexts that apply (empty when the profile turns context rules off)."""

    analysis: Analysis | None
    hit: TextHit | None
    tags: tuple[str, ...]
    scope: Scope | None
    legal_spans: tuple[tuple[int, int], ...]
    contexts: frozenset[str]


Condition = Callable[[Situation], bool]

# "far" is also the present tense of "fare" (to travel): "han far til byen", "bussen far fra torget".
_SUBJECTS = frozenset(
    [
        "han",
        "hun",
        "ho",
        "hen",
        "de",
        "dei",
        "vi",
        "jeg",
        "eg",
        "du",
        "dere",
        "dykk",
        "man",
        "ein",
        "en",
        "det",
        "den",
        "som",
        "bussen",
        "toget",
        "båten",
        "ferja",
        "ferga",
        "bilen",
        "flyet",
        "hurtigruta",
        "trikken",
    ]
)
_MOTION = frozenset(
    [
        "til",
        "fra",
        "frå",
        "hjem",
        "heim",
        "av",
        "forbi",
        "rundt",
        "ut",
        "inn",
        "opp",
        "ned",
        "vill",
        "videre",
        "vidare",
        "over",
        "gjennom",
        "fram",
        "frem",
        "bort",
        "avgårde",
        "avstad",
        "ofte",
        "alltid",
        "hit",
        "dit",
        "omkring",
        "sørover",
        "nordover",
        "vestover",
        "østover",
        "austover",
        "innom",
    ]
)
_SENTENCE_END = frozenset({".", "!", "?", ":", ";", "«", '"', "(", "–", "-"})
_EXAMPLE = re.compile(
    r"^\s*\(?\s*(for eksempel|til dømes|t\.d\.|f\.eks\.?|eksempel|eksempler|e\.g\.|for example|example|such as|som)\b",
    re.IGNORECASE,
)
_NEUTRAL_CONTINUATION = frozenset(
    {"hen", "de", "dei", "they", "them", "their", "vedkommende", "vedkomande", "vedkommande", "den"}
)


def is_far_verb(toks: tuple[Tok, ...], i: int) -> bool:
    t = toks[i]
    if t.lower != "far":
        return False
    if t.pos in ("VERB", "AUX"):
        return True
    prev = toks[i - 1].lower if i > 0 else ""
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if nxt not in _MOTION:
        return False
    # a pronoun or a definite noun as subject: "han far til", "Skolebussen far fra", "Miljøbilen far
    # videre"; not "Far til barnet" (no subject) nor "barnets far til" (a genitive, then a noun)
    definite_noun = (
        len(prev) > 3 and prev.endswith(("en", "et", "a", "ne")) and not prev.endswith("s")
    )
    return prev in _SUBJECTS or definite_noun


def is_given_name(toks: tuple[Tok, ...], i: int) -> bool:
    """ "Hans" capitalised inside a sentence, or followed by a capitalised word, is a name."""
    t = toks[i]
    if t.text != "Hans":
        return False
    if t.pos == "PROPN":
        return True
    sentence_start = i == 0 or toks[i - 1].text in _SENTENCE_END
    nxt = toks[i + 1].text if i + 1 < len(toks) else ""
    return not sentence_start or (nxt[:1].isupper() and nxt.isalpha())


def homograph(an: Analysis, hit: TextHit) -> bool:
    return any(
        is_far_verb(an.tokens, i) or is_given_name(an.tokens, i) for i in range(hit.start, hit.end)
    )


def quoted(an: Analysis, hit: TextHit) -> bool:
    return all(an.tokens[i].quoted for i in range(hit.start, hit.end))


# Where a text that is only the role word is a choice: an option ("Mor"), the legend of a field
# set ("Mor" over Navn/Telefon) or a table's column head ("Mor | Far"). The choice and field-set
# rules judge those as a set (a third option or section clears them), so the word alone is not
# wording to revise.
_CHOICE_SCOPES = frozenset({Scope.OPTION, Scope.LEGEND, Scope.TABLE_CELL})


def bare_option(an: Analysis, hit: TextHit, scope: Scope) -> bool:
    if scope not in _CHOICE_SCOPES:
        return False
    words = [i for i, t in enumerate(an.tokens) if any(ch.isalnum() for ch in t.text)]
    return all(hit.start <= i < hit.end for i in words)


def example_hint(an: Analysis, hit: TextHit) -> bool:
    """The text (or the clause before the hit) introduces examples, not choices."""
    before = an.text[: an.tokens[hit.start].start]
    clause = re.split(r"[.!?]\s", before)[-1]
    return bool(_EXAMPLE.search(clause)) or (
        bool(_EXAMPLE.search(an.text)) and len(an.tokens) <= 12
    )


def inclusive_continuation(an: Analysis, hit: TextHit) -> bool:
    """ "han/hun/hen", "he/she/they", "han, hun eller hen": the list goes on to a neutral form."""
    toks = an.tokens
    j = hit.end
    if j + 1 < len(toks) and toks[j].lower in {"/", ",", "eller", "or", "og", "and"}:
        return toks[j + 1].lower in _NEUTRAL_CONTINUATION
    return False


def overlaps(a: TextHit, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)


# --- the registry -------------------------------------------------------------------------------


def _text(guard: Callable[[Analysis, TextHit], bool]) -> Condition:
    """A guard on a text match, as a condition (a form rule's match has no text: never vetoed)."""

    def condition(s: Situation) -> bool:
        return s.analysis is not None and s.hit is not None and guard(s.analysis, s.hit)

    condition.__doc__ = guard.__doc__
    return condition


def _legal_context(s: Situation) -> bool:
    """Inside a statutory term (enslig mor eller far, far eller medmor, or mor in a
    foreldrepenger form): the statutory term is reported, not this rule."""
    return s.hit is not None and LEGAL_TAG not in s.tags and overlaps(s.hit, s.legal_spans)


def _bare_option(s: Situation) -> bool:
    """An option, field-set legend or column head that is only the matched word: a choice,
    judged by the choice and field-set rules."""
    return (
        s.analysis is not None
        and s.hit is not None
        and s.scope is not None
        and bare_option(s.analysis, s.hit, s.scope)
    )


def _statutory_context(s: Situation) -> bool:
    """The page or form is about a statutory parent category (foreldrepenger, farskap …)."""
    return STATUTORY in s.contexts


_BUILTIN: dict[str, Condition] = {
    "quoted": _text(quoted),
    "homograph": _text(homograph),
    "legal-context": _legal_context,
    "bare-option": _bare_option,
    "example-hint": _text(example_hint),
    "inclusive-continuation": _text(inclusive_continuation),
    "statutory-context": _statutory_context,
}


@functools.cache
def registered_conditions() -> dict[str, Condition]:
    """Every condition by name: ours, then those of the ``formlint.conditions`` entry points."""
    found = dict(_BUILTIN)
    for ep in entry_points(group="formlint.conditions"):
        module, _, attr = ep.value.partition(":")
        found.setdefault(ep.name, getattr(importlib.import_module(module), attr))
    return found


def vetoed(unless: list[str], situation: Situation) -> bool:
    """Does any of the rule's ``unless`` conditions hold?"""
    conditions = registered_conditions()
    return any(conditions[name](situation) for name in unless)
