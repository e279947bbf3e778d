"""Tell Bokmål from Nynorsk from English by the words of a text, and recognise Sámi to skip it.

Declared languages lie (Word styles say en-US on Norwegian forms, CMS templates ship ``lang="en"``,
a ``resource.en.json`` can hold Norwegian): the words decide, whenever they are enough to tell.

How (measured in ``benchmarks/language_detection.py``; figures in BENCHMARKS.md, issue 14):

* Norwegian or English: Lingua (``lingua-language-detector``), restricted to Bokmål, Nynorsk and
  English, in its high-accuracy mode, with its log-odds capped and moved by distinctive words. On
  ~23,700 labelled strings from NAV's Form.io translation files it is right on 95–100 % of English
  strings of every length; the marker-word counter this module had before was right on 17 % of
  one- and two-word strings and 73 % of three- to five-word ones (unsure on the rest).
* Bokmål or Nynorsk: Lingua leans to Nynorsk on plain Bokmål (it gives "nn" with certainty to
  paragraphs full of *hvis*, *fra*, *et*), so its Bokmål/Nynorsk log-odds are capped and added to
  the count of words only one standard writes (the lexicons' markers, the lists below, endings
  such as *-lig*/*-leg*, *-het*/*-heit*, *-inger*/*-ingar*): 88 → 94 % right on Bokmål strings
  (its most likely answer), Nynorsk unchanged at 95 %.
* Sámi: Lingua has no Sámi, so Sámi letters and function words decide, before anything else.

Lingua's low-accuracy mode loads in 50 ms instead of ~1 s, takes ~10 MB instead of ~100 MB and
is twice as fast a call (~60 against ~110 µs), but it is 4–5 points worse on Bokmål and Nynorsk
and 7 points worse on one- and two-word English: the high-accuracy detector is used, built once,
lazily, on the first text that needs it, and only asked where the words alone do not settle the
answer. With Danish, Swedish and German besides, Lingua takes ~70 % more time a call and ~80 MB
more; its first answer sends 17 % of one-word and 12 % of two-word Norwegian and English strings
to them (at 0.9 confidence only 1 string of ~23,700) and one- and two-word Bokmål drops from 82
to 64 % right. Danish, Swedish and German text is rare on Norwegian public-sector forms, and linted
as Norwegian it mostly finds nothing: they are left out.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from formlint.model.language import normalise_language
from formlint.nlp.lexicon import LEXICON_LANGUAGES, load_lexicon

if TYPE_CHECKING:
    from lingua import LanguageDetector

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
        # Northern Sámi
        "dát",
        "dán",
        "dat",
        "mii",
        "gii",
        "mun",
        "don",
        "sii",
        "buot",
        "birra",
        "ovdal",
        "galgá",
        "sáhttá",
        "sáhttit",
    }
)

# --- thresholds, from the sweep that benchmarks/language_detection.py prints ("override sweep"):
# the share of correctly marked strings the text would wrongly override ("harm") against the share
# of wrongly marked strings it puts right ("fix"), per length, on NAV's translation strings.
#
# English against Norwegian: at 0.9 the harm is 0.2 % on two-word strings and 0.0 % from three
# words up, while 80 % (two words), 94 % (3–5), 99 % (6–15) and 99.9 % (16+) of mis-marked strings
# are put right; at 0.8 the harm is 0.3 % and 0.1 % for 8 and 3 points more fixes on two- and
# three-to-five-word strings. A wrongly overridden string is linted with the wrong lexicon and its
# findings silently lost, while a whole mis-marked document is put right by form_language anyway.
CROSS_CONFIDENCE = 0.9
# Bokmål against Nynorsk: at 0.8 the harm is 0.2–0.3 % up to 15 words (0.7 % on paragraphs, mostly
# Bokmål keys with Nynorsk in them) and 42 % (two words) to 94 % (16+) of mis-marked strings are
# put right; at 0.7 the harm is 0.7–1.1 % everywhere, at 0.9 only 17–48 % of strings under 16
# words are put right. The two standards share most words and most rules match both, so a wrong
# override costs more than a missed one.
NB_NN_CONFIDENCE = 0.8
# A single word ("Mor", "Ja", "Kjønn", "Gender") never overrides the markup: the word alone cannot
# tell (Lingua gives "Mor" to English), and the brief is to trust the markup where the text cannot
# say otherwise.
MIN_WORDS = 2
# the thresholds as log-odds, for the words-only shortcut in _choose
_THRESHOLD_LOGIT = (
    math.log(CROSS_CONFIDENCE / (1 - CROSS_CONFIDENCE)),
    math.log(NB_NN_CONFIDENCE / (1 - NB_NN_CONFIDENCE)),
)
# Lingua's log-odds (English/Norwegian, Bokmål/Nynorsk) are capped (it is certain, and wrong, on
# many Bokmål paragraphs) and each distinctive word adds one: caps 1–5 and weights 0.5–2 measured
# within 0.3 points of each other.
_LINGUA_LOGIT_CAP = 3.0
_CUE_WEIGHT = 1.0
# How much of a form is read to tell its language: every document of ten strings or more in the
# benchmark is told right from it; 2–5 ms, once a document.
FORM_SAMPLE_CHARS = 3000

# Words of one standard that the other does not allow (after the 2012 Nynorsk reform; words both
# allow, such as "også", "derfor", "heim" or "søker", are in neither list). They add to the
# lexicons' marker words.
# fmt: off
_NB_WORDS = frozenset(
    {
        "jeg", "ikke", "hva", "hvem", "hvor", "hvordan", "hvorfor", "hvilken", "hvilket",
        "hvilke", "hvis", "hver", "hvert", "hverandre", "noe", "noen", "fra", "bare", "mye",
        "kun", "uten", "selv", "hun", "ham", "dere", "deres", "disse", "de", "dem", "en", "et",
        "ble", "vært", "være", "gjøre", "gjør", "sier", "ennå", "fremdeles", "frem", "innen",
        "siden", "eneste", "annen", "annet", "mer", "flere", "sammen", "samme", "senere",
        "tidligere", "nødvendig", "mulig", "vanlig", "hele", "egen", "eget", "egne",
        "opplysninger", "gjelder", "trenger", "valgt", "velg", "velge", "mottar", "vennligst",
        "enten", "krever", "tilfeller", "mener", "samboer", "gutt",
    }
)
_NN_WORDS = frozenset(
    {
        "eg", "ikkje", "kva", "kven", "kvar", "korleis", "kvifor", "kvart", "kvarandre",
        "nokon", "noko", "nokre", "frå", "berre", "mykje", "utan", "sjølv", "ho", "dykk",
        "dykkar", "deira", "desse", "dei", "ein", "eit", "vorte", "vore", "vere", "vera",
        "gjere", "gjer", "seier", "enno", "framleis", "difor", "innan", "sidan", "einaste",
        "annan", "meir", "fleire", "saman", "same", "seinare", "tidlegare", "naudsynt",
        "mogleg", "vanleg", "heile", "eigen", "eige", "eigne", "opplysningar", "ønskjer",
        "ynskjer", "treng", "følgjer", "valt", "mottek", "søkjer", "søkjar", "søkjaren", "òg",
        "då", "kjem", "kome", "teke", "gjeve", "anten", "meiner", "velje", "hjå", "sambuar",
        "born", "gut",
    }
)
# fmt: on
# Endings only one standard writes: -lig/-leg, -het/-heit, -inger/-ingar, the Bokmål s-passive
# (-es after a consonant: "sendes", "dekkes") and Nynorsk -ane and -ast ("sendast", "seinast"; not
# "fast", "last", "kast", "kontrast", "podcast").
_NB_ENDINGS = (
    "lig",
    "lige",
    "ligere",
    "ligst",
    "ligste",
    "het",
    "heten",
    "heter",
    "inger",
    "ingene",
)
_NN_ENDINGS = ("leg", "legare", "legast", "legaste", "heit", "heita", "heiter", "ingar", "ingane")
_VOWELS = frozenset("aeiouyæøå")


def _nb_ending(w: str) -> bool:
    return w.endswith(_NB_ENDINGS) or (len(w) >= 5 and w.endswith("es") and w[-3] not in _VOWELS)


def _nn_ending(w: str) -> bool:
    return (
        w.endswith(_NN_ENDINGS)
        or (len(w) >= 6 and w.endswith("ane"))
        or (len(w) >= 7 and w.endswith("ast") and w[-4] not in "fklrc")
    )


# English against Norwegian: English function and form words that are no Norwegian word (the
# lexicon's English markers less "for", "by", "be", "to", "do", which are), against Norwegian
# ones (the lexicons' markers, these, and any word with æ, ø or å).
# fmt: off
_EN_WORDS = frozenset(
    {
        "the", "and", "of", "your", "you", "what", "please", "enter", "with", "this", "that",
        "which", "who", "will", "would", "should", "have", "has", "are", "not", "name", "email",
        "address", "birth", "from", "how", "when", "where", "our", "their", "they", "them",
        "we", "us", "been", "does", "select", "must", "about", "other", "if", "or", "it", "its",
        "an", "was", "were", "can", "may", "any", "than", "there", "these", "those",
    }
)
_NOT_EN = frozenset({"for", "by", "be", "to", "do"})
_NO_WORDS = frozenset(
    {
        "og", "er", "på", "til", "av", "det", "som", "med", "har", "kan", "skal", "må", "vil",
        "eller", "om", "ved", "etter", "når", "også", "hos", "din", "ditt", "dine", "deg",
        "seg", "sin", "sitt", "vi", "oss", "du", "han", "dato", "skjema", "skjemaet", "søknad",
    }
)
# fmt: on
_NORDIC_LETTER = re.compile(r"[æøå]")


class Cues(NamedTuple):
    """Counts of words only Bokmål writes, only Nynorsk writes, English words, Norwegian words."""

    nb: int
    nn: int
    en: int
    no: int


class Probabilities(NamedTuple):
    """How likely a text is Bokmål, Nynorsk or English (they add up to 1, or all 0 on no text)."""

    nb: float
    nn: float
    en: float


def is_sami(code: str | None) -> bool:
    return normalise_language(code) in SAMI_CODES


@functools.cache
def _markers() -> dict[str, frozenset[str]]:
    sets = {lang: load_lexicon(lang).markers for lang in LEXICON_LANGUAGES}
    # a word that marks both nb and nn tells nothing between them
    shared = sets["nb"] & sets["nn"]
    return {"nb": sets["nb"] - shared, "nn": sets["nn"] - shared, "en": sets["en"], "no": shared}


@functools.cache
def _cue_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    m = _markers()
    nb, nn = m["nb"] | _NB_WORDS, m["nn"] | _NN_WORDS
    en = (m["en"] - _NOT_EN) | _EN_WORDS
    no = (nb | nn | m["no"] | _NO_WORDS) - en
    return nb - nn, nn - nb, en, no


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def looks_sami(text: str) -> bool:
    """Two Sámi letters, or (four words or more) two different Sámi function words, and in either
    case Sámi words making a fifth of the text at least: a Norwegian paragraph that names
    "Čáhcesuolu" and "Đoković", or English that says "go" twice, is not Sámi."""
    letters = len(_SAMI_LETTERS.findall(text))
    if letters < 2 and not _SAMI_WORDS.intersection(_words(text)):
        return False  # the common case, in one pass
    words = _words(text)
    if letters < 2 and (len(words) < 4 or len(_SAMI_WORDS.intersection(words)) < 2):
        return False
    sami = sum(w in _SAMI_WORDS or _SAMI_LETTERS.search(w) is not None for w in words)
    return sami * 5 >= len(words)


def scores(text: str) -> dict[str, int]:
    """Marker-word counts per language; ``no`` counts words shared by nb and nn."""
    words = _words(text)
    m = _markers()
    return {lang: sum(w in m[lang] for w in words) for lang in ("en", "nb", "nn", "no")}


def cues(text: str) -> Cues:
    """The distinctive words (and word endings) of the text, per language; see the lists above."""
    nb_words, nn_words, en_words, no_words = _cue_words()
    nb = nn = en = no = 0
    for w in _words(text):
        if w in nb_words:
            nb += 1
        elif w in nn_words:
            nn += 1
        elif _nb_ending(w):
            nb += 1
        elif _nn_ending(w):
            nn += 1
        if w in en_words:
            en += 1
        elif w in no_words or _NORDIC_LETTER.search(w):
            no += 1
    return Cues(nb, nn, en, no)


@functools.cache
def _lingua() -> LanguageDetector:
    """Built on first use: Bokmål, Nynorsk and English only, high-accuracy mode (its models load
    lazily on the first texts, ~1 s and ~100 MB)."""
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.BOKMAL, Language.NYNORSK, Language.ENGLISH
    ).build()


def load_models() -> None:
    """Load Lingua's models now rather than on the first text, for a process that others are
    forked from. By detecting one word: that loads them all, on this thread (Lingua's own
    preloading uses a thread pool, which a process to be forked from must not have)."""
    lingua_probabilities("skjemaet")


def lingua_probabilities(text: str) -> Probabilities:
    """Lingua's own confidence values for nb, nn and en (uncached)."""
    from lingua import Language

    values = {c.language: c.value for c in _lingua().compute_language_confidence_values(text)}
    return Probabilities(
        values.get(Language.BOKMAL, 0.0),
        values.get(Language.NYNORSK, 0.0),
        values.get(Language.ENGLISH, 0.0),
    )


