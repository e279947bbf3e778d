"""Context conditions (``unless``) that veto a text match: the guards against false positives.

Each guard encodes a trap from DOMAIN.md §7 and has examples in the rules that use it.
"""

from __future__ import annotations

import re

from formlint.engine.textmatch import TextHit
from formlint.model import Scope
from formlint.nlp.analysis import Analysis, Tok

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


def overlaps(a: TextHit, spans: list[tuple[int, int]]) -> bool:
    return any(a.start < e and s < a.end for s, e in spans)
