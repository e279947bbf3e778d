"""Synthetic scans of a small municipal site, for tests, benchmarks and demos of the store.

Built from real :class:`~formlint.findings.Finding` objects and :class:`~formlint.results.RunResult`s,
so they exercise the same path as ``formlint lint`` and the crawler.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from formlint.findings import Confidence, Finding, Severity, Suppression, assign_fingerprints
from formlint.model import Location
from formlint.results import DocumentResult, RunResult
from formlint.store.crawlstate import CrawledPage

if TYPE_CHECKING:
    from formlint.store.store import Store

BASE = "https://kommune.example"
PLATFORM = "https://skjema.example/helsestasjon"
XSS = "<script>alert(1)</script>"


def finding(
    rule: str,
    severity: str,
    source: str,
    excerpt: str,
    *,
    form: str = "",
    anchor: str | None = None,
    confidence: str = "high",
    suppression: Suppression | None = None,
    form_title: str = "",
) -> Finding:
    return Finding(
        rule=rule,
        severity=Severity(severity),
        confidence=Confidence(confidence),
        message=f"{rule}: {excerpt}",
        source=source,
        location=Location(source, line=10, anchor=anchor),
        excerpt=excerpt,
        matched=excerpt,
        suggestions=("Forelder/foresatt 1", "Forelder/foresatt 2")
        if rule.startswith("parent")
        else ("Annet", "Ønsker ikke å oppgi"),
        why="Skjemaet sier at andre familieformer er usynlige.",
        help_uri=f"https://formlint.example/rules/{rule}",
        form_key=form,
        form_title=form_title,
        language="nb",
        scope="option",
        suppression=suppression,
    )


def _doc(
    source: str, fmt: str, forms: list[tuple[str, str, str]], findings: list[Finding]
) -> DocumentResult:
    return DocumentResult(
        source=source,
        format=fmt,
        sha256=None,
        findings=assign_fingerprints(findings),
        forms=[
            {"key": k, "kind": kind, "title": title, "location": {"source": source}, "fields": 4}
            for k, kind, title in forms
        ],
    )


def record_fixture_scans(store: Store, site: str = "kommune") -> list[int]:
    """Store the three fixture scans in order; their run ids (red -> orange -> green)."""
    ids = []
    for n in (1, 2, 3):
        run, pages = fixture_scan(n)
        ids.append(store.record_run(run, site=site, pages=pages))
    return ids


def fixture_scan(n: int, *, xss: bool = False) -> tuple[RunResult, list[CrawledPage]]:
    """Scan ``n`` (1, 2 or 3) of the fixture site; forms get fixed between scans.

    - A, barnehage application: two errors; scan 2 fixes one (and its URL gains a query
      string), scan 3 fixes the other. Red → orange → green.
    - B, SFO registration: a warning, fixed in scan 3. Red → red → green.
    - C, a Form.io form on a platform, embedded on two health pages: a binary gender
      question under an exception that expires 2026-12-31. Exempt (red once expired).
    - D, contact form: an info finding only. Green throughout.
    - E, complaint form: new in scan 2 with a warning, fixed in scan 3.
    """
    a_url = f"{BASE}/barnehage/soknad" + ("?ref=forsiden" if n >= 2 else "")
    b_url = f"{BASE}/skole/sfo"
    d_url = f"{BASE}/kontakt"
    e_url = f"{BASE}/klage"
    exc = Suppression(
        "exception",
        reason="Må samsvare med juridisk kjønn i Folkeregisteret",
        approver="Finans",
        expires="2026-12-31",
    )
    docs: list[DocumentResult] = []
    a_find = []
    if n == 1:
        a_find.append(
            finding(
                "parent-mor-far-only", "error", a_url, "Mor / Far", form="soknad", anchor="forelder"
            )
        )
    if n <= 2:
        a_find.append(
            finding(
                "gender-binary-options",
                "error",
                a_url,
                "Gutt / Jente",
                form="soknad",
                anchor="kjonn",
            )
        )
    a_title = "Søknad om barnehageplass" + (f" {XSS}" if xss else "")
    docs.append(_doc(a_url, "html", [("soknad", "html-form", a_title)], a_find))
    b_find = (
        []
        if n == 3
        else [
            finding(
                "gendered-salutation", "warning", b_url, "Herr / Fru", form="sfo", anchor="tittel"
            )
        ]
    )
    docs.append(_doc(b_url, "html", [("sfo", "html-form", "Påmelding SFO")], b_find))
    docs.append(
        _doc(
            PLATFORM,
            "formio",
            [("helsestasjon", "formio", "Helsestasjon: registrering")],
            [
                finding(
                    "gender-binary-options",
                    "error",
                    PLATFORM,
                    "Mann / Kvinne",
                    form="helsestasjon",
                    anchor="kjonn",
                    suppression=exc,
                )
            ],
        )
    )
    for page in ("helse/helsestasjon", "helse/vaksine"):
        docs.append(_doc(f"{BASE}/{page}", "html", [], []))
    docs.append(
        _doc(
            d_url,
            "html",
            [("kontakt", "html-form", "Kontakt oss")],
            [
                finding(
                    "gender-not-needed",
                    "info",
                    d_url,
                    "Kjønn",
                    form="kontakt",
                    anchor="kjonn",
                    confidence="low",
                )
            ],
        )
    )
    if n >= 2:
        e_find = (
            []
            if n == 3
            else [
                finding(
                    "parent-role-assumed",
                    "warning",
                    e_url,
                    f"Mors navn {XSS}" if xss else "Mors navn",
                    form="klage",
                    anchor="mor",
                )
            ]
        )
        docs.append(_doc(e_url, "html", [("klage", "html-form", "Klage på vedtak")], e_find))
    docs.append(
        _doc(
            f"{BASE}/om-kommunen",
            "html",
            [],
            [
                finding(
                    "binary-pronoun-phrase", "suggestion", f"{BASE}/om-kommunen", "han eller hun"
                )
            ],
        )
    )
    docs.append(_doc(f"{BASE}/", "html", [], []))
    started = datetime(2026, {1: 1, 2: 4, 3: 8}[n], 15, 8, 0, tzinfo=UTC)
    run = RunResult(
        documents=docs, profile="standard", started_at=started, finished_at=started.replace(hour=9)
    )
    links = {
        f"{BASE}/": [a_url, b_url, d_url, f"{BASE}/helse/helsestasjon", f"{BASE}/om-kommunen"],
        b_url: [d_url],
        a_url: [d_url, b_url],
        f"{BASE}/helse/helsestasjon": [f"{BASE}/helse/vaksine", d_url],
    }
    depth = {
        f"{BASE}/": 0,
        a_url: 1,
        b_url: 1,
        d_url: 1,
        f"{BASE}/helse/helsestasjon": 1,
        f"{BASE}/om-kommunen": 1,
    }
    pages = []
    for d in docs:
        embeds = [PLATFORM] if d.source.startswith(f"{BASE}/helse/") else []
        pages.append(
            CrawledPage(
                url=d.source,
                final_url=d.source,
                status=200,
                etag=f'"{n}-{abs(hash(d.source)) % 1000}"',
                last_modified="Thu, 15 Jan 2026 08:00:00 GMT",
                sha256=None,
                depth=depth.get(d.source, 2),
                links=links.get(d.source, []),
                rendered=d.format == "formio",
                render_reason="form platform" if d.format == "formio" else None,
                result=d,
                external_forms=embeds,
            )
        )
    return run, pages


RULES = [
    ("parent-mor-far-only", "error"),
    ("gender-binary-options", "error"),
    ("parent-role-assumed", "warning"),
    ("gendered-salutation", "warning"),
    ("binary-pronoun-phrase", "suggestion"),
    ("gender-not-needed", "info"),
    ("spouse-gendered", "suggestion"),
]


def synthetic_scan(
    pages: int,
    findings: int,
    *,
    forms_every: int = 10,
    links_per_page: int = 3,
    seed: int = 1,
    started: datetime | None = None,
) -> tuple[RunResult, list[CrawledPage]]:
    """A large scan: ``pages`` pages, a form on every ``forms_every``-th, ``findings`` findings."""
    rng = random.Random(seed)
    started = started or datetime(2026, 3, 1, tzinfo=UTC)
    form_pages = list(range(0, pages, forms_every))
    per_form: dict[int, list[Finding]] = {}
    for i in range(findings):
        p = form_pages[rng.randrange(len(form_pages))]
        rule, sev = RULES[i % len(RULES)]
        url = f"{BASE}/tjenester/{p}"
        per_form.setdefault(p, []).append(
            finding(rule, sev, url, f"Mor / Far {i}", form=f"f{p}", anchor=f"felt{i}")
        )
    docs: list[DocumentResult] = []
    crawled: list[CrawledPage] = []
    area = ("barnehage", "skole", "helse", "kultur", "vei", "bolig")
    for p in range(pages):
        url = f"{BASE}/tjenester/{p}"
        forms: list[tuple[str, str, str]] = (
            [(f"f{p}", "html-form", f"Skjema {p} {area[p % len(area)]}")]
            if p % forms_every == 0
            else []
        )
        doc = _doc(url, "html", forms, per_form.get(p, []))
        docs.append(doc)
        crawled.append(
            CrawledPage(
                url=url,
                final_url=url,
                status=200,
                etag=f'"{p}"',
                last_modified=None,
                sha256=None,
                depth=1 + (p % 5),
                links=[f"{BASE}/tjenester/{rng.randrange(pages)}" for _ in range(links_per_page)],
                rendered=False,
                render_reason=None,
                result=doc,
                external_forms=[],
            )
        )
    run = RunResult(
        documents=docs,
        profile="standard",
        started_at=started,
        finished_at=started.replace(hour=started.hour + 1),
    )
    return run, crawled


def run_summary(run: RunResult) -> dict[str, Any]:
    return {
        "documents": len(run.documents),
        "findings": sum(len(d.findings) for d in run.documents),
    }