def _logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return max(-_LINGUA_LOGIT_CAP, min(_LINGUA_LOGIT_CAP, math.log(p / (1 - p))))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, x))))


def _probabilities(text: str) -> Probabilities:
    """Lingua's probabilities, each of its two questions (English or Norwegian; Bokmål or Nynorsk)
    as capped log-odds plus one for each distinctive word."""
    p = lingua_probabilities(text)
    if p.nb + p.nn + p.en <= 0.0:  # no letters
        return p
    c = cues(text)
    en = _sigmoid(_logit(p.en) + _CUE_WEIGHT * (c.en - c.no))
    nb_share = _sigmoid(_logit(p.nb / max(p.nb + p.nn, 1e-12)) + _CUE_WEIGHT * (c.nb - c.nn))
    return Probabilities((1 - en) * nb_share, (1 - en) * (1 - nb_share), en)


@functools.lru_cache(maxsize=8192)
def probabilities(text: str) -> Probabilities:
    """Bokmål/Nynorsk/English probabilities: Lingua's, its English/Norwegian and Bokmål/Nynorsk
    odds moved by the distinctive words. Cached by text: labels come back on every page of a site."""
    return _probabilities(text)


def _confident(p: Probabilities) -> str | None:
    if p.en >= CROSS_CONFIDENCE:
        return "en"
    if p.nb + p.nn >= CROSS_CONFIDENCE:
        if p.nb >= NB_NN_CONFIDENCE:
            return "nb"
        if p.nn >= NB_NN_CONFIDENCE:
            return "nn"
    return None


