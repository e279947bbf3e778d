"""The rule ids of DOMAIN.md §4: a public contract, listed once for the tests."""

from __future__ import annotations

DOMAIN_RULE_IDS = frozenset(
    {
        "parent-mor-far-only",
        "parent-role-assumed",
        "gender-binary-options",
        "gender-no-opt-out",
        "gender-preselected",
        "gender-not-needed",
        "binary-pronoun-phrase",
        "name-no-preferred",
        "gendered-salutation",
        "spouse-gendered",
        "gendered-title",
        "legal-term",
        "options-unresolved",
    }
)
