"""A static file server for a site directory on a free loopback port (the demo and test sites).

It behaves like a well-run municipal web server where that matters to the crawler: ETag and
Last-Modified on every file, 304 answers to conditional requests, ``text/html`` with the charset
the page declares, ``index.html`` for directories, 405 for anything but GET/HEAD. ``{{BASE_URL}}``
in robots.txt and sitemaps is replaced by the server's own address. Every request is recorded
(method, path, headers) so tests can check what the crawler sent.
"""

from __future__ import annotations

import hashlib
import mimetypes
import posixpath
import re
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
_SUBSTITUTED = ("robots.txt", ".xml")
_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".js": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".css": "text/css",
}


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    _ALLOWED: ClassVar[tuple[str, ...]] = ("GET", "HEAD")

    def log_message(self, format: str, *args: object) -> None:  # quiet: tests read .requests
        return

    def _record(self) -> None:
        with self.server.lock:
            self.server.requests.append(
                RecordedRequest(self.command, self.path, {k: v for k, v in self.headers.items()})
            )

    def do_GET(self) -> None:
        self._record()
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._record()
        self._serve(body=False)

    def _refuse(self) -> None:
        self._record()
        self._send(405, b"method not allowed\n", "text/plain", extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str,
        *,
        extra: dict[str, str] | None = None,
        send_body: bool = True,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(body)

    def _serve(self, *, body: bool) -> None:
        path = self.server.resolve(unquote(urlsplit(self.path).path))
        if path is None:
            self._send(
                404,
                b"<!doctype html><title>404</title><h1>Ikke funnet</h1>",
                "text/html; charset=utf-8",
                send_body=body,
            )
            return
        data = path.read_bytes()
        if path.name == "robots.txt" or path.suffix == ".xml":
            data = data.replace(b"{{BASE_URL}}", self.server.base_url.encode())
        etag = '"' + hashlib.sha256(data).hexdigest()[:20] + '"'
        mtime = path.stat().st_mtime
        last_modified = formatdate(mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": last_modified, "Cache-Control": "no-cache"}
        if self._not_modified(etag, int(mtime)):
            self._send(304, b"", _content_type(path, data), extra=headers, send_body=False)
            return
        self._send(200, data, _content_type(path, data), extra=headers, send_body=body)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return mtime <= int(parsedate_to_datetime(ims).timestamp())
            except (TypeError, ValueError):
                return False
        return False


def _content_type(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    ctype = _TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if ctype == "text/html":
        m = _META_CHARSET.search(data[:4096])
        return f"text/html; charset={m.group(1).decode('ascii').lower() if m else 'utf-8'}"
    if ctype.startswith("text/") or ctype in ("application/json", "application/xml"):
        return f"{ctype}; charset=utf-8"
    return ctype


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: Path, host: str, port: int, overlays: Sequence[Path] = ()) -> None:
        super().__init__((host, port), _Handler)
        self.root = root.resolve()
        self.overlays = [o.resolve() for o in overlays]
        self.lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        self.base_url = f"http://{host}:{self.server_address[1]}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (a crawler killed or timed out mid-response) is no server
        error: say nothing. Anything else gets the standard traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def resolve(self, url_path: str) -> Path | None:
        """The file for a URL path: from the first overlay that has it, else from the root."""
        rel = posixpath.normpath(url_path).lstrip("/")
        if rel.startswith(".."):
            return None
        for base in (*self.overlays, self.root):
            path = (base / rel).resolve()
            if not path.is_relative_to(base):
                return None
            if path.is_dir():
                path = path / "index.html"
            if path.is_file():
                return path
        return None


class StaticSiteServer:
    """Serve ``root`` on ``http://127.0.0.1:<free port>`` in a background thread; a file in one
    of ``overlays`` (same layout) is served instead of the root's (the demo's revised pages).

    Use as a context manager or call :meth:`start`/:meth:`stop`.
    """

    def __init__(
        self,
        root: Path | str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        overlays: Sequence[Path | str] = (),
    ) -> None:
        self._server = _Server(Path(root), host, port, [Path(o) for o in overlays])
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="formlint-site", daemon=True
        )

    @property
    def base_url(self) -> str:
        return self._server.base_url

    def set_overlays(self, overlays: Sequence[Path | str]) -> None:
        """Serve the files of ``overlays`` over the root's from now on (same address)."""
        self._server.overlays = [Path(o).resolve() for o in overlays]

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._server.lock:
            return list(self._server.requests)

    def start(self) -> StaticSiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> StaticSiteServer:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    """``python -m formlint.demo.server DIR [PORT]``: serve a site directory until interrupted."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(__file__).parent / "site"
    port = int(args[1]) if len(args) > 1 else 0
    server = StaticSiteServer(root, port=port)
    print(server.base_url, flush=True)
    try:
        server._server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server._server.server_close()


if __name__ == "__main__":
    main()