@functools.lru_cache(maxsize=8192)
def detect_with_margin(text: str) -> tuple[str | None, int]:
    """The language the text is confidently in, and by how many percentage points it leads the
    next (0 when unsure: a single word, or no language clear enough). Sámi leads by 99."""
    if looks_sami(text):
        return "sma", 99
    if len(_WORD.findall(text)) < MIN_WORDS:
        return None, 0
    p = probabilities(text)
    lang = _confident(p)
    if lang is None:
        return None, 0
    first, second = sorted(p, reverse=True)[:2]
    return lang, round(100 * (first - second))


def detect(text: str) -> str | None:
    """``nb``, ``nn``, ``en``, ``sma`` (any Sámi) or None when unsure."""
    return detect_with_margin(text)[0]


def _override(
    p: Probabilities,
    base: str,
    fallback: str,
    *,
    cross: float = CROSS_CONFIDENCE,
    nb_nn: float = NB_NN_CONFIDENCE,
) -> str:
    """``base`` (nb, nn or en) unless the probabilities clearly say another language."""
    if base == "en":
        if p.nb + p.nn < cross:
            return "en"
        if p.nb >= nb_nn:
            return "nb"
        if p.nn >= nb_nn:
            return "nn"
        # Norwegian for sure, which standard is unclear: the document's, when it is one
        if fallback in ("nb", "nn"):
            return fallback
        return "nb" if p.nb >= p.nn else "nn"
    if p.en >= cross:
        return "en"
    other, p_other = ("nn", p.nn) if base == "nb" else ("nb", p.nb)
    return other if p_other >= nb_nn else base


