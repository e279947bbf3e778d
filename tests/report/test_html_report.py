"""The HTML report: untrusted text stays text, and it is accessible in a real browser."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from formlint.progress.model import build_report
from formlint.report.html import render_html
from formlint.store import Store
from formlint.store.samples import XSS, fixture_scan

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def model() -> dict:
    store = Store("sqlite://")
    try:
        for n in (1, 2, 3):
            run, pages = fixture_scan(n, xss=True)
            rid = store.record_run(run, site="kommune", pages=pages)
            if n == 2:
                mid = rid
        return build_report(
            store, run_id=mid, today=date(2026, 9, 1), generated_at="2026-09-01T00:00:00+00:00"
        )
    finally:
        store.close()


def test_script_in_label_is_text(model: dict) -> None:
    html = render_html(model)
    assert XSS not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()


def test_self_contained_and_labelled(model: dict) -> None:
    html = render_html(model)
    assert '<html lang="nb">' in html
    assert 'class="skip" href="#main"' in html
    assert "<main" in html and "<nav" in html and "<caption>" in html and 'scope="col"' in html
    # Status is never colour alone: every badge carries its text.
    assert '<span class="badge red">Rød</span>' in html
    for external in ('src="http', "<link ", "@import", "url("):
        assert external not in html
    en = render_html({**model, "lang": "en"})
    assert '<html lang="en">' in en and "Prioritised work list" in en


def test_progress_mode_has_no_cards(model: dict) -> None:
    html = render_html(model, mode="progress")
    assert 'id="cards"' not in html
    assert "Fremdrift tiltak A2" in html


def _chromium() -> str | None:
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(path):
            return path
    return shutil.which("chromium")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nb", "nn"])
@pytest.mark.parametrize("mode", ["report", "progress"])
def test_renders_in_chromium_without_serious_axe_violations(
    model: dict, tmp_path: Path, mode: str, lang: str
) -> None:
    exe = _chromium()
    if exe is None:
        pytest.skip("Chromium not found (/usr/bin/chromium): apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    axe_mod = pytest.importorskip("axe_playwright_python.sync_playwright")
    page_file = tmp_path / f"{mode}.html"
    page_file.write_text(render_html({**model, "lang": lang}, mode=mode), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            title = {
                "report": "Revisjonsrapport",
                "progress": {"nb": "Fremdrift", "nn": "Framdrift"}[lang],
            }
            assert page.title().startswith(title[mode])
            assert page.evaluate("() => window.__xss === undefined")
            page.screenshot(path=str(ARTIFACTS / f"html-{mode}-{lang}.png"), full_page=True)
            results = axe_mod.Axe().run(page)
        finally:
            browser.close()
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


def test_html_reporter_for_lint_runs() -> None:
    import io

    from formlint.progress.model import run_report
    from formlint.report.base import ReportContext
    from formlint.report.html import HtmlReporter

    run, _pages = fixture_scan(1, xss=True)
    out = io.StringIO()
    ctx = ReportContext(language="en", run_model=lambda r, lang: run_report(r, lang=lang))
    HtmlReporter(ctx).write_run(run, out)
    html = out.getvalue()
    assert '<html lang="en">' in html and "&lt;script&gt;" in html and XSS not in html
