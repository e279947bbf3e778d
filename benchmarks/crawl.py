"""Crawl benchmark: a generated municipal-style site on loopback, six crawls in one run.

    python benchmarks/crawl.py [--pages 5000] [--concurrency 8] [--keep DIR]

1. a bare Scrapy crawl (same concurrency, no delay, links only, no processing): the floor;
2. the full ``formlint scan`` (robots, scope, traps, lint, store, render decisions);
3. a re-scan of the unchanged site (conditional requests, nothing re-linted), and beside it the
   floor of any such re-scan: bare Scrapy sending the same conditional requests, nothing else
   (on Scrapy's default event loop, and again on the one formlint runs: uvloop where installed);
4. the same re-scan with ``sitemap_lastmod: trust`` (the generated sitemap carries each page's
   save time, as a CMS writes it): unchanged pages are reused without a request;
5. a first scan killed with SIGKILL once ``--kill-at`` of the pages are stored, then resumed:
   both processes' wall time against the uninterrupted first scan's (target <= ~1.2x), and
   the requests the resumed process sent for the pages it had left.

Prints pages/s, the ratios to the targets (full <= 1.5x bare, re-scan <= 0.2x first, for both re-scans), pages
rendered (target: zero, the site is static) and peak RSS of each crawl process (target < 1 GB).
Loopback only; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from formlint.demo.server import StaticSiteServer  # noqa: E402
from formlint.sources.crawl.settings import event_loop  # noqa: E402


def scan_event_loop() -> str:
    """The asyncio event loop class a scan runs on ('' for the standard one)."""
    return event_loop().get("ASYNCIO_EVENT_LOOP", "")


SECTIONS = [
    "barnehage",
    "skole",
    "helse",
    "bygg-og-eiendom",
    "kultur",
    "politikk",
    "kontakt",
    "om-kommunen",
    "natur",
    "trafikk",
]

FORM = """<form method="post" action="/api/{n}"><h2>Søknadsskjema</h2>
<fieldset><legend>Kjønn</legend><label><input type="radio" name="k" value="m"> Mann</label>
<label><input type="radio" name="k" value="k"> Kvinne</label></fieldset>
<label for="mor">Mors navn</label><input id="mor" name="mor" autocomplete="name">
<label for="far">Fars navn</label><input id="far" name="far" autocomplete="name">
<label for="e">E-post</label><input id="e" name="e" type="email" autocomplete="email">
<button type="submit">Send</button></form>"""

PROSE = [
    "Kommunen tilbyr tjenester til alle innbyggere, uansett alder og bakgrunn.",
    "Du kan kontakte servicetorget på telefon eller e-post hvis du har spørsmål.",
    "Søknadsfristen er 1. mars. Vi behandler søknadene i den rekkefølgen de kommer inn.",
    "Han eller hun som søker, må legge ved dokumentasjon på inntekt.",
    "Les mer om personvern og hvordan vi behandler opplysningene dine.",
]


def generate(root: Path, pages: int, seed: int = 7) -> dict[str, int]:
    """A site of ``pages`` HTML pages: a 120-link menu on every page, ~5 % form pages, documents."""
    rnd = random.Random(seed)
    urls = [f"/{SECTIONS[i % len(SECTIONS)]}/side-{i}.html" for i in range(pages)]
    menu = "\n".join(
        f'<li><a href="{u}">Side {u.rsplit("-", 1)[-1][:-5]}</a></li>' for u in urls[:120]
    )
    docs_src = REPO / "formlint" / "demo" / "site" / "dokumenter"
    documents = sorted(p for p in docs_src.glob("*") if p.suffix in (".pdf", ".docx", ".odt"))
    n_docs = max(1, pages // 200)
    (root / "dokumenter").mkdir(parents=True, exist_ok=True)
    doc_urls = []
    for i in range(n_docs):
        src = documents[i % len(documents)] if documents else None
        if src is None:
            break
        name = f"dokument-{i}{src.suffix}"
        shutil.copyfile(src, root / "dokumenter" / name)
        doc_urls.append(f"/dokumenter/{name}")
    forms = 0
    for i, u in enumerate(urls):
        path = root / u.lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        local = " ".join(f'<a href="{urls[(i + k) % pages]}">neste {k}</a>' for k in (1, 2, 3, 17))
        doc = (
            f'<p><a href="{doc_urls[i % len(doc_urls)]}">Skjema (PDF)</a></p>'
            if doc_urls and i % 40 == 0
            else ""
        )
        is_form = i % 20 == 7
        forms += is_form
        body = "".join(f"<p>{rnd.choice(PROSE)}</p>" for _ in range(6))
        path.write_text(
            f"""<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Side {i}</title></head>
