"""The demo's static server: overlays serve a second version of some pages at the same addresses,
and no path leaves the root or an overlay."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from formlint.demo.server import StaticSiteServer


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    site, revised = tmp_path / "site", tmp_path / "revised"
    for base, text in ((site, "første utgave"), (revised, "andre utgave")):
        (base / "skjema").mkdir(parents=True)
        (base / "skjema" / "index.html").write_text(text, encoding="utf-8")
    (site / "om.html").write_text("om kommunen", encoding="utf-8")
    (tmp_path / "hemmelig.txt").write_text("utenfor", encoding="utf-8")
    return site, revised


def test_overlay_serves_its_pages_over_the_root_from_then_on(roots: tuple[Path, Path]) -> None:
    site, revised = roots
    with StaticSiteServer(site) as server:
        assert _get(f"{server.base_url}/skjema/") == (200, "første utgave")
        server.set_overlays([revised])
        assert _get(f"{server.base_url}/skjema/") == (200, "andre utgave")
        assert _get(f"{server.base_url}/om.html") == (200, "om kommunen")  # not overlaid


def test_no_path_leaves_the_root_or_an_overlay(roots: tuple[Path, Path]) -> None:
    site, revised = roots
    with StaticSiteServer(site, overlays=[revised]) as server:
        for path in ("/../hemmelig.txt", "/skjema/../../hemmelig.txt", "/%2e%2e/hemmelig.txt"):
            assert _get(server.base_url + path)[0] == 404, path


def test_a_client_that_hangs_up_mid_response_prints_no_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A crawler killed mid-download resets its connection: that is no server error."""
    import socket
    import struct
    import time

    (tmp_path / "stor.html").write_bytes(b"<p>" + b"x" * 8_000_000 + b"</p>")
    with StaticSiteServer(tmp_path) as server:
        host, port = server.base_url.removeprefix("http://").split(":")
        for _ in range(3):
            sock = socket.create_connection((host, int(port)))
            sock.sendall(b"GET /stor.html HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.recv(1024)
            # close with a reset (SO_LINGER 0), as a killed process's socket ends
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
        time.sleep(0.5)
        assert _get(f"{server.base_url}/stor.html")[0] == 200  # still serving
    assert "Traceback" not in capfd.readouterr().err
