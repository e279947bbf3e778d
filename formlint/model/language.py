"""Language tags read one way everywhere: the short code formlint compares languages by.

Markup, Word and ODF styles, PDF ``/Lang``, XFA locales, Form.io locales and FHIR codes name a
language in many spellings (``nb-NO``, ``nb_NO``, ``NOB``, ``no``, ``no-NYN``, ``en-GB``,
``eng``, ``sme``). The parsers, the language detector and the engine must agree on which
language that is, so all of them read a tag with :func:`normalise_language`.
"""

from __future__ import annotations

from functools import lru_cache

# ISO 639-2/-3 codes of languages that also have an ISO 639-1 code, and the Norwegian
# macrolanguage. BCP 47 writes a language by its two-letter code where one exists (RFC 5646
# §2.2.1), so a three-letter locale (``nob_NO`` from Java or ODF, ``eng``) is the same language.
_PRIMARY = {
    # Norwegian (ISO 639-1 "no", 639-2 "nor") says neither Bokmål nor Nynorsk; far more text
    # marked so is Bokmål, and where it is not the words say so (nlp/langdetect.py)
    "no": "nb",
    "nor": "nb",
    "nob": "nb",
    "nno": "nn",
    "eng": "en",
    # Northern Sámi: ISO 639-1 "se", ISO 639-2/-3 "sme"
    "sme": "se",
}
# Variants that make Norwegian Nynorsk: RFC 5646's grandfathered "no-nyn" (preferred value nn),
# the "nynorsk" variant some systems write ("no-NO-nynorsk") and Java's legacy locale "no_NO_NY".
_NYNORSK_VARIANTS = frozenset({"nyn", "nynorsk", "ny"})


@lru_cache(maxsize=256)
def normalise_language(tag: str | None) -> str | None:
    """The language a tag names, as its primary subtag in lower case; None when it names none.

    * Region, script and variants are dropped (``nb-NO``, ``en-GB``, ``nb_NO`` → ``nb``, ``en``):
      the rules and lexicons do not vary by them. ``_`` (Java, ODF, XFA locales) reads as ``-``.
    * Three-letter codes with a two-letter one become it (``nob`` → ``nb``, ``nno`` → ``nn``,
      ``eng`` → ``en``, ``sme`` → ``se``); Norwegian (``no``, ``nor``) is Bokmål unless a
      Nynorsk variant follows (``no-nyn``, ``no-NO-nynorsk``, ``no_NO_NY`` → ``nn``).
    * Any other two- or three-letter code is kept as written, so a language without a lexicon
      keeps the code it is known by: the Sámi codes (``se``, ``sma``, ``smj``, ``smn``, ``sms``,
      ``sju``, ``sje``, ``sia``; ``nlp.langdetect.SAMI_CODES``) are how the engine knows to skip
      Sámi text, and a skipped language is named by this code in the note saying so.
    * A tag whose first subtag is letters of another length (``x-none``, ``i-klingon``) is kept
      whole: ``x`` or ``i`` alone names nothing, and the note should name what was written.
    * None for no tag, an empty one, or one whose first subtag is not ASCII letters (``*``,
      ``123``): it says nothing about the language, so the words decide.
    """
    if tag is None:
        return None
    lowered = tag.strip().replace("_", "-").lower()
    primary, _, rest = lowered.partition("-")
    if not (primary.isascii() and primary.isalpha()):
        return None
    if primary in ("no", "nor") and not _NYNORSK_VARIANTS.isdisjoint(rest.split("-")):
        return "nn"
    if len(primary) not in (2, 3):
        return lowered
    return _PRIMARY.get(primary, primary)