def _choose(text: str, marked: str | None, fallback: str, *, cached: bool = True) -> str:
    if marked in SAMI_CODES:
        return marked
    if cached and looks_sami(text):
        return "sma"
    if marked and marked not in ("nb", "nn", "en"):
        return marked  # a language without a lexicon, as marked: skipped, and said so
    base = marked or fallback
    if len(_WORD.findall(text)) < MIN_WORDS:
        return base
    if base not in ("nb", "nn", "en"):  # nothing marked and an odd fallback
        return _confident(probabilities(text) if cached else _probabilities(text)) or base
    if _words_confirm(cues(text), base):
        return base
    return _override(probabilities(text) if cached else _probabilities(text), base, fallback)


def _words_confirm(c: Cues, base: str) -> bool:
    """True when the distinctive words alone keep ``base`` whatever Lingua says: its log-odds are
    capped, so enough words for ``base`` put every override out of reach (same answer, no call).
    """
    reach = _LINGUA_LOGIT_CAP
    if base == "en":  # Norwegian needs P(en) <= 1 - CROSS_CONFIDENCE
        return _CUE_WEIGHT * (c.en - c.no) > reach - _THRESHOLD_LOGIT[0]
    ours, theirs = (c.nb, c.nn) if base == "nb" else (c.nn, c.nb)
    return (
        _CUE_WEIGHT * (c.no - c.en) > reach - _THRESHOLD_LOGIT[0]  # English out of reach
        and _CUE_WEIGHT * (ours - theirs) > reach - _THRESHOLD_LOGIT[1]  # the other standard too
    )


