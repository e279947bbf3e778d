"""Selective rendering: only pages whose static HTML shows a client-side form get a browser."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from crawlkit import DynamicSite, Handler, Route, fast_config, run_child

from formlint.demo.server import StaticSiteServer
from formlint.sources.crawl.render import find_chromium, parse_html, render_reason

SPA = """<!doctype html><html><head><meta charset="utf-8"><title>Søknad</title>
<link rel="stylesheet" href="/style.css"></head><body><div id="root"></div>
<img src="/photo.png"><script src="/app.js"></script></body></html>"""
APP_JS = """document.getElementById('root').innerHTML = '<form><fieldset><legend>Kjønn</legend>' +
 '<label><input type="radio" name="k"> Mann</label><label><input type="radio" name="k"> Kvinne</label>' +
 '</fieldset> FINDME-rendered <a href="/from-js.html">lenke</a></form>';
fetch('/api/save', {method: 'POST', body: 'x'}).catch(function () {});
var f = new FontFace('x', 'url(/font.woff2)'); f.load().catch(function () {});"""


def _site(root: Path) -> None:
    root.mkdir()
    (root / "index.html").write_text(
        '<html><body>FINDME-home <a href="/spa.html">s</a> <a href="/static.html">t</a></body></html>'
    )
    (root / "spa.html").write_text(SPA)
    (root / "app.js").write_text(APP_JS)
    (root / "style.css").write_text("body { background: url(/bg.jpg); }")
    (root / "static.html").write_text(
        '<html><body>FINDME-static <form><label>Navn <input name="n"></label></form></body></html>'
    )
    (root / "from-js.html").write_text("<html><body>FINDME-fromjs</body></html>")


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ('<div id="root"></div><script src="/app.js"></script>', "spa-root-without-form"),
        ('<div id="app"><noscript>JS</noscript></div>', "spa-root-without-form"),
        ("<form action='/x'><button>Send</button></form>", "form-without-controls"),
        (
            '<script src="https://app.jotform.com/jsform/123"></script><p>Skjema</p>',
            "form-platform-loader:app.jotform.com",
        ),
        (
            '<div id="formio"></div><script>Formio.createForm(document.getElementById("formio"), "x")</script>',
            "inline-form-loader",
        ),
        ('<div id="root"><h1>Server-rendered</h1><p>Tekst</p></div>', None),
        ('<form><label>Navn <input name="n"></label></form><div id="app"></div>', None),
        ("<main><h1>Artikkel</h1><p>Tekst</p></main><script src='/menu.js'></script>", None),
    ],
)
def test_render_decision(html: str, reason: str | None) -> None:
    tree = parse_html(f"<!doctype html><html><body>{html}</body></html>".encode(), "utf-8")
    assert render_reason(tree) == reason


@pytest.mark.browser
@pytest.mark.skipif(not find_chromium().available, reason="no system Chromium")
def test_renders_exactly_the_js_form_page(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    with StaticSiteServer(tmp_path / "site") as server:
        res = run_child(fast_config(render="auto"), server.base_url, tmp_path, timeout=120)
        requests = server.requests
    assert res.returncode == 0, res.stderr
    stats = res.data["stats"]
    assert [r["url"] for r in stats["rendered"]] == [f"{server.base_url}/spa.html"]
    assert stats["rendered"][0]["reason"] == "spa-root-without-form"
    assert stats["browser_started"] is True
    excerpts = {e for _u, e in res.findings()}
    assert {"home", "static", "rendered", "fromjs"} <= excerpts  # the JS-built link was followed
    paths = {r.path for r in requests}
    assert not paths & {"/photo.png", "/bg.jpg", "/font.woff2"}  # images, fonts, media aborted
    assert {r.method for r in requests} <= {"GET", "HEAD"}  # the page's own POST was aborted
    assert "/api/save" not in paths


@pytest.mark.browser
@pytest.mark.skipif(not find_chromium().available, reason="no system Chromium")
def test_a_site_that_needs_no_browser_never_starts_one(tmp_path: Path) -> None:
    """Playwright (a Node.js driver and its messages in our event loop) starts for the first page
    to render, not with the crawl: a static site, and any unchanged re-scan, never pay for it."""
    _site(tmp_path / "site")
    (tmp_path / "site" / "spa.html").unlink()
    with StaticSiteServer(tmp_path / "site") as server:
        res = run_child(fast_config(render="auto"), server.base_url, tmp_path, timeout=120)
    assert res.returncode == 0, res.stderr
    stats = res.data["stats"]
    assert stats["rendered"] == [] and stats["render_disabled_reason"] is None
    assert stats["browser_started"] is False
    assert {"home", "static"} <= {e for _u, e in res.findings()}


def test_without_chromium_scan_runs_and_says_why(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    with StaticSiteServer(tmp_path / "site") as server:
        res = run_child(
            fast_config(render="auto"),
            server.base_url,
            tmp_path,
            "--chromium",
            "/nonexistent/chromium",
        )
    assert res.returncode == 0, res.stderr
    stats = res.data["stats"]
    assert stats["rendered"] == [] and stats["browser_started"] is False
    assert stats["render_disabled_reason"] == "Disabled: no Chromium found at /nonexistent/chromium"
    assert stats["not_rendered"] == [
        {"url": f"{server.base_url}/spa.html", "reason": "spa-root-without-form"}
    ]
    assert res.stderr.count("no Chromium found") == 1
    assert {"home", "static"} <= {e for _u, e in res.findings()}


@pytest.mark.browser
@pytest.mark.skipif(not find_chromium().available, reason="no system Chromium")
def test_failed_render_falls_back_to_the_static_html(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(
        '<html><body>FINDME-home <a href="/hang.html">h</a></body></html>'
    )
    # The page never reaches network idle (a request every 100 ms), so rendering times out. (A busy
    # loop would show the same path, but it pegs a core and made the test flaky on a loaded
    # 2-core CI machine; the hang risk of such pages is noted in docs/crawling.md.)
    (root / "hang.html").write_text(
        '<html><body><div id="root"></div><p>FINDME-hang</p>'
        "<script>setInterval(function () { fetch('/poll?' + Math.random()); }, 100);</script>"
        '<img src="/never.png"></body></html>'
    )
    cfg = fast_config(render="auto", limits={"timeout": 2, "retries": 0, "render_timeout": 2})
    with StaticSiteServer(root) as server:
        res = run_child(cfg, server.base_url, tmp_path, timeout=120)
    assert res.returncode == 0, res.stderr
    problems = res.data["stats"]["problems"]
    assert len(problems) == 1
    assert problems[0]["url"] == f"{server.base_url}/hang.html"
    assert "render failed" in problems[0]["reason"]
    assert "linted the static HTML instead" in problems[0]["reason"]
    assert {"home", "hang"} <= {e for _u, e in res.findings()}


def test_a_page_that_blocks_the_browser_ends_at_the_renders_deadline(tmp_path: Path) -> None:
    """A script that keeps the page's main thread busy: Playwright's own timeouts cover loading
    and waiting, not reading the page, so the scan waited as long as the script ran (for ever,
    for a page that never stops). The render's deadline (3 x render_timeout + 5 s) ends it and
    the static HTML is linted. (The loop stops by itself after 14 s so no core stays pegged.)"""
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text('<html><body>FINDME-home <a href="/opptatt.html">o</a>')
    (root / "opptatt.html").write_text(
        '<html><body><div id="root"></div><p>FINDME-busy</p><script>'
        "window.addEventListener('load', function () { setTimeout(function () {"
        " var end = Date.now() + 14000; while (Date.now() < end) {} }, 0); });"
        "</script></body></html>"
    )
    cfg = fast_config(render="auto", limits={"timeout": 2, "retries": 0, "render_timeout": 1})
    started = time.monotonic()
    with StaticSiteServer(root) as server:
        res = run_child(cfg, server.base_url, tmp_path, timeout=120)
    assert res.returncode == 0, res.stderr
    assert time.monotonic() - started < 60
    (problem,) = res.data["stats"]["problems"]
    assert problem["url"] == f"{server.base_url}/opptatt.html"
    assert problem["reason"] == "render failed (timeout); linted the static HTML instead"
    assert {"home", "busy"} <= {e for _u, e in res.findings()}


BUSY_PAGE = (
    '<html><body><div id="root"></div><p>FINDME-{name}</p><script>'
    "window.addEventListener('load', function () {{ setTimeout(function () {{"
    " var end = Date.now() + 30000; while (Date.now() < end) {{}} }}, 0); }});"
    "</script></body></html>"
)


@pytest.mark.browser
@pytest.mark.skipif(not find_chromium().available, reason="no system Chromium")
def test_renders_cut_off_by_their_deadline_give_their_browser_pages_back(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    """A render cut off by its deadline closes its page: the browser has two page slots, and two
    pages whose scripts never stop kept both until the scan ended, so every page rendered after
    them timed out too and was linted without its JavaScript."""

    def html(body: str) -> Route:
        return lambda h: h.send_text(200, body)

    def slow(h: Handler) -> None:  # found after both busy renders have been cut off
        time.sleep(10)
        h.send_text(200, '<html><body>FINDME-slow <a href="/spa.html">s</a></body></html>')

    site = dynamic_site(
        {
            "/": html(
                '<html><body>FINDME-home <a href="/busy1.html">1</a> <a href="/busy2.html">2</a>'
                ' <a href="/slow.html">3</a></body></html>'
            ),
            "/busy1.html": html(BUSY_PAGE.format(name="busy1")),
            "/busy2.html": html(BUSY_PAGE.format(name="busy2")),
            "/slow.html": slow,
            "/spa.html": html(SPA),
            "/app.js": lambda h: h.send_text(200, APP_JS, "text/javascript"),
            "/from-js.html": html("<html><body>FINDME-fromjs</body></html>"),
        }
    )
    cfg = fast_config(render="auto", limits={"timeout": 15, "retries": 0, "render_timeout": 1})
    res = run_child(cfg, site.base_url, tmp_path, timeout=120)
    assert res.returncode == 0, res.stderr
    stats = res.data["stats"]
    cut_off = {p["url"] for p in stats["problems"]}
    assert cut_off == {f"{site.base_url}/busy1.html", f"{site.base_url}/busy2.html"}
    assert [r["url"] for r in stats["rendered"]] == [f"{site.base_url}/spa.html"]
    assert {"rendered", "fromjs"} <= {e for _u, e in res.findings()}


def test_a_browser_that_fails_to_start_is_tried_once(tmp_path: Path) -> None:
    """A Chromium that is found but will not start (broken install, forbidden sandbox): one start
    attempt for the whole scan, every page that needed it linted from its static HTML, and the
    summary says why, instead of a new start attempt and its wait for every such page."""
    root = tmp_path / "site"
    root.mkdir()
    spa_pages = [f"spa{i}.html" for i in range(1, 5)]
    (root / "index.html").write_text(
        "<html><body>FINDME-home "
        + " ".join(f'<a href="/{p}">{p}</a>' for p in spa_pages)
        + "</body></html>"
    )
    for i, name in enumerate(spa_pages, 1):
        (root / name).write_text(
            f'<html><body><div id="root"></div><p>FINDME-spa{i}</p>'
            '<script src="/app.js"></script></body></html>'
        )
    launches = tmp_path / "launches.log"
    fake = tmp_path / "broken-chromium"
    fake.write_text(
        f'#!/bin/sh\necho started >> "{launches}"\necho "cannot open display" >&2\nexit 1\n'
    )
    fake.chmod(0o755)
    with StaticSiteServer(root) as server:
        res = run_child(
            fast_config(render="auto"),
            server.base_url,
            tmp_path,
            "--chromium",
            str(fake),
            timeout=120,
        )
    assert res.returncode == 0, res.stderr
    stats = res.data["stats"]
    assert launches.read_text().count("started") == 1
    assert stats["browser_started"] is False and stats["rendered"] == []
    assert stats["render_disabled_reason"].startswith("Chromium did not start: ")
    # each page that needed the browser is either a render failure (in flight when the start
    # failed) or not sent to the browser at all; none is lost
    failed = {p["url"] for p in stats["problems"]}
    assert all("Chromium did not start" in p["reason"] for p in stats["problems"])
    skipped = {r["url"] for r in stats["not_rendered"]}
    assert failed | skipped == {f"{server.base_url}/{p}" for p in spa_pages}
    assert not failed & skipped
    assert res.stderr.count("pages that need a browser are linted from their static HTML") == 1
    assert {"home", "spa1", "spa2", "spa3", "spa4"} <= {e for _u, e in res.findings()}
