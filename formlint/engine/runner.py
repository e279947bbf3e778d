"""The rule engine: run every enabled rule of the profile over one parsed document.

It orchestrates; the work lives beside it. Per document: the texts to lint
(:mod:`~formlint.engine.items`), each one's language (:mod:`~formlint.engine.languages`; languages
without a lexicon are skipped with a note) and service context
(:mod:`~formlint.engine.contexts`); the text rules on the texts that may hold one of their words
(one pass of :class:`~formlint.textscan.WordScanner`), the form rules on each form's classified
fields (:mod:`~formlint.engine.kinds`); then findings that stand for one thing are joined
(:mod:`~formlint.engine.merge`), exceptions applied (:mod:`~formlint.engine.suppression`) and
fingerprints assigned.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

from formlint.engine import merge
from formlint.engine.audits import AuditFindings
from formlint.engine.build import FindingBuilder, cited
from formlint.engine.conditions import LEGAL_TAG, Situation, vetoed
from formlint.engine.contexts import ContextMatcher, ServiceContexts
from formlint.engine.items import TextItem, TextItems
from formlint.engine.kinds import FormKind, TextKind, rule_kinds
from formlint.engine.kinds.base import SUBJECT_WORDS, FormFacts
from formlint.engine.kinds.fields import view_field
from formlint.engine.languages import Languages, skip_note
from formlint.engine.loader import LoadedRule, load_contexts, load_profiles, load_rules
from formlint.engine.ruleids import RuleIds
from formlint.engine.spec import RuleSpec
from formlint.engine.standards import catalogue
from formlint.engine.suppression import Exceptions
from formlint.engine.textmatch import LanguageMatcher, TextHit
from formlint.errors import ConfigError, UsageError
from formlint.findings import Finding, Severity, assign_fingerprints
from formlint.model import FieldKind, Form, ParsedDocument
from formlint.model.language import normalise_language
from formlint.nlp.analysis import analyse
from formlint.nlp.langdetect import choose_language
from formlint.nlp.lexicon import LEXICON_LANGUAGES
from formlint.textscan import WordScanner

if TYPE_CHECKING:
    from formlint.config.models import Config


class Engine:
    """Rules compiled for one run. Build once (``Engine.from_config``), call ``run`` per document."""

    def __init__(
        self,
        rules: list[LoadedRule],
        *,
        profile: str = "standard",
        config: Config | None = None,
        default_language: str | None = None,
        today: date | None = None,
        select: Collection[str] | None = None,
        ignore: Collection[str] = (),
    ) -> None:
        """``select``: only these rules (ids or aliases; rules outside the profile too);
        ``ignore``: not these. Unknown ids there and in the configuration are errors."""
        from formlint.config.models import Config

        self.profile = profile
        profiles = load_profiles()
        if profile not in profiles:
            raise ConfigError(
                f"unknown profile {profile!r} (allowed: {', '.join(sorted(profiles))})"
            )
        self.profile_spec = profiles[profile]
        self.all_rules = [r.spec for r in rules]
        self.aliases = {a: r.spec.id for r in rules for a in r.spec.aliases}
        self.rule_ids = RuleIds((s.id for s in self.all_rules), self.aliases)
        self.config = self._checked(config or Config())
        self._select = self._checked_ids("--select", select) if select is not None else None
        self._ignore = self._checked_ids("--ignore", ignore)
        # as given, so that a worker process builds the same engine (formlint.scale)
        self.selection = (tuple(select) if select is not None else None, tuple(ignore))
        self.rules = {r.spec.id: r.spec for r in rules if self._enabled(r.spec)}
        self.default_language = normalise_language(default_language or self.config.language) or "nb"
        self.build = FindingBuilder(self.profile_spec, self.config)
        self.exceptions = Exceptions(self.config.exceptions, self.aliases, today or date.today())
        kinds = rule_kinds()
        self.text_rules = [r for r in self.rules.values() if isinstance(kinds[r.kind], TextKind)]
        self.form_rules = [r for r in self.rules.values() if isinstance(kinds[r.kind], FormKind)]
        self.matchers = {lang: LanguageMatcher(lang) for lang in LEXICON_LANGUAGES}
        for spec in self.text_rules:
            kind = kinds[spec.kind]
            assert isinstance(kind, TextKind)
            for lang in spec.languages:
                kind.compile(spec, self.matchers[lang], self.profile_spec.strict_terms)
        # Single-letter options ("M / K") are classified once for every choice rule, from what
        # the enabled rules declare.
        self.option_letters: dict[str, dict[str, str]] = {}
        for spec in self.form_rules:
            for lang, table in getattr(spec.match, "option_letters", {}).items():
                self.option_letters.setdefault(lang, {}).update(table)
        self.rule_words = frozenset().union(*(m.trigger_words for m in self.matchers.values()))
        self._scanner = WordScanner(
            (w for w in self.rule_words if w.isalnum()), parts=SUBJECT_WORDS
        )
        self._fused = [m.fused_re for m in self.matchers.values() if m.fused_re is not None]
        self._context_matcher = ContextMatcher(load_contexts())
        self._audits = AuditFindings(self.rules, self.config.rules)
        # what the accessibility rules cannot test (an error message needs a submitted form):
        # said on every page with a form, so no report reads as if it had been tested
        self._untested = (
            [a for a in catalogue().act.values() if a.not_testable]
            if any(r.category == "accessibility" for r in self.rules.values())
            else []
        )

    def _checked(self, config: Config) -> Config:
        """The configuration with every rule id checked (``rules:`` keys and each exception's
        ``rule``, naming file:line) and ``rules:`` keys given as old names moved to the rule's id."""
        problems: list[tuple[tuple[str | int, ...], str]] = []
        for key in config.rules:
            problem = self.rule_ids.problem(key)
            if problem:
                problems.append((("rules", key), problem))
        for i, exc in enumerate(config.exceptions):
            problem = self.rule_ids.problem(exc.rule)
            if problem:
                problems.append((("exceptions", i, "rule"), problem))
        if problems:
            lines = []
            for loc, problem in problems:
                source, line = config.where(*loc)
                where = f"{source}:{line}: " if source and line else f"{source}: " if source else ""
                lines.append(f"{where}{'.'.join(str(x) for x in loc)}: {problem}")
            raise ConfigError("\n".join(lines))
        renamed = {self.rule_ids.resolve(k) or k: v for k, v in config.rules.items()}
        return config if renamed == config.rules else config.model_copy(update={"rules": renamed})

    def _checked_ids(self, option: str, ids: Collection[str]) -> frozenset[str]:
        problems = [p for p in map(self.rule_ids.problem, ids) if p]
        if problems:
            raise UsageError(f"{option}: " + "; ".join(problems))
        return frozenset(self.rule_ids.resolve(i) or i for i in ids)

    def _enabled(self, spec: RuleSpec) -> bool:
        """Selected (``--select``, else in the profile or switched on with a severity in the
        configuration), and not switched off (``--ignore``, or ``enabled: false``)."""
        if spec.id in self._ignore:
            return False
        if self._select is not None:
            return spec.id in self._select
        setting = self.config.rules.get(spec.id)
        if setting is not None and not setting.enabled:
            return False
        return self.profile in spec.profiles or bool(setting and setting.severity)

    @classmethod
    def from_config(
        cls,
        config: Config | None = None,
        *,
        profile: str | None = None,
        language: str | None = None,
        select: Collection[str] | None = None,
        ignore: Collection[str] = (),
    ) -> Engine:
        from formlint.config.models import Config

        cfg = config or Config()
        return cls(
            load_rules(cfg.rule_paths or None),
            profile=profile or cfg.profile,
            config=cfg,
            default_language=language,
            select=select,
            ignore=ignore,
        )

    def severity_of(self, spec: RuleSpec) -> Severity:
        return self.build.severity_of(spec)

    # ------------------------------------------------------------------ one document

    def run(self, doc: ParsedDocument) -> tuple[list[Finding], list[str]]:
        """The document's findings (in document order, fingerprinted) and notes."""
        items = TextItems(doc)
        languages = Languages(doc, items.texts, self.default_language)
        contexts = ServiceContexts(self._context_matcher, doc, self.default_language)
        skipped: dict[str, str] = {}  # language -> its note, once per document
        for item in items.languages_marked():
            marked = (
                normalise_language(item.language)
                or normalise_language(item.form.language if item.form else None)
                or languages.marked
                or self.default_language
            )
            if marked not in LEXICON_LANGUAGES:
                skipped.setdefault(marked, skip_note(item.location.source, marked))
        # One scan over every text: which may hold a rule word (each is checked exactly), and
        # which page texts mention what forms ask about (where a purpose statement may stand).
        scan = self._scanner.blocks(items.texts)
        mentions = [
            items.texts[i]
            for i in sorted(set().union(*(scan.get(w, ()) for w in SUBJECT_WORDS)))
            if i < items.n_page and any(w in items.texts[i].lower() for w in SUBJECT_WORDS)
        ]
        findings: list[Finding] = []
        for index in sorted(self._candidates(items.texts, scan)):
            item = items.item(index)
            lang = languages.of(item)
            if lang not in LEXICON_LANGUAGES:
                skipped.setdefault(lang, skip_note(item.location.source, lang))
                continue
            findings += self._lint_text(item, lang, doc, contexts.of(item.form))
        for form in doc.forms:
            findings += self._lint_form(
                form, doc, languages.form(form), contexts.of(form), mentions
            )
        findings += self._lint_page(doc, languages)
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
        findings = self._audits.merge(doc, findings)
        findings = [self.exceptions.apply(cited(f), doc) for f in findings]
        return assign_fingerprints(findings), [*skipped.values(), *self._untested_notes(doc)]

    def _untested_notes(self, doc: ParsedDocument) -> list[str]:
        """A note per accessibility requirement not tested, on a page with a form to fill in."""
        if not self._untested or doc.format not in ("html", "govuk-njk"):
            return []
        if not any(
            not f.hidden and f.kind not in (FieldKind.BUTTON, FieldKind.HIDDEN)
            for form in doc.forms
            for f in form.fields
        ):
            return []
        return [
            f"{doc.source}: not tested: ACT {a.id} {a.name} (WCAG {', '.join(a.wcag)}): "
            f"{a.not_testable}"
            for a in self._untested
        ]

    def _candidates(self, texts: list[str], scan: dict[str, set[int]]) -> set[int]:
        """The texts that may hold a word of a text rule, from the scan over them all (a superset;
        :meth:`_lint_text` checks each exactly). Most page text holds none."""
        found: set[int] = set().union(*(v for k, v in scan.items() if k in self.rule_words))
        if self._fused:  # forms with no word in them at all: a regex over the joined text
            joined = "\n".join(texts)
            if any(rx.search(joined) for rx in self._fused):
                found |= {i for i, t in enumerate(texts) if any(rx.search(t) for rx in self._fused)}
        return found

    def _lint_text(
        self, item: TextItem, lang: str, doc: ParsedDocument, context: frozenset[str]
    ) -> list[Finding]:
        matcher = self.matchers[lang]
        if not matcher.might_match(item.text):
            return []
        an = analyse(item.text, lang)
        all_hits = matcher.match_cached(an)
        if not all_hits:
            return []
        active = context if self.profile_spec.context_terms else frozenset()
        # a phrase that needs a context (a statutory term in a statutory form) matches only there
        hits = [h for h in all_hits if h.context is None or h.context in active]
        legal = tuple((h.start, h.end) for h in hits if LEGAL_TAG in self.rules[h.rule].tags)
        out: list[Finding] = []
        kept: list[TextHit] = []
        for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
            spec = self.rules[hit.rule]
            if item.scope.value not in spec.scopes or lang not in spec.languages:
                continue
            if not self._allowed_here(spec, doc, context):
                continue
            situation = Situation(an, hit, tuple(spec.tags), item.scope, legal, active)
            if vetoed(spec.unless, situation):
                continue
            # one finding per rule per overlapping span: the longest phrase wins
            if any(k.rule == hit.rule and k.start < hit.end and hit.start < k.end for k in kept):
                continue
            kept.append(hit)
            out.append(
                self.build.from_text(
                    spec, doc, an, hit, item.location, item.form, item.scope, item.suppressions
                )
            )
        return out

    def _lint_form(
        self,
        form: Form,
        doc: ParsedDocument,
        form_lang: str,
        context: frozenset[str],
        mentions: list[str],
    ) -> list[Finding]:
        """The form rules on one form whose language (from its words) is ``form_lang``."""
        views = []
        unviewed = []
        for f in form.fields:
            field_text = " ".join([f.question, *(o.label for o in f.visible_options())])
            lang = choose_language(
                field_text, normalise_language(f.language) or form_lang, form_lang
            )
            if lang in LEXICON_LANGUAGES:
                views.append(view_field(f, lang, self.option_letters))
            else:
                unviewed.append(f)
        facts = FormFacts(form, doc, form_lang, views, unviewed, mentions)
        active = context if self.profile_spec.context_terms else frozenset()
        kinds = rule_kinds()
        out: list[Finding] = []
        for spec in self.form_rules:
            if not self._allowed_here(spec, doc, context):
                continue
            if vetoed(spec.unless, Situation(None, None, tuple(spec.tags), None, (), active)):
                continue
            kind = kinds[spec.kind]
            assert isinstance(kind, FormKind)
            out += [
                self.build.from_hit(spec, doc, form, h, form_lang) for h in kind.hits(spec, facts)
            ]
        return out

    def _lint_page(self, doc: ParsedDocument, languages: Languages) -> list[Finding]:
        """The form rules' checks on the document itself (a page without ``lang``, an untagged
        PDF) and on its controls outside forms."""
        kinds = rule_kinds()
        out: list[Finding] = []
        # A PDF, Word or ODF file that holds one form is that form: its document checks belong
        # to it (one entry on the work list, not a second one with the same title).
        own_form = doc.forms[0] if doc.format != "html" and len(doc.forms) == 1 else None
        for spec in self.form_rules:
            kind = kinds[spec.kind]
            assert isinstance(kind, FormKind)
            if kind.page is None or (
                spec.only_if.formats and doc.format not in spec.only_if.formats
            ):
                continue
            for hit in kind.page(spec, doc):
                # the document's language only where the hit has none (it is read from words)
                lang = hit.language or languages.doc
                out.append(self.build.from_hit(spec, doc, own_form, hit, lang))
        return out

    @staticmethod
    def _allowed_here(spec: RuleSpec, doc: ParsedDocument, context: frozenset[str]) -> bool:
        """``only_if``: the document format, and the service context of the page or form."""
        oi = spec.only_if
        if oi.formats and doc.format not in oi.formats:
            return False
        return not oi.context or bool(
            context & set(oi.context) and not context & {"business", "welfare"}
        )
