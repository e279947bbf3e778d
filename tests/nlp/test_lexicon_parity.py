"""Nynorsk (and English) parity of the inflection tables, and that they are what
tools/make_lexicon.py makes (rules/lexicon/*.yaml, DOMAIN.md §3 and §8)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from formlint.nlp.analysis import analyse
from formlint.nlp.lexicon import load_lexicon

REPO = Path(__file__).resolve().parents[2]
LEXICON = REPO / "rules" / "lexicon"
TOOL = REPO / "tools" / "make_lexicon.py"

# The Nynorsk lemma of a Bokmål entry where the two standards spell it differently.
NN_LEMMA = {
    "foresatt": "føresett",
    "verge": "verje",
    "gutt": "gut",
    "annet": "anna",
    "ikke-binær": "ikkje-binær",
    "ukjent": "ukjend",
    "ham": "honom",
    "hun": "ho",
    "hennes": "hennar",
    "de": "dei",
    "vedkommende": "vedkomande",
    "navn": "namn",
    "tiltalsnavn": "tiltalsnamn",
    "enke": "enkje",
    "enkemann": "enkjemann",
    "ombudsmann": "ombodsmann",
    "enslig": "einsleg",
}
# Bokmål entries allowed to have no Nynorsk entry with the same concepts: none at present. Add one
# only with the reason, e.g. "x": "a Bokmål-only legal term; Nynorsk law text uses y (entry y)".
NN_ALLOWED_MISSING: dict[str, str] = {}

# Concepts of nb.yaml that en.yaml need not have, and why.
EN_ALLOWED_MISSING = {
    "title-mamma": "English has no -mamma title (childminder is already neutral)",
    "pron-n": "no standard English counterpart of «hen»; singular they is pron-they",
    "person-neutral": "English says «the person» or singular they (pron-they)",
}


def _entries(lang: str) -> list[dict[str, object]]:
    data = yaml.safe_load((LEXICON / f"{lang}.yaml").read_text(encoding="utf-8"))
    return list(data["entries"])


def _concepts(entry: dict[str, object]) -> frozenset[str]:
    return frozenset(entry.get("concepts") or [])  # type: ignore[arg-type]


def test_every_bokmal_entry_has_a_nynorsk_entry_with_the_same_concepts() -> None:
    nn = {str(e["lemma"]): _concepts(e) for e in _entries("nn")}
    missing = []
    for e in _entries("nb"):
        lemma = str(e["lemma"])
        if not _concepts(e) or lemma in NN_ALLOWED_MISSING:
            continue
        nn_lemma = NN_LEMMA.get(lemma, lemma)
        if nn.get(nn_lemma) != _concepts(e):
            missing.append(
                f"{lemma} -> nn {nn_lemma}: {sorted(_concepts(e))} vs {nn.get(nn_lemma)}"
            )
    assert not missing, "nn.yaml lacks or differs from nb.yaml:\n" + "\n".join(missing)
    assert set(NN_LEMMA.values()) <= set(nn), "NN_LEMMA names a lemma nn.yaml does not have"


def test_nynorsk_has_no_concept_bokmal_lacks() -> None:
    nb = {c for e in _entries("nb") for c in _concepts(e)}
    nn = {c for e in _entries("nn") for c in _concepts(e)}
    assert nn <= nb, sorted(nn - nb)


def test_english_has_every_bokmal_concept_or_a_reason() -> None:
    nb = {c for e in _entries("nb") for c in _concepts(e)}
    en = {c for e in _entries("en") for c in _concepts(e)}
    assert nb - en - set(EN_ALLOWED_MISSING) == set()
    assert not (set(EN_ALLOWED_MISSING) & en), "an allowed gap is no longer a gap: drop it"


@pytest.mark.parametrize(
    ("lang", "word", "lemma", "concept"),
    [
        # Nynorsk forms made by the inflection classes of tools/make_lexicon.py
        ("nn", "mora", "mor", "mother"),
        ("nn", "mødrer", "mor", "mother"),
        ("nn", "mødrene", "mor", "mother"),
        ("nn", "faren", "far", "father"),
        ("nn", "fedrar", "far", "father"),
        ("nn", "fedrane", "far", "father"),
        ("nn", "medmødrer", "medmor", "comother"),
        ("nn", "foreldra", "forelder", "parent"),
        ("nn", "fosterforeldre", "fosterforelder", "parent"),
        ("nn", "føresette", "føresett", "guardian"),
        ("nn", "omsorgspersonar", "omsorgsperson", "guardian"),
        ("nn", "verja", "verje", "guardian"),
        ("nn", "kjønna", "kjønn", "gender"),
        ("nn", "kvinna", "kvinne", "female"),
        ("nn", "hokjønn", "kvinne", "female"),
        ("nn", "gutane", "gut", "male"),
        ("nn", "guttar", "gut", "male"),
        ("nn", "mannleg", "mann", "male"),
        ("nn", "annan", "anna", "third"),
        ("nn", "ikkje-binære", "ikkje-binær", "third"),
        ("nn", "ukjent", "ukjend", "optout"),
        ("nn", "ho", "ho", "pron-f"),
        ("nn", "hennar", "hennar", "pron-f-poss"),
        ("nn", "honom", "honom", "pron-m-obj"),
        ("nn", "dei", "dei", "pron-they"),
        ("nn", "vedkomande", "vedkomande", "person-neutral"),
        ("nn", "vedkommande", "vedkomande", "person-neutral"),
        ("nn", "namnet", "namn", "name"),
        ("nn", "førenamnet", "namn", "name"),
        ("nn", "tiltalsnamnet", "tiltalsnamn", "preferred-name"),
        ("nn", "ektefellar", "ektefelle", "spouse"),
        ("nn", "kona", "kone", "spouse-f"),
        ("nn", "enkja", "enkje", "widow"),
        ("nn", "ombodsmennene", "ombodsmann", "title-mann"),
        ("nn", "sysselmannen", "sysselmann", "title-mann"),
        ("nn", "farskapserklæringa", "farskap", "legal"),
        ("nn", "fedrekvota", "fedrekvote", "legal"),
        ("nn", "fedrekvoten", "fedrekvote", "legal"),
        ("nn", "einsleg", "einsleg", "single"),
        ("nn", "einslege", "einsleg", "single"),
        ("nn", "mors", "mor", "mother"),
        # Bokmål forms taken from Norsk Ordbank, hand forms and genitives
        ("nb", "mødrer", "mor", "mother"),
        ("nb", "mora", "mor", "mother"),
        ("nb", "mødrenes", "mor", "mother"),
        ("nb", "faren", "far", "father"),
        ("nb", "fedrenes", "far", "father"),
        ("nb", "medmødrene", "medmor", "comother"),
        ("nb", "foreldra", "forelder", "parent"),
        ("nb", "foreldrenes", "forelder", "parent"),
        ("nb", "foresatte", "foresatt", "guardian"),
        ("nb", "vergens", "verge", "guardian"),
        ("nb", "kjønnsuttrykket", "kjønn", "gender"),
        ("nb", "kvinnelige", "kvinne", "female"),
        ("nb", "guttenes", "gutt", "male"),
        ("nb", "ikke-binært", "ikke-binær", "third"),
        ("nb", "transpersoner", "ikke-binær", "third"),
        ("nb", "navnene", "navn", "name"),
        ("nb", "fornavnet", "navn", "name"),
        ("nb", "tiltalsnavnet", "tiltalsnavn", "preferred-name"),
        ("nb", "vedkommende", "vedkommende", "person-neutral"),
        ("nb", "frøkner", "frøken", "salutation"),
        ("nb", "ektemannens", "ektemann", "spouse-m"),
        ("nb", "sysselmenn", "sysselmann", "title-mann"),
        ("nb", "farskapserklæringen", "farskap", "legal"),
        ("nb", "fedrekvotene", "fedrekvote", "legal"),
        ("nb", "medmorskapet", "medmorskap", "legal"),
        ("nb", "enslige", "enslig", "single"),
    ],
)
def test_inflected_forms_resolve_to_lemma_and_concept(
    lang: str, word: str, lemma: str, concept: str
) -> None:
    lex = load_lexicon(lang)
    assert lemma in {e.lemma for e in lex.lookup(word)}, f"{lang} {word!r} not a form of {lemma}"
    tok = analyse(f"{word.capitalize()} skal skrive under.", lang).tokens[0]
    assert lemma in tok.lemmas and concept in tok.concepts, (tok.lemmas, tok.concepts)


@pytest.mark.parametrize(
    ("text", "lang", "concept"),
    [
        ("Ønsket navn", "nb", "preferred-name"),
        ("Ønskt namn", "nn", "preferred-name"),
        ("Ønsker ikke å oppgi", "nb", "optout"),
        ("Ønskjer ikkje å oppgje", "nn", "optout"),
        ("Prefer not to say", "en", "optout"),
    ],
)
def test_multiword_forms_in_every_language(text: str, lang: str, concept: str) -> None:
    toks = analyse(text, lang).tokens
    assert all(concept in t.concepts for t in toks), (text, toks)


@pytest.mark.parametrize(
    ("lang", "word"),
    [
        # Ordbank forms dropped as homographs (tools/make_lexicon.py, drop:)
        ("nb", "morer"),  # the verb «more»: barnet morer seg
        ("nb", "fara"),  # far n. 'track'
        ("nb", "faret"),
        ("nb", "verget"),  # the verb «verge»
        ("nb", "verga"),
        ("nb", "medmorer"),
        ("nb", "ukjente"),  # «kjente og ukjente miljøer»
        ("nn", "ukjende"),
        # never_split traps in Nynorsk (DOMAIN.md §7)
        ("nn", "mormor"),
        ("nn", "morsmål"),
        ("nn", "farleg"),
        ("nn", "fartøy"),
        ("nn", "jordmor"),
        ("nn", "tårnmann"),
        ("nn", "morgon"),
    ],
)
def test_homographs_and_traps_are_no_match(lang: str, word: str) -> None:
    tok = analyse(word, lang).tokens[0]
    assert not tok.concepts & {
        "mother",
        "father",
        "comother",
        "guardian",
        "title-mann",
        "optout",
    }, (
        word,
        tok.concepts,
    )


def test_nynorsk_compounds_split_on_listed_heads() -> None:
    lex = load_lexicon("nn")
    assert lex.split_compound("morsnamn") == ("mor", "namn")
    assert lex.split_compound("farsnamn") == ("far", "namn")
    assert lex.split_compound("morsmål") is None


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_lexicon", TOOL)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_lexicon"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("cls", "word", "forms"),
    [
        ("m", "gut", ["gut", "guten", "gutar", "gutane"]),
        ("m", "ektefelle", ["ektefelle", "ektefellen", "ektefellar", "ektefellane"]),
        ("f", "kvinne", ["kvinne", "kvinna", "kvinner", "kvinnene"]),
        ("f", "hustru", ["hustru", "hustrua", "hustruer", "hustruene"]),
        ("f-ar", "fedrekvote", ["fedrekvote", "fedrekvota", "fedrekvotar", "fedrekvotane"]),
        ("n", "namn", ["namn", "namnet", "namna"]),
        ("adj", "einsleg", ["einsleg", "einslege"]),
        ("adj", "ukjend", ["ukjend", "ukjent", "ukjende"]),
        ("adj", "ikkje-binær", ["ikkje-binær", "ikkje-binært", "ikkje-binære"]),
        ("irr", "medmor", ["medmor", "medmora", "medmødrer", "medmødrene"]),
        ("irr", "far", ["far", "faren", "fedrar", "fedrane"]),
        ("irr", "forelder", ["forelder", "forelderen", "foreldre", "foreldra"]),
        ("irr", "rådmann", ["rådmann", "rådmannen", "rådmenn", "rådmennene"]),
    ],
)
def test_nynorsk_inflection_classes(cls: str, word: str, forms: list[str]) -> None:
    assert _tool().nn_paradigm(cls, word)[0] == forms


def test_tables_are_what_make_lexicon_writes() -> None:
    if importlib.util.find_spec("spacy_lookups_data") is None:
        pytest.skip(
            "spacy-lookups-data (Norsk Ordbank) is not installed: pip install -e '.[dev]' "
            "to check that nb.yaml is what tools/make_lexicon.py makes"
        )
    run = subprocess.run(
        [sys.executable, str(TOOL), "--check"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr


def test_nynorsk_table_is_what_make_lexicon_writes_without_ordbank() -> None:
    """nn.yaml needs no third-party data: checked even where spacy-lookups-data is missing."""
    run = subprocess.run(
        [sys.executable, str(TOOL), "--check", "--lang", "nn"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr
