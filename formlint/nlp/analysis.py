"""Tokenise a text with spaCy and annotate each token with lemmas, concepts and quoting.

spaCy's built-in language data (``spacy.blank``) tokenises Bokmål, Nynorsk (with the Bokmål rules)
and English without any trained model. When a trained pipeline happens to be installed
(``nb_core_news_sm``, ``en_core_web_sm``) its POS tags feed the homograph guards; it is never
required. spaCy is imported on first use only, so ``formlint --version`` stays fast.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from formlint.nlp.lexicon import Lexicon, load_lexicon

# Quoted spans: «…», “…”, ”…”, „…“, "…", and '…' only when the quotes stand at word edges (so
# "mother's" is no quote). Text inside discusses wording ("skjemaer med «mor» og «far»").
_QUOTES = re.compile(
    r"«[^»]{0,200}»|“[^”]{0,200}”|”[^”]{0,200}”|„[^“”]{0,200}[“”]|\"[^\"]{0,200}\"|(?<!\w)'[^']{1,200}'(?!\w)|‘[^’]{1,200}’"
)

_TRAINED = {"nb": "nb_core_news_sm", "en": "en_core_web_sm"}


@dataclass(frozen=True, slots=True)
class Tok:
    """One token with what the lexicon knows of it."""

    text: str
    lower: str
    start: int  # character offsets in the analysed text
    end: int
    quoted: bool
    lemmas: frozenset[str]
    concepts: frozenset[str]
    compound: tuple[str, str] | None = None  # (modifier lemma, head) for split compounds
    pos: str = ""  # from a trained pipeline when installed


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    language: str
    tokens: tuple[Tok, ...]

    def concepts(self) -> set[str]:
        out: set[str] = set()
        for t in self.tokens:
            out |= t.concepts
        return out


@functools.cache
def _tokenizer(spacy_language: str) -> Any:
    import spacy

    return spacy.blank(spacy_language).tokenizer


@functools.cache
def trained_pipeline(spacy_language: str) -> Any | None:
    """A trained pipeline if one is installed (never downloaded), else None."""
    name = _TRAINED.get(spacy_language)
    if not name:
        return None
    try:
        import spacy.util

        if not spacy.util.is_package(name):
            return None
        import spacy

        return spacy.load(name, exclude=["ner", "parser"])
    except (ImportError, OSError):
        return None


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]


@functools.lru_cache(maxsize=8192)  # labels repeat across a site; prose rarely does
def analyse(text: str, language: str) -> Analysis:
    """Tokens of ``text`` in ``language`` (nb, nn or en), annotated from the lexicon."""
    lex = load_lexicon(language)
    quotes = quoted_spans(text)
    trained = trained_pipeline(lex.spacy_language)
    doc = trained(text) if trained is not None else _tokenizer(lex.spacy_language)(text)
    toks: list[Tok] = []
    for t in doc:
        start, end = t.idx, t.idx + len(t.text)
        lower = t.text.lower()
        entries = lex.lookup(lower)
        compound = None
        if not entries and len(lower) > 4:
            compound = lex.split_compound(lower)
            if compound:
                entries = lex.lookup(compound[0])
        quoted = any(qs <= start and end <= qe for qs, qe in quotes)
        toks.append(
            Tok(
                text=t.text,
                lower=lower,
                start=start,
                end=end,
                quoted=quoted,
                lemmas=frozenset(e.lemma for e in entries),
                concepts=frozenset(c for e in entries for c in e.concepts),
                compound=compound,
                pos=getattr(t, "pos_", "") or "",
            )
        )
    _apply_multiword(toks, lex)
    return Analysis(text=text, language=language, tokens=tuple(toks))


def _apply_multiword(toks: list[Tok], lex: Lexicon) -> None:
    """Give every token of a multi-word form ("first name", "gender identity") its concepts."""
    if not lex.multi:
        return
    i = 0
    while i < len(toks):
        cands = lex.multi.get(toks[i].lower)
        matched = 0
        if cands:
            for words, entry in cands:
                n = len(words)
                if tuple(t.lower for t in toks[i : i + n]) == words:
                    for j in range(i, i + n):
                        t = toks[j]
                        toks[j] = Tok(
                            t.text,
                            t.lower,
                            t.start,
                            t.end,
                            t.quoted,
                            t.lemmas | {entry.lemma},
                            t.concepts | entry.concepts,
                            t.compound,
                            t.pos,
                        )
                    matched = max(matched, n)
        i += max(matched, 1)


def load_models() -> None:
    """Load spaCy's tokenizers (and a trained pipeline, if installed) now rather than on the first
    text: for a process that others are forked from, so that each starts with them loaded."""
    from formlint.nlp.lexicon import LEXICON_LANGUAGES

    for language in LEXICON_LANGUAGES:
        spacy_language = load_lexicon(language).spacy_language
        _tokenizer(spacy_language)
        trained_pipeline(spacy_language)
