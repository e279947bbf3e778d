"""A loopback site that misbehaves on purpose, and what a scan must make of each fault.

Used by the fault-injection tests (``test_faults.py``, small sizes) and by
``benchmarks/soak.py`` (full sizes: a 1 GiB gzip bomb, 50 MB bodies). Every fault is a URL that
the site's home page links to; a :class:`Fault` says what the scan must end with for it: a
problem URL whose one-line reason matches, or a linted document (of a format, with a finding),
or nothing fetched at all. Good pages beside the faults carry a finding each, so a test can
check that everything else on the site is still found.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import itertools
import json
import re
import ssl
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from crawlkit import REPO, DynamicSite, Handler, _Server, child_env
from document_fixtures import mf

# Every good page says this, so the real engine reports one binary-pronoun-phrase finding on it.
GOOD_TEXT = "Den som søker, må legge ved attest før han eller hun får svar."
PDF_BYTES = (REPO / "formlint/demo/site/dokumenter/soknad-om-skoleskyss.pdf").read_bytes()


def page(marker: str, *links: str, text: str = GOOD_TEXT, extra: str = "") -> str:
    anchors = " ".join(f'<a href="{u}">{u}</a>' for u in links)
    return (
        f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{marker}</title>'
        f"</head><body><main><h1>{marker}</h1><p>{text}</p>{anchors}{extra}</main></body></html>"
    )


@dataclass(frozen=True)
class Fault:
    """One misbehaviour at ``path`` and what the scan must end with for it.

    ``expect``: ``problem`` (a problem URL whose reason matches ``reason``), ``linted`` (a
    document of ``fmt`` with at least one finding), ``fetched-once`` (requested exactly once,
    however many URLs point at it), ``not-fetched`` (never requested)."""

    name: str
    path: str
    expect: str
    reason: str = ""
    fmt: str = "html"
    browser: bool = False


@dataclass
class Sizes:
    """Body sizes: small for the test suite, the issue's for the soak."""

    max_bytes: int = 4 * 1024 * 1024
    bomb: int = 64 * 1024 * 1024
    huge: int = 50 * 1024 * 1024


