"""Kind ``pattern``: raw spaCy Matcher token patterns, for what a phrase cannot say."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from formlint.engine.kinds.base import MatchBlock, TextKind
from formlint.engine.specbase import Lang

if TYPE_CHECKING:
    from formlint.engine.spec import RuleSpec
    from formlint.engine.textmatch import LanguageMatcher


class PatternMatch(MatchBlock):
    """Raw spaCy Matcher token patterns per language."""

    kind: Literal["pattern"] = "pattern"
    patterns: dict[Lang, list[list[dict[str, Any]]]]


def compile_patterns(spec: RuleSpec, matcher: LanguageMatcher, strict: bool) -> None:
    m = spec.match
    assert isinstance(m, PatternMatch)
    patterns = m.patterns.get(matcher.language, [])  # type: ignore[call-overload]
    if patterns:
        matcher.add_patterns(spec.id, patterns)


KIND = TextKind("pattern", PatternMatch, compile_patterns)
