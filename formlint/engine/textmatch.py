"""Text rule kinds (term, pair, pattern) compiled per language into token-sequence matchers.

Phrases are expanded through the lexicon into sets of surface forms once, at engine start. Before
any tokenising, a cheap regular expression over the raw text (every surface form and compound
modifier of every text rule for the language) tells whether a text can match at all: most page
text cannot, and it never reaches spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from formlint.engine.spec import PairMatch, PatternMatch, RuleSpec, SplitPair, TermMatch
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
    """All text rules of one language, ready to run on analysed text."""

    def __init__(self, language: str, rules: list[RuleSpec], *, strict: bool) -> None:
        self.language = language
        self.lex: Lexicon = load_lexicon(language)
        self.phrases: list[Phrase] = []
        self.pairs: list[PairSpec] = []
        self.fused: dict[str, str] = {}  # lower token -> rule
        self.patterns: list[tuple[str, list[list[dict[str, Any]]]]] = []
        self.splits: list[tuple[str, SplitPair, frozenset[str]]] = []  # rule, spec, openers
        self._spacy_matcher: Any = None
        words: set[str] = set()
        for rule in rules:
            m = rule.match
            if isinstance(m, TermMatch):
                terms = list(m.terms.get(language, []))  # type: ignore[call-overload]
                if strict:
                    terms += m.strict_terms.get(language, [])  # type: ignore[call-overload]
                for exc in m.except_phrases.get(language, []):  # type: ignore[call-overload]
                    self.phrases.append(self._compile_phrase("!" + rule.id, exc, False))
                phrases: list[tuple[str, str | None]] = [(term, None) for term in terms]
                phrases += [
                    (term, context)
                    for context, by_lang in m.context_terms.items()
                    for term in by_lang.get(language, [])  # type: ignore[call-overload]
                ]
                for term, context in phrases:
                    ph = self._compile_phrase(rule.id, term, m.compounds, context)
                    self.phrases.append(ph)
                    # Every match contains a word of every slot, so one slot's forms are a
                    # necessary condition: take a lexicon slot, never a function word ("eller").
                    words |= self._anchor(ph).forms
                    if m.compounds:
                        # compounds are finite (listed modifiers x listed heads): add them whole
                        links = [
                            lk
                            for lk, lemmas in self.lex.modifiers.items()
                            if set(lemmas) & ph.slots[0].lemmas
                        ]
                        # (whole words only: "mors-e-post" splits into "mors", which is a form itself)
                        words |= {
                            w
                            for lk in links
                            for head in self.lex.heads
                            if _WORD.fullmatch(w := lk + head)
                        }
            elif isinstance(m, PairMatch):
                joiners = frozenset(j.lower() for j in m.joiners.get(language, []))  # type: ignore[call-overload]
                for a, b in m.pairs.get(language, []):  # type: ignore[call-overload]
                    left, right = self._slot(a), self._slot(b)
                    self.pairs.append(PairSpec(rule.id, left, right, joiners, f"{a}/{b}"))
                    words |= left.forms  # the left pronoun must be there
                for f in m.fused.get(language, []):  # type: ignore[call-overload]
                    self.fused[f.lower()] = rule.id
                    words.add(f.lower())
                if m.split is not None:
                    openers = m.split.alternatives.get(language, [])  # type: ignore[call-overload]
                    self.splits.append((rule.id, m.split, frozenset(w.lower() for w in openers)))
                    for concept in m.split.female:  # a split pair holds a female pronoun
                        words |= self.lex.forms_of("@" + concept)
            elif isinstance(m, PatternMatch):
                pats = m.patterns.get(language, [])  # type: ignore[call-overload]
                if pats:
                    self.patterns.append((rule.id, pats))
                    for pat in pats:
                        for tok in pat:
                            for v in tok.values():
                                if isinstance(v, str):
                                    words.add(v.lower())
                                elif isinstance(v, dict):
                                    for vv in v.get("IN", []):
                                        words.add(str(vv).lower())
        self.trigger_words, self.fused_re = _triggers(words)
        # index by first token so matching is one dict lookup per token, not one test per phrase
        self._by_form: dict[str, list[Phrase]] = {}
        self._by_lemma: dict[str, list[Phrase]] = {}
        for ph in self.phrases:
            for form in ph.slots[0].forms:
                self._by_form.setdefault(form, []).append(ph)
            if ph.compounds and len(ph.slots) == 1:
                for lem in ph.slots[0].lemmas:
                    self._by_lemma.setdefault(lem, []).append(ph)
        self._pairs_by_left: dict[str, list[PairSpec]] = {}
        for pr in self.pairs:
            for form in pr.left.forms:
                self._pairs_by_left.setdefault(form, []).append(pr)

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
        for rule, split, openers in self.splits:
            hit = split_pair_hit(rule, toks, split, openers)
            if hit is not None:
                hits.append(hit)
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


_WORD = re.compile(r"\w+")
_FUNCTION = frozenset({"or", "single"})


def text_words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def _triggers(forms: set[str]) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """Every word part of every surface form (a superset is safe), and a regex for the forms whose
    characters are not all word characters ("s/he", "(s)he") so they are not missed."""
    words: set[str] = set()
    odd: list[str] = []
    for form in forms:
        parts = _WORD.findall(form.lower())
        words.update(parts)
        if not parts:
            odd.append(form)
    fused = (
        re.compile(
            "|".join(re.escape(f) for f in sorted(odd, key=len, reverse=True)), re.IGNORECASE
        )
        if odd
        else None
    )
    return frozenset(words), fused
