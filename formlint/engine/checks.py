"""Built-in form-accessibility checks (kind ``check``), after the W3C ACT rules they mirror.

They only judge facts the parser could know: ``Field.name_source`` and ``in_fieldset`` are None for
formats where accessibility is not ours to judge (Form.io, Altinn, FHIR render their own markup).
"""

from __future__ import annotations

import re

from formlint.model import Field, FieldKind, ParsedDocument

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


FIELD_CHECKS = {
    "accessible-name": accessible_name,
    "button-name": button_name,
    "group-legend": group_legend,
    "placeholder-only": placeholder_only,
    "autocomplete-missing": autocomplete_missing,
    "autocomplete-invalid": autocomplete_invalid,
}


def page_lang_missing(doc: ParsedDocument) -> bool:
    return doc.format == "html" and bool(doc.metadata.get("html_lang_missing"))
