"""Report strings: Bokmål, Nynorsk and English have the same keys, so no report mixes them."""

from __future__ import annotations

import re
import string

import pytest

from formlint.report.i18n import (
    EN,
    LANGUAGES,
    NB,
    NN,
    html_lang,
    severity_count,
    status_label,
    strings,
)


def test_every_language_has_every_key() -> None:
    assert set(NN) == set(NB) == set(EN)


@pytest.mark.parametrize("key", sorted(NB))
def test_placeholders_agree(key: str) -> None:
    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    assert fields(NB[key]) == fields(NN[key]) == fields(EN[key]), key


def test_nynorsk_is_not_bokmal() -> None:
    """The words that give Bokmål away are not in the Nynorsk table."""
    bokmal_only = re.compile(
        r"\b(ikke|skjemaer|enhet|rød|grønn|hvorfor|hva|hvor|advarsel|sidevisninger|utløper|"
        r"fremdrift|fremskrivning|forrige|endringer|nettsted|åpne|rettet|også|skanninger|steder|"
        r"nettsteder|flere|kjører|skanner|stoppet|ukjent|igjen)\b",
        re.IGNORECASE,
    )
    leaks = {k: v for k, v in NN.items() if bokmal_only.search(v)}
    assert not leaks
    assert [status_label(s, "nn") for s in ("red", "orange", "green")] == [
        "Raud",
        "Oransje",
        "Grøn",
    ]


def test_unknown_language_is_bokmal() -> None:
    assert strings("se") is NB and html_lang("se") == "nb"
    assert {html_lang(lang) for lang in LANGUAGES} == {"nb", "nn", "en"}


@pytest.mark.parametrize(
    ("n", "sev", "lang", "expected"),
    [
        (1, "warning", "nb", "1 advarsel"),
        (3, "warning", "nb", "3 advarsler"),
        (2, "warning", "nn", "2 åtvaringar"),
        (1, "warning", "nn", "1 åtvaring"),
        (2, "error", "nb", "2 feil"),
        (1, "error", "en", "1 error"),
        (2, "error", "en", "2 errors"),
        (5, "suggestion", "en", "5 suggestions"),
        (5, "suggestion", "nn", "5 forslag"),
        (2, "info", "en", "2 info"),
    ],
)
def test_a_count_of_findings_agrees_with_its_number(
    n: int, sev: str, lang: str, expected: str
) -> None:
    assert severity_count(n, sev, lang) == expected
