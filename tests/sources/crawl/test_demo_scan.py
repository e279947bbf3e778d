"""Acceptance: ``formlint scan`` of the bundled demo municipality against formlint/demo/EXPECTED.yaml.

One module-scoped pair of scans (the real CLI in subprocesses, the real rule engine and store):
the first finds every planted issue and nothing on the good pages, renders exactly the
JavaScript-built form page and never fetches robots-disallowed or external URLs; the second, of the
unchanged site, sends only conditional requests and lints nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import demo_expectations as de
import pytest
import yaml
from crawlkit import REPO, child_env

from formlint.demo.server import RecordedRequest, StaticSiteServer
from formlint.sources.crawl.render import find_chromium

pytestmark = pytest.mark.slow

DEMO = REPO / "formlint" / "demo"
EXPECTED = yaml.safe_load((DEMO / "EXPECTED.yaml").read_text(encoding="utf-8"))
HAS_CHROMIUM = find_chromium().available


@dataclass
class Scan:
    proc: subprocess.CompletedProcess[str]
    report: dict[str, Any]
    requests: list[RecordedRequest]


@dataclass
class DemoScans:
    base_url: str
    first: Scan
    second: Scan


def _scan(base_url: str, tmp: Path, server: StaticSiteServer) -> Scan:
    before = len(server.requests)
    out = tmp / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "formlint",
            "scan",
            str(REPO / "crawl_configs" / "demo.yaml"),
            "--base-url",
            base_url,
            "--db",
            str(tmp / "demo.db"),
            "--out",
            str(out),
            "--format",
            "none",
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=child_env(),
        cwd=tmp,
    )
    report = (
        json.loads((out / "findings.json").read_text(encoding="utf-8"))
        if (out / "findings.json").exists()
        else {}
    )
    return Scan(proc, report, server.requests[before:])


@pytest.fixture(scope="module")
def demo_scans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoScans]:
    tmp = tmp_path_factory.mktemp("demo")
    with StaticSiteServer(DEMO / "site") as server:
        first = _scan(server.base_url, tmp, server)
        second = _scan(server.base_url, tmp, server)
        yield DemoScans(server.base_url, first, second)


def _about(finding: dict[str, Any], entry: dict[str, Any]) -> bool:
    """The finding is about the entry's text (same comparison as the static demo test)."""
    if entry["rule"] != "any" and finding["rule"] != entry["rule"]:
        return False
    t, x, m = (
        de.norm(entry["text"]),
        de.norm(finding.get("excerpt")),
        de.norm(finding.get("matched")),
    )
    return bool(t) and (t in x or (len(x) > 3 and x in t) or bool(m and (m in t or t in m)))


def _violates(finding: dict[str, Any], entry: dict[str, Any]) -> bool:
    """A must_not entry is broken when the finding's excerpt holds the text and its matched words
    lie inside it: "Mor" in "Mors navn" is not about "Morsmål" elsewhere on the page."""
    if entry["rule"] != "any" and finding["rule"] != entry["rule"]:
        return False
    t, x, m = (
        de.norm(entry["text"]),
        de.norm(finding.get("excerpt")),
        de.norm(finding.get("matched")),
    )
    return t in x and (not m or m in t or t in m)


def _by_path(report: dict[str, Any], base_url: str) -> dict[str, dict[str, Any]]:
    return {d["crawl"]["url"].removeprefix(base_url + "/"): d for d in report["documents"]}


def _check(
    path: str, doc: dict[str, Any] | None, entry: dict[str, Any], expect_key: str, may_key: str
) -> list[str]:
    if doc is None:
        return [f"{path}: not in the scan report"]
    findings = [f for f in doc["findings"] if not f.get("suppression")]
    problems: list[str] = []
    for exp in entry.get(expect_key) or []:
        if not any(_about(f, exp) for f in findings):
            problems.append(f"{path}: missing {exp['rule']} on {exp['text']!r}")
    for bad in entry.get("must_not") or []:
        for f in findings:
            if _violates(f, bad):
                problems.append(
                    f"{path}: false positive {f['rule']} on {f['excerpt']!r} (must_not {bad['text']!r})"
                )
    if entry.get("clean") and expect_key == "expect":  # nothing but what it expects
        wanted = entry.get(expect_key) or []
        problems.extend(
            f"{path}: clean page has {f['rule']} on {f['excerpt']!r}"
            for f in findings
            if not any(_about(f, exp) for exp in wanted)
        )
    for f in findings:
        if f["rule"] == "legal-term" and f["severity"] != "info":
            problems.append(f"{path}: legal-term with severity {f['severity']}")
    return problems


def test_first_scan_succeeds(demo_scans: DemoScans) -> None:
    first = demo_scans.first
    assert first.proc.returncode == 0, first.proc.stderr[-3000:]
    assert first.report["scan"]["problems"] == []


def test_demo_scan_finds_every_planted_issue_and_nothing_on_good_pages(
    demo_scans: DemoScans,
) -> None:
    docs = _by_path(demo_scans.first.report, demo_scans.base_url)
    rendered_only = set(EXPECTED.get("rendered_only") or [])
    skipped = {s["path"] for s in EXPECTED["skipped"]}
    problems: list[str] = []
    for entry in [*EXPECTED["pages"], *EXPECTED["documents"]]:
        path = entry["path"]
        if path in skipped:
            continue
        if path in rendered_only and HAS_CHROMIUM:
            problems += _check(path, docs.get(path), entry, "expect_rendered", "may_rendered")
        else:
            problems += _check(path, docs.get(path), entry, "expect", "may")
    assert not problems, f"{len(problems)} expectation(s) not met:\n" + "\n".join(problems)


