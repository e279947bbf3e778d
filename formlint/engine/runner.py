"""The rule engine: run every enabled rule of the profile over one parsed document.

Order of work per document: decide each text's language (markup, then detection; Sámi and other
languages without a lexicon are skipped with a note), run the text rules (term, pair, pattern)
through the per-language matchers, run the form rules (choices, fieldset, field, require, check) on
each form, then apply supersession, inline suppressions, config exceptions (with expiry), severity
overrides and fingerprints.
"""

from __future__ import annotations

import bisect
import fnmatch
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from formlint.engine import checks, conditions, merge
from formlint.engine.blockscan import PART, BlockScan
from formlint.engine.contexts import ContextMatcher
from formlint.engine.formrules import (
    CLASS_CONCEPTS,
    FieldView,
    choices_hit,
    field_hit,
    fieldset_hit,
    option_classes,
    require_satisfied,
    require_triggers,
    view_field,
)
from formlint.engine.loader import LoadedRule, load_contexts, load_profiles, load_rules
from formlint.engine.spec import (
    CheckMatch,
    ChoicesMatch,
    FieldMatch,
    RequireMatch,
    RuleSpec,
)
from formlint.engine.textmatch import LanguageMatcher, TextHit, text_words
from formlint.findings import (
    Confidence,
    Finding,
    Place,
    Severity,
    Suppression,
    assign_fingerprints,
)
from formlint.model import Field, Form, Location, ParsedDocument, Scope, Suppressions
from formlint.model.blocks import BlockTable, block_table
from formlint.model.language import normalise_language
from formlint.nlp.analysis import Analysis, analyse
from formlint.nlp.langdetect import (
    MIN_WORDS,
    SAMI_CODES,
    choose_language,
    form_language,
)
from formlint.nlp.lexicon import LEXICON_LANGUAGES
from formlint.parse.prefilter import WORD_BYTES, PageNeedles, PageScanner
from formlint.parse.registry import ParseOptions

if TYPE_CHECKING:
    from formlint.config.models import Config, ExceptionEntry

TEXT_KINDS = frozenset({"term", "pair", "pattern"})
STATUTORY = "statutory-parent"  # the context of forms about the statutory parent categories
_WORDS = re.compile(r"\w+")
LEGAL_TAG = "legal"


class TextItem(NamedTuple):
    """One text to lint, with where it sits (a tuple: a page makes hundreds of these)."""

    text: str
    scope: Scope
    location: Location
    language: str | None
    suppressions: Suppressions
    form: Form | None


_MATCH_CACHE_SIZE = 8192  # texts; cleared when full (a site's repeated texts fill it again)


