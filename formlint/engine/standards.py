"""The accessibility standards a rule maps to: WCAG 2.1 success criteria, EN 301 549 clauses and
W3C ACT rules, read from ``rules/standards.yaml``.

Editors must cite WCAG success criteria in the municipality's accessibility statement (uustatus),
so every accessibility finding names them. A rule's ``standards`` block is validated here against
the shipped lists: a success criterion WCAG 2.1 does not have, an ACT rule formlint does not know,
or an EN 301 549 clause that repeats none of the rule's success criteria is an error in the rule
file, not a wrong reference in a report.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from formlint.config.loader import load_yaml_file
from formlint.engine.specbase import Strict
from formlint.errors import RuleError
from formlint.util.resources import rules_dir

WCAG_VERSION = "2.1"
_UNDERSTANDING = "https://www.w3.org/WAI/WCAG21/Understanding/"
_ACT_RULES = "https://www.w3.org/WAI/standards-guidelines/act/rules/"
_SC = re.compile(r"^[1-4]\.\d{1,2}\.\d{1,2}$")
# EN 301 549 clause 9.<sc> repeats a success criterion for web pages, 10.<sc> for documents
_EN_CLAUSE = re.compile(r"^(9|10|11)\.([1-4]\.\d{1,2}\.\d{1,2})$")
_AXE_WCAG_TAG = re.compile(r"^wcag([1-4])([1-9])(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class Criterion:
    """One WCAG 2.1 success criterion."""

    number: str
    level: Literal["A", "AA", "AAA"]
    name: str

    @property
    def url(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")
        return f"{_UNDERSTANDING}{slug}.html"


@dataclass(frozen=True, slots=True)
class ActRule:
    """One W3C ACT rule; ``not_testable`` says why formlint cannot implement it."""

    id: str
    name: str
    wcag: tuple[str, ...]
    not_testable: str | None = None

    @property
    def url(self) -> str:
        return f"{_ACT_RULES}{self.id}/"


@dataclass(frozen=True, slots=True)
class Catalogue:
    wcag: dict[str, Criterion]
    act: dict[str, ActRule]


@functools.cache
def catalogue() -> Catalogue:
    """The shipped lists (``rules/standards.yaml``), read once."""
    path = rules_dir() / "standards.yaml"
    data, _ = load_yaml_file(path)
    try:
        wcag = {
            str(num): Criterion(str(num), level, name)
            for num, (level, name) in data["wcag"].items()
        }
        act = {
            str(rid): ActRule(
                str(rid),
                str(raw["name"]),
                tuple(str(sc) for sc in raw["wcag"]),
                raw.get("not_testable"),
            )
            for rid, raw in data["act"].items()
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleError(f"malformed standards list: {exc}", source=str(path)) from None
    for rule in act.values():
        unknown = [sc for sc in rule.wcag if sc not in wcag]
        if unknown:
            raise RuleError(f"ACT rule {rule.id}: unknown WCAG {unknown}", source=str(path))
    return Catalogue(wcag, act)


def criterion_of_axe_tag(tag: str) -> str | None:
    """The success criterion an axe-core tag names (``wcag412`` -> ``4.1.2``, ``wcag1410`` ->
    ``1.4.10``), or None for other tags (``wcag2a``, ``best-practice``, ``cat.forms``)."""
    m = _AXE_WCAG_TAG.match(tag)
    if m is None:
        return None
    number = ".".join(m.groups())
    return number if number in catalogue().wcag else None


class Standards(Strict):
    """Where an accessibility rule stands in the standards: the ACT rules it implements, the WCAG
    2.1 success criteria it checks, and their EN 301 549 clauses (9.x for web pages, 10.x for
    documents)."""

    act: list[str] = Field(default_factory=list, description="W3C ACT rule ids (e086e5, …)")
    wcag: list[str] = Field(min_length=1, description="WCAG 2.1 success criteria (4.1.2, …)")
    en301549: list[str] = Field(
        min_length=1,
        description="EN 301 549 V3.2.1 clauses (9.4.1.2 for web, 10.4.1.2 for documents)",
    )

    @model_validator(mode="after")
    def _known(self) -> Standards:
        known = catalogue()
        for rid in self.act:
            if rid not in known.act:
                raise ValueError(
                    f"unknown ACT rule {rid!r} (known: {', '.join(sorted(known.act))}; "
                    "add it to rules/standards.yaml)"
                )
        for sc in self.wcag:
            if not _SC.match(sc) or sc not in known.wcag:
                raise ValueError(f"{sc!r} is not a WCAG {WCAG_VERSION} success criterion")
        covered: set[str] = set()
        for clause in self.en301549:
            m = _EN_CLAUSE.match(clause)
            if m is None or m.group(2) not in self.wcag:
                raise ValueError(
                    f"EN 301 549 clause {clause!r} must be 9.<sc>, 10.<sc> or 11.<sc> for one of "
                    f"the rule's WCAG success criteria ({', '.join(self.wcag)})"
                )
            covered.add(m.group(2))
        missing = [sc for sc in self.wcag if sc not in covered]
        if missing:
            raise ValueError(f"no EN 301 549 clause for WCAG {', '.join(missing)}")
        return self

    def labels(self) -> tuple[str, ...]:
        """How a finding names them: ``WCAG 4.1.2``, ``EN 301 549 9.4.1.2``, ``ACT e086e5``."""
        return (
            *(f"WCAG {sc}" for sc in self.wcag),
            *(f"EN 301 549 {c}" for c in self.en301549),
            *(f"ACT {rid}" for rid in self.act),
        )
