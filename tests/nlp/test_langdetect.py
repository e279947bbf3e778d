"""Language from the text (issue 14): Bokmål, Nynorsk and English told apart by their words, the
text winning over a declared language when it is clear, a single word keeping the declared one,
Sámi recognised. Every sentence here was written for this test."""

from __future__ import annotations

import pytest

from formlint.nlp import langdetect as ld
from formlint.nlp.langdetect import choose_language, detect, detect_with_margin, form_language

NB_LONG = (
    "Hvis du ikke har fått svar innen fire uker, kan du ringe oss eller sende en melding "
    "gjennom innboksen din."
)
NN_LONG = (
    "Dersom du ikkje har fått svar innan fire veker, kan du ringje oss eller sende ei melding "
    "gjennom innboksen din."
)
EN_LONG = (
    "If you have not heard from us within four weeks, you can call us or send a message "
    "through your inbox."
)
SAMI = "Dïhte mij vuesiehtamme, jïh gaajhkh maanah leah buerie gïelesne."


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Jeg vil ikke svare", "nb"),
        ("Hva er adressen din?", "nb"),
        ("Eg vil ikkje svare", "nn"),
        ("Kven skal få pengane?", "nn"),
        ("Kva er adressa di?", "nn"),
        ("I do not want to answer", "en"),
        ("What is your address?", "en"),
        ("Who will receive the money?", "en"),
        (NB_LONG, "nb"),
        (NN_LONG, "nn"),
        (EN_LONG, "en"),
    ],
)
def test_short_and_long_texts(text: str, lang: str) -> None:
    assert detect(text) == lang
    found, margin = detect_with_margin(text)
    assert found == lang and 0 < margin <= 100


@pytest.mark.parametrize("word", ["Mor", "Ja", "Kjønn", "Gender", "Namn", "Fødselsdato"])
def test_a_single_word_is_too_short_to_tell(word: str) -> None:
    assert detect(word) is None
    for marked in ("nb", "nn", "en"):
        assert choose_language(word, marked, "nb") == marked
    assert choose_language(word, None, "nn") == "nn"  # nothing marked: the document's language


def test_norwegian_marked_english_is_norwegian() -> None:
    assert (
        choose_language(
            "Vi trenger kopi av legeerklæringen før vi kan behandle søknaden", "en", "en"
        )
        == "nb"
    )
    assert choose_language(NN_LONG, "en", "nb") == "nn"
    # plainly Norwegian, the standard unclear: the document's standard
    assert choose_language("Mor eller far", "en", "nn") == "nn"


def test_the_text_wins_over_the_mark_when_confident() -> None:
    assert (
        choose_language("Vi treng kopi av legeerklæringa før vi kan handsame søknaden", "nb", "nb")
        == "nn"
    )
    assert choose_language(NB_LONG, "nn", "nn") == "nb"
    assert choose_language("Please tell us when your child started school", "nb", "nb") == "en"
    assert choose_language(EN_LONG, "nn", "nb") == "en"


def test_a_correct_mark_is_kept_when_the_text_is_unsure() -> None:
    # "Hvem" leans Bokmål, but two Norwegian words are not enough to override Nynorsk markup
    assert choose_language("Hvem skal motta pengene?", "nn", "nn") == "nn"
    assert choose_language("Relasjon til barnet", "nn", "nb") == "nn"
    assert choose_language("Relasjon til barnet", "nb", "nb") == "nb"


def test_other_marked_languages_are_left_as_marked() -> None:
    assert choose_language(NB_LONG, "de", "nb") == "de"
    assert choose_language(NB_LONG, "se", "nb") == "se"


def test_sami_is_recognised() -> None:
    assert detect(SAMI) == "sma"
    assert detect("Čále du nama ja du čujuhusa.") == "sma"
    assert choose_language(SAMI, "nb", "nb") == "sma"
    assert choose_language(SAMI, None, "nb") == "sma"
    assert ld.is_sami("se-NO") and ld.is_sami("sma") and not ld.is_sami("nb")


def test_a_sami_name_does_not_make_norwegian_sami() -> None:
    text = "Kontakt Sámediggi eller Čáhcesuolu kommune hvis du har spørsmål om dette"
    assert not ld.looks_sami(text)
    assert detect(text) == "nb"
    assert not ld.looks_sami("Go to the next page, or go back to the start")


