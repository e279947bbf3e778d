"""``formlint lint URL`` on a loopback server: no secret of the URL in any output or the store."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from formlint.api import lint_urls, make_engine
from formlint.cli.main import cli
from formlint.store.store import Store

FORM = """<!doctype html><html lang="nb"><head><title>Påmelding</title></head><body>
<form id="p"><fieldset><legend>Kjønn</legend>
<label><input type="radio" name="k" value="g"> Gutt</label>
<label><input type="radio" name="k" value="j"> Jente</label></fieldset></form></body></html>"""
SECRETS = ("S3KRET-tok", "K3Y-value", "P4SSWORD", "SIG-abc")


class _Handler(http.server.BaseHTTPRequestHandler):
    paths: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        _Handler.paths.append(self.path)
        if self.path.startswith("/old"):
            self.send_response(302)
            self.send_header("Location", "/form?sig=SIG-abc&side=2")
            self.end_headers()
            return
        body = FORM.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_no_secret_reaches_any_report(server: str, tmp_path: Path) -> None:
    _Handler.paths.clear()
    url = f"{server}/form?token=S3KRET-tok&lang=nb&api_key=K3Y-value"
    fmts = ",".join(
        f"{name}:{tmp_path / ('out.' + name)}"
        for name in ("json", "sarif", "junit", "github", "gitlab", "html")
    )
    res = CliRunner().invoke(
        cli, ["lint", "--no-config", "-f", f"console,{fmts}", url, f"{server}/old?x=1"]
    )
    assert res.exit_code == 1, res.output
    assert _Handler.paths[0] == "/form?token=S3KRET-tok&lang=nb&api_key=K3Y-value"  # as given
    written = [res.stdout, res.stderr] + [p.read_text(encoding="utf-8") for p in tmp_path.iterdir()]
    for text in written:
        for secret in SECRETS:
            assert secret not in text
    assert "token=***&lang=nb&api_key=***" in (tmp_path / "out.sarif").read_text(encoding="utf-8")


def test_user_info_is_refused_without_echoing_it(server: str) -> None:
    host = server.removeprefix("http://")
    res = CliRunner().invoke(cli, ["lint", "--no-config", f"http://kari:P4SSWORD@{host}/form"])
    assert res.exit_code == 2
    assert "--header-env" in res.stderr and "P4SSWORD" not in res.stderr + res.stdout


def test_no_secret_reaches_the_store(server: str, tmp_path: Path) -> None:
    run = lint_urls([f"{server}/form?session=S3KRET-tok", f"{server}/old"], make_engine())
    db = tmp_path / "formlint.db"
    with Store(f"sqlite:///{db}") as store:
        store.record_run(run)
    data = db.read_bytes()
    assert b"session=***" in data
    for secret in SECRETS:
        assert secret.encode() not in data