def _once(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """``make``, called the first time the body is wanted and remembered."""
    cache: list[bytes] = []

    def body() -> bytes:
        if not cache:
            cache.append(make())
        return cache[0]

    return body


def _compressed(size: int, *, deflate: bool) -> bytes:
    """``size`` zero bytes, gzip- or zlib-compressed in chunks (a bomb, built in little memory)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 15 if deflate else 31)
    out = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    for _ in range(size // len(chunk)):
        out.write(comp.compress(chunk))
    out.write(comp.flush())
    return out.getvalue()


@dataclass
class FaultSite:
    """The misbehaving site; ``faults`` lists what it injects, ``good`` its well-behaved pages."""

    sizes: Sizes = field(default_factory=Sizes)
    faults: list[Fault] = field(default_factory=list)
    good: list[str] = field(default_factory=list)
    site: DynamicSite | None = None
    tls_base: str = ""
    outside: DynamicSite | None = None  # a host outside the scope: must never be asked
    _robots_served: int = 0
    _bodies: list[Callable[[], bytes]] = field(default_factory=list)
    _retry_seen: set[str] = field(default_factory=set)

    def routes(self, tmp: Path) -> tuple[dict[str, Any], dict[str, Any]]:
        """The site's routes (exact paths, and path prefixes); fills ``faults`` and ``good``.
        Bodies are built when first asked for, so listing the faults costs nothing."""
        sizes = self.sizes
        gzip_bomb = _once(lambda: _compressed(sizes.bomb, deflate=False))
        deflate_bomb = _once(lambda: _compressed(sizes.bomb, deflate=True))
        good_gz = gzip.compress(page("gzip-truncated").encode())
        corrupt_docx = _once(
            lambda: mf.make_docx_with_corrupt_content_types(tmp / "corrupt.docx").read_bytes()
        )
        docx_bomb = _once(lambda: mf.make_zip_bomb(tmp / "bomb.docx").read_bytes())
        encrypted_pdf = _once(lambda: mf.make_encrypted_pdf(tmp / "encrypted.pdf").read_bytes())
        truncated_pdf = _once(lambda: mf.make_truncated_pdf(tmp / "truncated.pdf").read_bytes())
        self._bodies = [gzip_bomb, deflate_bomb, corrupt_docx, docx_bomb, encrypted_pdf,
                        truncated_pdf]  # fmt: skip
        faults: list[Fault] = []
        routes: dict[str, Any] = {}
        prefixes: dict[str, Any] = {}

        def add(fault: Fault, route: Callable[[Handler], None]) -> None:
            faults.append(fault)
            routes[fault.path] = route

        # -- bodies that are too large, endless or bombs -------------------------------------
        def encoded(body: Callable[[], bytes], encoding: str) -> Callable[[Handler], None]:
            return lambda h: h.send_text(200, body(), "text/html", {"Content-Encoding": encoding})

        add(Fault("gzip bomb", "/bomb.gz.html", "problem", r"too large once decompressed"),
            encoded(gzip_bomb, "gzip"))  # fmt: skip
        add(Fault("deflate bomb", "/bomb.deflate.html", "problem", r"too large once decompressed"),
            encoded(deflate_bomb, "deflate"))  # fmt: skip
        add(Fault("truncated gzip", "/truncated-gzip.html", "linted"),
            encoded(lambda: good_gz[: len(good_gz) - 12], "gzip"))  # fmt: skip
        add(Fault("corrupt gzip", "/corrupt-gzip.html", "problem", r"could not be decompressed"),
            encoded(lambda: b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, "gzip"))  # fmt: skip

        def huge(h: Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "application/pdf")
            h.send_header("Content-Length", str(sizes.huge))
            h.end_headers()
            chunk = b"0" * 65536
            for _ in range(sizes.huge // len(chunk)):
                h.wfile.write(chunk)

        add(Fault("50 MB body", "/huge.pdf", "problem", r"too large \(\d+\.\d MiB > limit"), huge)

        def endless(h: Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            line = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
            while True:  # until the crawler hangs up
                h.wfile.write(line)

        add(Fault("endless body", "/endless.html", "problem", r"too large"), endless)

        # -- slow, broken and refusing servers -----------------------------------------------
        def slow_loris(h: Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", "100000")
            h.end_headers()
            for _ in range(60):
                h.wfile.write(b"<")
                h.wfile.flush()
                time.sleep(0.25)

        add(Fault("slow-loris", "/slow-loris.html", "problem", r"^timeout"), slow_loris)
        add(Fault("connection reset", "/reset.html", "problem", r"connection reset"),
            lambda h: h.reset())  # fmt: skip

        def short_body(h: Handler) -> None:
            h.wfile.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<p>"
            )
            h.wfile.flush()
            h.close_connection = True

        add(Fault("body shorter than Content-Length", "/short.html", "problem",
                  r"connection reset"), short_body)  # fmt: skip

        def garbage(h: Handler) -> None:
            h.wfile.write(b"SPDY/9 banana\r\n\r\n")
            h.close_connection = True

        add(Fault("not HTTP", "/garbage.html", "problem", r"connection reset|not HTTP|invalid"),
            garbage)  # fmt: skip
        add(Fault("HTTP 500", "/error500.html", "problem", r"^HTTP 500"),
            lambda h: h.send_text(500, "<p>feil</p>"))  # fmt: skip
        add(Fault("302 without Location", "/no-location.html", "problem", r"^HTTP 302"),
            lambda h: h.send_text(302, "<p>flyttet</p>"))  # fmt: skip
        add(Fault("redirect loop", "/loop/a", "problem", r"redirect loop"),
            lambda h: h.redirect("/loop/b"))  # fmt: skip
        routes["/loop/b"] = lambda h: h.redirect("/loop/a")
        add(Fault("redirect chain", "/chain/0", "problem", r"more than \d+ redirects"),
            lambda h: h.redirect("/chain/1"))  # fmt: skip
        prefixes["/chain/"] = lambda h: h.redirect(f"/chain/{int(h.path.rsplit('/', 1)[1]) + 1}")
        slow_once: set[str] = set()

        def times_out_once(h: Handler) -> None:
            if h.path not in slow_once:
                slow_once.add(h.path)
                time.sleep(3)  # past the scan's 1.5 s timeout: the request is retried
            h.send_text(200, page("etter omdirigering"))

        add(Fault("redirect to a page that times out once", "/r/treg", "linted"),
            lambda h: h.redirect("/treg.html"))  # fmt: skip
        routes["/treg.html"] = times_out_once

        def retry_after(value: Callable[[], str], status: int) -> Callable[[Handler], None]:
            def route(h: Handler) -> None:
                if h.path in self._retry_seen:
                    h.send_text(200, page(h.path))
                    return
                self._retry_seen.add(h.path)
                h.send_text(status, "<p>opptatt</p>", headers={"Retry-After": value()})

            return route

        add(Fault("503 with Retry-After seconds", "/busy-503.html", "linted"),
            retry_after(lambda: "1", 503))  # fmt: skip
        add(Fault("429 with Retry-After date", "/busy-429.html", "linted"),
            retry_after(lambda: format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2), usegmt=True), 429))  # fmt: skip
        add(Fault("503 with a Retry-After too long to wait", "/closed-503.html", "problem",
                  r"^HTTP 503.*Retry-After 3600 s"),
            lambda h: h.send_text(503, "<p>stengt</p>", headers={"Retry-After": "3600"}))  # fmt: skip

        # -- traps ---------------------------------------------------------------------------
        def calendar(h: Handler) -> None:
            m = re.match(r"/kalender/(\d{4})/(\d{2})", h.path)
            assert m
            y, mo = int(m.group(1)), int(m.group(2))
            ny, nm = (y + 1, 1) if mo == 12 else (y, mo + 1)
            h.send_text(200, page(f"kalender {y}-{mo}", f"/kalender/{ny}/{nm:02d}", text="Ingen."))

        faults.append(Fault("calendar", "/kalender/2026/01", "problem", r"calendar trap"))
        prefixes["/kalender/"] = calendar
        session = itertools.count()

        def session_trap(h: Handler) -> None:
            n = next(session)
            h.send_text(200, page("sesjon", f"/sesjon;jsessionid=S{n}", f"/sesjon?sid={n}"))

        faults.append(Fault("session ids", "/sesjon", "fetched-once"))
        routes["/sesjon"] = session_trap

        # -- content that is not what it says ------------------------------------------------
        add(Fault("PDF served as text/html", "/pdf-as-html", "linted", fmt="pdf"),
            lambda h: h.send_text(200, PDF_BYTES, "text/html"))  # fmt: skip
        add(Fault("HTML served as a PNG", "/html-as-png", "linted"),
            lambda h: h.send_text(200, page("png"), "image/png"))  # fmt: skip
        add(Fault("unknown charset", "/charset.html", "linted"),
            lambda h: h.send_text(200, page("tegnsett").encode(), "text/html; charset=x-klingon-8"))  # fmt: skip
        add(Fault("links that are no URLs", "/bad-links.html", "linted"),
            lambda h: h.send_text(200, page("lenker", "http://[::1", "http://127.0.0.1:99999/x", "/side/3.html")))  # fmt: skip
        add(Fault("empty page", "/empty.html", "problem", r"empty"),
            lambda h: h.send_text(200, b"", "text/html"))  # fmt: skip
        add(Fault("binary as HTML", "/binary.html", "problem", r"binary content"),
            lambda h: h.send_text(200, b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8, "text/html"))  # fmt: skip
        add(Fault("corrupt DOCX", "/skjema-korrupt.docx", "problem", r"not a valid zip"),
            lambda h: h.send_text(200, corrupt_docx(), "application/octet-stream"))  # fmt: skip
        add(Fault("DOCX zip bomb", "/skjema-bombe.docx", "problem", r"zip bomb"),
            lambda h: h.send_text(200, docx_bomb(), "application/octet-stream"))  # fmt: skip
        add(Fault("encrypted PDF", "/kryptert.pdf", "problem", r"encrypted|password"),
            lambda h: h.send_text(200, encrypted_pdf(), "application/pdf"))  # fmt: skip
        add(Fault("truncated PDF", "/avkortet.pdf", "problem", r"damaged PDF.*recovered"),
            lambda h: h.send_text(200, truncated_pdf(), "application/pdf"))  # fmt: skip

        # -- what a scan must never do -------------------------------------------------------
        add(Fault("redirect out of scope", "/r/ut", "problem", r"out of scope"),
            lambda h: h.redirect(self._outside_url("/omdirigert.html")))  # fmt: skip
        add(Fault("meta refresh out of scope", "/meta-ut.html", "problem", r"out of scope"),
            lambda h: h.send_text(200, f'<html><head><meta http-equiv="refresh" content="0; url={self._outside_url("/oppfrisket.html")}"></head></html>'))  # fmt: skip
        faults.append(Fault("disallowed by a robots.txt that changes", "/hemmelig/side.html",
                            "not-fetched"))  # fmt: skip
        routes["/hemmelig/side.html"] = lambda h: h.send_text(200, page("hemmelig"))

        def robots(h: Handler) -> None:
            self._robots_served += 1
            rules = "Disallow: /hemmelig/\n" if self._robots_served == 1 else "Allow: /\n"
            h.send_text(200, f"User-agent: *\n{rules}", "text/plain")

        routes["/robots.txt"] = robots
        faults.append(Fault("a POST form", "/send", "not-fetched"))
        add(Fault("page with a POST form", "/post-form.html", "linted"),
            lambda h: h.send_text(200, page("post", extra='<form method="post" action="/send"><input name="x"><button>Send</button></form>')))  # fmt: skip
        routes["/send"] = lambda h: h.send_text(200, "sendt")

        good = [f"/side/{i}.html" for i in range(8)]
        for i, path in enumerate(good):
            routes[path] = lambda h, i=i: h.send_text(200, page(f"side {i}"))

        # -- JavaScript in the browser -------------------------------------------------------
        js_root = '<div id="root"></div>'
        add(Fault("script submits its form", "/js/submit.html", "problem",
                  r"render refused: the page navigated", browser=True),
            lambda h: h.send_text(200, page("js-submit", extra=js_root + "<form id='f' method='get' action='/js/sent.html'><input name='q' type='hidden'></form><script>setTimeout(function(){document.getElementById('f').submit()}, 50)</script>")))  # fmt: skip
        routes["/js/sent.html"] = lambda h: h.send_text(200, page("js-sent"))
        add(Fault("script posts its form", "/js/post.html", "problem",
                  r"render refused: the page navigated", browser=True),
            lambda h: h.send_text(200, page("js-post", extra=js_root + "<form id='f' method='post' action='/js/sent.html'><input name='q' type='hidden'></form><script>document.getElementById('f').submit()</script>")))  # fmt: skip
        add(Fault("script navigates away", "/js/navigate.html", "problem",
                  r"render refused: the page navigated", browser=True),
            lambda h: h.send_text(200, page("js-navigate", extra=js_root + "<script>location.href = '/side/0.html'</script>")))  # fmt: skip
        add(Fault("script reloads forever", "/js/reload.html", "problem", r"render failed",
                  browser=True),
            lambda h: h.send_text(200, page("js-reload", extra=js_root + "<script>setTimeout(function(){location.reload()}, 20)</script>")))  # fmt: skip
        add(Fault("script polls forever", "/js/poll.html", "problem", r"render failed",
                  browser=True),
            lambda h: h.send_text(200, page("js-poll", extra=js_root + "<script>setInterval(function(){fetch('/side/1.html?' + Math.random())}, 100)</script>")))  # fmt: skip
        add(Fault("self-signed TLS", "TLS", "linted"), lambda h: None)
        self.faults, self.good = faults, good
        return routes, prefixes

    def prepare(self) -> None:
        """Build every body now: a 1 GiB bomb takes longer to compress than a scan waits."""
        for body in self._bodies:
            body()

    def _outside_url(self, path: str) -> str:
        assert self.outside is not None
        return self.outside.base_url.replace("127.0.0.1", "localhost") + path

    def home(self, h: Handler) -> None:
        links = [f.path for f in self.faults if f.path != "TLS" and f.expect != "not-fetched"]
        links += [*self.good, "/hemmelig/side.html", f"{self.tls_base}/tls.html",
                  self._outside_url("/utenfor.html"), "mailto:post@example.invalid"]  # fmt: skip
        frame = f'<iframe src="{self._outside_url("/ramme.html")}"></iframe>'
        h.send_text(200, page("hjem", *links, extra=frame))


def _self_signed(tmp: Path) -> ssl.SSLContext:
    """A TLS server context with a fresh self-signed certificate for 127.0.0.1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (tmp / "tls.pem").write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(tmp / "tls.pem")
    return ctx


def _serve(site: DynamicSite, tls: ssl.SSLContext | None = None) -> _Server:
    server = _Server(("127.0.0.1", 0), Handler)
    server.site = site  # type: ignore[attr-defined]
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    # a crawler hanging up on an endless body or a slow-loris is the point, not an error
    server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    scheme = "https" if tls is not None else "http"
    site.base_url = f"{scheme}://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@contextmanager
def serve_fault_site(tmp: Path, sizes: Sizes | None = None) -> Iterator[FaultSite]:
    """Start the fault site (and its self-signed TLS twin and a host outside the scope) on
    loopback; stop them after."""
    fs = FaultSite(sizes or Sizes())
    routes, prefixes = fs.routes(tmp)
    fs.prepare()
    tls_site = DynamicSite({"/tls.html": lambda h: h.send_text(200, page("tls"))})
    tls_server = _serve(tls_site, _self_signed(tmp))
    fs.tls_base = tls_site.base_url
    fs.outside = DynamicSite({}, prefix_routes={"/": lambda h: h.send_text(200, page("ute"))})
    outside_server = _serve(fs.outside)
    routes["/"] = fs.home
    fs.site = DynamicSite(routes, prefix_routes=prefixes)
    server = _serve(fs.site)
    fs.site.hits.clear()
    try:
        yield fs
    finally:
        for s in (server, tls_server, outside_server):
            s.shutdown()
            s.server_close()


def scan_config(fs: FaultSite, *, render: str = "never", cookie_env: str = "") -> str:
    lines = [
        "site: faults",
        'start_urls: ["{{BASE_URL}}/"]',
        "allowed_domains: [127.0.0.1]",  # any port: the TLS twin is in scope too
        "delay: 0",
        "autothrottle: {enabled: false}",
        f"render: {render}",
        "fail_on: never",
        f"limits: {json.dumps({'timeout': 1.5, 'retries': 1, 'render_timeout': 4, 'max_bytes': fs.sizes.max_bytes, 'warn_bytes': fs.sizes.max_bytes, 'max_date_variants': 4})}",
    ]
    if cookie_env:
        lines.append(f"cookies_from_env: {{session: {cookie_env}}}")
    return "\n".join(lines) + "\n"


@dataclass
class ScanResult:
    returncode: int
    stderr: str
    report: dict[str, Any]
    seconds: float

    def problems(self) -> dict[str, str]:
        return {p["url"]: p["reason"] for p in self.report.get("scan", {}).get("problems", [])}

    def documents(self) -> dict[str, dict[str, Any]]:
        return {d["crawl"]["url"]: d for d in self.report.get("documents", [])}


def run_scan(fs: FaultSite, tmp: Path, config: str, *extra: str, env: dict[str, str] | None = None,
             timeout: float = 300) -> ScanResult:  # fmt: skip
    """``formlint scan`` of the fault site as a user runs it (real engine, SQLite store)."""
    cfg = tmp / "faults.yaml"
    cfg.write_text(config, encoding="utf-8")
    assert fs.site is not None
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "formlint", "scan", str(cfg), "--base-url", fs.site.base_url,
         "--db", str(tmp / "faults.db"), "--out", str(tmp / "out"), "--format", "none", "-q", *extra],
        capture_output=True, text=True, timeout=timeout, env=env or child_env(), cwd=tmp,
    )  # fmt: skip
    seconds = time.monotonic() - t0
    findings = tmp / "out" / "findings.json"
    report = json.loads(findings.read_text(encoding="utf-8")) if findings.exists() else {}
    return ScanResult(proc.returncode, proc.stderr, report, seconds)


