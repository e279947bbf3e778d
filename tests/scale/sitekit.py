"""Small municipal sites on loopback for the multi-site tests: each logs when it was asked what.

Every site has a home page, three form pages (each with something to find, worded per site), a
page of prose and robots.txt: six requests, so a scan with a politeness delay takes a moment.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SERVICES = [
    ("Søknad om plass i skolefritidsordningen", "sfo"),
    ("Påmelding til svømmeopplæring", "svomming"),
    ("Søknad om avlastning for familier", "avlastning"),
    ("Søknad om tilrettelagt skoleskyss", "skyss"),
    ("Innmelding i kulturskolen", "kulturskole"),
    ("Søknad om ferietilbud for barn", "ferie"),
    ("Påmelding til leksehjelp", "lekser"),
]
PROSE = [
    "Den som søker, må vise at han eller hun bor i kommunen.",
    "Barnet kan ta med ektemann eller kone som følge til samtalen.",
    "Tillitsmann for foreldrerådet kaller inn til møte i august.",
]


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def site_pages(n: int) -> dict[str, str]:
    """The pages of site ``n`` (paths to HTML)."""
    title, slug = SERVICES[n % len(SERVICES)]
    gender = ("Gutt", "Jente") if n % 2 else ("Mann", "Kvinne")
    radios = "".join(
        f'<label><input type="radio" name="kjonn" value="{g[0]}"> {g}</label>' for g in gender
    )
    return {
        "/": _page(
            f"Kommune {n}",
            "<p>Velkommen til kommunens tjenester.</p>"
            f'<a href="/skjema/{slug}">{title}</a> <a href="/skjema/foresatte">Foresatte</a> '
            '<a href="/skjema/tiltale">Kontaktinformasjon</a> <a href="/om">Om oss</a>',
        ),
        f"/skjema/{slug}": _page(
            title,
            f'<form method="post"><fieldset><legend>Kjønn</legend>{radios}</fieldset>'
            '<label for="nv">Navn</label><input id="nv" name="navn" autocomplete="name"></form>',
        ),
        "/skjema/foresatte": _page(
            f"Opplysninger om foreldre {n}",
            '<form method="post"><label for="m">Mors navn</label><input id="m" name="mor">'
            '<label for="f">Fars navn</label><input id="f" name="far"></form>',
        ),
        "/skjema/tiltale": _page(
            f"Kontaktskjema {n}",
            '<form method="post"><label for="t">Tiltale</label><select id="t" name="tiltale">'
            "<option>Herr</option><option>Fru</option></select></form>",
        ),
        "/om": _page(f"Om tjenesten {n}", f"<p>{PROSE[n % len(PROSE)]}</p>"),
    }


@dataclass
class LoggedSite:
    """One site: its base URL and the (monotonic time, path) of every request it got."""

    pages: dict[str, str]
    base_url: str = ""
    hits: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        site: LoggedSite = self.server.site
        with site.lock:
            site.hits.append((time.monotonic(), self.path))
        if self.path == "/robots.txt":
            body, ctype, status = "User-agent: *\nAllow: /\n", "text/plain", 200
        elif self.path in site.pages:
            body, ctype, status = site.pages[self.path], "text/html; charset=utf-8", 200
        else:
            body, ctype, status = (
                _page("Ikke funnet", "<p>Siden finnes ikke.</p>"),
                "text/html",
                404,
            )
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True


@contextmanager
def serve_sites(count: int) -> Iterator[list[LoggedSite]]:
    """``count`` sites, each on its own loopback port, for the length of the block."""
    servers: list[_Server] = []
    sites: list[LoggedSite] = []
    try:
        for n in range(count):
            site = LoggedSite(site_pages(n))
            server = _Server(("127.0.0.1", 0), _Handler)
            server.site = site  # type: ignore[attr-defined]
            site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers.append(server)
            sites.append(site)
        yield sites
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def write_configs(sites: list[LoggedSite], folder: Path, *, delay: float) -> list[Path]:
    """One crawl config per site (named ``kommune-N``), with the politeness ``delay``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, site in enumerate(sites):
        path = folder / f"kommune-{n}.yaml"
        path.write_text(
            f"site: kommune-{n}\n"
            f'start_urls: ["{site.base_url}/"]\n'
            f"delay: {delay}\n"
            "concurrency_per_host: 2\n"
            "autothrottle: {enabled: false}\n"
            "render: never\n"
            "fail_on: never\n"
            "limits: {timeout: 5, retries: 0}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


# How far a loaded machine may move the time a server thread sees a request (either way).
JITTER = 0.25


def delay_broken(site: LoggedSite, delay: float) -> list[str]:
    """Where the site got requests faster than one per ``delay`` seconds (empty: never).

    Any run of requests must span its gaps times the delay, less ``JITTER``: the server sees a
    request when its thread runs, which on a busy machine moves single requests by a good part
    of a short delay, but never adds up over a run. Two crawlers at once would halve the spans.
    """
    times = sorted(t for t, _path in site.hits)
    return [
        f"requests {i} to {j} within {times[j] - times[i]:.2f} s"
        for i in range(len(times))
        for j in range(i + 1, len(times))
        if times[j] - times[i] < (j - i) * delay - JITTER
    ]
