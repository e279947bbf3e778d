"""Built-in accessibility checks (kind ``check``), after the W3C ACT rules they mirror.

They only judge facts the parser could know: ``Field.name_source`` and ``in_fieldset`` are None for
formats where accessibility is not ours to judge (Form.io, Altinn, FHIR render their own markup);
``Field.titled``, ``ParsedDocument.tagged`` and ``declared_language`` are what PDF, Word and ODF
documents tell assistive technology. Field checks judge one field; form checks a form's fields
together (the same label twice) or its language; page checks the document itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from formlint.model import Field, FieldKind, Form, ParsedDocument
from formlint.model.language import normalise_language

# HTML autofill field names (WHATWG HTML §4.10.18.7.1)
_FIELD_NAMES = frozenset(
    [
        "name",
        "honorific-prefix",
        "given-name",
        "additional-name",
        "family-name",
        "honorific-suffix",
        "nickname",
        "username",
        "new-password",
        "current-password",
        "one-time-code",
        "organization-title",
        "organization",
        "street-address",
        "address-line1",
        "address-line2",
        "address-line3",
        "address-level4",
        "address-level3",
        "address-level2",
        "address-level1",
        "country",
        "country-name",
        "postal-code",
        "cc-name",
        "cc-given-name",
        "cc-additional-name",
        "cc-family-name",
        "cc-number",
        "cc-exp",
        "cc-exp-month",
        "cc-exp-year",
        "cc-csc",
        "cc-type",
        "transaction-currency",
        "transaction-amount",
        "language",
        "bday",
        "bday-day",
        "bday-month",
        "bday-year",
        "sex",
        "url",
        "photo",
    ]
)
_CONTACT_NAMES = frozenset(
    [
        "tel",
        "tel-country-code",
        "tel-national",
        "tel-area-code",
        "tel-local",
        "tel-local-prefix",
        "tel-local-suffix",
        "tel-extension",
        "email",
        "impp",
    ]
)
_CONTACT_KINDS = frozenset({"home", "work", "mobile", "fax", "pager"})
_TEXTUAL = frozenset(
    {
        FieldKind.TEXT,
        FieldKind.EMAIL,
        FieldKind.TEL,
        FieldKind.DATE,
        FieldKind.NUMBER,
        FieldKind.TEXTAREA,
    }
)
_PERSONAL = re.compile(
    r"\b(navn|namn|fornavn|etternavn|førenamn|etternamn|e-?post|epost|telefon|mobil|tlf|adresse|postnummer|poststed|fødselsdato"
    r"|name|e-?mail|phone|telephone|mobile|address|postcode|post code|zip|date of birth|birthday)\b",
    re.IGNORECASE,
)


def applies(f: Field) -> bool:
    """A control people can perceive in markup formlint reads (disabled ones still need a name)."""
    return f.name_source is not None and not f.hidden and f.kind is not FieldKind.HIDDEN


def accessible_name(f: Field) -> bool:
    return applies(f) and f.kind is not FieldKind.BUTTON and f.name_source == ""


def button_name(f: Field) -> bool:
    return applies(f) and f.kind is FieldKind.BUTTON and f.name_source == ""


def group_legend(f: Field) -> bool:
    return (
        applies(f)
        and f.kind in (FieldKind.RADIO, FieldKind.CHECKBOXES)
        and len(f.visible_options()) >= 2
        # a question printed before the group is not a programmatic group label: only a
        # fieldset/legend or a named role=radiogroup/group counts (the parser sets in_fieldset)
        and f.in_fieldset is False
    )


def placeholder_only(f: Field) -> bool:
    """Named only by its placeholder, which disappears when typing (WCAG 3.3.2)."""
    return applies(f) and f.kind is not FieldKind.BUTTON and f.name_source == "placeholder"


def autocomplete_missing(f: Field) -> bool:
    if not applies(f) or f.disabled or f.kind not in _TEXTUAL or (f.autocomplete or "").strip():
        return False
    if f.kind in (FieldKind.EMAIL, FieldKind.TEL):
        return True
    return bool(_PERSONAL.search(" ".join(x for x in (f.label, f.name, f.id) if x)))


def autocomplete_valid(value: str) -> bool:
    """Whether an autocomplete attribute value follows the HTML autofill grammar."""
    tokens = value.lower().split()
    if not tokens:
        return True  # empty: nothing claimed
    if tokens in (["on"], ["off"]):
        return True
    if tokens[-1] == "webauthn":
        tokens = tokens[:-1]
        if not tokens:
            return False
    if tokens and tokens[0].startswith("section-"):
        tokens = tokens[1:]
    if tokens and tokens[0] in ("shipping", "billing"):
        tokens = tokens[1:]
    if not tokens:
        return False
    if len(tokens) == 1:
        return tokens[0] in _FIELD_NAMES or tokens[0] in _CONTACT_NAMES
    if len(tokens) == 2:
        return tokens[0] in _CONTACT_KINDS and tokens[1] in _CONTACT_NAMES
    return False


def autocomplete_invalid(f: Field) -> bool:
    # disabled controls cannot be filled in, so their autocomplete is moot (ACT 73f2c2)
    return (
        applies(f)
        and not f.disabled
        and f.autocomplete is not None
        and not autocomplete_valid(f.autocomplete)
    )


# A label that says nothing of what to fill in (ACT cc0f0a's failed examples: "Info:", a button's
# "Go"): stand-in words, a number, or punctuation alone, in the three languages.
_GENERIC_LABEL = re.compile(
    r"^(?:(?:felt|tekstfelt|inndatafelt|inndata|input|field|text\s*field|textbox|tekst|text|verdi"
    r"|value|info|informasjon|information|data|svar|answer|skriv(?:\s+(?:inn|her))?"
    r"|fyll\s+(?:inn|ut)|enter(?:\s+text)?|type\s+here|label|etikett|element|item|go|gå|ok"
    r"|send|submit)(?:\s*(?:nr\.?\s*)?\d+)?|\d+|[\W_]+)$",
    re.IGNORECASE,
)
_MARKS = ":*()[]. \t"
# A submitted name made for programs, not people: snake_case, camelCase, digits, dots, brackets.
_MACHINE_NAME = re.compile(r"[_.\[\]]|[a-zæøå][A-ZÆØÅ]|\d")
# Labelled as required for people who can see ("Navn *", "(påkrevd)"), but not said to others.
_REQUIRED_MARK = re.compile(
    r"(?:^\*|\*$)|\((?:påkrevd|påkravd|obligatorisk|må fylles ut|må fyllast ut|required|mandatory)\)"
    r"|\b(?:påkrevd|påkravd|obligatorisk|required|mandatory)$",
    re.IGNORECASE,
)
# the text fields and the other fields a label names one by one
_LABELLED = _TEXTUAL | {FieldKind.SELECT, FieldKind.MULTISELECT, FieldKind.FILE}


def _bare(text: str) -> str:
    return " ".join(text.strip(_MARKS).split())


def generic_label(f: Field) -> bool:
    """Labelled by words that say nothing of what to fill in ("Info:", "Felt 1", "…"), or only
    by its submitted name where that is a name for programs ("fname_2"). Judged on each label
    people can see (one label of several may be the vague one, ACT cc0f0a)."""
    if not applies(f) or f.kind not in _LABELLED:
        return False
    for part in f.label_parts:
        bare = _bare(part)
        if _GENERIC_LABEL.match(bare) or (
            f.name and bare == f.name and _MACHINE_NAME.search(f.name)
        ):
            return True
    return False


def required_not_exposed(f: Field) -> bool:
    """Its label or legend marks it as required ("*", "(påkrevd)") but the markup does not
    (``required``/``aria-required``): a screen reader does not say so."""
    if not applies(f) or f.disabled or f.required or f.kind is FieldKind.BUTTON:
        return False
    return bool(_REQUIRED_MARK.search(f.question.strip()))


def id_clash(f: Field) -> bool:
    return applies(f) and f.id_clash


def control_title(f: Field) -> bool:
    """A PDF field without a tooltip, a Word or ODF control without a title."""
    return f.titled is False and not f.hidden and f.kind is not FieldKind.HIDDEN


FIELD_CHECKS: dict[str, Callable[[Field], bool]] = {
    "accessible-name": accessible_name,
    "button-name": button_name,
    "group-legend": group_legend,
    "placeholder-only": placeholder_only,
    "autocomplete-missing": autocomplete_missing,
    "autocomplete-invalid": autocomplete_invalid,
    "required-exposed": required_not_exposed,
    "id-clash": id_clash,
    "control-title": control_title,
}


def same_label_groups(
    form: Form, doc: ParsedDocument, skip: Callable[[Field], bool]
) -> list[list[Field]]:
    """Fields of a form whose labels are the same and that nothing visible tells apart (their
    legends and the headings before them are the same too): each group of two or more, for
    the fields of ``form``. The controls a page has outside any form, in sections, are one
    form to the people filling them in, so such sections are read together."""
    if form.kind == "html-section":
        peers: Sequence[Field] = [
            f for other in doc.forms if other.kind == "html-section" for f in other.fields
        ]
    else:
        peers = form.fields
    groups: dict[tuple[str, str, str], list[Field]] = {}
    for f in peers:
        if not applies(f) or f.kind not in _LABELLED or not f.label_parts or skip(f):
            continue
        key = (_bare(f.question).casefold(), f.legend or "", f.heading or "")
        groups.setdefault(key, []).append(f)
    own = {id(f) for f in form.fields}
    return [g for g in groups.values() if len(g) > 1 and id(g[0]) in own]


_NORWEGIAN = frozenset({"nb", "nn"})


def lang_mismatch(form: Form, detected: str) -> str | None:
    """The language a form is marked with (its own ``lang`` or the page's) when its words are
    in another: Norwegian marked as English or the other way round. Bokmål and Nynorsk are not
    told apart here (a short form's words do not settle it, and screen readers read both with
    one voice); a mark outside Norwegian and English is not judged."""
    marked = normalise_language(form.language)
    if marked is None or detected == marked:
        return None
    both = {marked, detected}
    if both <= _NORWEGIAN or not both <= _NORWEGIAN | {"en"}:
        return None
    return marked


def lang_missing(doc: ParsedDocument) -> bool:
    return doc.declared_language is None


def untagged(doc: ParsedDocument) -> bool:
    return doc.tagged is False


PAGE_CHECKS: dict[str, Callable[[ParsedDocument], bool]] = {
    "page-lang": lang_missing,
    "tagged": untagged,
}