class Engine:
    """Rules compiled for one run. Build once (``Engine.from_config``), call ``run`` per document."""

    def __init__(
        self,
        rules: list[LoadedRule],
        *,
        profile: str = "standard",
        config: Config | None = None,
        default_language: str | None = None,
        parse_options: ParseOptions | None = None,
        today: date | None = None,
    ) -> None:
        from formlint.config.models import Config

        self.config = config or Config()
        self.profile = profile
        profiles = load_profiles()
        if profile not in profiles:
            from formlint.errors import ConfigError

            raise ConfigError(
                f"unknown profile {profile!r} (allowed: {', '.join(sorted(profiles))})"
            )
        self.profile_spec = profiles[profile]
        self.all_rules = [r.spec for r in rules]
        self.aliases = {a: r.spec.id for r in rules for a in r.spec.aliases}
        self.rules: dict[str, RuleSpec] = {}
        for r in rules:
            setting = self.config.rules.get(r.spec.id)
            if profile not in r.spec.profiles and not (
                setting and setting.enabled and setting.severity
            ):
                continue
            if setting is not None and not setting.enabled:
                continue
            self.rules[r.spec.id] = r.spec
        self.default_language = normalise_language(default_language or self.config.language) or "nb"
        self.report_language = self.config.report_language
        self.parse_options = parse_options or ParseOptions(default_language=self.default_language)
        self.today = today or date.today()
        text_rules = [r for r in self.rules.values() if r.kind in TEXT_KINDS]
        strict = self.profile_spec.strict_terms
        self.matchers = {
            lang: LanguageMatcher(
                lang, [r for r in text_rules if lang in r.languages], strict=strict
            )
            for lang in LEXICON_LANGUAGES
        }
        self.form_rules = [r for r in self.rules.values() if r.kind not in TEXT_KINDS]
        # Single-letter options ("M / K") are classified once for every choice rule, from what
        # the enabled choice rules declare.
        self.option_letters: dict[str, dict[str, str]] = {}
        for spec in self.form_rules:
            if isinstance(spec.match, ChoicesMatch):
                for lang, table in spec.match.option_letters.items():
                    self.option_letters.setdefault(lang, {}).update(table)
        # one cheap test for all languages before any language detection or tokenising
        self._any_words = frozenset().union(*(m.trigger_words for m in self.matchers.values()))
        self._any_fused = [m.fused_re for m in self.matchers.values() if m.fused_re is not None]
        self._any_bytes = frozenset(w.encode("utf-8") for w in self._any_words)
        self._any_fused_bytes = [
            re.compile(rx.pattern.encode("utf-8"), rx.flags & re.IGNORECASE)
            for rx in self._any_fused
        ]
        self.parse_options = replace(
            self.parse_options,
            text_needles=PageNeedles(self._any_bytes, tuple(self._any_fused_bytes)),
        )
        self._odd_case = _odd_case_chars(self._any_words)
        self._scan = PageScanner(PageNeedles(self._any_bytes), ())
        self._match_cache: dict[tuple[LanguageMatcher, str, str], tuple[TextHit, ...]] = {}
        self._blocks = BlockScan(self._any_words, _GENDER_WORDS)
        self.contexts = load_contexts()
        self._context_matcher = ContextMatcher(self.contexts)

    @classmethod
    def from_config(
        cls,
        config: Config | None = None,
        *,
        profile: str | None = None,
        language: str | None = None,
    ) -> Engine:
        from formlint.config.models import Config

        cfg = config or Config()
        return cls(
            load_rules(cfg.rule_paths or None),
            profile=profile or cfg.profile,
            config=cfg,
            default_language=language,
        )

    # ------------------------------------------------------------------ public

    def severity_of(self, spec: RuleSpec) -> Severity:
        sev = Severity(spec.severity)
        override = self.profile_spec.severity.get(spec.id)
        if override:
            sev = Severity(override)
        setting = self.config.rules.get(spec.id)
        if setting and setting.severity:
            sev = Severity(setting.severity)
        if spec.max_severity and sev.rank > Severity(spec.max_severity).rank:
            sev = Severity(spec.max_severity)
        return sev

    def run(self, doc: ParsedDocument) -> tuple[list[Finding], list[str]]:
        notes: list[str] = []
        findings: list[Finding] = []
        skipped_langs: set[str] = set()
        table = block_table(doc)
        contexts = _Contexts(self, doc)
        items = _TextItems(doc, table)
        languages = _Languages(doc, items.texts, self.default_language)
        marked_doc = languages.marked or self.default_language
        # Say once per language what is skipped: text marked up in a language without a lexicon
        # (Sámi pages, lang="se"/"sma") is never linted, and people should know it was not.
        marked_of: dict[tuple[str | None, str | None], str] = {}  # a page has few markups
        for item in items.first_of_each_language():
            form_lang = item.form.language if item.form is not None else None
            marked = marked_of.get((item.language, form_lang))
            if marked is None:
                marked = (
                    normalise_language(item.language) or normalise_language(form_lang) or marked_doc
                )
                marked_of[item.language, form_lang] = marked
            if marked not in LEXICON_LANGUAGES and marked not in skipped_langs:
                skipped_langs.add(marked)
                notes.append(self._skip_note(item.location.source, marked))
        # One scan over the whole page first: most pages have no rule-relevant word at all, and on
        # the rest only the blocks holding one of the words found (the "needles") are looked at.
        texts = items.texts
        page = "\n".join(texts)
        # each text encoded on its own: the same bytes as encoding the page (texts are joined by
        # a line break, so no character spans two), cheaper when one "›" makes the page a 2-byte
        # string, and the block scan needs each text's byte length anyway
        pieces = [t.encode("utf-8", "replace") for t in texts]
        raw = b"\n".join(pieces)
        # One automaton pass over the page's bytes says which words it holds and which blocks
        # may hold a needle or a word of a purpose statement; each candidate is then checked
        # exactly. Pages with a character that defeats the byte view take the str path.
        blocks = _PageBlocks(
            self._blocks, texts, raw, table, usable=BlockScan.usable(page), pieces=pieces
        )
        needles = self._needles(page, raw, blocks)
        hit_items: set[int] = set()
        if needles:
            rx = _needle_regex(frozenset(needles))
            if (
                blocks.usable
                and all(kind == "w" for kind, _ in needles)
                and not any(c in page for c in self._odd_case)
            ):
                # A whole-word match of a needle is, lower-cased, the needle itself (no odd
                # character here), so only the blocks the scan names can match: the regex runs
                # on those few blocks alone.
                for index in blocks.holding(needles):
                    if rx.search(texts[index]):
                        hit_items.add(index)
            else:  # one regex pass over the page; hits are mapped back to their blocks
                starts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))
                for hit in rx.finditer(page):
                    hit_items.add(bisect.bisect_right(starts, hit.start()) - 1)
        for index in sorted(hit_items):
            item = items.item(index)
            words = text_words(item.text)
            lang = languages.of(item)
            if lang not in LEXICON_LANGUAGES:
                if lang not in skipped_langs:
                    skipped_langs.add(lang)
                    notes.append(self._skip_note(item.location.source, lang))
                continue
            findings.extend(self._lint_text(item, lang, doc, contexts, words))
        for form in doc.forms:
            findings.extend(
                self._lint_form(form, doc, languages.form(form), contexts.of(form), blocks)
            )
        for spec in self.form_rules:
            m = spec.match
            if (
                isinstance(m, CheckMatch)
                and m.check == "page-lang"
                and checks.page_lang_missing(doc)
            ):
                loc = Location(source=doc.source, line=1, css_path="html", anchor="html")
                findings.append(
                    self._finding(
                        spec,
                        doc,
                        loc,
                        doc.title or doc.source,
                        "",
                        None,
                        Scope.TITLE,
                        None,
                        languages.doc,
                    )
                )
        findings = merge.supersede(findings, self.rules)
        findings.sort(
            key=lambda f: (
                f.location.line or 0,
                f.location.json_pointer or "",
                f.location.page or 0,
            )
        )
        findings = merge.merge_translations(findings, self.rules, doc)
        findings = merge.group_per_form(findings, self.rules, doc)
        findings = [self._suppress(f, doc) for f in findings]
        return assign_fingerprints(findings), notes

    # ------------------------------------------------------------------ text rules

    @staticmethod
    def _skip_note(source: str, lang: str) -> str:
        what = "Sámi" if lang in SAMI_CODES else f"language {lang!r}"
        return f"{source}: text in {what} skipped: formlint has no lexicon for it (not linted)"

    def _needles(
        self, page: str, raw: bytes | None = None, blocks: _PageBlocks | None = None
    ) -> set[tuple[str, str]]:
        """Trigger words (compounds included) and fused forms that occur in the page.

        The words come from the parser's one-pass scan (a DFA over the bytes) when the page
        allows it, else from splitting the lower-cased page: the same words either way. ``raw``:
        the page's UTF-8 bytes, if the caller has them. The page is lower-cased only when needed.
        ``blocks``: the page's block scan; when it can tell the same words from its own pass
        (:meth:`BlockScan.exact_words`), that pass is the only one over the page.
        """
        scanned: set[bytes] | None
        if blocks is not None and blocks.gives_words():
            scanned = {w.encode("utf-8") for w in blocks.exact_words()}
        else:
            scanned = self._scan.words_in(page.encode("utf-8", "replace") if raw is None else raw)
        page_lower = page.lower() if scanned is None or self._any_fused else ""
        if scanned is None:
            split = page_lower.encode("utf-8", "replace").translate(WORD_BYTES).split()
        words = self._any_bytes.intersection(split) if scanned is None else scanned
        found = {("w", w.decode("utf-8", "replace")) for w in words}
        for rx in self._any_fused:
            found.update(("f", m.group(0).lower()) for m in rx.finditer(page_lower))
        return found

    def _lint_text(
        self,
        item: TextItem,
        lang: str,
        doc: ParsedDocument,
        contexts: _Contexts,
        words: frozenset[str],
    ) -> list[Finding]:
        matcher = self.matchers[lang]
        if not matcher.might_match(item.text, words):
            return []
        an = analyse(item.text, lang)
        hits = self._matches_of(matcher, an)
        if not hits:
            return []
        context = contexts.of(item.form)
        # a phrase that needs a context (a statutory term in a statutory form) matches only there
        hits = tuple(h for h in hits if h.context is None or self._context_on(h.context, context))
        legal_spans = [(h.start, h.end) for h in hits if LEGAL_TAG in self.rules[h.rule].tags]
        out: list[Finding] = []
        kept: list[TextHit] = []
        for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
            spec = self.rules[hit.rule]
            if item.scope.value not in spec.scopes or lang not in spec.languages:
                continue
            if not self._allowed_here(spec, doc, context):
                continue
            if self._vetoed(spec, an, hit, item.scope, legal_spans, context):
                continue
            # one finding per rule per overlapping span: the longest phrase wins
            if any(k.rule == hit.rule and k.start < hit.end and hit.start < k.end for k in kept):
                continue
            kept.append(hit)
            matched = hit.shown or an.text[an.tokens[hit.start].start : an.tokens[hit.end - 1].end]
            finding = self._finding(
                spec,
                doc,
                item.location,
                _excerpt(an.text, an.tokens[hit.start].start, an.tokens[hit.end - 1].end),
                matched,
                item.form,
                item.scope,
                item.suppressions,
                lang,
            )
            finding.extra["term"] = term_key(an, hit)
            out.append(finding)
        return out

    def _context_on(self, name: str, context: set[str]) -> bool:
        """Does a context-bound phrase or condition apply here? (The strict profile turns the
        statutory context off, so mor/far in a foreldrepenger form are judged as anywhere.)"""
        return self.profile_spec.context_terms and name in context

    def _matches_of(self, matcher: LanguageMatcher, an: Analysis) -> tuple[TextHit, ...]:
        """``matcher.match(an)``, cached by language and text: labels, options and boilerplate
        come back on every page of a site, and a match (the token scan and spaCy's pattern
        Matcher over a fresh Doc) costs tens of µs. The analysis, and so the match, depend on
        nothing else (``an`` is ``analyse(text, language)``, itself cached)."""
        key = (matcher, an.language, an.text)  # the matcher itself: a test may swap one
        hits = self._match_cache.get(key)
        if hits is None:
            hits = tuple(matcher.match(an))
            if len(self._match_cache) >= _MATCH_CACHE_SIZE:
                self._match_cache.clear()
            self._match_cache[key] = hits
        return hits

    def _vetoed(
        self,
        spec: RuleSpec,
        an: Analysis,
        hit: TextHit,
        scope: Scope,
        legal_spans: list[tuple[int, int]],
        context: set[str],
    ) -> bool:
        for cond in spec.unless:
            if cond == "statutory-context" and self._context_on(STATUTORY, context):
                return True
            if cond == "quoted" and conditions.quoted(an, hit):
                return True
            if cond == "homograph" and conditions.homograph(an, hit):
                return True
            if (
                cond == "legal-context"
                and LEGAL_TAG not in spec.tags
                and conditions.overlaps(hit, legal_spans)
            ):
                return True
            if cond == "bare-option" and conditions.bare_option(an, hit, scope):
                return True
            if cond == "example-hint" and conditions.example_hint(an, hit):
                return True
            if cond == "inclusive-continuation" and conditions.inclusive_continuation(an, hit):
                return True
        return False

    # ------------------------------------------------------------------ form rules

    def _lint_form(
        self,
        form: Form,
        doc: ParsedDocument,
        form_lang: str,
        context: set[str],
        blocks: _PageBlocks | None = None,
    ) -> list[Finding]:
        """The form rules on one form whose language (from its words) is ``form_lang``."""
        views: list[FieldView] = []
        for f in form.fields:
            field_text = " ".join([f.question, *(o.label for o in f.visible_options())])
            lang = choose_language(
                field_text, normalise_language(f.language) or form_lang, form_lang
            )
            if lang not in LEXICON_LANGUAGES:
                continue
            views.append(view_field(f, lang, self.option_letters))
        out: list[Finding] = []
        form_text = None
        unviewed: list[Field] | None = None
        for spec in self.form_rules:
            if not self._allowed_here(spec, doc, context):
                continue
            if "statutory-context" in spec.unless and self._context_on(STATUTORY, context):
                continue
            m = spec.match
            if isinstance(m, ChoicesMatch):
                covered = False
                for fv in views:
                    if fv.field.hidden or fv.language not in spec.languages:
                        continue
                    if choices_hit(m, fv):
                        out.append(self._field_finding(spec, doc, form, fv))
                        covered = True
                if m.fieldset and not covered:
                    involved = fieldset_hit(m, views)
                    if involved:
                        first = involved[0]
                        # "Mor / Far", also when the roles head table columns over "Navn" fields
                        names = dict.fromkeys(
                            x.field.question
                            if x.question & CLASS_CONCEPTS
                            else (x.field.legend or "")
                            for x in involved
                        )
                        cited = " / ".join(n for n in names if n)
                        finding = self._field_finding(
                            spec, doc, form, first, excerpt=cited, options=cited
                        )
                        # one finding for the set: the other fields are its places
                        places = tuple(
                            Place(x.field.location, x.field.question, language=x.language)
                            for x in involved[1:]
                        )
                        out.append(replace(finding, places=places))
            elif isinstance(m, FieldMatch):
                for fv in views:
                    if not fv.field.hidden and field_hit(m, fv):
                        out.append(
                            self._field_finding(
                                spec,
                                doc,
                                form,
                                fv,
                                excerpt=f"{fv.field.question} ({fv.field.options_source.ref or ''})".strip(),
                            )
                        )
            elif isinstance(m, RequireMatch):
                triggers = [
                    fv for fv in require_triggers(m, views) if fv.language in spec.languages
                ]
                triggers.sort(
                    key=lambda fv: not fv.options
                )  # report at the choice, not a free-text follow-up
                if not triggers:
                    continue
                if form_text is None:
                    form_text = _form_text(form, doc, blocks)
                if not require_satisfied(m, views, form, form_text, triggers[0].language):
                    out.append(self._field_finding(spec, doc, form, triggers[0]))
            elif isinstance(m, CheckMatch):
                check = checks.FIELD_CHECKS.get(m.check)
                if check is None:
                    continue
                for fv in views:
                    if check(fv.field):
                        label = (
                            fv.field.question or fv.field.name or fv.field.id or fv.field.kind.value
                        )
                        out.append(self._field_finding(spec, doc, form, fv, excerpt=label))
                if unviewed is None:
                    unviewed = _unviewed(form, views)
                for f in unviewed:  # fields in languages without a lexicon still need names
                    if check(f):
                        out.append(
                            self._finding(
                                spec,
                                doc,
                                f.location,
                                f.question or f.name or "",
                                "",
                                form,
                                Scope.LABEL,
                                f.suppressions,
                                form_lang,
                            )
                        )
        return out

    def _field_finding(
        self,
        spec: RuleSpec,
        doc: ParsedDocument,
        form: Form,
        fv: FieldView,
        *,
        excerpt: str | None = None,
        options: str | None = None,
    ) -> Finding:
        f = fv.field
        opts = options if options is not None else " / ".join(o.label for o in fv.options)
        text = (
            excerpt
            if excerpt is not None
            # a printed question keeps its colon ("Kjønn:"): one colon before the options
            else (
                f"{f.question.rstrip().rstrip(':')}: {opts}"
                if opts and f.question
                else (f.question or opts)
            )
        )
        msg_question = f.question or opts
        finding = self._finding(
            spec,
            doc,
            f.location,
            text,
            text,
            form,
            Scope.LABEL,
            f.suppressions,
            fv.language,
            options=opts,
            question=msg_question,
        )
        return finding

    # ------------------------------------------------------------------ helpers

    def _context_of(self, doc: ParsedDocument, form: Form | None) -> set[str]:
        # What a service is about shows in its titles, the first headings and the URL path, not in
        # every word of the form ("helsevern" as a reason deep inside a benefit form is no context).
        parts = [doc.source, doc.title or "", *_first_headings(block_table(doc))]
        if form is not None:
            parts += [form.title or "", form.key, *_first_headings(BlockTable.of(form.text_blocks))]
        blob = " ".join(parts).replace("/", " ").replace("_", " ").replace("-", " ")
        return self._context_matcher.names_in(blob)

    def _allowed_here(self, spec: RuleSpec, doc: ParsedDocument, context: set[str]) -> bool:
        """``only_if``: the document format, and the service context of the page or form."""
        oi = spec.only_if
        if oi.formats and doc.format not in oi.formats:
            return False
        return not oi.context or bool(
            context & set(oi.context) and not context & {"business", "welfare"}
        )

    def _finding(
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
        finding = Finding(
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
            help_uri=f"docs/rules/{spec.id}.md",
            form_key=form.key if form else "",
            form_title=(form.title or "") if form else "",
            language=lang,
            scope=scope.value,
        )
        if (sup and sup.covers(spec.id)) or (sup and any(sup.covers(a) for a in spec.aliases)):
            assert sup is not None
            finding = replace(
                finding, suppression=Suppression(kind="inline", reason=sup.reason_for(spec.id))
            )
        return finding

    def _suppress(self, f: Finding, doc: ParsedDocument) -> Finding:
        if f.suppression is not None:
            return f
        for exc in self.config.exceptions:
            if not self._exception_applies(exc, f, doc):
                continue
            sup = Suppression(
                kind="exception",
                reason=exc.reason,
                approver=exc.approved_by,
                expires=exc.expires.isoformat(),
            )
            if exc.expires < self.today:
                return replace(f, expired_exception=sup)
            return replace(f, suppression=sup)
        return f

    def _exception_applies(self, exc: ExceptionEntry, f: Finding, doc: ParsedDocument) -> bool:
        rule = self.aliases.get(exc.rule, exc.rule)
        if rule != f.rule:
            return False
        src = f.source.replace("\\", "/")
        if not (
            fnmatch.fnmatch(src, exc.document)
            or fnmatch.fnmatch(doc.source.replace("\\", "/"), exc.document)
            or src.endswith(exc.document)
        ):
            return False
        return (
            exc.form is None
            or fnmatch.fnmatch(f.form_key, exc.form)
            or fnmatch.fnmatch(f.form_title, exc.form)
        )


_GENERIC_CONCEPTS = frozenset({"legal", "or"})


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


def _excerpt(text: str, start: int, end: int, width: int = 240) -> str:
    if len(text) <= width:
        return text
    pad = (width - (end - start)) // 2
    lo = max(0, start - pad)
    hi = min(len(text), end + pad)
    return ("…" if lo > 0 else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


@functools.lru_cache(maxsize=8)
def _odd_case_chars(words: frozenset[str]) -> tuple[str, ...]:
    """The characters that case-insensitively match a letter of ``words`` but do not lower-case
    to it ("ſ" for "s", "İ" for "i"); where none occurs, a case-insensitive match of a word is
    the word itself once lower-cased. A few ``in`` tests, not a character class: sre scans a
    class one character at a time (0.4 ms on a page), ``in`` is memchr-like.

    The BMP is enough: nothing beyond it matches a character in it (a test checks).
    """
    bmp = "".join(chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF)
    # "İ" lower-cases to two characters (positions shift), capital sigma to "σ" or "ς"
    odd: set[str] = {"\u0130", "\u03a3"}
    for letter in sorted(set("".join(words))):
        odd.update(
            c for c in re.findall(re.escape(letter), bmp, re.IGNORECASE) if c.lower() != letter
        )
    return tuple(sorted(odd))


class _TextItems:
    """Every text to lint, page blocks first. The page blocks' texts come from the document's
    block table (a page has hundreds, and most are only read for their text); a TextItem is
    made only for the few that need one (hits, and the skip notes' first block of a language).
    """

    __slots__ = ("form_items", "n_page", "table", "texts", "visible")

    def __init__(self, doc: ParsedDocument, table: BlockTable) -> None:
        self.table = table
        texts = table.texts()
        hidden = table.hidden()
        # indexes of the visible page blocks, when some are hidden
        self.visible: list[int] | None = None
        if any(hidden):
            self.visible = [i for i, h in enumerate(hidden) if not h]
            texts = [texts[i] for i in self.visible]
        self.n_page = len(texts)
        self.form_items = [
            TextItem(text, scope, loc, lang, sup, form)
            for form in doc.forms
            for text, scope, loc, lang, sup in form.all_texts()
        ]
        texts.extend([i.text for i in self.form_items])
        self.texts = texts

    def item(self, index: int) -> TextItem:
        """The text at ``index`` of :attr:`texts` as a TextItem."""
        if index >= self.n_page:
            return self.form_items[index - self.n_page]
        b = self.table.block(index if self.visible is None else self.visible[index])
        return TextItem(b.text, b.scope, b.location, b.language, b.suppressions, None)

    def first_of_each_language(self) -> list[TextItem]:
        """The items the skip-note loop must see: of the page blocks (``form`` None, all first),
        the first with each language, since the loop's answer depends on nothing else of them
        and only its first sight of a language can add a note (found at C speed, not one loop
        step per block); then every form text."""
        languages = self.table.languages()
        if self.visible is not None:
            languages = [languages[i] for i in self.visible]
        firsts = [self.item(languages.index(lang)) for lang in dict.fromkeys(languages)]
        return firsts + self.form_items


class _Languages:
    """The language of each text, the words winning over the markup.

    Markup is a hint (DOMAIN.md §7: Word styles say en-US on Norwegian forms, CMS templates ship
    lang="en" on Norwegian pages, resource.en.json holds Norwegian): a form's language is read
    from its words, and so is the document's when one of its own texts needs it; a text marked
    only with the mark those words contradict is taken in the words' language. A text with
    enough words of its own is then judged on them (``choose_language``); a single word ("Mor",
    "Kjønn") keeps that language.
    """

    def __init__(self, doc: ParsedDocument, texts: list[str], default: str) -> None:
        self.marked = normalise_language(doc.language)
        self.default = default
        self._sample = [doc.title or "", *(f.title or "" for f in doc.forms), *texts]
        self._doc: str | None = None
        self._forms: dict[int, tuple[str | None, str]] = {}  # id -> (its mark, its language)

    @property
    def doc(self) -> str:
        """The document's language from its words (read when first asked: most pages have no
        text a rule needs it for)."""
        if self._doc is None:
            self._doc = form_language(self._sample, self.marked, self.default)
        return self._doc

    def form(self, form: Form) -> str:
        known = self._forms.get(id(form))
        if known is None:
            marked = normalise_language(form.language) or self.marked
            words = form_language(_form_texts(form), marked, marked or self.default)
            known = self._forms[id(form)] = (marked, words)
        return known[1]

    def of(self, item: TextItem) -> str:
        """The language of one text to lint."""
        marked = normalise_language(item.language)
        if item.form is not None:
            lang = self.form(item.form)
            said = self._forms[id(item.form)][0]
        elif len(item.text.split()) >= MIN_WORDS:
            # page prose with words enough to judge itself: the page's words are not needed
            return choose_language(item.text, marked or self.marked, self.marked or self.default)
        else:
            lang, said = self.doc, self.marked
        if marked is None or (marked == said and lang != said):
            marked = lang  # unmarked, or marked only as the form or page whose words say otherwise
        return choose_language(item.text, marked, lang)


def _form_texts(form: Form) -> list[str]:
    """What a form says: its title, questions, options and texts (for its language)."""
    texts = [form.title or ""]
    for f in form.fields:
        texts.append(f.question)
        texts.extend(o.label for o in f.options)
        texts.extend(f.help)
    texts.extend(b.text for b in form.text_blocks)
    return texts


class _Contexts:
    """The service contexts of one document and of each of its forms, worked out once each."""

    def __init__(self, engine: Engine, doc: ParsedDocument) -> None:
        self.engine = engine
        self.doc = doc
        self.page = engine._context_of(doc, None)
        self._forms: dict[int, set[str]] = {}

    def of(self, form: Form | None) -> set[str]:
        if form is None:
            return self.page
        found = self._forms.get(id(form))
        if found is None:
            found = self.engine._context_of(self.doc, form)
            language = normalise_language(form.language or self.doc.language)
            if offers_statutory_roles(form, language or self.engine.default_language):
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


def _unviewed(form: Form, views: list[FieldView]) -> list[Field]:
    """The form's fields that have no view (their language has no lexicon), in order.

    Once per form, not once per check rule: ``f not in (v.field for v in views)`` compared each
    field with the views before it through the dataclass ``__eq__``. ``in`` on a list tests
    identity then equality as that did; when every field has a view the answer is known.
    """
    if len(views) == len(form.fields):
        return []  # each field has its own view, whose .field is the field itself
    viewed = [v.field for v in views]
    return [f for f in form.fields if f not in viewed]


@functools.lru_cache(maxsize=512)
def _needle_regex(needles: frozenset[tuple[str, str]]) -> re.Pattern[str]:
    """Whole words, compound prefixes and fused forms found on a page, as one small regex."""
    alts = []
    for kind, text in sorted(needles, key=lambda n: -len(n[1])):
        esc = re.escape(text)
        alts.append(rf"\b{esc}\b" if kind == "w" else esc)
    return re.compile("|".join(alts), re.IGNORECASE)


_HEADING_SCOPES = frozenset({Scope.HEADING, Scope.TITLE})


def _first_headings(blocks: BlockTable) -> list[str]:
    """The texts of the first three visible headings or titles (stops there: a page has hundreds
    of blocks)."""
    return list(itertools.islice(blocks.visible_texts(_HEADING_SCOPES), 3))


_ROLE_CONCEPTS = frozenset({"mother", "father", "parent", "guardian", "comother"})
_GENDER_WORDS = ("kjønn", "gender", "sex", "navn", "namn", "name")


def _form_text(form: Form, doc: ParsedDocument, blocks: _PageBlocks | None = None) -> str:
    """The text a purpose statement could be in: the form's own text, and page paragraphs that
    mention the subject (a plain substring test first: page prose can be 100 KB).

    ``blocks``: the engine's block scan of the page, when the caller has it."""
    parts = [form.title or "", doc.title or ""]
    parts += [b.text for b in form.text_blocks]
    for f in form.fields:
        parts += list(f.help)
        if f.label:
            parts.append(f.label)
    if blocks is not None:
        parts += blocks.page_blocks_with(_GENDER_WORDS)
    else:
        parts += _page_blocks_with(block_table(doc).texts(), _GENDER_WORDS)
    return "\n".join(parts)


def _page_blocks_with(
    texts: list[str], words: tuple[str, ...], low: str | None = None
) -> list[str]:
    """The page block ``texts`` whose lower-cased text holds one of ``words``, in order.

    One ``lower()`` and a few ``find`` calls over the joined page instead of lower-casing each of
    its hundreds of blocks. ``words`` hold no line break, so a hit never spans two blocks.
    ``low``: that joined page lower-cased, if the caller has it.
    """
    page = "\n".join(texts)
    if low is None:
        low = page.lower()
    if len(low) != len(page):  # "İ" lower-cases to two characters: offsets would shift
        return [t for t in texts if any(w in t.lower() for w in words)]
    starts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))
    found: set[int] = set()
    for w in words:
        pos = low.find(w)
        while pos != -1:
            index = bisect.bisect_right(starts, pos) - 1
            found.add(index)
            pos = low.find(w, starts[index + 1])
    return [texts[i] for i in sorted(found)]