def test_form_language_reads_the_whole_form() -> None:
    nb_form = [
        "Søknad om plass i barnehage",
        "Fornavn",
        "Etternavn",
        "Hvor bor du?",
        "Hvis barnet har behov for tilrettelegging, må du beskrive det her.",
        "Ja",
        "Nei",
    ]
    # a Word form whose styles say en-US
    assert form_language(nb_form, "en", "en") == "nb"
    assert form_language(nb_form, None, "en") == "nb"
    nn_form = [
        "Søknad om plass i barnehage",
        "Førenamn",
        "Etternamn",
        "Kvar bur du?",
        "Dersom barnet treng tilrettelegging, må du skildre det her.",
        "Ja",
        "Nei",
    ]
    assert form_language(nn_form, "nb", "nb") == "nn"
    en_form = ["Apply for a kindergarten place", "First name", "Where do you live?", "Yes", "No"]
    assert form_language(en_form, "nb", "nb") == "en"
    # too little to tell: the mark stands
    assert form_language(["Ja", "Nei"], "en", "nb") == "en"
    assert form_language([], None, "nn") == "nn"


def test_form_language_sami_only_when_most_of_it_is() -> None:
    assert form_language([SAMI, "Čále du nama ja du čujuhusa.", "Ja"], "nb", "nb") == "sma"
    assert form_language([NB_LONG, NB_LONG + " Takk.", SAMI], None, "nb") == "nb"
    assert form_language([NB_LONG], "sma", "nb") == "sma"


def test_a_long_form_is_sampled_not_read_whole() -> None:
    form = [f"Spørsmål {i}: Hvor mange timer i uka jobber du hjemme?" for i in range(2000)]
    assert sum(len(t) + 1 for t in ld._spread(form)) <= ld.FORM_SAMPLE_CHARS + 60
    assert form_language(form, "en", "en") == "nb"


def test_results_are_cached_by_text() -> None:
    text = "Hvor lenge har du bodd i kommunen?"
    ld.probabilities.cache_clear()
    choose_language.cache_clear()
    first = choose_language(text, "en", "nb")
    misses = ld.probabilities.cache_info().misses
    for _ in range(3):
        assert choose_language(text, "en", "nb") == first
    assert choose_language.cache_info().hits >= 3
    assert ld.probabilities(text) is ld.probabilities(text)
    assert ld.probabilities.cache_info().misses == misses
    assert ld._lingua() is ld._lingua()  # built once


def test_the_detector_is_not_asked_when_the_answer_is_known(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(text: str) -> ld.Probabilities:
        raise AssertionError(f"Lingua asked about {text!r}")

    monkeypatch.setattr(ld, "lingua_probabilities", fail)
    choose_language.cache_clear()
    ld.probabilities.cache_clear()
    try:
        assert choose_language("Kjønn", "en", "nb") == "en"  # one word
        assert choose_language("Hvor bor du nå?", "sma", "nb") == "sma"  # marked Sámi
        assert choose_language("Hvor bor du nå?", "de", "nb") == "de"  # no lexicon
        assert choose_language(SAMI, "nb", "nb") == "sma"
    finally:
        choose_language.cache_clear()
        ld.probabilities.cache_clear()


def test_probabilities_add_up() -> None:
    p = ld.probabilities(NN_LONG)
    assert abs(sum(p) - 1) < 1e-6
    assert p.nn > 0.9
    assert ld.probabilities("1234 5678") == ld.Probabilities(0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    "text",
    [
        NB_LONG,
        NN_LONG,
        EN_LONG,
        "Jeg vil ikke svare",
        "Eg vil ikkje svare",
        "What is your address?",
        "Hvem skal motta pengene?",
        "Mor eller far",
        "Vi treng kopi av legeerklæringa før vi kan handsame søknaden",
    ],
)
def test_the_words_only_shortcut_gives_the_full_answer(text: str) -> None:
    """When the distinctive words settle it, Lingua is not asked; the answer must be the same."""
    for marked in ("nb", "nn", "en"):
        full = ld._override(ld.probabilities(text), marked, marked)
        assert ld._choose(text, marked, marked) == full