@functools.lru_cache(maxsize=16384)
def choose_language(text: str, marked: str | None, fallback: str) -> str:
    """The text's language: the marked one (else ``fallback``) unless the words confidently say
    another. A single word keeps the marked language; Sámi text is ``sma`` (skipped later).

    English/Norwegian overrides need 90 % confidence and Bokmål/Nynorsk ones 80 % (see the
    thresholds above for why). Cached by its arguments: the same labels and options come back on
    every page of a site, and a form page asks ~13 times.
    """
    return _choose(text, marked, fallback)


def _spread(texts: Sequence[str]) -> list[str]:
    """The texts, or every k-th of them when they are more than the budget, so a sample spreads
    over the whole form or page, not its first screen."""
    total = sum(len(t) + 1 for t in texts)
    step = max(1, math.ceil(total / FORM_SAMPLE_CHARS))
    return list(texts[::step])


def form_language(texts: Sequence[str], marked: str | None, fallback: str) -> str:
    """The language of a whole form or document from its words, the text winning over ``marked``
    when confident (a Word form whose styles say en-US but whose text is Norwegian; a CMS page
    marked lang="en").

    Reads a sample of up to ~3,000 characters of its distinct texts, spread over it (a page's
    hundreds of blocks cost one pass over the sample). Sámi only when most of the sampled texts
    are Sámi (one Sámi name in a Norwegian form does not make it Sámi).
    """
    if marked in SAMI_CODES:
        return marked
    picked = [t for t in _spread(list(dict.fromkeys(t.strip() for t in texts))) if t]
    picked = [t for t in picked if _WORD.search(t)]
    if picked and sum(looks_sami(t) for t in picked) * 2 > len(picked):
        return "sma"
    sample = "\n".join(picked)[:FORM_SAMPLE_CHARS]
    if not sample:
        return marked or fallback
    return _choose(sample, marked, fallback, cached=False)
