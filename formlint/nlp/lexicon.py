"""Shipped inflection tables (rules/lexicon/<lang>.yaml): surface form -> lemmas and concepts.

spaCy's trained Norwegian pipelines are not on the package registries and spaCy has no Nynorsk at
all, so matching by lemma relies on these hand-made tables instead of a lemmatiser. They also hold
the compound-splitting tables and the marker words the language detector uses.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from formlint.config.loader import load_yaml
from formlint.errors import ConfigError, RuleError
from formlint.util.resources import rules_dir

LEXICON_LANGUAGES = ("nb", "nn", "en")


@dataclass(frozen=True, slots=True)
class Entry:
    lemma: str
    concepts: frozenset[str]


@dataclass(slots=True)
class Lexicon:
    """One language's table, indexed for lookup by lower-cased surface form."""

    language: str
    spacy_language: str
    single: dict[str, list[Entry]] = field(default_factory=dict)
    multi: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(
        default_factory=dict
    )  # first word -> (words, entry)
    lemma_forms: dict[str, set[str]] = field(default_factory=dict)
    concept_forms: dict[str, set[str]] = field(default_factory=dict)
    modifiers: dict[str, list[str]] = field(default_factory=dict)  # linking form -> lemmas
    heads: frozenset[str] = frozenset()
    never_split: frozenset[str] = frozenset()
    markers: frozenset[str] = frozenset()

    def lookup(self, lower: str) -> list[Entry]:
        return self.single.get(lower, [])

    def forms_of(self, lemma_or_concept: str) -> set[str]:
        """All surface forms of a lemma, or of every lemma with that concept (``@concept``)."""
        if lemma_or_concept.startswith("@"):
            return self.concept_forms.get(lemma_or_concept[1:], set())
        return self.lemma_forms.get(lemma_or_concept, set())

    def split_compound(self, lower: str) -> tuple[str, str] | None:
        """``morsnavn`` -> (``mor``, ``navn``); None when the word is not a listed compound."""
        if lower in self.never_split or lower in self.single:
            return None
        for link, lemmas in self.modifiers.items():
            if lower.startswith(link):
                rest = lower[len(link) :].lstrip("-")
                if rest in self.heads:
                    return lemmas[0], rest
        return None


@functools.cache
def load_lexicon(language: str) -> Lexicon:
    path = rules_dir() / "lexicon" / f"{language}.yaml"
    try:
        # the strict loader: a duplicate key is an error (plain safe_load kept the last one)
        data, _lines = load_yaml(path.read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise RuleError(f"cannot load lexicon: {exc}", source=str(path)) from None
    except ConfigError as exc:
        raise RuleError(
            f"cannot load lexicon: {exc.message}", source=str(path), line=exc.line
        ) from None
    lex = Lexicon(language=language, spacy_language=data.get("spacy_language", language))
    for raw in data.get("entries", []):
        entry = Entry(lemma=raw["lemma"], concepts=frozenset(raw.get("concepts", [])))
        forms = {str(f).lower() for f in raw.get("forms", [])} | {entry.lemma.lower()}
        lex.lemma_forms.setdefault(entry.lemma, set()).update(forms)
        for c in entry.concepts:
            lex.concept_forms.setdefault(c, set()).update(forms)
        for form in forms:
            words = tuple(form.split())
            if len(words) == 1:
                lex.single.setdefault(form, []).append(entry)
            else:
                lex.multi.setdefault(words[0], []).append((words, entry))
    comp = data.get("compounds") or {}
    for lemma, links in (comp.get("modifiers") or {}).items():
        for link in links:
            lex.modifiers.setdefault(str(link).lower(), []).append(lemma)
    # longest linking form first: "mors" before "mor"
    lex.modifiers = dict(sorted(lex.modifiers.items(), key=lambda kv: -len(kv[0])))
    lex.heads = frozenset(str(h).lower() for h in comp.get("heads") or [])
    lex.never_split = frozenset(str(w).lower() for w in comp.get("never_split") or [])
    lex.markers = frozenset(str(w).lower() for w in data.get("markers") or [])
    return lex
