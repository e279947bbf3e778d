"""``formlint scan`` as a user runs it: exit codes, secrets, reports (real engine, real store)."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from crawlkit import REPO, DynamicSite, child_env, fast_config

FORM_PAGE = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Søknad</title></head>
<body><main><h1>Søknad om SFO-plass</h1>
<form method="post" action="/api/sfo"><fieldset><legend>Kjønn</legend>
<label><input type="radio" name="kjonn" value="m"> Mann</label>
<label><input type="radio" name="kjonn" value="k"> Kvinne</label></fieldset>
<label for="n">Navn</label><input id="n" name="navn" autocomplete="name">
<button type="submit">Send</button></form></main></body></html>"""


def _scan(
    tmp: Path, config: str, base_url: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    cfg = tmp / "site.yaml"
    cfg.write_text(config, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "formlint", "scan", str(cfg), "--base-url", base_url, "--db", str(tmp / "f.db"),
         "--out", str(tmp / "out"), "-q", *args],
        capture_output=True, text=True, timeout=180, env=env or child_env(), cwd=tmp,
    )  # fmt: skip


def _site(dynamic_site: Callable[..., DynamicSite]) -> DynamicSite:
    return dynamic_site(
        {
            "/": lambda h: h.send_text(
                200, '<html lang="nb"><body><p>Velkommen</p><a href="/sfo">SFO</a></body></html>'
            ),
            "/sfo": lambda h: h.send_text(200, FORM_PAGE),
            "/robots.txt": lambda h: h.send_text(200, "User-agent: *\nAllow: /\n", "text/plain"),
        }
    )