<body><header><nav aria-label="Hovedmeny"><ul>{menu}</ul></nav></header>
<main><h1>Side {i}</h1>{body}{FORM.format(n=i) if is_form else ""}{doc}<p>{local}</p></main>
<footer><p>Demo kommune, Postboks 1, 7000 Demo</p></footer></body></html>""",
            encoding="utf-8",
        )
    (root / "index.html").write_text(
        f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Hjem</title></head><body><ul>{menu}</ul>'
        f'<a href="{urls[0]}">start</a></body></html>',
        encoding="utf-8",
    )
    # A CMS-style sitemap: every page with the time it was last saved.
    saved = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
    entries = "".join(
        f"<url><loc>{{{{BASE_URL}}}}{u}</loc><lastmod>{saved}</lastmod></url>"
        for u in ["/", *urls, *doc_urls]
    )
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n',
        encoding="utf-8",
    )
    (root / "robots.txt").write_text(
        "User-agent: *\nAllow: /\nSitemap: {{BASE_URL}}/sitemap.xml\n", encoding="utf-8"
    )
    return {"pages": pages + 1, "forms": forms, "documents": len(doc_urls)}


BARE_SPIDER = textwrap.dedent(
    """
    import json, sys, time
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class Bare(scrapy.Spider):
        name = "bare"
        def __init__(self, start, **kw):
            super().__init__(**kw)
            self.start_url = start
            self.pages = 0
        async def start(self):
            yield scrapy.Request(self.start_url)
        def parse(self, response):
            self.pages += 1
            if not isinstance(response, scrapy.http.TextResponse):
                return
            for href in response.css("a::attr(href)").getall():
                yield response.follow(href, callback=self.parse)

    start, conc, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    process = CrawlerProcess({"CONCURRENT_REQUESTS": conc, "CONCURRENT_REQUESTS_PER_DOMAIN": conc,
        "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False, "ROBOTSTXT_OBEY": False, "COOKIES_ENABLED": False})
    crawler = process.create_crawler(Bare)
    t0 = time.monotonic()
    process.crawl(crawler, start=start)
    process.start()
    json.dump({"pages": crawler.spider.pages, "seconds": time.monotonic() - t0}, open(out, "w"))
    """
)


# The floor of any conditional re-scan: plain Scrapy sending one conditional GET per page of the
# first scan (its stored ETag/Last-Modified) to the same server, doing nothing with the 304s.
BARE_REVALIDATE = textwrap.dedent(
    """
    import json, sqlite3, sys, time
    import scrapy
    from scrapy.crawler import CrawlerProcess

    db, conc, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    loop = sys.argv[4] if len(sys.argv) > 4 else ""  # e.g. uvloop.Loop, as formlint runs it
    first = sqlite3.connect(db).execute("SELECT min(id) FROM runs").fetchone()[0]
    rows = sqlite3.connect(db).execute(
        "SELECT url, etag, last_modified FROM documents WHERE run_id = ?", (first,)).fetchall()

    class Revalidate(scrapy.Spider):
        name = "revalidate"
        responses = 0
        not_modified = 0
        async def start(self):
            for url, etag, modified in rows:
                headers = {}
                if etag:
                    headers["If-None-Match"] = etag
                if modified:
                    headers["If-Modified-Since"] = modified
                yield scrapy.Request(url, headers=headers, dont_filter=True,
                                     meta={"handle_httpstatus_list": [304]})
        def parse(self, response):
            self.responses += 1
            self.not_modified += response.status == 304

    # CONCURRENT_ITEMS as formlint sets it: Scrapy's default (100) starts 100 item-worker tasks
    # per response even when the callback yields nothing, which doubled this floor.
    process = CrawlerProcess({"CONCURRENT_REQUESTS": conc, "CONCURRENT_REQUESTS_PER_DOMAIN": conc,
        "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False, "ROBOTSTXT_OBEY": False, "COOKIES_ENABLED": False,
        "CONCURRENT_ITEMS": 4, **({"ASYNCIO_EVENT_LOOP": loop} if loop else {})})
    crawler = process.create_crawler(Revalidate)
    t0 = time.monotonic()
    process.crawl(crawler)
    process.start()
    json.dump({"pages": crawler.spider.responses, "not_modified": crawler.spider.not_modified,
               "seconds": time.monotonic() - t0}, open(out, "w"))
    """
)


def _run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Run a crawl process; wall seconds and that child's peak RSS in KiB (from wait4)."""
    t0 = time.monotonic()
    with subprocess.Popen(cmd, cwd=cwd, env={**os.environ, "PYTHONPATH": str(REPO)},
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as proc:  # fmt: skip
        assert proc.stderr is not None
        err = proc.stderr.read()
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - t0
    if proc.returncode not in (0, 1):
        sys.stderr.write(err[-4000:])
        raise SystemExit(f"crawl failed: {' '.join(cmd)}")
    return wall, int(usage.ru_maxrss)


def _run_killed(cmd: list[str], cwd: Path, db: Path, documents: int) -> float:
    """Start a crawl and SIGKILL it once the store holds ``documents`` documents; wall seconds."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    while proc.poll() is None:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
                stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            stored = 0
        if stored >= documents:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait()
    return time.monotonic() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--pages", type=int, default=5000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument(
        "--keep", type=Path, default=None, help="keep the generated site and outputs here"
    )
    ap.add_argument(
        "--kill-at", type=float, default=0.5, help="share of pages stored when killed (0: skip)"
    )
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="formlint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    if site.exists():
        shutil.rmtree(site)
    info = generate(site, args.pages)
    total = info["pages"] + info["documents"]
    print(
        f"site: {info['pages']} pages ({info['forms']} with forms), {info['documents']} documents -> {work}"
    )
    with StaticSiteServer(site) as server:
        (work / "bare.py").write_text(BARE_SPIDER, encoding="utf-8")
        bare_wall, bare_rss = _run(
            [
                sys.executable,
                str(work / "bare.py"),
                server.base_url + "/",
                str(args.concurrency),
                str(work / "bare.json"),
            ],
            work,
        )
        bare = json.loads((work / "bare.json").read_text())
        cfg = work / "bench.yaml"
        cfg.write_text(
            "site: bench\nstart_urls: ['{{BASE_URL}}/']\ndelay: 0\nautothrottle: {enabled: false}\n"
            f"concurrency: {args.concurrency}\nconcurrency_per_host: {args.concurrency}\nmax_pages: {total + 10}\n"
            "max_depth: 100000\nrender: auto\nfail_on: never\nlimits: {max_query_variants: 1000}\n",
            encoding="utf-8",
        )
        db = work / "bench.db"
        db.unlink(missing_ok=True)
        scan = [sys.executable, "-m", "formlint", "scan", str(cfg), "--base-url", server.base_url, "--db", str(db),
                "--out", str(work / "out"), "--format", "none", "-q"]  # fmt: skip
        first_wall, first_rss = _run(scan, work)
        first = json.loads((work / "out" / "findings.json").read_text())
        again_wall, again_rss = _run(scan, work)
        again = json.loads((work / "out" / "findings.json").read_text())
        (work / "revalidate.py").write_text(BARE_REVALIDATE, encoding="utf-8")
        floor_wall, floor_rss = _run(
            [sys.executable, str(work / "revalidate.py"), str(db), str(args.concurrency),
             str(work / "revalidate.json")],
            work,
        )  # fmt: skip
        floor = json.loads((work / "revalidate.json").read_text())
        # The same floor on the event loop formlint runs its crawl on (settings.event_loop).
        loop = scan_event_loop()
        floor_loop_wall, floor_loop_rss = _run(
            [sys.executable, str(work / "revalidate.py"), str(db), str(args.concurrency),
             str(work / "revalidate-loop.json"), loop],
            work,
        )  # fmt: skip
        floor_loop = json.loads((work / "revalidate-loop.json").read_text())
        # The same re-scan trusting the sitemap's <lastmod> (sitemap_lastmod: trust).
        trust_cfg = work / "bench-trust.yaml"
        trust_cfg.write_text(
            cfg.read_text(encoding="utf-8")
            + "sitemaps: ['{{BASE_URL}}/sitemap.xml']\nsitemap_lastmod: trust\n",
            encoding="utf-8",
        )
        trust_scan = [str(trust_cfg) if a == str(cfg) else a for a in scan]
        trust_wall, trust_rss = _run(trust_scan, work)
        trusted = json.loads((work / "out" / "findings.json").read_text())
        # A first scan killed part-way and resumed (its own store and output).
        killed_db = work / "killed.db"
        killed_db.unlink(missing_ok=True)
        swap = {str(work / "out"): str(work / "out-killed"), str(db): str(killed_db)}
        killed_scan = [swap.get(a, a) for a in scan]
        if args.kill_at > 0:
            killed_wall = _run_killed(killed_scan, work, killed_db, int(args.kill_at * total))
            sent_before = len(server.requests)
            resumed_wall, _ = _run(killed_scan, work)
            resumed_requests = len(server.requests) - sent_before
            resumed = json.loads((work / "out-killed" / "findings.json").read_text())
    pages_first = len(first["documents"])
    rows = [
        ("bare scrapy", bare["pages"], bare["seconds"], bare_wall, bare_rss),
        ("formlint scan", pages_first, first["scan"]["seconds"], first_wall, first_rss),
        (
            "re-scan (unchanged)",
            len(again["documents"]),
            again["scan"]["seconds"],
            again_wall,
            again_rss,
        ),
        (
            "bare Scrapy, 304 floor",
            floor["pages"],
            floor["seconds"],
            floor_wall,
            floor_rss,
        ),
        (
            f"304 floor, {loop or 'asyncio'}"[:22],
            floor_loop["pages"],
            floor_loop["seconds"],
            floor_loop_wall,
            floor_loop_rss,
        ),
        (
            "re-scan, lastmod trusted",
            len(trusted["documents"]),
            trusted["scan"]["seconds"],
            trust_wall,
            trust_rss,
        ),
    ]
    print(
        f"{'crawl':<22}{'pages':>7}{'crawl s':>10}{'pages/s':>10}{'wall s':>9}{'peak RSS MB':>13}"
    )
    for name, n, secs, wall, rss in rows:
        print(
            f"{name:<22}{n:>7}{secs:>10.1f}{n / secs if secs else 0:>10.1f}{wall:>9.1f}{rss / 1024:>13.0f}"
        )
    full_ratio = first["scan"]["seconds"] / bare["seconds"]
    rescan_ratio = again["scan"]["seconds"] / first["scan"]["seconds"]
    trust_ratio = trusted["scan"]["seconds"] / first["scan"]["seconds"]
    floor_ratio = floor["seconds"] / first["scan"]["seconds"]
    floor_loop_ratio = floor_loop["seconds"] / first["scan"]["seconds"]
    rendered = len(first["scan"]["rendered"])
    peak_mb = max(r[4] for r in rows) / 1024
    print(
        f"full / bare      = {full_ratio:.2f}x (target <= 1.5x) {'OK' if full_ratio <= 1.5 else 'MISSED'}"
    )
    print(
        f"re-scan / first  = {rescan_ratio:.2f}x (target <= 0.2x) {'OK' if rescan_ratio <= 0.2 else 'MISSED'}"
    )
    print(
        f"304 floor        = {floor_ratio:.2f}x of the first scan: bare Scrapy sending the same"
        f" {floor['pages']} conditional requests ({floor['not_modified']} answered 304);"
        f" the default re-scan takes {again['scan']['seconds'] / max(floor['seconds'], 1e-9):.2f}x that"
    )
    print(
        f"304 floor, loop  = {floor_loop_ratio:.2f}x of the first scan: the same on formlint's event"
        f" loop ({loop or 'asyncio'}); the default re-scan takes"
        f" {again['scan']['seconds'] / max(floor_loop['seconds'], 1e-9):.2f}x that"
    )
    print(
        f"re-scan, lastmod = {trust_ratio:.2f}x (target <= 0.2x) {'OK' if trust_ratio <= 0.2 else 'MISSED'}"
        f" ({trusted['scan']['sitemap_unchanged']} pages reused without a request)"
    )
    if args.kill_at > 0:
        resume_ratio = (killed_wall + resumed_wall) / first_wall
        left = len(resumed["documents"]) - resumed["scan"]["resumed_done"]

        def found(report: dict[str, object]) -> list[tuple[str, str]]:
            docs = report["documents"]
            assert isinstance(docs, list)
            return sorted(
                (d["crawl"]["url"], f["fingerprint"]) for d in docs for f in d["findings"]
            )

        print(
            f"killed + resumed = {resume_ratio:.2f}x the first scan's wall time (target <= ~1.2x)"
            f" {'OK' if resume_ratio <= 1.2 else 'MISSED'}: killed at"
            f" {resumed['scan']['resumed_done']} pages after {killed_wall:.1f} s, resumed in"
            f" {resumed_wall:.1f} s ({resumed['scan']['seconds']:.1f} s crawl) with"
            f" {resumed_requests} requests for {left} pages left;"
            f" findings {'as uninterrupted' if found(resumed) == found(first) else 'DIFFER'}"
        )
    print(f"pages rendered   = {rendered} (target 0) {'OK' if rendered == 0 else 'MISSED'}")
    print(f"re-linted        = {again['scan']['linted']}, {trusted['scan']['linted']} (target 0)")
    print(
        f"peak RSS         = {peak_mb:.0f} MB (target < 1024 MB) {'OK' if peak_mb < 1024 else 'MISSED'}"
    )
    print(f"findings         = {first['summary']['findings']} in {first['summary']['forms']} forms")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
