"""Form rule kinds: choices (option sets), field, require (something missing), and the classifier
that maps option labels and questions onto concepts (male, female, third, optout, mother, …)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from formlint.engine.spec import ChoicesMatch, FieldMatch, RequireMatch
from formlint.model import Field, FieldKind, Form
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


def choices_hit(m: ChoicesMatch, fv: FieldView) -> bool:
    """True when the field's options meet the rule's condition."""
    if not fv.options:
        return False
    present = fv.present
    considered = (
        (not m.question and not m.all_of)
        or bool(fv.question & set(m.question))
        or (bool(m.all_of) and set(m.all_of) <= present)
    )
    if not considered:
        return False
    if present & set(m.neutral):
        return False
    classes = set(m.classes)
    pure = [o for o in fv.options if len(o.classes) == 1]
    if m.mode == "only":
        return (
            len(pure) == len(fv.options)
            and all(o.classes <= classes for o in fv.options)
            and len(fv.options) >= m.min_options
            and set(m.all_of) <= present
        )
    if m.mode == "exactly":
        return len(pure) == len(fv.options) and present == classes
    if m.mode == "selected":
        return any(o.selected for o in fv.options)
    if m.mode == "lacks":
        count = sum(1 for o in fv.options if o.classes & classes)
        return count >= m.min_options and not (present & set(m.lacking))
    return False


def fieldset_hit(m: ChoicesMatch, views: list[FieldView]) -> list[FieldView]:
    """Fields whose *questions* name only the rule's classes (a "Mor" and a "Far" field, or
    "Navn" fields under a "Mor" and a "Far" legend), when no field asks about anyone else.
    Returns the fields involved, or [].

    A field's own question decides; its section (an enclosing legend) counts only when the
    question names no one: "Mors navn" under "Foresatte" asks about the mother (the heading does
    not offer a neutral field), while "Navn" under "Annen foresatt" is a neutral field."""
    classes = set(m.classes)
    involved = []
    present: set[str] = set()
    for fv in views:
        # a signature line ("Underskrift fra mor") is wording, judged by the text rules
        if fv.field.hidden or fv.field.kind is FieldKind.SIGNATURE:
            continue
        q = (fv.question & CLASS_CONCEPTS) or (fv.section & CLASS_CONCEPTS)
        if q & set(m.neutral):
            return []
        if q and q <= classes:
            involved.append(fv)
            present |= q
    if set(m.all_of or m.classes) <= present:
        return involved
    return []


def field_hit(m: FieldMatch, fv: FieldView) -> bool:
    if m.options == "unresolved" and fv.field.options_source.resolved:
        return False
    if fv.question & set(m.question):
        return True
    names = " ".join(x for x in (fv.field.name, fv.field.id, fv.field.options_source.ref) if x)
    return any(re.search(p, names, re.IGNORECASE) for p in m.name_patterns)


def require_triggers(m: RequireMatch, views: list[FieldView]) -> list[FieldView]:
    out = []
    for fv in views:
        if fv.field.hidden or fv.field.kind in (FieldKind.BUTTON, FieldKind.HIDDEN):
            continue
        hit = bool(fv.question & set(m.when_question)) or (
            bool(m.when_options) and set(m.when_options) <= fv.present
        )
        if not hit:
            continue
        if fv.question & set(m.not_when_question):
            continue
        q = fv.field.question or ""
        if any(re.search(p, q, re.IGNORECASE) for p in m.not_when_words):
            continue
        out.append(fv)
    return out


def require_satisfied(
    m: RequireMatch, views: list[FieldView], form: Form, texts: str, language: str
) -> bool:
    """True when the form has what the rule requires (a preferred-name field, a purpose text)."""
    if m.missing_question and any(fv.question & set(m.missing_question) for fv in views):
        return True
    for fv in require_triggers(m, views):
        helptext = " ".join(fv.field.help)
        if helptext and any(
            re.search(p, helptext, re.IGNORECASE) for ps in m.missing_help.values() for p in ps
        ):
            return True
    texts_by_lang: dict[str, list[str]] = {str(k): v for k, v in m.missing_text.items()}
    patterns = texts_by_lang.get(language, []) + [
        p for lang, ps in texts_by_lang.items() if lang != language for p in ps
    ]
    return bool(patterns) and any(re.search(p, texts, re.IGNORECASE) for p in patterns)
