"""Kind ``pair``: a binary pair of words joined by a joiner ("han eller hun", "he/she"), written as
one word ("s/he"), or split over two alternatives ("if it is the mother, she …; if it is the
father, he …")."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from formlint.engine.kinds.base import MatchBlock, TextKind
from formlint.engine.specbase import Lang, Strict
from formlint.engine.textmatch import TextHit
from formlint.nlp.analysis import Analysis, Tok

if TYPE_CHECKING:
    from formlint.engine.spec import RuleSpec
    from formlint.engine.textmatch import LanguageMatcher


class SplitPair(Strict):
    """A pronoun pair split over two alternatives in one text: each pronoun follows a person
    of its gender that an alternative opens ("if it is the mother, she …; if the father, he …").

    A pronoun whose nearest person before it (within ``window`` tokens, in its sentence) is of
    its gender, with a word of ``alternatives`` right before that person, makes one half; a
    female and a male half in one text make the pair. A pronoun that refers to a thing (nn "ho"
    for "fullmakta") has no person before it and makes nothing."""

    female: list[str] = Field(description="concepts of the female pronouns")
    male: list[str] = Field(description="concepts of the male pronouns")
    female_persons: list[str] = Field(description="concepts of female persons (mother, woman)")
    male_persons: list[str] = Field(description="concepts of male persons (father, man)")
    alternatives: dict[Lang, list[str]] = Field(
        description="words that open an alternative (hvis, dersom, er det, if …); a word "
        "starting with ^ opens one only at the start of a clause (^er: 'Er det mor, …')"
    )
    window: int = Field(default=8, ge=2, le=20)
    reach: int = Field(
        default=6, ge=1, le=8, description="how many tokens before the person an opener may be"
    )


class PairMatch(MatchBlock):
    """Binary pairs joined by a joiner: han eller hun, han/hun, he or she."""

    kind: Literal["pair"] = "pair"
    pairs: dict[Lang, list[tuple[str, str]]]
    joiners: dict[Lang, list[str]]
    fused: dict[Lang, list[str]] = Field(
        default_factory=dict, description="one-token forms: s/he, (s)he"
    )
    split: SplitPair | None = None


def compile_pairs(spec: RuleSpec, matcher: LanguageMatcher, strict: bool) -> None:
    m = spec.match
    assert isinstance(m, PairMatch)
    lang = matcher.language
    joiners = frozenset(j.lower() for j in m.joiners.get(lang, []))  # type: ignore[call-overload]
    for left, right in m.pairs.get(lang, []):  # type: ignore[call-overload]
        matcher.add_pair(spec.id, left, right, joiners)
    for form in m.fused.get(lang, []):  # type: ignore[call-overload]
        matcher.add_fused(spec.id, form)
    if m.split is not None:
        openers = frozenset(w.lower() for w in m.split.alternatives.get(lang, []))  # type: ignore[call-overload]
        finder = partial(_split_hits, spec.id, m.split, openers)
        # a split pair holds a female pronoun
        words = set().union(*(matcher.lex.forms_of("@" + c) for c in m.split.female))
        matcher.add_finder(finder, words)


def _split_hits(rule: str, sp: SplitPair, openers: frozenset[str], an: Analysis) -> list[TextHit]:
    hit = split_pair_hit(rule, an.tokens, sp, openers)
    return [hit] if hit is not None else []


_SENTENCE_END = frozenset({".", "!", "?", ";", ":"})


def split_pair_hit(
    rule: str, toks: tuple[Tok, ...], sp: SplitPair, openers: frozenset[str]
) -> TextHit | None:
    """The first female and male half of a pronoun pair split over two alternatives, as one
    hit spanning both (see :class:`SplitPair`), or None."""
    halves: dict[str, tuple[int, int]] = {}  # gender -> (person index, pronoun index)
    genders = (
        ("f", set(sp.female), set(sp.female_persons)),
        ("m", set(sp.male), set(sp.male_persons)),
    )
    for j, tok in enumerate(toks):
        gender = next((g for g, pron, _p in genders if tok.concepts & pron), None)
        if gender is None or gender in halves:
            continue
        person = _nearest_person(toks, j, sp.window, genders)
        if person is None or person[1] != gender:
            continue
        i = person[0]
        if _opened(toks, i, sp.reach, openers):
            halves[gender] = (i, j)
        if len(halves) == 2:
            (fi, fj), (mi, mj) = halves["f"], halves["m"]
            first, second = sorted([(fi, fj), (mi, mj)])
            shown = f"{toks[first[1]].text} … {toks[second[1]].text}"
            return TextHit(rule, first[0], second[1] + 1, "split", shown=shown)
    return None


def _nearest_person(
    toks: tuple[Tok, ...],
    j: int,
    window: int,
    genders: tuple[tuple[str, set[str], set[str]], ...],
) -> tuple[int, str] | None:
    """The nearest token before ``j`` (in its sentence, within ``window``) that names a person of
    either gender, with that gender."""
    for i in range(j - 1, max(-1, j - 1 - window), -1):
        t = toks[i]
        if t.text[-1:] in _SENTENCE_END:
            return None
        for g, _pron, persons in genders:
            if t.concepts & persons:
                return i, g
    return None


def _opened(toks: tuple[Tok, ...], i: int, reach: int, openers: frozenset[str]) -> bool:
    """Is the person at ``i`` the subject of an alternative: an opener ("hvis", "dersom", "if")
    shortly before it in the same clause, or a verb that opens a conditional only at the start
    of a clause (``^er``: "Er det mor, …")?"""
    for k in range(i - 1, max(-1, i - 1 - reach), -1):
        t = toks[k]
        if t.text[-1:] in _SENTENCE_END or t.text == ",":
            return False
        if t.lower in openers:
            return True
        if "^" + t.lower in openers and (k == 0 or _ends_clause(toks[k - 1].text)):
            return True
    return False


def _ends_clause(text: str) -> bool:
    """A token after which a clause starts ("." also as the end of "2." or "osv.")."""
    return text[-1:] in '.!?;:,–-(«"'


KIND = TextKind("pair", PairMatch, compile_pairs)
