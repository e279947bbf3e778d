"""The language layer: inflection tables, compounds, homographs, quotes and language detection."""

from __future__ import annotations

import re

import pytest

from formlint.engine.kinds.pair import PairMatch
from formlint.engine.kinds.term import TermMatch
from formlint.engine.loader import load_rules
from formlint.engine.runner import Engine
from formlint.model import Location, ParsedDocument, Scope, TextBlock, TextBlocks
from formlint.nlp.analysis import analyse
from formlint.nlp.langdetect import choose_language, detect
from formlint.nlp.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("word", "lang", "head"),
    [
        ("morsnavn", "nb", ("mor", "navn")),
        ("farsnavn", "nb", ("far", "navn")),
        ("morsfødselsnummer", "nb", ("mor", "fødselsnummer")),
        ("fars-e-post", "nb", ("far", "e-post")),
    ],
)
def test_compounds_split(word: str, lang: str, head: tuple[str, str]) -> None:
    assert load_lexicon(lang).split_compound(word) == head


@pytest.mark.parametrize(
    "word",
    [
        "mormor",
        "morfar",
        "morsmål",
        "farlig",
        "fartøy",
        "tårnmann",
        "enkemann",
        "farge",
        "morgen",
        "morsomt",
        "farvann",
        "formannskap",
        "jordmor",
    ],
)
def test_exceptions_never_split(word: str) -> None:
    lex = load_lexicon("nb")
    assert lex.split_compound(word) is None
    tok = analyse(word, "nb").tokens[0]
    assert not tok.concepts & {"mother", "father", "title-mann"}


def test_inflected_forms_share_a_lemma() -> None:
    for form in ("mor", "moren", "mora", "mors", "mødre", "mødrene"):
        assert "mor" in analyse(form, "nb").tokens[0].lemmas, form
    for form in ("mor", "mora", "mødrer"):
        assert "mor" in analyse(form, "nn").tokens[0].lemmas, form


def test_every_lemma_a_rule_names_is_in_the_lexicon() -> None:
    """A rule term is a lemma, @concept, or function word; lemmas must have inflection tables."""
    function_words = {
        "eller",
        "og",
        "/",
        "som",
        "alene",
        "aleine",
        "adopterer",
        "adopterar",
        "aktivitet",
        "aktiviteten",
        "aktivitetskrav",
        "til",
        "or",
        "and",
        "tongue",
        "tongues",
        "christmas",
        "mother's",
        "enslige",
        "mødre",
        "fedre",
    }
    for r in load_rules():
        m = r.spec.match
        words: list[tuple[str, str]] = []
        if isinstance(m, TermMatch):
            for lang, terms in {**m.terms, **m.strict_terms}.items():
                words += [(lang, w) for t in terms for alt in t.split() for w in alt.split("|")]
        elif isinstance(m, PairMatch):
            words += [(lang, w) for lang, pairs in m.pairs.items() for p in pairs for w in p]
        for lang, w in words:
            lex = load_lexicon(lang)
            if w in function_words or w.startswith("@"):
                if w.startswith("@"):
                    assert lex.forms_of(w), f"{r.spec.id}: concept {w} unknown in {lang}"
                continue
            assert lex.forms_of(w) or lex.lookup(w.lower()), (
                f"{r.spec.id}: {w!r} missing from rules/lexicon/{lang}.yaml"
            )


def _lint(engine: Engine, text: str, lang: str = "nb", scope: Scope = Scope.PARAGRAPH) -> list[str]:
    doc = ParsedDocument(
        source="t",
        format="example",
        language=lang,
        text_blocks=TextBlocks((TextBlock(text, scope, Location("t"), lang),)),
    )
    return [f.rule for f in engine.run(doc)[0]]


def test_far_as_a_verb_is_not_a_parent(engine: Engine) -> None:
    assert _lint(engine, "Han far til byen hver dag.") == []
    assert _lint(engine, "Bussen far fra torget klokka åtte.") == []
    assert _lint(engine, "Far til barnet må skrive under.") == ["parent-role-assumed"]


def test_hans_as_a_name_is_not_a_pronoun(engine: Engine) -> None:
    assert _lint(engine, "Kontakt Hans eller hennes kollega Kari.") == []
    assert _lint(engine, "Søkeren skal oppgi hans eller hennes inntekt.") == [
        "binary-pronoun-phrase"
    ]


def test_quoted_wording_is_discussed_not_used(engine: Engine) -> None:
    plan = "Digitale og papirbaserte skjemaer som kun har alternativene «mor» og «far» sender et signal."
    assert _lint(engine, plan) == []
    assert _lint(engine, 'Vi har fjernet teksten "han eller hun" fra alle skjemaer.') == []
    assert _lint(engine, 'skjemaer som kun har alternativene "mor" og "far"') == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kva heiter du, og kvar bur du?", "nn"),
        ("Eg ønskjer ikkje å oppgje dette", "nn"),
        ("Hva heter du, og hvor bor du?", "nb"),
        ("Jeg ønsker ikke å oppgi dette", "nb"),
        ("What is your name and date of birth?", "en"),
        ("Please enter your email address", "en"),
    ],
)
def test_detects_nb_nn_en_on_short_texts(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_sami_is_detected_and_skipped_with_a_note(engine: Engine) -> None:
    sma = "Dïhte mij sïjhtebe ussjedidh, jïh gaajhkh maanah lea jïjtjemse gïelesne."
    assert detect(sma) == "sma"
    doc = ParsedDocument(
        source="sma.html",
        format="html",
        language="sma",
        declared_language="sma",
        text_blocks=TextBlocks(
            (TextBlock("Mor jïh aehtjie", Scope.PARAGRAPH, Location("sma.html"), "sma"),)
        ),
    )
    findings, notes = engine.run(doc)
    assert findings == []
    assert any("Sámi" in n and "skipped" in n for n in notes)


def test_markup_wins_unless_the_text_clearly_disagrees() -> None:
    assert choose_language("Namn", "nb", "nb") == "nb"
    assert (
        choose_language("Skriv inn navnet ditt og hvor du bor, hvis du ikke har", "en", "nb")
        == "nb"
    )
    assert (
        choose_language("Gender", None, "nb") == "nb"
    )  # too short to tell: the document's language


def test_tokens_come_from_spacy() -> None:
    an = analyse("Mors navn: «Mor/Far» han/hun.", "nb")
    assert [t.text for t in an.tokens][:6] == ["Mors", "navn", ":", "«", "Mor", "/"]
    assert re.fullmatch(r"[a-z]+", an.tokens[0].lower[:3])
