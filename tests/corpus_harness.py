"""Run formlint on the shared development corpus and compare with MANIFEST.yaml.

Shared by the corpus tests (pytest) and by hand (``python tests/corpus_harness.py [CASE]``) so a
rule change can be checked against every real form quickly.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from formlint.api import RunResult, lint_paths, make_engine
from formlint.engine.runner import Engine
from formlint.findings import Finding, Severity

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_WS = re.compile(r"\s+")
LOCALES = {"nb-NO": "nb", "nn-NO": "nn", "en": "en"}
# ACT rules formlint implements, and the rules that report their failures (the rule files'
# `standards.act` say the same; a test checks). 36b590 is not testable without submitting the
# form: ACT_NOT_TESTABLE, whose cases must get a note saying so and no finding pretending.
ACT_RULES = {
    "e086e5": ["form-field-no-accessible-name"],
    "73f2c2": ["form-autocomplete-invalid"],
    "97a4e1": ["form-button-no-accessible-name"],
    "59796f": ["form-button-no-accessible-name"],
    "cc0f0a": ["form-label-not-descriptive"],
}
ACT_NOT_TESTABLE = {"36b590"}


def norm(text: str | None) -> str:
    t = unicodedata.normalize("NFKC", text or "").replace("\u00a0", " ").replace("…", " ")
    t = _WS.sub(" ", t).strip().casefold()
    return re.sub(r" ([.,;:!?])", r"\1", t)


@functools.cache
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CORPUS / "MANIFEST.yaml").read_text(encoding="utf-8"))
    return data


def cases(fmt: set[str] | None = None) -> list[dict[str, Any]]:
    if not (CORPUS / "MANIFEST.yaml").is_file():
        return []
    return [c for c in manifest()["cases"] if fmt is None or c["format"] in fmt]


@functools.cache
def engine() -> Engine:
    return make_engine()


def inputs_for(case: dict[str, Any]) -> list[Path]:
    files = [CORPUS / f for f in case["files"]]
    if case["format"] == "altinn":
        roots = {Path(*f.parts[: f.parts.index("App")]) for f in files}
        return sorted(roots)
    if case["format"] == "formio":
        # the form file; its translation is found beside it; global translation files alone
        forms = [f for f in files if "/forms/" in f.as_posix()]
        return forms or files
    return files


@functools.cache
def run_case(case_id: str) -> RunResult:
    case = next(c for c in cases() if c["id"] == case_id)
    return lint_paths(inputs_for(case), engine())


def _text_matches(expected: str, f: Finding) -> bool:
    e = norm(expected)
    x = norm(f.excerpt)
    return bool(e) and (e in x or (len(x) > 12 and x in e) or e in norm(f.matched))


def _file_matches(case_file: str | None, f: Finding) -> bool:
    return case_file is None or f.source.replace("\\", "/").endswith(case_file)


@dataclass
class CaseReport:
    case_id: str
    missing: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    too_severe: list[str] = field(default_factory=list)
    count_mismatch: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.false_positives or self.too_severe or self.count_mismatch)

    def text(self) -> str:
        parts = []
        for name in (
            "missing",
            "false_positives",
            "too_severe",
            "count_mismatch",
            "errors",
            "extra",
        ):
            items = getattr(self, name)
            if items:
                parts.append(f"{name}:\n  " + "\n  ".join(items))
        return f"{self.case_id}\n" + "\n".join(parts)


def occurrences(f: Finding) -> list[Finding]:
    """A finding and each of its further places as findings of their own: the manifest counts
    occurrences, and formlint reports a statutory term once per form and a string once with its
    translations (``Finding.places``)."""
    return [f] + [
        replace(
            f,
            source=p.location.source,
            location=p.location,
            excerpt=p.excerpt,
            matched=p.matched,
            language=p.language,
            places=(),
        )
        for p in f.places
    ]


def check_case(case: dict[str, Any]) -> CaseReport:
    run = run_case(case["id"])
    findings = [o for f in run.findings() for o in occurrences(f)]
    rep = CaseReport(case["id"], errors=run.errors)
    used: set[int] = set()
    for exp in case.get("expect", []) or []:
        rule, optional = exp["rule"], exp.get("optional", False)
        mine = [f for f in findings if f.rule == rule and _file_matches(exp.get("file"), f)]
        if "phrases" in exp:
            lang = LOCALES.get(exp["where"].split()[0])
            phrases = [norm(p) for p in exp["phrases"]]
            hits = [
                f
                for f in mine
                if (lang is None or f.language == lang)
                and any(p in norm(f.matched) or norm(f.matched) in p for p in phrases)
            ]
            used |= {id(f) for f in hits}
            if not optional and len(hits) != exp["count"]:
                rep.count_mismatch.append(
                    f"{rule} {exp['where']}: expected {exp['count']} of {exp['phrases']}, got {len(hits)}: {[f.matched for f in hits]}"
                )
            for f in hits:
                if optional and f.severity.rank > Severity(exp["severity"]).rank:
                    rep.too_severe.append(f"{rule}: {f.severity.value} > {exp['severity']}")
            continue
        hits = [f for f in mine if _text_matches(exp["text"], f)]
        used |= {id(f) for f in hits}
        if not hits and not optional:
            rep.missing.append(f"{rule} at {exp.get('where')}: {exp['text']!r}")
        for f in hits:
            if f.severity.rank > Severity(exp["severity"]).rank:
                rep.too_severe.append(
                    f"{rule} at {exp.get('where')}: {f.severity.value} > {exp['severity']}"
                )
    for nm in case.get("must_not", []) or []:
        rule = nm["rule"]
        text = nm.get("text")
        for f in findings:
            if rule != "any" and f.rule != rule:
                continue
            if text is None:
                if rule != "any":
                    rep.false_positives.append(
                        f"{f.rule} at {f.location.describe()}: {f.excerpt[:100]!r} (must_not: {nm.get('where')})"
                    )
                continue
            # a must_not is broken when the finding is about that text: the text is in the excerpt
            # and the matched words lie inside it (or it inside them)
            t, m = norm(text), norm(f.matched)
            if t in norm(f.excerpt) and (not m or m in t or t in m):
                rep.false_positives.append(
                    f"{f.rule} at {f.location.describe()}: {f.excerpt[:100]!r} (must_not {nm.get('where')}: {text!r})"
                )
    rep.extra = [
        f"{f.rule} {f.severity.value} {f.location.component or f.location.describe()}: {f.matched!r} in {f.excerpt[:90]!r}"
        for f in findings
        if id(f) not in used
    ]
    return rep


def act_outcome(case: dict[str, Any]) -> tuple[bool, list[str]]:
    """(formlint reports the ACT rule's failure, the relevant findings)."""
    rules = ACT_RULES[case["act-rule"]]
    run = run_case(case["id"])
    found = [f for f in run.findings() if f.rule in rules]
    return bool(found), [f"{f.rule}: {f.excerpt}" for f in found]


if __name__ == "__main__":
    wanted = set(sys.argv[1:])
    bad = 0
    for c in cases({"formio", "altinn", "fhir", "html"}):
        if wanted and c["id"] not in wanted:
            continue
        r = check_case(c)
        if not r.ok:
            bad += 1
        if not r.ok or wanted:
            print(("OK   " if r.ok else "FAIL ") + r.text())
    for c in cases({"act"}):
        if c["act-rule"] not in ACT_RULES or (wanted and c["id"] not in wanted):
            continue
        got, why = act_outcome(c)
        want = c["act-expected"] == "failed"
        if got != want:
            bad += 1
            print(
                f"ACT  {c['id']} {c['act-rule']} {c['act-testcase-title']}: expected {c['act-expected']}, formlint {'reports' if got else 'is silent'} {why}"
            )
    print(f"{bad} case(s) differ")