def verdict(fault: Fault, fs: FaultSite, result: ScanResult) -> str | None:
    """None when the scan ended as ``fault`` expects, else what went wrong (one line)."""
    assert fs.site is not None
    base = fs.tls_base if fault.path == "TLS" else fs.site.base_url
    path = "/tls.html" if fault.path == "TLS" else fault.path
    url = base + path
    problems = result.problems()
    docs = result.documents()
    hits = [h for h in fs.site.hits if h.path.split("?")[0].split(";")[0] == path]
    if fault.expect == "problem":
        found = [
            r
            for u, r in problems.items()
            if u == url or (fault.name == "calendar" and "/kalender/" in u)
        ]
        if not found:
            return f"no problem URL for {url}"
        if not any(re.search(fault.reason, r) for r in found):
            return f"reason {found!r} does not match {fault.reason!r}"
        if any("\n" in r for r in found):
            return "reason is more than one line"
        return None
    if fault.expect == "linted":
        doc = docs.get(url)
        if doc is None:
            return f"{url} is not a document of the scan"
        if doc["format"] != fault.fmt:
            return f"{url} read as {doc['format']}, not {fault.fmt}"
        if not doc["findings"]:
            return f"{url} has no finding"
        if url in problems:
            return f"{url} is also a problem: {problems[url]}"
        return None
    if fault.expect == "fetched-once":
        return None if len(hits) == 1 else f"{path} requested {len(hits)} times"
    if fault.expect == "not-fetched":
        return None if not hits else f"{path} was requested ({hits[0].method})"
    raise AssertionError(fault.expect)