def test_demo_scan_skips_what_it_must(demo_scans: DemoScans) -> None:
    docs = _by_path(demo_scans.first.report, demo_scans.base_url)
    for s in EXPECTED["skipped"]:
        if s["why"] == "robots":
            assert s["path"] not in docs
            assert not any(
                r.path.startswith("/" + s["path"].rsplit("/", 1)[0])
                for r in demo_scans.first.requests
            ), s
        else:  # a language without a lexicon: reported, with a note, without findings
            doc = docs[s["path"]]
            assert doc["findings"] == []
            assert doc["notes"], doc
    for ext in EXPECTED["external_forms"]:
        # The store keeps inventory URLs normalised (no trailing slash).
        listed = [u.rstrip("/") for u in docs[ext["page"]]["crawl"]["external_forms"]]
        assert ext["url"].rstrip("/") in listed
    for path in EXPECTED["sitemap_only"]:
        assert path in docs
    assert {r.method for r in demo_scans.first.requests} <= {"GET", "HEAD"}
    assert not any(r.path.startswith("/api/") for r in demo_scans.first.requests)


def test_demo_scan_renders_exactly_the_js_form_page(demo_scans: DemoScans) -> None:
    stats = demo_scans.first.report["scan"]
    pages = [demo_scans.base_url + "/" + p for p in EXPECTED["rendered_only"]]
    if HAS_CHROMIUM:
        assert [r["url"] for r in stats["rendered"]] == pages
        assert stats["not_rendered"] == []
    else:
        assert stats["rendered"] == []
        assert [r["url"] for r in stats["not_rendered"]] == pages
        assert "Disabled: no Chromium found" in demo_scans.first.proc.stdout


def test_rescan_of_unchanged_demo_is_conditional_and_relints_nothing(demo_scans: DemoScans) -> None:
    second = demo_scans.second
    assert second.proc.returncode == 0, second.proc.stderr[-3000:]
    stats = second.report["scan"]
    assert stats["linted"] == 0
    assert (
        stats["reused"]
        == len(second.report["documents"])
        == len(demo_scans.first.report["documents"])
    )
    page_requests = [r for r in second.requests if r.path not in ("/robots.txt", "/sitemap.xml")]
    assert page_requests
    assert all("If-None-Match" in r.headers for r in page_requests), [
        r.path for r in page_requests if "If-None-Match" not in r.headers
    ]

    def fingerprints(report: dict[str, Any]) -> list[tuple[str, str, str]]:
        return sorted(
            (d["crawl"]["url"], f["rule"], f["fingerprint"])
            for d in report["documents"]
            for f in d["findings"]
        )

    assert fingerprints(second.report) == fingerprints(demo_scans.first.report)


def test_demo_command_tells_the_whole_story(tmp_path: Path) -> None:
    """`formlint demo`: two scans (before and after three forms are revised, a status note
    between them), the revision report of the second, and the progress dashboard with a trend,
    owner units and statuses."""
    out = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, "-m", "formlint", "demo", "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        env=child_env(),
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in (
        "findings.json",
        "formlint-report.html",
        "formlint-report.md",
        "formlint-report.json",
        "formlint-progress.html",
        "formlint-progress.xlsx",
    ):
        assert (out / name).is_file(), name
        assert f"{out / name}" in proc.stdout
    assert f"lageret: {out / 'demo.db'}" in proc.stdout
    assert "serving the demo municipality at http://127.0.0.1:" in proc.stderr
    assert "Skanning 1 av 2" in proc.stdout and "Skanning 2 av 2" in proc.stdout
    assert "Endringer siden skanning 1: 0 nye, 13 rettet" in proc.stdout
    model = json.loads((out / "formlint-report.json").read_text(encoding="utf-8"))
    first, second = model["trend"]
    assert first["date"] < second["date"] and first["share"] < second["share"]
    assert model["projection"]["method"] == "linear"
    units = {o["unit"]: o for o in model["by_owner"]}
    assert all(units)  # the demo's crawl config names a unit for every form
    assert units["Oppvekst og utdanning: barnehage"]["green"] >= 1
    by_title = {w["title"].split(" | ")[0]: w for w in model["worklist"]}
    assert by_title["Søknad om barnehageplass"]["status"] == "green"
    assert by_title["Søknad om SFO-plass"]["status"] == "green"
    assert by_title["Ny i kommunen – meld fra til helsestasjonen"]["status"] == "orange"
    pdf = by_title["Søknad om skoleskyss"]
    assert (pdf["status"], pdf["owner"]) == ("orange", "Oppvekst og utdanning: skole")
    assert pdf["note"]["author"] == "Skolekontoret"
    dashboard = (out / "formlint-progress.html").read_text(encoding="utf-8")
    assert "Fremdrift tiltak A2" in dashboard and "Skolekontoret" in dashboard
    if HAS_CHROMIUM:
        assert "1 side(r) vist med Chromium:" in proc.stdout
        assert "skole/pamelding-aks/index.html (spa-root-without-form)" in proc.stdout
