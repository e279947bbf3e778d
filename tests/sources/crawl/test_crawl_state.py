"""Incremental re-scans (conditional requests) and kill-and-resume, against a static loopback site."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from crawlkit import CHILD, child_env, fast_config, run_child

from formlint.demo.server import StaticSiteServer


def _make_site(root: Path, pages: int = 40) -> None:
    """A small municipal-style site: every page links to the menu, each holds a marker."""
    root.mkdir(parents=True, exist_ok=True)
    menu = " ".join(f'<a href="/side/{i}.html">Side {i}</a>' for i in range(0, pages, 5))
    (root / "index.html").write_text(
        f"<!doctype html><html><body>FINDME-home {menu}</body></html>", encoding="utf-8"
    )
    (root / "side").mkdir(exist_ok=True)
    for i in range(pages):
        nxt = " ".join(f'<a href="/side/{j}.html">n</a>' for j in (i + 1, i + 2) if j < pages)
        (root / "side" / f"{i}.html").write_text(
            f"<!doctype html><html><body>FINDME-p{i} FINDME-q{i} {menu} {nxt}</body></html>",
            encoding="utf-8",
        )
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


def test_second_scan_is_conditional_and_relints_nothing(tmp_path: Path) -> None:
    _make_site(tmp_path / "site", pages=12)
    with StaticSiteServer(tmp_path / "site") as server:
        cfg = fast_config()
        first = run_child(cfg, server.base_url, tmp_path)
        assert first.returncode == 0, first.stderr
        assert len(first.data["lint_calls"]) == 13
        n_first = len(server.requests)
        second = run_child(cfg, server.base_url, tmp_path)
        assert second.returncode == 0, second.stderr
        later = server.requests[n_first:]
    assert second.data["lint_calls"] == []
    page_requests = [r for r in later if r.path != "/robots.txt"]
    assert len(page_requests) == 13
    assert all(
        "If-None-Match" in r.headers and "If-Modified-Since" in r.headers for r in page_requests
    )
    assert second.data["stats"]["not_modified"] == 13
    assert second.data["stats"]["reused"] == 13
    assert second.findings() == first.findings()
    assert len(second.findings()) == 2 * 12 + 1


def test_max_pages_caps_the_crawl(tmp_path: Path) -> None:
    _make_site(tmp_path / "site", pages=12)
    with StaticSiteServer(tmp_path / "site") as server:
        res = run_child(fast_config(), server.base_url, tmp_path, "--max-pages", "5")
    assert res.returncode == 0, res.stderr
    assert len(res.data["pages"]) == 5
    assert res.data["stats"]["skipped_max_pages"] > 0


def test_unchanged_hash_without_validators_is_reused(tmp_path: Path) -> None:
    """A server without ETag/Last-Modified support: the content hash still avoids re-linting."""
    from formlint.sources.crawl.memory_state import MemoryCrawlState
    from formlint.store.crawlstate import CrawledPage

    state = MemoryCrawlState(tmp_path / "j.jsonl")
    run = state.begin_scan("s", "h")
    page = CrawledPage(
        url="http://x/",
        final_url="http://x/",
        status=200,
        etag=None,
        last_modified=None,
        sha256="abc",
        depth=0,
        links=["http://x/a"],
        rendered=False,
        render_reason=None,
        result=None,
    )
    state.record_page(run, page)
    state.finish_scan(run, {})
    again = MemoryCrawlState(tmp_path / "j.jsonl")
    assert again.previous_validators("http://x/") == (None, None, "abc")
    run2 = again.begin_scan("s", "h")
    assert run2 != run
    assert again.reuse_previous(run2, "http://x/")
    assert again.done_urls(run2) == {"http://x/"}
    assert again.stored_links("http://x/", run2) == ["http://x/a"]


@pytest.mark.slow
def test_kill_and_resume_gives_the_same_findings(tmp_path: Path) -> None:
    _make_site(tmp_path / "site", pages=40)
    cfg_text = fast_config(concurrency_per_host=2)
    with StaticSiteServer(tmp_path / "site") as server:
        ref_dir = tmp_path / "ref"
        ref_dir.mkdir()
        reference = run_child(cfg_text, server.base_url, ref_dir)
        assert reference.returncode == 0, reference.stderr

        work = tmp_path / "work"
        work.mkdir()
        cfg = work / "crawl.yaml"
        cfg.write_text(cfg_text, encoding="utf-8")
        journal = work / "state.jsonl"
        proc = subprocess.Popen(
            [
                sys.executable,
                str(CHILD),
                str(cfg),
                server.base_url,
                str(journal),
                str(work / "killed.json"),
                "--slow",
                "0.05",
            ],
            env=child_env(),
            cwd=work,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            recorded = journal.read_text().count('"type": "page"') if journal.exists() else 0
            if recorded >= 12:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert not (work / "killed.json").exists()
        before = journal.read_text().count('"type": "page"')
        assert 12 <= before < 41

        resumed = run_child(cfg_text, server.base_url, work, journal=journal)
        assert resumed.returncode == 0, resumed.stderr
    assert resumed.data["stats"]["resumed_done"] >= 12
    assert resumed.data["run_id"] == 1  # the same run, continued
    # Nothing linted twice: the resumed process linted only what the killed one had not recorded.
    pages_killed = {
        json.loads(ln)["url"]
        for ln in journal.read_text().splitlines()[: before + 1]
        if '"type": "page"' in ln
    }
    assert not pages_killed & set(resumed.data["lint_calls"])
    assert resumed.findings() == reference.findings()
    assert len(resumed.findings()) == 2 * 40 + 1


def _count_documents(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_cli_kill_and_resume_with_the_store(tmp_path: Path) -> None:
    """The real CLI, engine and SQL store on the demo site: SIGKILL mid-scan, then resume."""
    from crawlkit import REPO

    demo = REPO / "formlint" / "demo" / "site"
    config = REPO / "crawl_configs" / "demo.yaml"

    def cmd(db: Path, out: Path) -> list[str]:
        return [sys.executable, "-m", "formlint", "scan", str(config), "--base-url", server.base_url,
                "--db", str(db), "--out", str(out), "--format", "none", "-q", "--chromium", "/nonexistent"]  # fmt: skip

    def fingerprints(out: Path) -> list[tuple[str, str, str]]:
        report = json.loads((out / "findings.json").read_text(encoding="utf-8"))
        return sorted(
            (d["crawl"]["url"], f["rule"], f["fingerprint"])
            for d in report["documents"]
            for f in d["findings"]
        )

    with StaticSiteServer(demo) as server:
        ref = subprocess.run(
            cmd(tmp_path / "ref.db", tmp_path / "ref"),
            capture_output=True,
            text=True,
            timeout=300,
            env=child_env(),
            cwd=tmp_path,
        )
        assert ref.returncode == 0, ref.stderr
        db = tmp_path / "work.db"
        proc = subprocess.Popen(
            cmd(db, tmp_path / "work"),
            env=child_env(),
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _count_documents(db) < 20:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed_at = _count_documents(db)
        assert 20 <= killed_at < 78
        resumed = subprocess.run(
            cmd(db, tmp_path / "work"),
            capture_output=True,
            text=True,
            timeout=300,
            env=child_env(),
            cwd=tmp_path,
        )
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads((tmp_path / "work" / "findings.json").read_text(encoding="utf-8"))
    assert report["scan"]["resumed_done"] == killed_at
    assert report["scan"]["linted"] == len(report["documents"]) - killed_at
    assert fingerprints(tmp_path / "work") == fingerprints(tmp_path / "ref")
    assert len(report["documents"]) == len(
        json.loads((tmp_path / "ref" / "findings.json").read_text())["documents"]
    )


def _sitemap(root: Path, lastmod: dict[str, str]) -> None:
    entries = "".join(
        f"<url><loc>{{{{BASE_URL}}}}{path}</loc><lastmod>{stamp}</lastmod></url>"
        for path, stamp in lastmod.items()
    )
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>',
        encoding="utf-8",
    )


def _cli_scan(cfg: Path, base_url: str, tmp: Path) -> dict[str, Any]:
    out = tmp / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "formlint", "scan", str(cfg), "--base-url", base_url,
         "--db", str(tmp / "scan.db"), "--out", str(out), "--format", "none", "-q"],
        capture_output=True, text=True, timeout=120, env=child_env(), cwd=tmp,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    return dict(json.loads((out / "findings.json").read_text()))


def _trusting_site(tmp_path: Path, **extra: Any) -> tuple[Path, list[str], Path]:
    """A 12-page site whose sitemap dates every page 2020, and a config that trusts it."""
    site = tmp_path / "site"
    _make_site(site, pages=12)
    paths = ["/", *[f"/side/{i}.html" for i in range(12)]]
    _sitemap(site, dict.fromkeys(paths, "2020-01-01T08:00:00+01:00"))
    cfg = tmp_path / "crawl.yaml"
    cfg.write_text(
        fast_config(sitemaps=["{{BASE_URL}}/sitemap.xml"], sitemap_lastmod="trust", **extra),
        encoding="utf-8",
    )
    return site, paths, cfg


def test_trusted_sitemap_lastmod_skips_unchanged_pages(tmp_path: Path) -> None:
    """sitemap_lastmod: trust re-scans a site whose sitemap says nothing changed with one page
    request: the first page the sitemap calls unchanged is fetched to check its word
    (sitemap_verify, every 20th by default); a page whose <lastmod> moved is fetched and linted
    again."""
    site, paths, cfg = _trusting_site(tmp_path)
    with StaticSiteServer(site) as server:
        first = _cli_scan(cfg, server.base_url, tmp_path)
        n_first = len(server.requests)
        second = _cli_scan(cfg, server.base_url, tmp_path)
        n_second = len(server.requests)
        (site / "side" / "3.html").write_text(
            '<!doctype html><html lang="nb"><body><form><label for="m">Mors navn</label>'
            '<input id="m" name="m"><label for="f">Fars navn</label><input id="f" name="f">'
            '</form><a href="/side/4.html">n</a></body></html>',
            encoding="utf-8",
        )
        _sitemap(site, {**dict.fromkeys(paths, "2020-01-01"), "/side/3.html": "2999-01-01"})
        third = _cli_scan(cfg, server.base_url, tmp_path)
        requests = server.requests
    assert first["scan"]["linted"] == 13
    second_paths = [r.path for r in requests[n_first:n_second]]
    assert sorted(set(second_paths) - {"/robots.txt", "/sitemap.xml"}) == ["/"], second_paths
    assert second["scan"]["sitemap_verified"] == 1 and second["scan"]["not_modified"] == 1
    assert second["scan"]["sitemap_unchanged"] == 12 and second["scan"]["linted"] == 0
    assert second["scan"]["sitemap_distrusted"] is None
    assert len(second["documents"]) == len(first["documents"]) == 13
    third_pages = [r.path for r in requests[n_second:] if r.path.startswith("/side/")]
    assert third_pages == ["/side/3.html"]
    assert third["scan"]["linted"] == 1 and third["scan"]["sitemap_unchanged"] == 11
    changed = next(d for d in third["documents"] if d["source"].endswith("/side/3.html"))
    assert any(f["rule"] == "parent-mor-far-only" for f in changed["findings"])


def test_a_sitemap_caught_out_is_not_trusted_for_the_rest_of_the_scan(tmp_path: Path) -> None:
    """A CMS that edits pages without moving <lastmod>: the checked page (the first the sitemap
    calls unchanged) has changed, so every page reused on the sitemap's word is fetched again
    and the other stale page is found and linted too; nothing is lost or stored twice."""
    # a loaded CI machine must not drop a page
    site, paths, cfg = _trusting_site(tmp_path, limits={"timeout": 20, "retries": 1})
    with StaticSiteServer(site) as server:
        first = _cli_scan(cfg, server.base_url, tmp_path)
        home = (site / "index.html").read_text(encoding="utf-8")
        (site / "index.html").write_text(home.replace("FINDME-home", "FINDME-home2"), "utf-8")
        (site / "side" / "7.html").write_text(
            '<!doctype html><html lang="nb"><body><form><label for="m">Mors navn</label>'
            '<input id="m" name="m"><label for="f">Fars navn</label><input id="f" name="f">'
            "</form></body></html>",
            encoding="utf-8",
        )
        n_first = len(server.requests)
        second = _cli_scan(cfg, server.base_url, tmp_path)
        second_pages = [r.path for r in server.requests[n_first:] if r.path.endswith(".html")]
        third = _cli_scan(cfg, server.base_url, tmp_path)  # the store is consistent afterwards
    scan = second["scan"]
    assert not first["scan"]["problems"] and not scan["problems"], (first["scan"], scan)
    assert scan["sitemap_distrusted"] == f"{server.base_url}/", scan
    assert sorted(second_pages) == sorted(paths[1:])  # every reused page was checked again
    assert scan["linted"] == 2 and scan["sitemap_unchanged"] == 0
    assert scan["pages"] == 13 and scan["reused"] == 11 and scan["not_modified"] == 11
    docs = {d["source"]: d for d in second["documents"]}
    assert len(docs) == len(second["documents"]) == len(first["documents"]) == 13
    assert any(
        f["rule"] == "parent-mor-far-only"
        for f in docs[f"{server.base_url}/side/7.html"]["findings"]
    )
    assert len(third["documents"]) == 13 and third["scan"]["sitemap_distrusted"] is None


def test_sitemap_lastmod_is_ignored_by_default(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _make_site(site, pages=4)
    _sitemap(site, {"/": "2020-01-01", "/side/1.html": "2020-01-01"})
    cfg = tmp_path / "crawl.yaml"
    cfg.write_text(fast_config(sitemaps=["{{BASE_URL}}/sitemap.xml"]), encoding="utf-8")
    with StaticSiteServer(site) as server:
        _cli_scan(cfg, server.base_url, tmp_path)
        n_first = len(server.requests)
        second = _cli_scan(cfg, server.base_url, tmp_path)
        later = [r for r in server.requests[n_first:] if r.path.startswith("/side/")]
    assert len(later) == 4 and all("If-None-Match" in r.headers for r in later)
    assert second["scan"]["sitemap_unchanged"] == 0 and second["scan"]["not_modified"] == 5


@pytest.mark.parametrize(
    "sitemap",
    ["{{BASE_URL}}/no-such-sitemap.xml", "https://elsewhere.example/sitemap.xml"],
    ids=["sitemap-404", "sitemap-out-of-scope"],
)
def test_trusted_lastmod_with_an_unreadable_sitemap_still_crawls_everything(
    tmp_path: Path, sitemap: str
) -> None:
    """Page requests wait for the sitemaps only while one is in flight: a sitemap that fails or is
    never requested must not hold the crawl back (or end it early)."""
    site = tmp_path / "site"
    _make_site(site, pages=6)
    cfg = tmp_path / "crawl.yaml"
    cfg.write_text(fast_config(sitemaps=[sitemap], sitemap_lastmod="trust"), encoding="utf-8")
    with StaticSiteServer(site) as server:
        first = _cli_scan(cfg, server.base_url, tmp_path)
        second = _cli_scan(cfg, server.base_url, tmp_path)
    assert first["scan"]["linted"] == 7
    assert second["scan"]["sitemap_unchanged"] == 0 and second["scan"]["not_modified"] == 7