def test_config_error_exits_2_before_any_request(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    site = _site(dynamic_site)
    res = _scan(tmp_path, fast_config() + "max_page: 3\n", site.base_url)
    assert res.returncode == 2, res.stderr
    assert "site.yaml:7: max_page: unknown key (did you mean 'max_pages'?)" in res.stderr
    missing = fast_config() + "headers_from_env:\n  Authorization: FORMLINT_TEST_NOT_SET\n"
    res = _scan(tmp_path, missing, site.base_url)
    assert res.returncode == 2
    assert "environment variable FORMLINT_TEST_NOT_SET is not set" in res.stderr
    assert site.hits == []


def test_fail_on_and_reports(dynamic_site: Callable[..., DynamicSite], tmp_path: Path) -> None:
    site = _site(dynamic_site)
    res = _scan(tmp_path, fast_config(), site.base_url, "--fail-on", "error")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "gender-binary-options" in (tmp_path / "out" / "findings.json").read_text(
        encoding="utf-8"
    )
    assert "funn: " in res.stdout
    for name in ("formlint-report.html", "formlint-report.md", "formlint-report.json"):
        assert (tmp_path / "out" / name).is_file(), res.stdout + res.stderr
    again = _scan(tmp_path, fast_config(), site.base_url, "--fail-on", "never", "--format", "none")
    assert again.returncode == 0, again.stderr
    assert "2 sider og dokumenter (0 lest, 2 uendret og gjenbrukt)" in again.stdout


def test_secrets_are_sent_but_never_written(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    site = _site(dynamic_site)
    secret, cookie = "Bearer s3cr3t-TOKEN-4711", "c00kie-VALUE-0815"
    cfg = (
        fast_config()
        + "headers_from_env:\n  Authorization: FL_TEST_AUTH\ncookies_from_env:\n  session: FL_TEST_COOKIE\n"
    )
    env = child_env(FL_TEST_AUTH=secret, FL_TEST_COOKIE=cookie)
    res = _scan(tmp_path, cfg, site.base_url, "-v", "--fail-on", "never", env=env)
    assert res.returncode == 0, res.stderr
    page_hits = [h for h in site.hits if h.path in ("/", "/sfo")]
    assert page_hits and all(h.headers.get("Authorization") == secret for h in page_hits)
    assert all(f"session={cookie}" in h.headers.get("Cookie", "") for h in page_hits)
    for text in (res.stdout, res.stderr):
        assert secret not in text and cookie not in text and "s3cr3t" not in text
    for f in tmp_path.rglob("*"):
        if f.is_file() and f.name != "site.yaml":
            data = f.read_bytes()
            assert b"s3cr3t" not in data and cookie.encode() not in data, f


def test_unreachable_site_is_a_runtime_failure(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = _scan(tmp_path, fast_config(), f"http://127.0.0.1:{port}", "--format", "none")
    assert res.returncode == 3, res.stdout + res.stderr
    assert "connection refused" in res.stderr
    assert res.stderr.count("PROBLEM") == 1


def test_scan_help_lists_the_options() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "formlint", "scan", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=child_env(),
    )
    for opt in (
        "--db",
        "--out",
        "--max-pages",
        "--no-resume",
        "--chromium",
        "--fail-on",
        "--base-url",
    ):
        assert opt in res.stdout


def test_a_rescan_with_the_store_reaches_what_a_fresh_scan_reaches(tmp_path: Path) -> None:
    """With the SQL store a re-scan follows unchanged pages' stored links (``/c`` is linked only
    from the unchanged ``/b``) until every URL of the previous scan is claimed, and follows the
    new link of a changed page: it ends with the documents and findings of a fresh scan."""
    import json

    from formlint.demo.server import StaticSiteServer

    site = tmp_path / "site"
    site.mkdir()
    page = '<!doctype html><html lang="nb"><body><p>{}</p>{}</body></html>'
    (site / "index.html").write_text(page.format("Hjem", '<a href="/a.html">A</a>'))
    (site / "a.html").write_text(page.format("A", '<a href="/b.html">B</a>'))
    (site / "b.html").write_text(page.format("B", '<a href="/c.html">C</a>'))
    (site / "c.html").write_text(FORM_PAGE)
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    args = ("--format", "none", "--fail-on", "never")

    def documents(out: Path) -> dict[str, list[str]]:
        data = json.loads((out / "out" / "findings.json").read_text(encoding="utf-8"))
        return {d["source"]: sorted(f["rule"] for f in d["findings"]) for d in data["documents"]}

    with StaticSiteServer(site) as server:
        first = _scan(tmp_path, fast_config(), server.base_url, *args)
        assert first.returncode == 0, first.stderr
        assert len(documents(tmp_path)) == 4
        (site / "a.html").write_text(
            page.format("A", '<a href="/b.html">B</a> <a href="/ny.html">Ny</a>')
        )
        (site / "ny.html").write_text(FORM_PAGE.replace("SFO-plass", "AKS-plass"))
        again = _scan(tmp_path, fast_config(), server.base_url, *args)
        assert again.returncode == 0, again.stderr
        fresh_dir = tmp_path / "fresh"
        fresh_dir.mkdir()
        fresh = _scan(fresh_dir, fast_config(), server.base_url, *args)
        assert fresh.returncode == 0, fresh.stderr
    assert "(2 lest, 3 uendret og gjenbrukt)" in again.stdout
    rescanned = documents(tmp_path)
    assert rescanned == documents(fresh_dir)
    assert any(u.endswith("/c.html") for u in rescanned)
    assert any(u.endswith("/ny.html") for u in rescanned)


def test_owner_units_reach_every_report_and_can_change_without_a_scan(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    """The crawl config's owners are recorded with the scan: `formlint report` and `progress`,
    run where no config names them, show them in every format; `owners sync` changes them."""
    import csv
    import json

    from openpyxl import load_workbook

    site = _site(dynamic_site)
    owners = {"owners": [{"unit": "Oppvekst og utdanning", "patterns": ["*/sfo"]}]}
    res = _scan(
        tmp_path, fast_config(**owners), site.base_url, "--format", "none", "--fail-on", "never"
    )
    assert res.returncode == 0, res.stderr
    elsewhere = tmp_path / "elsewhere"  # no formlint.yml, no crawl config
    elsewhere.mkdir()
    db = ["--db", str(tmp_path / "f.db")]

    def formlint(*args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "formlint", *args, *db],
            capture_output=True, text=True, timeout=120, env=child_env(), cwd=elsewhere,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        return proc

    for command in ("report", "progress"):
        out = elsewhere / command
        formlint(command, "--format", "html,md,csv,xlsx,json", "--out", str(out))
        stem = out / f"formlint-{command}"
        model = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        sfo = next(w for w in model["worklist"] if w["title"] == "Søknad")
        assert sfo["owner"] == "Oppvekst og utdanning"
        assert [o["unit"] for o in model["by_owner"]] == ["Oppvekst og utdanning"]
        assert "Oppvekst og utdanning" in stem.with_suffix(".html").read_text(encoding="utf-8")
        assert "Oppvekst og utdanning" in stem.with_suffix(".md").read_text(encoding="utf-8")
        with stem.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
        assert "Oppvekst og utdanning" in rows[1]
        wb = load_workbook(stem.with_suffix(".xlsx"), read_only=True)
        cells = {c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row}
        wb.close()
        assert "Oppvekst og utdanning" in cells

    edited = tmp_path / "edited.yaml"
    edited.write_text(
        fast_config(owners=[{"unit": "Skole og SFO", "patterns": ["/sfo"]}]), encoding="utf-8"
    )
    assert "1 owner unit(s) recorded for site t" in formlint("owners", "sync", str(edited)).stdout
    assert "Skole og SFO\t/sfo\t(crawl t)" in formlint("owners", "list").stdout
    formlint("report", "--format", "json", "--out", str(elsewhere / "again"))
    model = json.loads((elsewhere / "again" / "formlint-report.json").read_text(encoding="utf-8"))
    assert {w["owner"] for w in model["worklist"]} == {"Skole og SFO"}


REVISED_FORM = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Søknad</title></head>
<body><main><h1>Søknad om SFO-plass</h1>
<form method="post" action="/api/sfo">
<label for="m">{mother}</label><input id="m" name="mor" autocomplete="name">
{gender}
<label for="n">Navn</label><input id="n" name="navn" autocomplete="name">
<button type="submit">Send</button></form></main></body></html>"""
BINARY = """<fieldset><legend>Kjønn</legend>
<label><input type="radio" name="kjonn" value="m"> Mann</label>
<label><input type="radio" name="kjonn" value="k"> Kvinne</label></fieldset>"""
SALUTATION = """<fieldset><legend>Tiltale</legend>
<label><input type="radio" name="tiltale" value="h"> Herr</label>
<label><input type="radio" name="tiltale" value="f"> Fru</label></fieldset>"""


def test_rescan_summary_names_what_changed(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    page = {"html": REVISED_FORM.format(mother="Mors navn", gender=BINARY)}
    site = dynamic_site(
        {
            "/": lambda h: h.send_text(200, '<html lang="nb"><body><a href="/sfo">SFO</a></body></html>'),
            "/sfo": lambda h: h.send_text(200, page["html"]),
            "/robots.txt": lambda h: h.send_text(200, "User-agent: *\nAllow: /\n", "text/plain"),
        }
    )  # fmt: skip
    first = _scan(tmp_path, fast_config(), site.base_url, "--format", "none", "--fail-on", "never")
    assert first.returncode == 0, first.stderr
    assert "Første skanning av nettstedet" in first.stdout
    # The gender question is gone (its error and its info fixed), a salutation question is new,
    # the mother's field is reworded: the name rule still fires there (changed), the parent rule
    # on the same word "Mors" (still open).
    page["html"] = REVISED_FORM.format(mother="Mors fulle navn", gender=SALUTATION)
    again = _scan(tmp_path, fast_config(), site.base_url, "--format", "none", "--fail-on", "never")
    assert again.returncode == 0, again.stderr
    out = again.stdout
    assert "Endringer siden skanning 1: 1 nye, 2 rettet, 1 endret, 1 fortsatt åpne" in out, out
    assert "  Nye (1 advarsel): Søknad (1)" in out
    assert "  Rettet (1 feil, 1 info): Søknad (2)" in out
    assert "  Endret (1 info): Søknad (1)" in out
    assert "  Fortsatt åpne (1 advarsel): Søknad (1)" in out


def test_empty_binary_and_corrupt_responses_are_problem_urls(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    """Every URL that yields no linted document is a problem URL with its reason, in the
    summary and findings.json, never a traceback; the empty page stays in the inventory."""
    import json

    links = "".join(
        f'<a href="/{p}">{p}</a> ' for p in ("tom", "skjema.pdf", "fil.docx", "data.bin")
    )
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    site = dynamic_site(
        {
            "/": lambda h: h.send_text(200, f'<html lang="nb"><body>{links}</body></html>'),
            "/tom": lambda h: h.send_text(200, b""),
            "/skjema.pdf": lambda h: h.send_text(200, b"%PDF-1.7\n1 0 obj <<", "application/pdf"),
            "/fil.docx": lambda h: h.send_text(200, b"PK\x03\x04 no zip after all", docx),
            "/data.bin": lambda h: h.send_text(200, bytes(range(256)) * 4, "application/octet-stream"),
            "/robots.txt": lambda h: h.send_text(200, "User-agent: *\nAllow: /\n", "text/plain"),
        }
    )  # fmt: skip
    res = _scan(tmp_path, fast_config(), site.base_url, "--format", "none", "--fail-on", "never")
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr and "Spider error" not in res.stderr
    report = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    problems = {
        p["url"].removeprefix(site.base_url): p["reason"] for p in report["scan"]["problems"]
    }
    assert problems == {
        "/tom": "empty response (HTTP 200, 0 bytes)",
        "/skjema.pdf": problems["/skjema.pdf"],
        "/fil.docx": "not a valid zip archive (truncated or corrupt DOCX/ODT?)",
        "/data.bin": "binary content, not a form or page",
    }
    assert problems["/skjema.pdf"].startswith("not a readable PDF")
    assert "4 problem-URL-er:" in res.stdout
    assert f"  {site.base_url}/tom: empty response (HTTP 200, 0 bytes)" in res.stdout
    inventory = {d["crawl"]["url"].removeprefix(site.base_url) for d in report["documents"]}
    assert {"/tom", "/skjema.pdf", "/fil.docx", "/data.bin"} <= inventory
