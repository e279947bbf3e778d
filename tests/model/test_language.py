"""The one reading of language tags (formlint.model.language): markup, styles and locales from
every format name the same language by the same code."""

from __future__ import annotations

import pytest

from formlint.model.language import normalise_language
from formlint.nlp.langdetect import SAMI_CODES

CASES: list[tuple[str | None, str | None]] = [
    # no tag, or one that names no language: the words decide
    (None, None),
    ("", None),
    ("  ", None),
    ("*", None),
    ("123", None),
    ("-nb", None),
    ("nø", None),
    # the lexicon languages, region, script and case dropped; "_" as in Java/ODF/XFA locales
    ("nb", "nb"),
    ("nb-NO", "nb"),
    ("nb_NO", "nb"),
    ("NB-no", "nb"),
    (" nb-NO ", "nb"),
    ("nb-Latn-NO", "nb"),
    ("nn", "nn"),
    ("nn-NO", "nn"),
    ("nn_NO", "nn"),
    ("en", "en"),
    ("en-GB", "en"),
    ("en-US", "en"),
    ("en_GB", "en"),
    # three-letter codes with a two-letter one (BCP 47 writes the two-letter code)
    ("nob", "nb"),
    ("nob_NO", "nb"),
    ("nno", "nn"),
    ("eng", "en"),
    ("ENG", "en"),
    # Norwegian: Bokmål unless a Nynorsk variant says otherwise
    ("no", "nb"),
    ("no-NO", "nb"),
    ("nor", "nb"),
    ("no-bok", "nb"),
    ("no-nyn", "nn"),
    ("no-NO-nynorsk", "nn"),
    ("no_NO_NY", "nn"),
    ("nor-nyn", "nn"),
    # Sámi: Northern Sámi by its two-letter code, the others by the codes they are known by
    ("se", "se"),
    ("se-NO", "se"),
    ("sme", "se"),
    ("sme_NO", "se"),
    ("SMA", "sma"),
    ("sma-NO", "sma"),
    ("smj-NO", "smj"),
    ("smn", "smn"),
    ("sms", "sms"),
    ("sju", "sju"),
    ("sje", "sje"),
    ("sia", "sia"),
    ("smi", "smi"),
    # other languages keep their code (a note names them when their text is skipped)
    ("sv-SE", "sv"),
    ("da", "da"),
    ("de-DE", "de"),
    ("fkv", "fkv"),
    ("swe", "swe"),
    # first subtag of letters but not a language code: the tag as written
    ("x-none", "x-none"),
    ("i-klingon", "i-klingon"),
    ("english", "english"),
]


@pytest.mark.parametrize(("tag", "expected"), CASES)
def test_normalise_language(tag: str | None, expected: str | None) -> None:
    assert normalise_language(tag) == expected


@pytest.mark.parametrize(("tag", "expected"), CASES)
def test_a_normalised_tag_reads_as_itself(tag: str | None, expected: str | None) -> None:
    """The engine normalises what the parsers normalised already: that must change nothing."""
    assert normalise_language(expected) == expected


@pytest.mark.parametrize("code", sorted(SAMI_CODES))
def test_sami_stays_sami(code: str) -> None:
    """Sámi text is recognised by its code to be skipped with a note; no reading may lose that."""
    assert normalise_language(code) in SAMI_CODES
    assert normalise_language(f"{code.upper()}-NO") in SAMI_CODES
