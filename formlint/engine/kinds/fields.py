"""Fields as the form rules see them: each option label and question classified into concepts
(male, female, third, optout, mother, …) once per form, for every form rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from formlint.model import Field, FieldKind
from formlint.nlp.analysis import analyse
from formlint.nlp.lexicon import LEXICON_LANGUAGES

CLASS_CONCEPTS = frozenset(
    {
        "male",
        "female",
        "third",
        "optout",
        "mother",
        "father",
        "comother",
        "parent",
        "guardian",
        "salutation",
        "salutation-neutral",
    }
)
# Option wordings that are an opt-out or a further gender, whatever words they contain.
_OPTOUT = re.compile(
    r"\b(ønsker|ønskjer|vil)\s+(ikke|ikkje)\s+(å\s+)?(oppgi|oppgje|svare|opplyse|seie|si)\b|\b(ikke|ikkje)\s+oppgitt\b"
    r"|\bprefer\s+not\s+to\b|\brather\s+not\b|\bnot\s+(stated|disclosed|specified|known)\b|\bdecline\b|\bukjen[td]\b|\bunknown\b",
    re.IGNORECASE,
)
_THIRD = re.compile(
    r"\b(ikke|ikkje)[- ]?binær|\bnon[- ]?binary\b|\bintersex\b|\binterkjønn\b|\bself[- ]describe|\bbeskrive\s+(selv|sjølv)\b"
    r"|^\s*(annet|anna|annen|other|x|mx\.?|andre)\s*[:.]?\s*$|\b(annet|anna|other)\s+(kjønn|gender)\b|\bannet,? (vennligst )?spesifiser",
    re.IGNORECASE,
)


def option_classes(label: str, language: str) -> frozenset[str]:
    """The choice classes one option label expresses: {"male"}, {"optout"}, {"mother","father"}…"""
    if _OPTOUT.search(label):
        return frozenset({"optout"})
    if _THIRD.search(label):
        return frozenset({"third"})
    an = analyse(label, language)
    return frozenset(c for c in an.concepts() if c in CLASS_CONCEPTS)


def question_concepts(f: Field, language: str) -> frozenset[str]:
    q = f.question
    if not q and f.placeholder:
        q = f.placeholder
    if not q:
        return frozenset()
    return frozenset(analyse(q, language).concepts())


@dataclass(slots=True)
class OptionView:
    label: str
    classes: frozenset[str]
    selected: bool


@dataclass(slots=True)
class FieldView:
    """A field with its options classified once, for every choice rule."""

    field: Field
    language: str
    question: frozenset[str]
    options: list[OptionView] = dataclass_field(default_factory=list)
    section: frozenset[str] = frozenset()  # concepts of an enclosing legend ("Mor" over "Navn")

    @property
    def present(self) -> set[str]:
        out: set[str] = set()
        for o in self.options:
            out |= o.classes
        return out


def view_field(
    f: Field, language: str, letters: dict[str, dict[str, str]] | None = None
) -> FieldView:
    """The field with its question and options classified in ``language``.

    Option sets are recognised whatever language the document claims: when none of a choice
    field's options means anything in ``language`` (Male/Female on a page marked Bokmål, Mann/
    Kvinne in a Word file whose styles say English), the first other language in which every
    option means something classifies the field instead."""
    view = _view(f, language, letters)
    if not view.options or any(o.classes for o in view.options):
        return view
    for other in LEXICON_LANGUAGES:
        if other != language:
            alt = _view(f, other, letters)
            if all(o.classes for o in alt.options):
                return alt
    return view


def _view(f: Field, language: str, letters: dict[str, dict[str, str]] | None) -> FieldView:
    opts = f.visible_options()
    views = []
    letter_map = (letters or {}).get(language, {})
    all_letters = bool(opts) and all(len(o.label.strip(" .:()")) == 1 for o in opts)
    for o in opts:
        key = o.label.strip(" .:()").lower()
        if all_letters and key in letter_map:
            classes = frozenset({letter_map[key]})
        else:
            classes = option_classes(o.label, language)
        views.append(OptionView(o.label, classes, o.selected))
    section: frozenset[str] = frozenset()
    if f.legend and f.label and f.kind not in (FieldKind.RADIO, FieldKind.CHECKBOXES):
        section = frozenset(analyse(f.legend, language).concepts())
    return FieldView(f, language, question_concepts(f, language), views, section)
