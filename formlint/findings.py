"""Finding, Severity, Confidence and the fingerprints that keep a finding's identity across edits
and checkouts."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from formlint.model import Location
from formlint.util.paths import repo_relative

FINDING_SCHEMA_VERSION = "1.0"
_MAX_OCCURRENCE = 1000  # identical findings in one place are numbered; we search this far


class Severity(Enum):
    """Default severities of DOMAIN.md §4, ordered: info < suggestion < warning < error."""

    INFO = "info"
    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            allowed = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (allowed: {allowed})") from None


_SEVERITY_RANK = {Severity.INFO: 1, Severity.SUGGESTION: 2, Severity.WARNING: 3, Severity.ERROR: 4}


class Confidence(Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def weight(self) -> float:
        return {"low": 0.4, "medium": 0.7, "high": 1.0}[self.value]


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding is not counted: inline markup, a config exception or a baseline entry."""

    kind: str  # "inline", "exception", "baseline"
    reason: str = ""
    approver: str | None = None
    expires: str | None = None  # ISO date
    # which inline directive (index in ParsedDocument.directives) or configuration exception
    # (index in Config.exceptions) it was, so one that suppresses nothing can be reported
    origin: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in (
                ("kind", self.kind),
                ("reason", self.reason),
                ("approver", self.approver),
                ("expires", self.expires),
            )
            if v
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A further place the same finding occurs: a statutory term used again in the form, the
    same string in one of the form's translations, or another field of a parent field set."""

    location: Location
    excerpt: str
    matched: str = ""
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"location": self.location.to_dict(), "excerpt": self.excerpt}
        if self.matched:
            d["matched"] = self.matched
        if self.language:
            d["language"] = self.language
        return d


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to revise, with everything a person needs to act on it.

    ``excerpt`` is the exact visible text the finding is about (a label, an option set, a
    sentence); ``matched`` the words inside it that triggered the rule. ``form_key`` ties the
    finding to a form for the work list (empty for page prose outside forms). ``places`` are
    the further places the same finding stands for (one statutory term per form, one string and
    its translations, one parent field set), so an editor reads it once.
    """

    rule: str
    severity: Severity
    confidence: Confidence
    message: str
    source: str
    location: Location
    excerpt: str
    matched: str = ""
    suggestions: tuple[str, ...] = ()
    why: str = ""
    help_uri: str = ""
    form_key: str = ""
    form_title: str = ""
    language: str | None = None
    scope: str = ""
    fingerprint: str = ""
    suppression: Suppression | None = None
    expired_exception: Suppression | None = None
    places: tuple[Place, ...] = ()
    # accessibility findings: the standards it falls under ("WCAG 4.1.2", "EN 301 549 9.4.1.2",
    # "ACT e086e5"), and the other checks that found the same problem at the same element
    # ("axe/label"): one finding naming both
    standards: tuple[str, ...] = ()
    also_found_by: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def suppressed(self) -> bool:
        return self.suppression is not None

    @property
    def occurrences(self) -> int:
        """How many places the finding stands for (its own and ``places``)."""
        return 1 + len(self.places)

    @property
    def languages(self) -> list[str]:
        """The languages of its places, its own first."""
        langs = [self.language, *(p.language for p in self.places)]
        return list(dict.fromkeys(x for x in langs if x))

    def with_fingerprint(self, occurrence: int = 0) -> Finding:
        return replace(self, fingerprint=fingerprint(self, occurrence))

    def to_record(self) -> dict[str, Any]:
        """The plain dict reporters and the store read (never the object itself)."""
        rec: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "confidence": self.confidence.value,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "source": self.source,
            "location": self.location.to_dict(),
            "excerpt": self.excerpt,
            "matched": self.matched,
            "fingerprint": self.fingerprint,
            "form": self.form_key,
            "form_title": self.form_title,
            "language": self.language,
            "scope": self.scope,
            "why": self.why,
            "help_uri": self.help_uri,
        }
        if self.standards:
            rec["standards"] = list(self.standards)
        if self.also_found_by:
            rec["also_found_by"] = list(self.also_found_by)
        if self.places:
            rec["occurrences"] = self.occurrences
            rec["languages"] = self.languages
            rec["places"] = [p.to_dict() for p in self.places]
        if self.suppression:
            rec["suppression"] = self.suppression.to_dict()
        if self.expired_exception:
            rec["expired_exception"] = self.expired_exception.to_dict()
        return rec


_WS = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def normalise_text(text: str) -> str:
    """Case-, width- and whitespace-insensitive form of a text, for identity comparisons.

    Cached: the same labels and sentences are fingerprinted on every page of a site.
    """
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def fingerprint(f: Finding, occurrence: int = 0) -> str:
    """A stable id for a finding: rule, source, form, anchor and the matched words.

    It leaves out line numbers, CSS positions and the order of other fields, so inserting lines,
    reformatting or reordering unrelated fields keeps it; it changes when the finding itself
    changes (other words, another field). ``occurrence`` separates identical findings in one place.
    """
    anchor = f.location.anchor or f.location.json_pointer or f.location.component or ""
    return _fingerprint_of(
        f.rule, f.source, f.form_key, anchor, normalise_text(f.matched or f.excerpt), occurrence
    )


def _fingerprint_of(
    rule: str, source: str, form_key: str, anchor: str, normalised: str, occurrence: int
) -> str:
    parts = [rule, source.replace("\\", "/"), form_key, anchor, normalised, str(occurrence)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def occurrence_of(f: Finding) -> int:
    """Which of several identical findings in one place ``f`` is (0 for the first).

    The number is part of the fingerprint but not stored on the finding; recovering it from the
    fingerprint is exact and cheap (one hash per candidate, nearly always the first).
    """
    if not f.fingerprint:
        return 0
    for n in range(_MAX_OCCURRENCE):
        if fingerprint(f, n) == f.fingerprint:
            return n
    return 0


def portable_fingerprint(f: Finding, root: str | os.PathLike[str] | None = None) -> str:
    """The finding's fingerprint computed on its repository-relative source.

    Equal to ``f.fingerprint`` when the source was already given relative to the root (the usual
    ``formlint lint forms/`` run from the repository root); otherwise recomputed, so an absolute
    path or a different working directory does not change a finding's identity.
    """
    rel = repo_relative(f.source, root)
    if f.fingerprint and rel == f.source:
        return f.fingerprint
    return fingerprint(replace(f, source=rel), occurrence_of(f))


def assign_fingerprints(findings: list[Finding]) -> list[Finding]:
    """Fingerprint a document's findings, numbering identical ones in document order."""
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for f in findings:
        anchor = f.location.anchor or f.location.json_pointer or f.location.component or ""
        key = (f.rule, f.source, f.form_key, anchor, normalise_text(f.matched or f.excerpt))
        n = seen.get(key, 0)
        seen[key] = n + 1
        # f.with_fingerprint(n), without normalising the text a second time
        out.append(replace(f, fingerprint=_fingerprint_of(*key, n)))
    return out
