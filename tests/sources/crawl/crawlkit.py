"""Helpers for the crawler tests: a scriptable loopback site and a one-crawl-per-subprocess runner.

(Not in conftest.py: several conftest modules exist, so ``import conftest`` would be ambiguous.)
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
CHILD = Path(__file__).with_name("scan_child.py")


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]
    at: float


Route = Callable[["Handler"], None]


@dataclass
class DynamicSite:
    """A threaded HTTP server whose paths are Python callables; records every request."""

    routes: dict[str, Route]
    hits: list[Hit] = field(default_factory=list)
    base_url: str = ""
    prefix_routes: dict[str, Route] = field(default_factory=dict)

    def paths(self, method: str | None = None) -> list[str]:
        return [h.path for h in self.hits if method is None or h.method == method]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, format: str, *args: object) -> None:
        return

    def _dispatch(self) -> None:
        site: DynamicSite = self.server.site
        site.hits.append(Hit(self.command, self.path, dict(self.headers.items()), time.monotonic()))
        if self.command not in ("GET", "HEAD"):
            self.send_text(405, "no")
            return
        path = self.path.split("?", 1)[0]
        route = site.routes.get(self.path) or site.routes.get(path)
        if route is None:
            for prefix, r in site.prefix_routes.items():
                if path.startswith(prefix):
                    route = r
                    break
        if route is None:
            self.send_text(404, "<html><body>ikke funnet</body></html>", "text/html")
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _dispatch

    def send_text(
        self,
        status: int,
        body: str | bytes,
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_text(status, "", headers={"Location": location})

    def reset(self) -> None:
        """Close the TCP connection with RST, mid-response."""
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial")
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("FORMLINT_CHROMIUM", None)
    env.update(extra)
    return env


@dataclass
class ChildResult:
    returncode: int
    stdout: str
    stderr: str
    data: dict[str, Any]

    def pages(self) -> dict[str, dict[str, Any]]:
        return {p["url"]: p for p in self.data["pages"]}

    def findings(self) -> list[tuple[str, str]]:
        return sorted(
            (p["url"], f["excerpt"])
            for p in self.data["pages"]
            for f in ((p.get("result") or {}).get("findings") or [])
        )


def run_child(
    config: str,
    base_url: str,
    tmp: Path,
    *opts: str,
    journal: Path | None = None,
    timeout: float = 90,
    env: dict[str, str] | None = None,
) -> ChildResult:
    """Run one crawl with the fake linter in a fresh process (Twisted's reactor can't restart)."""
    cfg = tmp / "crawl.yaml"
    cfg.write_text(config, encoding="utf-8")
    journal = journal or tmp / "state.jsonl"
    out = tmp / f"out-{time.monotonic_ns()}.json"
    proc = subprocess.run(
        [sys.executable, str(CHILD), str(cfg), base_url, str(journal), str(out), *opts],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or child_env(),
        cwd=tmp,
    )
    data = json.loads(out.read_text()) if out.exists() else {}
    return ChildResult(proc.returncode, proc.stdout, proc.stderr, data)


def fast_config(site: str = "t", **extra: Any) -> str:
    """A crawl config for loopback tests: no delay, no throttle, short timeouts."""
    lines = [
        f"site: {site}",
        'start_urls: ["{{BASE_URL}}/"]',
        "delay: 0",
        "autothrottle: {enabled: false}",
        "render: never",
        "limits: {timeout: 1.5, retries: 0}",
    ]
    for k, v in extra.items():
        lines = [ln for ln in lines if not ln.startswith(f"{k}:")]
        lines.append(f"{k}: {json.dumps(v)}")
    return "\n".join(lines) + "\n"
