"""Synthetic findings, runs and a rule catalogue, built by hand for the reporter and CI tests.

The reporters, baselines and --new-only are tested on hand-built ``Finding``/``RunResult`` objects:
deterministic (a fixed clock, relative sources) and independent of the rules.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from formlint.api import DocumentResult, RunResult
from formlint.findings import Confidence, Finding, Severity, Suppression, assign_fingerprints
from formlint.model import Location

CLOCK = datetime(2026, 11, 24, 5, 0, 0, tzinfo=UTC)

CATALOGUE: list[dict[str, Any]] = [
    {
        "id": "gender-binary-options",
        "name": "GenderBinaryOptions",
        "severity": "error",
        "short": {
            "nb": "Kjønnsspørsmål med bare to alternativer",
            "en": "Gender question with only two options",
        },
        "full": {
            "nb": "Et spørsmål om kjønn tilbyr bare to binære alternativer.",
            "en": "A gender question offers exactly two binary options.",
        },
        "why": "Handlingsplanen tiltak A2: gå utover en binær forståelse av kjønn.",
        "help_uri": "https://github.com/formlint/formlint/blob/main/docs/rules/gender-binary-options.md",
        "references": [
            {"title": "KS: Prinsipper for inkluderende språk", "url": "https://www.ks.no/"},
            "Bufdir ordliste",
        ],
        "suggestions": ["Legg til «Annet» og «Ønsker ikke å oppgi»"],
        "confidence": "high",
        "tags": ["gender"],
    },
    {
        "id": "parent-mor-far-only",
        "name": "parent-mor-far-only",
        "severity": "error",
        "short": "Bare mor/far som foreldrevalg",
        "full": "Et spørsmål om foreldre tilbyr bare mor og far.",
        "why": "",
        "help_uri": "",
        "references": [],
        "suggestions": ["Forelder/foresatt 1", "Forelder/foresatt 2"],
    },
    {
        "id": "binary-pronoun-phrase",
        "name": "binary-pronoun-phrase",
        "severity": "suggestion",
        "short": "«han eller hun»",
        "full": "Teksten bruker «han eller hun».",
        "why": "KS anbefaler du, hen eller de.",
        "help_uri": "",
        "references": [],
        "suggestions": ["du", "hen", "de"],
    },
    {
        "id": "gender-not-needed",
        "name": "gender-not-needed",
        "severity": "info",
        "short": "Kjønn spørres uten begrunnelse",
        "full": "Skjemaet spør om kjønn uten å si hvorfor.",
        "why": "",
        "help_uri": "",
        "references": [],
        "suggestions": [],
    },
    {
        "id": "gendered-salutation",
        "name": "gendered-salutation",
        "severity": "warning",
        "short": "Herr/Fru",
        "full": "Skjemaet har Herr/Fru-valg.",
        "why": "",
        "help_uri": "",
        "references": [],
        "suggestions": ["fjern tiltaleformen"],
    },
]


def make_finding(
    rule: str = "gender-binary-options",
    *,
    severity: Severity | str = Severity.ERROR,
    source: str = "forms/soknad.html",
    line: int | None = 12,
    column: int | None = 5,
    excerpt: str = "Kjønn: Gutt / Jente",
    matched: str = "",
    form_key: str = "soknad",
    form_title: str = "Søknad om barnehageplass",
    anchor: str | None = "kjonn",
    json_pointer: str | None = None,
    component: str | None = None,
    suppression: Suppression | None = None,
    message: str = "Spørsmålet om kjønn har bare to alternativer.",
    suggestions: tuple[str, ...] = ("Legg til «Annet» og «Ønsker ikke å oppgi»",),
    page: int | None = None,
) -> Finding:
    sev = Severity.parse(severity) if isinstance(severity, str) else severity
    return Finding(
        rule=rule,
        severity=sev,
        confidence=Confidence.HIGH,
        message=message,
        source=source,
        location=Location(
            source=source,
            line=line,
            column=column,
            anchor=anchor,
            json_pointer=json_pointer,
            component=component,
            page=page,
        ),
        excerpt=excerpt,
        matched=matched,
        suggestions=suggestions,
        form_key=form_key,
        form_title=form_title,
        language="nb",
        suppression=suppression,
    )


def make_doc(
    source: str,
    findings: list[Finding],
    *,
    forms: list[dict[str, Any]] | None = None,
    errors: list[str] | None = None,
    fmt: str = "html",
) -> DocumentResult:
    if forms is None:
        keys = sorted({f.form_key for f in findings if f.form_key})
        forms = [
            {
                "key": k,
                "kind": "html-form",
                "title": next(f.form_title for f in findings if f.form_key == k),
                "location": {"source": source},
                "fields": 3,
            }
            for k in keys
        ]
    return DocumentResult(
        source=source,
        format=fmt,
        sha256="0" * 64 if not errors else None,
        findings=assign_fingerprints(findings),
        errors=errors or [],
        forms=forms,
    )


def make_run(*docs: DocumentResult) -> RunResult:
    return RunResult(
        documents=list(docs),
        profile="standard",
        started_at=CLOCK,
        finished_at=CLOCK.replace(second=2),
    )


def sample_run() -> RunResult:
    """Two HTML forms, a Form.io form, a PDF, an unreadable file; suppressed and info findings."""
    html = make_doc(
        "forms/soknad.html",
        [
            make_finding(),
            make_finding(
                "parent-mor-far-only",
                excerpt="Mor / Far",
                anchor="foreldre",
                line=30,
                column=3,
                message="Bare mor og far.",
            ),
            make_finding(
                "binary-pronoun-phrase",
                severity="suggestion",
                excerpt="han eller hun",
                anchor=None,
                line=40,
                column=None,
                form_key="",
                form_title="",
                message="«han eller hun»",
            ),
            make_finding(
                "gendered-salutation",
                severity="warning",
                excerpt="Herr / Fru",
                anchor="tiltale",
                line=50,
                suppression=Suppression(kind="inline", reason="Brevmal krever tiltale"),
            ),
        ],
    )
    formio = make_doc(
        "forms/nav/skjema.json",
        [
            make_finding(
                source="forms/nav/skjema.json",
                line=None,
                column=None,
                json_pointer="/components/3/values",
                component="kjonn (radio) values",
                anchor="kjonn",
                form_key="nav123",
                form_title="Søknad om stønad",
                excerpt="Mann / Kvinne",
            ),
            make_finding(
                "gender-not-needed",
                severity="info",
                source="forms/nav/skjema.json",
                line=None,
                column=None,
                json_pointer="/components/3",
                anchor="kjonn",
                form_key="nav123",
                form_title="Søknad om stønad",
                excerpt="Kjønn",
                suppression=Suppression(
                    kind="exception",
                    reason="Folkeregisteret",
                    approver="Finans",
                    expires="2027-06-30",
                ),
            ),
        ],
        fmt="formio",
    )
    clean = make_doc(
        "forms/ok.html",
        [],
        forms=[
            {
                "key": "kontakt",
                "kind": "html-form",
                "title": "Kontakt oss",
                "location": {"source": "forms/ok.html"},
                "fields": 2,
            }
        ],
    )
    pdf = make_doc(
        "forms/skjema æøå.pdf",
        [
            make_finding(
                source="forms/skjema æøå.pdf",
                line=None,
                column=None,
                page=2,
                anchor="kjonn",
                form_key="pdf",
                form_title="PDF-skjema",
                excerpt="Kjønn: M / K",
            )
        ],
        fmt="pdf",
    )
    broken = make_doc(
        "forms/broken.docx",
        [],
        forms=[],
        errors=["forms/broken.docx: not a valid zip archive (truncated or corrupt DOCX/ODT?)"],
        fmt="docx",
    )
    return make_run(html, formio, clean, pdf, broken)
