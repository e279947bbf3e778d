"""``formlint lint --render URL``: the page rendered in Chromium and checked with axe-core, whose
findings join the static ones (one finding naming both where they agree), on a planted
municipal page served from loopback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.etree as etree
import pytest
from click.testing import CliRunner

from formlint.cli.main import cli
from formlint.demo.server import StaticSiteServer
from formlint.parse.html_elements import css_path
from formlint.sources.axe import CSS_PATH
from formlint.sources.crawl.render import CHROMIUM_ARGS, find_chromium

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "accessibility"
PLANTED = FIXTURES / "aktivitetskort.html"
DEMO = Path(__file__).resolve().parents[2] / "formlint" / "demo" / "site"
no_chromium = pytest.mark.skipif(not find_chromium().available, reason="no system Chromium")


def _lint(*args: str) -> tuple[int, dict[str, Any], str]:
    res = CliRunner().invoke(
        cli, ["lint", "--format", "json", "--fail-on", "never", *args], catch_exceptions=False
    )
    return res.exit_code, json.loads(res.stdout), res.stderr


def _findings(run: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for d in run["documents"] for f in d["findings"]]


PLANTED_STATIC = {
    ("form-field-placeholder-only", "Fornavn"),
    ("form-field-placeholder-only", "Etternavn"),
    ("form-group-no-legend", "Kjønn"),
    ("form-autocomplete-missing", "Fornavn"),
    ("form-autocomplete-missing", "Etternavn"),
    ("form-autocomplete-missing", "E-post til foresatt"),
}


def test_the_planted_page_yields_its_three_problems_statically() -> None:
    code, run, _ = _lint(str(PLANTED))
    assert code == 0
    got = {(f["rule"], f["excerpt"]) for f in _findings(run)}
    assert got >= PLANTED_STATIC
    assert not any(f["rule"].startswith("axe/") for f in _findings(run))


@pytest.mark.browser
@no_chromium
def test_with_axe_its_findings_appear_once_merged_with_the_static_ones() -> None:
    with StaticSiteServer(FIXTURES) as server:
        code, run, err = _lint("--render", f"{server.base_url}/aktivitetskort.html")
        methods = {r.method for r in server.requests}
    assert code == 0, err
    assert methods <= {"GET", "HEAD"}
    (doc,) = run["documents"]
    assert doc["errors"] == []
    findings = _findings(run)
    assert {(f["rule"], f["excerpt"]) for f in findings} >= PLANTED_STATIC
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)
    # axe's "label" and "button-name" found what the static checks found, at the same elements:
    # one finding each, naming both
    (unnamed,) = by_rule["form-field-no-accessible-name"]
    assert unnamed["also_found_by"] == ["axe/label"]
    assert unnamed["message"].endswith("· ACT e086e5 · axe/label]")
    (button,) = by_rule["form-button-no-accessible-name"]
    assert button["also_found_by"] == ["axe/button-name"]
    assert "axe/label" not in by_rule and "axe/button-name" not in by_rule
    # what only axe finds is reported once, with its WCAG criteria, severity from its impact
    (contrast,) = by_rule["axe/color-contrast"]
    assert contrast["severity"] == "warning"  # serious
    assert contrast["standards"] == ["WCAG 1.4.3", "EN 301 549 9.1.4.3"]
    assert contrast["help_uri"].startswith("https://dequeuniversity.com/rules/axe/")
    assert contrast["location"]["css_path"] == "main > p:nth-of-type(2)"
    assert 'class="lys"' in contrast["excerpt"]
    # one finding per axe rule (its further elements would be places), none at an element a
    # static finding already names for the same criterion
    assert all(len(fs) == 1 for r, fs in by_rule.items() if r.startswith("axe/"))


def test_without_chromium_axe_is_not_run_and_that_is_said_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORMLINT_CHROMIUM", "/nonexistent/chromium")
    with StaticSiteServer(FIXTURES) as server:
        url = f"{server.base_url}/aktivitetskort.html"
        code, run, err = _lint("--render", url, "--render", url + "?igjen")
    assert code == 0
    assert err.count("axe-core was not run") == 1
    assert "no Chromium found at /nonexistent/chromium" in err
    assert len(run["documents"]) == 2  # both linted from their static HTML
    rules = {f["rule"] for f in _findings(run)}
    assert "form-field-placeholder-only" in rules
    assert not any(r.startswith("axe/") for r in rules)


def test_a_url_that_cannot_be_rendered_is_a_one_line_error() -> None:
    code, _run, err = _lint("--render", "ftp://127.0.0.1/x.html")
    assert code == 3
    assert "formlint: error: ftp://127.0.0.1/x.html: only http and https" in err


def test_render_urls_keep_secrets_out_of_the_output() -> None:
    """As ``lint URL``: user info is refused before any request, secret query values masked."""
    res = CliRunner().invoke(cli, ["lint", "--render", "http://editor:hemmelig@127.0.0.1/x"])
    assert res.exit_code == 2
    assert "hemmelig" not in res.output + res.stderr
    with StaticSiteServer(FIXTURES) as server:
        code, run, err = _lint("--render", f"{server.base_url}/aktivitetskort.html?token=s3kret1")
    assert code == 0
    assert [d["source"] for d in run["documents"]] == [
        f"{server.base_url}/aktivitetskort.html?token=***"
    ]
    assert "s3kret1" not in json.dumps(run) + err


@pytest.mark.browser
@no_chromium
def test_the_browser_names_elements_as_the_parser_does() -> None:
    """The CSS path computed in the page (to join axe's elements with static findings) is the
    one the HTML parser writes, for every element of real pages: menus, tables, fieldsets."""
    from playwright.sync_api import sync_playwright

    pages = ["barnehage/soknad/index.html", "skole/index.html", "kontakt/index.html"]
    with StaticSiteServer(DEMO) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium().path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            checked = 0
            for path in [*pages, None]:
                if path is None:
                    page.set_content(PLANTED.read_text(encoding="utf-8"))
                else:
                    page.goto(f"{server.base_url}/{path}")
                # each element numbered (an attribute no CSS path step reads) and named
                paths = page.evaluate(
                    f"() => {{ const cssPath = {CSS_PATH}; return Array.from("
                    "document.querySelectorAll('body *'), (el, i) => {"
                    " el.setAttribute('data-test-i', String(i)); return cssPath(el); }); }"
                )
                root = etree.fromstring(
                    page.content().encode("utf-8"), etree.HTMLParser(encoding="utf-8")
                )
                for el in root.iter():
                    i = el.get("data-test-i") if isinstance(el.tag, str) else None
                    if i is not None:
                        assert css_path(el) == paths[int(i)], etree.tostring(el)[:200]
                        checked += 1
        finally:
            browser.close()
    assert checked > 500
