"""``axe: true`` in a crawl config: axe-core runs on every page the crawler renders (and only
there), its findings joined with the static ones; a scan without Chromium says once that it
did not run (real engine, real store, loopback site)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from crawlkit import DynamicSite, child_env, fast_config

from formlint.sources.crawl.axe import axe_audits, with_axe
from formlint.sources.crawl.render import find_chromium

SPA = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Påmelding</title></head>
<body><main><h1>Påmelding til leirskole</h1><div id="root"></div></main>
<script src="/app.js"></script></body></html>"""
APP_JS = """document.getElementById('root').innerHTML = '<form action="/api/leir" method="post">' +
 '<label for="n">Elevens navn</label><input id="n" name="navn" autocomplete="name">' +
 '<input type="text" name="klasse"><p style="color:#d0d0d0">Fristen er 1. mai.</p></form>';"""
STATIC = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Om skolen</title></head>
<body><main><h1>Om skolen</h1><p style="color:#d0d0d0">Skolen har 300 elever.</p>
<a href="/leir">Påmelding</a></main></body></html>"""


def _site(dynamic_site: Callable[..., DynamicSite]) -> DynamicSite:
    return dynamic_site(
        {
            "/": lambda h: h.send_text(200, STATIC),
            "/leir": lambda h: h.send_text(200, SPA),
            "/app.js": lambda h: h.send_text(200, APP_JS, "text/javascript"),
            "/robots.txt": lambda h: h.send_text(200, "User-agent: *\nAllow: /\n", "text/plain"),
        }
    )


def _scan(tmp: Path, base_url: str, *args: str) -> tuple[subprocess.CompletedProcess[str], Any]:
    cfg = tmp / "site.yaml"
    cfg.write_text(fast_config(render="auto") + "axe: true\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "formlint", "scan", str(cfg), "--base-url", base_url,
         "--db", str(tmp / "f.db"), "--out", str(tmp / "out"), "-q", "--fail-on", "never", *args],
        capture_output=True, text=True, timeout=180, env=child_env(), cwd=tmp,
    )  # fmt: skip
    found = tmp / "out" / "findings.json"
    return proc, json.loads(found.read_text(encoding="utf-8")) if found.is_file() else None


def _by_page(findings: Any, base_url: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    docs = findings["documents"] if isinstance(findings, dict) else findings
    for d in docs:
        path = d["source"].removeprefix(base_url)
        out[path] = d["findings"]
    return out


@pytest.mark.browser
@pytest.mark.skipif(not find_chromium().available, reason="no system Chromium")
def test_axe_runs_on_rendered_pages_only_and_joins_the_static_findings(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    site = _site(dynamic_site)
    proc, findings = _scan(tmp_path, site.base_url)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "axe-core ble ikke kjørt" not in proc.stdout
    pages = _by_page(findings, site.base_url)
    leir = {f["rule"]: f for f in pages["/leir"]}
    # the JS-built field without a label: one finding, found by both (the store keeps what it
    # says, the message)
    assert leir["form-field-no-accessible-name"]["message"].endswith("ACT e086e5 · axe/label]")
    assert "axe/label" not in leir
    assert leir["axe/color-contrast"]["message"].endswith("[WCAG 1.4.3 · EN 301 549 9.1.4.3]")
    # the static page was not rendered, so axe-core never saw its pale text
    assert not [f for f in pages["/"] if f["rule"].startswith("axe/")]
    assert {h.method for h in site.hits} <= {"GET", "HEAD"}


def test_a_scan_without_chromium_says_once_that_axe_was_not_run(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    site = _site(dynamic_site)
    proc, findings = _scan(tmp_path, site.base_url, "--chromium", "/nonexistent/chromium")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    line = "axe-core ble ikke kjørt: Disabled: no Chromium found at /nonexistent/chromium"
    assert proc.stdout.count(line) == 1, proc.stdout
    pages = _by_page(findings, site.base_url)
    assert not [f for fs in pages.values() for f in fs if f["rule"].startswith("axe/")]


def test_a_page_on_which_axe_failed_is_linted_without_it_and_the_log_says_why(
    caplog: pytest.LogCaptureFixture,
) -> None:
    meta = with_axe({"playwright": True})
    method = meta["playwright_page_methods"][-1]
    method.result = {"error": "Error: Execution context was destroyed"}
    with caplog.at_level(logging.WARNING):
        assert axe_audits(meta, "http://127.0.0.1/leir") == ()
    assert "axe-core failed on http://127.0.0.1/leir: Error: Execution context" in caplog.text
    assert axe_audits({"playwright": True}, "http://127.0.0.1/") == ()  # axe not asked for


def test_what_axe_returns_is_read_and_anything_malformed_left_out() -> None:
    meta = with_axe({})
    meta["playwright_page_methods"][-1].result = {
        "result": {
            "violations": [
                "not a violation",
                {"id": "no-nodes", "nodes": []},
                {"id": "label", "impact": "critical", "help": "Form elements must have labels",
                 "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/label",
                 "tags": ["cat.forms", "wcag2a", "wcag412"],
                 "nodes": [{"target": "input", "html": '<input\n  name="klasse">',
                            "tag": "INPUT", "name": "klasse", "id": None,
                            "path": 'form > input[name="klasse"]'}, "junk"]},
            ]
        }
    }  # fmt: skip
    (audit,) = axe_audits(meta, "http://127.0.0.1/leir")
    assert (audit.rule, audit.impact, audit.tags[-1]) == ("label", "critical", "wcag412")
    (node,) = audit.nodes
    assert node.html == '<input name="klasse">'
    assert (node.anchor, node.css_path) == ("input[name=klasse]", 'form > input[name="klasse"]')
