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
_SAMI_WORDS = frozenset(
    {
        "lea",
        "leat",
        "dahje",
        "ahte",
        "go",
        "gos",
        "jïh",
        "dïhte",
        "dle",
        "aaj",
        "gaajhkh",
        "mij",
        "jis",
        "daan",
        "dan",
        "mov",
        "ij",
        "lij",
        "sijjen",
        "dïsse",
        "gïele",
        "bïjre",
    }
)


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


def scores(text: str) -> dict[str, int]:
    """Marker-word counts per language; ``no`` counts words shared by nb and nn."""
    words = [w.lower() for w in _WORD.findall(text)]
    m = _markers()
    return {lang: sum(w in m[lang] for w in words) for lang in ("en", "nb", "nn", "no")}


@functools.lru_cache(maxsize=4096)
def detect_with_margin(text: str) -> tuple[str | None, int]:
    """The leading language and by how many marker words it leads (0 when unsure).

    Cached by text: the answer depends on nothing else (the marker lists are loaded once), and
    the same labels, options and paragraphs come back on every page of a site (~13 calls a
    form page, each a regex pass and a word count).
    """
    if looks_sami(text):
        return "sma", 99
    sc = scores(text)
    norwegian = sc["nb"] + sc["nn"] + sc["no"]
    if sc["en"] > norwegian and (norwegian == 0 or sc["en"] >= 2 * norwegian):
        return "en", sc["en"] - norwegian
    if norwegian > sc["en"]:
        if sc["nn"] > sc["nb"] and (sc["nb"] == 0 or sc["nn"] >= 2 * sc["nb"]):
            return "nn", sc["nn"] - sc["nb"]
        if sc["nb"] > sc["nn"] and (sc["nn"] == 0 or sc["nb"] >= 2 * sc["nn"]):
            return "nb", sc["nb"] - sc["nn"]
    return None, 0


def detect(text: str) -> str | None:
    """``nb``, ``nn``, ``en``, ``sma`` (any Sámi) or None when unsure."""
    return detect_with_margin(text)[0]


def choose_language(text: str, marked: str | None, fallback: str) -> str:
    """Markup wins unless the text clearly says otherwise (a Norwegian string in resource.en.json).

    Telling English from Norwegian takes two clear marker words; overriding a Bokmål/Nynorsk label
    takes three, since the two standards share most words.
    """
    if marked in SAMI_CODES:
        return marked
    detected, margin = detect_with_margin(text)
    if detected in SAMI_CODES:
        return "sma"
    if not marked:
        return detected or fallback
    if marked not in ("nb", "nn", "en"):
        return marked
    if detected and detected != marked:
        crosses = "en" in (detected, marked)
        if margin >= (2 if crosses else 3):
            return detected
    return marked
