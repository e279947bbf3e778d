"""Kind ``term``: words or phrases, matched by lemma in every inflected form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from formlint.engine.kinds.base import MatchBlock, TextKind
from formlint.engine.specbase import Context, Lang

if TYPE_CHECKING:
    from formlint.engine.spec import RuleSpec
    from formlint.engine.textmatch import LanguageMatcher


class TermMatch(MatchBlock):
    """Words or phrases, by lemma (all inflected forms), ``@concept``, or literal token.

    A phrase is space-separated tokens; ``a|b`` is an alternative. Lemmas come from the lexicon.
    """

    kind: Literal["term"] = "term"
    terms: dict[Lang, list[str]]
    strict_terms: dict[Lang, list[str]] = Field(
        default_factory=dict, description="added in the strict profile"
    )
    compounds: bool = Field(
        default=False, description="also match closed compounds (morsnavn -> mor + navn)"
    )
    except_phrases: dict[Lang, list[str]] = Field(
        default_factory=dict, description="fixed expressions that are not findings (mother tongue)"
    )
    context_terms: dict[Context, dict[Lang, list[str]]] = Field(
        default_factory=dict,
        description="terms that match only where the page or form is about the context "
        "(statutory-parent: mor, far, medmor name legal positions in a foreldrepenger form)",
    )


def compile_terms(spec: RuleSpec, matcher: LanguageMatcher, strict: bool) -> None:
    m = spec.match
    assert isinstance(m, TermMatch)
    lang = matcher.language
    for phrase in m.except_phrases.get(lang, []):  # type: ignore[call-overload]
        matcher.add_exception(spec.id, phrase)
    terms = list(m.terms.get(lang, []))  # type: ignore[call-overload]
    if strict:
        terms += m.strict_terms.get(lang, [])  # type: ignore[call-overload]
    for term in terms:
        matcher.add_phrase(spec.id, term, compounds=m.compounds)
    for context, by_lang in m.context_terms.items():
        for term in by_lang.get(lang, []):  # type: ignore[call-overload]
            matcher.add_phrase(spec.id, term, compounds=m.compounds, context=context)


KIND = TextKind("term", TermMatch, compile_terms)
