"""Tell Bokmål from Nynorsk from English on short texts, and recognise Sámi to skip it.

Markup (``lang``) wins when present; this detector is the fallback, and the check that catches a
``resource.en.json`` full of Norwegian. It counts distinctive marker words from the lexicons (words
shared by nb and nn are in neither list) and answers only when one language clearly leads.
"""

from __future__ import annotations

import functools
import re

from formlint.nlp.lexicon import LEXICON_LANGUAGES, load_lexicon

SAMI_CODES = frozenset({"se", "sme", "sma", "smj", "smn", "sms", "sju", "sje", "sia", "smi"})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
# Letters that Norwegian and English never use but Sámi orthographies do.
_SAMI_LETTERS = re.compile(r"[đŋŧčšžïÐŊŦČŠŽÏ]")
_SAMI_WORDS = frozenset({"lea", "leat", "dahje", "ahte", "go", "gos", "jïh", "dïhte", "dle", "aaj", "gaajhkh", "mij", "jis", "daan", "dan", "mov", "ij", "lij", "sijjen", "dïsse", "gïele", "bïjre"})


def normalise_language(code: str | None) -> str | None:
    """``nb-NO`` -> ``nb``, ``no`` -> ``nb``, ``en-GB`` -> ``en``; other codes lower-cased as given."""
    if not code:
        return None
    c = code.strip().lower().replace("_", "-")
    if not c:
        return None
    base = c.split("-")[0]
    if base in ("no", "nob"):
        return "nb"
    if base == "nno":
        return "nn"
    if base == "eng":
        return "en"
    return base


def is_sami(code: str | None) -> bool:
    return normalise_language(code) in SAMI_CODES


@functools.cache
def _markers() -> dict[str, frozenset[str]]:
    sets = {lang: load_lexicon(lang).markers for lang in LEXICON_LANGUAGES}
    # a word that marks both nb and nn tells nothing between them
    shared = sets["nb"] & sets["nn"]
    return {"nb": sets["nb"] - shared, "nn": sets["nn"] - shared, "en": sets["en"], "no": shared}


def looks_sami(text: str) -> bool:
    if len(_SAMI_LETTERS.findall(text)) >= 2:
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    return len(words) >= 4 and sum(w in _SAMI_WORDS for w in words) >= 2


def detect(text: str) -> str | None:
    """``nb``, ``nn``, ``en``, ``sma`` (any Sámi) or None when unsure."""
    if looks_sami(text):
        return "sma"
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    m = _markers()
    en = sum(w in m["en"] for w in words)
    nb = sum(w in m["nb"] for w in words)
    nn = sum(w in m["nn"] for w in words)
    no = sum(w in m["no"] for w in words) + nb + nn
    if en > no and en >= 1 and (no == 0 or en >= 2 * no):
        return "en"
    if no > en:
        if nn > nb and (nb == 0 or nn >= 2 * nb):
            return "nn"
        if nb > nn and (nn == 0 or nb >= 2 * nn):
            return "nb"
        return "nb" if no >= 1 and nn == nb == 0 and len(words) > 12 else None
    return None
