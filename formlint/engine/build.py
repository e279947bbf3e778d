"""Findings made from a rule's match: its message in the report language, suggestions in the text's
language, the severity after the profile and the configuration, and an inline suppression."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from formlint.config.progress import RULE_DOCS_URL
from formlint.engine import suppression
from formlint.engine.kinds.base import Hit
from formlint.engine.textmatch import TextHit
from formlint.findings import Confidence, Finding, Severity
from formlint.model import Form, Location, ParsedDocument, Scope, Suppressions
from formlint.nlp.analysis import Analysis

if TYPE_CHECKING:
    from formlint.config.models import Config
    from formlint.engine.loader import ProfileSpec
    from formlint.engine.spec import RuleSpec

_GENERIC_CONCEPTS = frozenset({"legal", "or"})


class FindingBuilder:
    """Makes findings for one run's profile, configuration and report language."""

    def __init__(self, profile: ProfileSpec, config: Config) -> None:
        self.profile = profile
        self.config = config
        self.report_language = config.report_language

    def severity_of(self, spec: RuleSpec) -> Severity:
        """The rule's severity after the profile's and the configuration's overrides, never above
        its ``max_severity``."""
        sev = Severity(spec.severity)
        override = self.profile.severity.get(spec.id)
        if override:
            sev = Severity(override)
        setting = self.config.rules.get(spec.id)
        if setting and setting.severity:
            sev = Severity(setting.severity)
        if spec.max_severity and sev.rank > Severity(spec.max_severity).rank:
            sev = Severity(spec.max_severity)
        return sev

    def make(
        self,
        spec: RuleSpec,
        doc: ParsedDocument,
        loc: Location,
        excerpt: str,
        matched: str,
        form: Form | None,
        scope: Scope,
        sup: Suppressions | None,
        lang: str | None,
        *,
        options: str = "",
        question: str | None = None,
    ) -> Finding:
        rl = self.report_language
        msg_t = spec.message.get(rl) or spec.message["nb"]
        try:
            message = msg_t.format(
                matched=matched,
                question=question if question is not None else matched,
                options=options,
            )
        except (KeyError, IndexError, ValueError):
            message = msg_t
        sugg_lang = lang if lang in spec.suggestions else ("nb" if "nb" in spec.suggestions else rl)
        return Finding(
            rule=spec.id,
            severity=self.severity_of(spec),
            confidence=Confidence(spec.confidence),
            message=message,
            source=loc.source or doc.source,
            location=loc,
            excerpt=excerpt,
            matched=matched,
            suggestions=tuple(spec.suggestions.get(sugg_lang, [])),
            why=spec.why.get(rl) or spec.why["nb"],
            help_uri=RULE_DOCS_URL.format(rule=spec.id),
            form_key=form.key if form else "",
            form_title=(form.title or "") if form else "",
            language=lang,
            scope=scope.value,
            suppression=suppression.inline(spec, sup),
            standards=spec.standards.labels() if spec.standards is not None else (),
        )

    def from_hit(
        self, spec: RuleSpec, doc: ParsedDocument, form: Form | None, hit: Hit, lang: str | None
    ) -> Finding:
        """A form rule's finding at a field (or the page)."""
        matched = hit.excerpt if hit.matched is None else hit.matched
        finding = self.make(
            spec,
            doc,
            hit.location,
            hit.excerpt,
            matched,
            form,
            hit.scope,
            hit.suppressions,
            hit.language or lang,
            options=hit.options,
            question=hit.question if hit.matched is None else None,
        )
        return replace(finding, places=hit.places) if hit.places else finding

    def from_text(
        self,
        spec: RuleSpec,
        doc: ParsedDocument,
        an: Analysis,
        hit: TextHit,
        location: Location,
        form: Form | None,
        scope: Scope,
        sup: Suppressions,
    ) -> Finding:
        """A text rule's finding: the words matched, in an excerpt of their text."""
        start, end = an.tokens[hit.start].start, an.tokens[hit.end - 1].end
        finding = self.make(
            spec,
            doc,
            location,
            excerpt(an.text, start, end),
            hit.shown or an.text[start:end],
            form,
            scope,
            sup,
            an.language,
        )
        finding.extra["term"] = term_key(an, hit)
        return finding


def cited(f: Finding) -> Finding:
    """The finding with its standards and the other checks that found it named at the end of its
    message ("… [WCAG 4.1.2 · EN 301 549 9.4.1.2 · ACT e086e5 · axe/label]"), so every report,
    the store and anything that shows only messages cite them (an accessibility statement must)."""
    names = (*f.standards, *f.also_found_by)
    if not names:
        return f
    return replace(f, message=f"{f.message} [{' · '.join(names)}]")


def term_key(an: Analysis, hit: TextHit) -> str:
    """What a hit names, the same in Bokmål, Nynorsk and English where the lexicon says so:
    each word by its concepts (enslig and einsleg are both "single", mor "mother"), else by its
    lemma; punctuation and "eller"/"or" left out. Grouping per form and term uses it."""
    parts: list[str] = []
    for tok in an.tokens[hit.start : hit.end]:
        concepts = tok.concepts - _GENERIC_CONCEPTS
        if concepts:
            parts.append("+".join(sorted(concepts)))
        elif "or" in tok.concepts:
            continue
        elif tok.lemmas:
            parts.append(min(tok.lemmas))
        elif any(c.isalnum() for c in tok.text):
            parts.append(tok.lower)
    return " ".join(parts) or hit.phrase


def excerpt(text: str, start: int, end: int, width: int = 240) -> str:
    """The text around ``text[start:end]``, cut to about ``width`` characters."""
    if len(text) <= width:
        return text
    pad = (width - (end - start)) // 2
    lo = max(0, start - pad)
    hi = min(len(text), end + pad)
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")