class _PageBlocks:
    """The block scan of one page: run at most once, and only when something asks for it."""

    def __init__(
        self,
        scan: BlockScan,
        texts: Sequence[str],
        raw: bytes,
        table: BlockTable,
        *,
        usable: bool,
        pieces: list[bytes] | None = None,
    ) -> None:
        """``texts``: every text to lint (``raw`` is them joined by line breaks, as UTF-8), of
        which the first are ``table``'s, the page's blocks; ``pieces``: each text as UTF-8."""
        self.scan = scan
        self.texts = texts
        self.raw = raw
        self.table = table
        self.usable = usable
        self.pieces = pieces
        self._starts: list[int] | None = None
        self._matches: list[tuple[int, int, int]] | None = None
        self._hits: dict[tuple[str, str], set[int]] = {}  # filled for the keys asked about
        self._with: dict[tuple[str, ...], list[str]] = {}

    def _scan_matches(self) -> list[tuple[int, int, int]]:
        if self._matches is None:
            self._matches = self.scan.matches(self.raw)
        return self._matches

    def gives_words(self) -> bool:
        """Can :meth:`exact_words` stand in for the split scan on this page?"""
        return self.scan.gives_words and self.usable and b"_" not in self.raw

    def exact_words(self) -> set[str]:
        """The trigger words the page holds whole (see :meth:`BlockScan.exact_words`)."""
        return self.scan.exact_words(self.raw, self._scan_matches())

    def hits(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], set[int]]:
        """Key -> indexes of the items that may hold it, for ``keys`` (one automaton pass a
        page, made the first time; each key's blocks are collected when first asked for)."""
        keys = set(keys)
        missing = keys.difference(self._hits)
        if missing:
            if self._starts is None:
                if self.pieces is not None:
                    lengths: Iterable[int] = map(len, self.pieces)
                else:  # str.isascii is O(1): only non-ASCII texts are encoded for their length
                    lengths = (
                        len(t) if t.isascii() else len(t.encode("utf-8", "replace"))
                        for t in self.texts
                    )
                self._starts = list(itertools.accumulate((n + 1 for n in lengths), initial=0))
            found = self.scan.blocks(self.raw, self._starts, missing, self._scan_matches())
            for key in missing:
                self._hits[key] = found.get(key, set())
        return {key: self._hits[key] for key in keys if self._hits[key]}

    def holding(self, needles: Iterable[tuple[str, str]]) -> set[int]:
        """Indexes of the items that may hold a needle whole (a superset: check each)."""
        found: set[int] = set()
        for indexes in self.hits(needles).values():
            found |= indexes
        return found

    def page_blocks_with(self, words: tuple[str, ...]) -> list[str]:
        """What :func:`_page_blocks_with` returns, from the scan when it can say."""
        cached = self._with.get(words)
        if cached is not None:
            return cached
        page = self.table.texts()
        if (
            not self.usable
            or not self.scan.parts.issuperset(words)
            or any(self.table.hidden())  # then the texts do not start with the page blocks
        ):
            out = _page_blocks_with(page, words)
        else:
            found: set[int] = set()
            for indexes in self.hits((PART, w) for w in words).values():
                found |= indexes
            texts = [page[i] for i in sorted(found) if i < len(page)]
            out = [t for t in texts if any(w in t.lower() for w in words)]
        self._with[words] = out
        return out
