"""One language's matcher for the text rules: what the text kinds (term, pair, pattern) add to
it, matched as token sequences over analysed text.

Phrases are expanded through the lexicon into sets of surface forms once, at engine start. Before
any tokenising, a cheap test on a text's words (every surface form and compound of every text
rule for the language, its *trigger words*) tells whether a text can match at all: most page text
cannot, and it never reaches spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from formlint.nlp.analysis import Analysis, Tok
from formlint.nlp.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True, slots=True)
class TextHit:
    rule: str
    start: int  # token indices, end exclusive
    end: int
    phrase: str  # the rule's phrase that matched (for messages, grouping and tests)
    context: str | None = None  # the service context the phrase needs (TermMatch.context_terms)
    shown: str | None = None  # the words to quote when the span is long ("hun … han")


# One element of a compiled phrase: the surface forms it accepts, and the lemmas (for compounds).
@dataclass(frozen=True, slots=True)
class Slot:
    forms: frozenset[str]
    lemmas: frozenset[str]


@dataclass(frozen=True, slots=True)
class Phrase:
    rule: str
    source: str
    slots: tuple[Slot, ...]
    compounds: bool
    context: str | None = None


@dataclass(frozen=True, slots=True)
class PairSpec:
    rule: str
    left: Slot
    right: Slot
    joiners: frozenset[str]
    label: str


class LanguageMatcher:
    """All text rules of one language, ready to run on analysed text. The text kinds fill it
    (``add_*``) at engine start; it is then read-only."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.lex: Lexicon = load_lexicon(language)
        self.phrases: list[Phrase] = []
        self.pairs: list[PairSpec] = []
        self.fused: dict[str, str] = {}  # lower token -> rule
        self.patterns: list[tuple[str, list[list[dict[str, Any]]]]] = []
        # further finders a kind adds (a pronoun pair split over two clauses): analysis -> hits
        self.finders: list[Callable[[Analysis], list[TextHit]]] = []
        self._words: set[str] = set()
        self._spacy_matcher: Any = None
        self._by_form: dict[str, list[Phrase]] = {}
        self._by_lemma: dict[str, list[Phrase]] = {}
        self._pairs_by_left: dict[str, list[PairSpec]] = {}
        self._trigger: tuple[frozenset[str], re.Pattern[str] | None] | None = None
        self._cache: dict[str, tuple[TextHit, ...]] = {}

    # -------------------------------------------------------------- what kinds add

    def add_phrase(
        self, rule: str, phrase: str, *, compounds: bool = False, context: str | None = None
    ) -> None:
        """A word or phrase, by lemma (all inflected forms), ``@concept`` or literal form;
        ``a|b`` is an alternative. ``compounds``: also a closed compound it is the first part of
        (single words only). ``context``: it matches only where the page or form is about that
        service context."""
        ph = self._compile_phrase(rule, phrase, compounds, context)
        self.phrases.append(ph)
        for form in ph.slots[0].forms:
            self._by_form.setdefault(form, []).append(ph)
        if compounds and len(ph.slots) == 1:
            for lem in ph.slots[0].lemmas:
                self._by_lemma.setdefault(lem, []).append(ph)
        # Every match contains a word of every slot, so one slot's forms are a necessary
        # condition: take a lexicon slot, never a function word ("eller").
        self._add_words(self._anchor(ph).forms)
        if compounds:
            # compounds are finite (listed modifiers x listed heads): add them whole
            links = [
                lk for lk, lemmas in self.lex.modifiers.items() if set(lemmas) & ph.slots[0].lemmas
            ]
            # (whole words only: "mors-e-post" splits into "mors", which is a form itself)
            self._add_words(
                {w for lk in links for head in self.lex.heads if _WORD.fullmatch(w := lk + head)}
            )

    def add_exception(self, rule: str, phrase: str) -> None:
        """A fixed expression that is not a finding of ``rule`` ("mother tongue")."""
        ph = self._compile_phrase("!" + rule, phrase, False)
        self.phrases.append(ph)
        for form in ph.slots[0].forms:
            self._by_form.setdefault(form, []).append(ph)

    def add_pair(self, rule: str, left: str, right: str, joiners: frozenset[str]) -> None:
        """Two words joined by a joiner: "han eller hun", "he/she"."""
        pr = PairSpec(rule, self._slot(left), self._slot(right), joiners, f"{left}/{right}")
        self.pairs.append(pr)
        for form in pr.left.forms:
            self._pairs_by_left.setdefault(form, []).append(pr)
        self._add_words(pr.left.forms)  # the left word must be there

    def add_fused(self, rule: str, form: str) -> None:
        """A form written as one word with punctuation inside ("s/he", "(s)he")."""
        self.fused[form.lower()] = rule
        self._add_words({form.lower()})

    def add_patterns(self, rule: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Raw spaCy Matcher token patterns."""
        self.patterns.append((rule, patterns))
        for pat in patterns:
            for tok in pat:
                for v in tok.values():
                    if isinstance(v, str):
                        self._add_words({v.lower()})
                    elif isinstance(v, dict):
                        self._add_words({str(vv).lower() for vv in v.get("IN", [])})

    def add_finder(self, finder: Callable[[Analysis], list[TextHit]], words: set[str]) -> None:
        """Any other finder over analysed text; ``words``: a text without one of them (its
        trigger words) cannot hold a hit."""
        self.finders.append(finder)
        self._add_words(words)

    def _add_words(self, words: set[str] | frozenset[str]) -> None:
        self._words |= words
        self._trigger = None

    # -------------------------------------------------------------- reading

    @property
    def trigger_words(self) -> frozenset[str]:
        """Every word part of every surface form the rules need (a superset is safe)."""
        return self._triggers()[0]

    @property
    def fused_re(self) -> re.Pattern[str] | None:
        """The forms whose characters are not all word characters ("s/he"), as one regex."""
        return self._triggers()[1]

    def _triggers(self) -> tuple[frozenset[str], re.Pattern[str] | None]:
        if self._trigger is None:
            self._trigger = _triggers(self._words)
        return self._trigger

    def _slot(self, token: str) -> Slot:
        forms: set[str] = set()
        lemmas: set[str] = set()
        for alt in token.split("|"):
            alt_l = alt.lower()
            f = self.lex.forms_of(alt)
            if f:
                forms |= f
                if alt.startswith("@"):
                    lemmas |= {lem for lem, fs in self.lex.lemma_forms.items() if fs & f}
                else:
                    lemmas.add(alt)
            else:
                # a literal form ("mødre"): only that form matches, but it keeps its lemma
                forms.add(alt_l)
                lemmas |= {e.lemma for e in self.lex.lookup(alt_l)}
        return Slot(frozenset(forms), frozenset(lemmas))

    def _anchor(self, ph: Phrase) -> Slot:
        """The slot whose words every match must contain and that is rarest in running text: a
        content word ("mødre"), never a conjunction ("eller")."""
        content = [
            sl
            for sl in ph.slots
            if sl.lemmas
            and not all(
                self.lex.lookup(f) and all(e.concepts <= _FUNCTION for e in self.lex.lookup(f))
                for f in sl.forms
            )
        ]
        return content[0] if content else ph.slots[0]

    def _compile_phrase(
        self, rule: str, phrase: str, compounds: bool, context: str | None = None
    ) -> Phrase:
        slots = tuple(self._slot(t) for t in phrase.split())
        return Phrase(rule, phrase, slots, compounds, context)

    def might_match(self, text: str, words: frozenset[str] | None = None) -> bool:
        """A cheap superset test: can any rule of this language match this text at all?

        Set intersection on the text's words (C speed; the finite compounds such as "morsnavn" are
        among the trigger words), and a small regex for forms with punctuation inside (s/he).
        """
        if words is None:
            words = text_words(text)
        if not words.isdisjoint(self.trigger_words):
            return True
        return self.fused_re is not None and self.fused_re.search(text) is not None

    def match_cached(self, an: Analysis) -> tuple[TextHit, ...]:
        """:meth:`match`, cached by text: labels, options and boilerplate come back on every page
        of a site, and a match (the token scan and spaCy's pattern Matcher over a fresh Doc)
        costs tens of µs. The analysis, and so the match, depend on nothing else."""
        hits = self._cache.get(an.text)
        if hits is None:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()  # a site's repeated texts fill it again
            hits = self._cache[an.text] = tuple(self.match(an))
        return hits

    def match(self, an: Analysis) -> list[TextHit]:
        toks = an.tokens
        hits: list[TextHit] = []
        for i, tok in enumerate(toks):
            cands = self._by_form.get(tok.lower, [])
            if tok.compound is not None:
                cands = cands + self._by_lemma.get(tok.compound[0], [])
            for ph in cands:
                n = _match_at(toks, i, ph)
                if n:
                    hits.append(TextHit(ph.rule, i, i + n, ph.source, ph.context))
            for pr in self._pairs_by_left.get(tok.lower, ()):
                n = _pair_at(toks, i, pr)
                if n:
                    hits.append(TextHit(pr.rule, i, i + n, pr.label))
        if self.fused:
            hits.extend(self._fused_hits(an))
        for finder in self.finders:
            hits.extend(finder(an))
        if self.patterns:
            hits.extend(self._run_patterns(an))
        vetoes = [h for h in hits if h.rule.startswith("!")]
        if vetoes:
            hits = [
                h
                for h in hits
                if not h.rule.startswith("!")
                and not any(
                    v.rule == "!" + h.rule and v.start <= h.start and h.end <= v.end for v in vetoes
                )
            ]
        return hits

    def _fused_hits(self, an: Analysis) -> list[TextHit]:
        """Forms written as one word with punctuation inside ("s/he", "(s)he"): the tokenizer
        splits them, so they are found in the text and mapped back onto the tokens they cover."""
        out: list[TextHit] = []
        low = an.text.lower()
        for form, rule in self.fused.items():
            start = low.find(form)
            while start != -1:
                end = start + len(form)
                before = low[start - 1] if start else " "
                after = low[end] if end < len(low) else " "
                if not before.isalnum() and not after.isalnum():
                    covered = [
                        k for k, t in enumerate(an.tokens) if t.end > start and t.start < end
                    ]
                    if covered:
                        out.append(TextHit(rule, covered[0], covered[-1] + 1, form))
                start = low.find(form, end)
        return out

    def _run_patterns(self, an: Analysis) -> list[TextHit]:
        from spacy.matcher import Matcher
        from spacy.tokens import Doc

        from formlint.nlp.analysis import _tokenizer

        vocab = _tokenizer(self.lex.spacy_language).vocab
        if self._spacy_matcher is None:
            self._spacy_matcher = Matcher(vocab)
            for rule, pats in self.patterns:
                self._spacy_matcher.add(rule, pats)
        doc = Doc(vocab, words=[t.text for t in an.tokens], spaces=[False] * len(an.tokens))
        out = []
        for match_id, start, end in self._spacy_matcher(doc):
            out.append(TextHit(vocab.strings[match_id], start, end, doc[start:end].text))
        return out


def _slot_accepts(tok: Tok, slot: Slot, *, compound_ok: bool) -> bool:
    if tok.lower in slot.forms:
        return True
    return compound_ok and tok.compound is not None and tok.compound[0] in slot.lemmas


def _match_at(toks: tuple[Tok, ...], i: int, ph: Phrase) -> int:
    n = len(ph.slots)
    if i + n > len(toks):
        return 0
    for k, slot in enumerate(ph.slots):
        # compounds only for single-word terms: "morsnavn" is "mor", but "enslig morsnavn" is nothing
        if not _slot_accepts(toks[i + k], slot, compound_ok=ph.compounds and n == 1):
            return 0
    return n


def _pair_at(toks: tuple[Tok, ...], i: int, pr: PairSpec) -> int:
    if i + 2 >= len(toks):
        return 0
    if (
        toks[i].lower in pr.left.forms
        and toks[i + 1].lower in pr.joiners
        and toks[i + 2].lower in pr.right.forms
    ):
        return 3
    return 0


_CACHE_SIZE = 8192  # texts per language
_WORD = re.compile(r"\w+")
_FUNCTION = frozenset({"or", "single"})


def text_words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def _triggers(forms: set[str]) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """The longest word part of every surface form (a text holding the form holds it whole: "he"
    for "s/he", "mother" for "co-mother"), and a regex for the forms without any word part.

    The longest part, not every part: "s" and "co" would be found in ordinary text (and a page
    holding them would need its tree for nothing)."""
    words: set[str] = set()
    odd: list[str] = []
    for form in forms:
        parts = _WORD.findall(form.lower())
        if parts:
            words.add(max(parts, key=len))
        else:
            odd.append(form)
    fused = (
        re.compile(
            "|".join(re.escape(f) for f in sorted(odd, key=len, reverse=True)), re.IGNORECASE
        )
        if odd
        else None
    )
    return frozenset(words), fused
