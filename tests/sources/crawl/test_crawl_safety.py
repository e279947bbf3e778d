"""Crawler safety on a hostile loopback site: every problem gets one log line and the scan ends."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from pathlib import Path

from crawlkit import DynamicSite, Handler, fast_config, run_child

PDF_BYTES = (
    Path(__file__).resolve().parents[3] / "formlint/demo/site/dokumenter/soknad-om-skoleskyss.pdf"
).read_bytes()
LATIN1_PAGE = (
    "<!doctype html><html lang='nb'><head><meta charset='iso-8859-1'><title>Søknad</title></head>"
    "<body><h1>Skjema for barnehage</h1><p>FINDME-kjønn FINDME-søknad</p></body></html>"
).encode("iso-8859-1")


def _hostile_routes(
    site_ref: list[DynamicSite],
) -> tuple[dict[str, Callable[[Handler], None]], dict[str, Callable[[Handler], None]]]:
    def index(h: Handler) -> None:
        links = [
            "/ok.html",
            "/missing",
            "/error500",
            "/slow",
            "/reset",
            "/big",
            "/loop/a",
            "/r/in",
            "/r/out",
            "/meta/in.html",
            "/meta/out.html",
            "/cal/2026/01",
            "/latin1.html",
            "/post-form.html",
            "/search?q=a&page=1",
            "/download?id=7",
        ]
        h.send_text(
            200,
            "<html><body>FINDME-index "
            + " ".join(f'<a href="{u}">x</a>' for u in links)
            + "</body></html>",
        )

    def cal(h: Handler) -> None:
        m = re.match(r"/cal/(\d{4})/(\d{2})", h.path)
        assert m
        y, mo = int(m.group(1)), int(m.group(2))
        ny, nm = (y + 1, 1) if mo == 12 else (y, mo + 1)
        h.send_text(
            200,
            f'<html><body>Kalender {y}-{mo:02d} <a href="/cal/{ny}/{nm:02d}">neste</a></body></html>',
        )

    def big(h: Handler) -> None:
        size = 50 * 1024 * 1024
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        h.send_header("Content-Length", str(size))
        h.end_headers()
        chunk = b"0" * 65536
        for _ in range(size // len(chunk)):
            h.wfile.write(chunk)

    def slow(h: Handler) -> None:
        time.sleep(4)
        h.send_text(200, "<html><body>late</body></html>")

    def search(h: Handler) -> None:
        page = int(re.search(r"page=(\d+)", h.path).group(1))  # type: ignore[union-attr]
        h.send_text(
            200,
            f'<html><body>treff <a href="/search?q=a&page={page + 1}">neste</a> <a href="/search?page={page + 1}&q=b">b</a></body></html>',
        )

    routes: dict[str, Callable[[Handler], None]] = {
        "/": index,
        "/robots.txt": lambda h: h.send_text(
            200, "User-agent: *\nDisallow: /private\n", "text/plain"
        ),
        "/ok.html": lambda h: h.send_text(200, "<html><body>FINDME-ok</body></html>"),
        "/error500": lambda h: h.send_text(500, "<html><body>feil</body></html>"),
        "/slow": slow,
        "/reset": lambda h: h.reset(),
        "/big": big,
        "/loop/a": lambda h: h.redirect("/loop/b"),
        "/loop/b": lambda h: h.redirect("/loop/a"),
        "/r/in": lambda h: h.redirect("/target.html", 301),
        "/target.html": lambda h: h.send_text(200, "<html><body>FINDME-target</body></html>"),
        "/meta/in.html": lambda h: h.send_text(
            200,
            '<html><head><meta http-equiv="refresh" content="0; url=/refreshed.html"></head></html>',
        ),
        "/refreshed.html": lambda h: h.send_text(200, "<html><body>FINDME-refreshed</body></html>"),
        "/meta/out.html": lambda h: h.send_text(
            200,
            '<html><head><meta http-equiv="refresh" content="0; url='
            + site_ref[0].base_url.replace("127.0.0.1", "localhost")
            + '/refreshed-away"></head></html>',
        ),
        "/r/out": lambda h: h.redirect(
            site_ref[0].base_url.replace("127.0.0.1", "localhost") + "/elsewhere"
        ),
        "/download": lambda h: h.send_text(200, PDF_BYTES, "application/octet-stream"),
        "/latin1.html": lambda h: h.send_text(200, LATIN1_PAGE, "text/html; charset=iso-8859-1"),
        "/post-form.html": lambda h: h.send_text(
            200,
            '<html><body><form method="post" action="/submit"><label>Navn <input name="n"></label><button>Send</button></form></body></html>',
        ),
    }
    return routes, {"/cal/": cal, "/search": search}


def test_hostile_site_finishes_with_one_line_per_problem(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    ref: list[DynamicSite] = []
    routes, prefixes = _hostile_routes(ref)
    site = dynamic_site(routes, prefixes)
    ref.append(site)
    cfg = fast_config(
        limits={
            "timeout": 1.5,
            "retries": 0,
            "max_date_variants": 5,
            "max_query_variants": 6,
            "max_bytes": 20 * 1024 * 1024,
        }
    )
    res = run_child(cfg, site.base_url, tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.data["close_reason"] == "finished"
    log = res.stderr
    problems = {
        p["url"].replace(site.base_url, ""): p["reason"] for p in res.data["stats"]["problems"]
    }

    def one_line(path: str, pattern: str) -> None:
        lines = [
            ln for ln in log.splitlines() if "PROBLEM" in ln and f"{site.base_url}{path}:" in ln
        ]
        assert len(lines) == 1, (path, lines, log)
        assert re.search(pattern, lines[0]), lines[0]

    one_line("/missing", r"HTTP 404")
    one_line("/error500", r"HTTP 500")
    one_line("/slow", r"timeout")
    one_line("/reset", r"connection reset")
    one_line("/big", r"too large \(50\.0 MiB > limit 20\.0 MiB\)")
    one_line("/loop/a", r"redirect loop")
    one_line("/r/out", r"out of scope")
    one_line("/meta/out.html", r"out of scope")
    assert any("calendar trap" in r for r in problems.values()), problems
    assert any("query variants" in r for r in problems.values()), problems
    pages = res.pages()
    # In-scope redirect followed; the calendar stopped after the configured number of months.
    assert pages[f"{site.base_url}/r/in"]["final_url"] == f"{site.base_url}/target.html"
    # A <meta http-equiv="refresh"> redirect is followed like an HTTP one, scope included.
    assert pages[f"{site.base_url}/meta/in.html"]["final_url"] == f"{site.base_url}/refreshed.html"
    cal_pages = [u for u in pages if "/cal/" in u]
    assert 1 <= len(cal_pages) <= 5
    # Content sniffing: a PDF behind an extension-less URL and a generic content type.
    assert pages[f"{site.base_url}/download?id=7"]["result"]["format"] == "pdf"
    # ISO-8859-1 page: decoded with its declared charset.
    excerpts = {e for _u, e in res.findings()}
    assert {"kjønn", "søknad", "index", "ok", "target", "refreshed"} <= excerpts
    # Nothing but GET/HEAD reached the server, the POST form was never submitted, and
    # the out-of-scope redirect target was never fetched.
    assert {h.method for h in site.hits} <= {"GET", "HEAD"}
    assert "/submit" not in site.paths()
    assert "/elsewhere" not in site.paths() and "/refreshed-away" not in site.paths()


def test_robots_disallow_and_crawl_delay(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    page = '<html><body>FINDME-{n} <a href="/p1">1</a> <a href="/p2">2</a> <a href="/private/x">x</a></body></html>'
    routes = {
        "/": lambda h: h.send_text(200, page.format(n="home")),
        "/p1": lambda h: h.send_text(200, page.format(n="p1")),
        "/p2": lambda h: h.send_text(200, page.format(n="p2")),
        "/private/x": lambda h: h.send_text(200, "secret"),
        "/robots.txt": lambda h: h.send_text(
            200,
            f"User-agent: *\nDisallow: /private/\nCrawl-delay: 1\nSitemap: {site_ref[0].base_url}/sm.xml\n",
            "text/plain",
        ),
        "/sm.xml": lambda h: h.send_text(
            200,
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{site_ref[0].base_url}/p1</loc></url></urlset>",
            "application/xml",
        ),
    }
    site_ref: list[DynamicSite] = []
    site = dynamic_site(routes)
    site_ref.append(site)
    res = run_child(fast_config(concurrency_per_host=4), site.base_url, tmp_path)
    assert res.returncode == 0, res.stderr
    assert "/private/x" not in site.paths()
    assert "disallowed by robots.txt" in res.stderr
    assert "/sm.xml" in site.paths()  # the sitemap named in robots.txt was read
    times = [h.at for h in site.hits if h.path in ("/", "/p1", "/p2")]
    assert len(times) == 3
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.9, gaps
    assert "Crawl-delay 1.00s honoured" in res.stderr
    # every request, robots.txt and the sitemap included, names the crawler and its contact
    assert {"/robots.txt", "/sm.xml", "/", "/p1", "/p2"} <= set(site.paths())
    for hit in site.hits:
        assert hit.headers.get("User-Agent") == "formlint/0.1 (+mailto:formlint@example.invalid)"
        assert hit.headers.get("Accept", "").startswith("text/html")
        assert hit.headers.get("Accept-Language")


def test_only_get_and_head_leave_the_crawler(tmp_path: Path) -> None:
    """The guard middleware drops any other method, whatever built the request."""
    from scrapy.exceptions import IgnoreRequest
    from scrapy.http import FormRequest, Request

    from formlint.sources.crawl.middlewares import RequestGuardMiddleware

    class _Stats:
        def __init__(self) -> None:
            self.values: dict[str, int] = {}

        def inc_value(self, key: str) -> None:
            self.values[key] = self.values.get(key, 0) + 1

    class _Crawler:
        stats = _Stats()

    mw = RequestGuardMiddleware(_Crawler())  # type: ignore[arg-type]
    mw.process_request(Request("http://127.0.0.1/"))
    mw.process_request(Request("http://127.0.0.1/", method="HEAD"))
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        try:
            mw.process_request(Request("http://127.0.0.1/", method=method))
        except IgnoreRequest:
            continue
        raise AssertionError(f"{method} passed the guard")
    try:
        mw.process_request(FormRequest("http://127.0.0.1/submit", formdata={"a": "b"}))
    except IgnoreRequest:
        pass
    else:
        raise AssertionError("form submission passed the guard")
    assert _Crawler.stats.values["formlint/blocked_method"] == 6


def test_every_request_waiting_for_robots_txt_obeys_it(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    """Requests that arrive together while robots.txt is fetched (many start URLs, a resumed
    scan's frontier) each wait for it; Scrapy let all but the first two through unchecked."""
    private = [f"/privat/{i}.html" for i in range(6)]
    routes: dict[str, Callable[[Handler], None]] = {
        "/robots.txt": lambda h: h.send_text(
            200, "User-agent: *\nDisallow: /privat/\n", "text/plain"
        ),
        "/": lambda h: h.send_text(200, "<html><body>FINDME-home</body></html>"),
    }
    for path in private:
        routes[path] = lambda h: h.send_text(200, "<html><body>FINDME-private</body></html>")
    site = dynamic_site(routes)
    starts = ["{{BASE_URL}}/", *(f"{{{{BASE_URL}}}}{p}" for p in private)]
    res = run_child(fast_config(start_urls=starts, concurrency_per_host=8), site.base_url, tmp_path)
    assert res.returncode == 0, res.stderr
    assert not set(private) & set(site.paths()), site.paths()
    assert len(res.data["stats"]["robots_disallowed"]) == len(private)


def test_a_site_whose_pages_are_numbered_like_years_is_crawled_whole(
    dynamic_site: Callable[..., DynamicSite], tmp_path: Path
) -> None:
    """Pages /p/1880../p/2220: 1900-2199 once looked like calendar years, and all but the
    first twelve of them were never fetched."""
    numbers = range(1880, 2221)

    def p(h: Handler) -> None:
        n = int(h.path.rsplit("/", 1)[1])
        h.send_text(200, f"<html><body>FINDME-p{n} <a href='/p/{n + 1}'>neste</a></body></html>")

    home = (
        "<html><body>" + " ".join(f"<a href='/p/{n}'>{n}</a>" for n in numbers) + "</body></html>"
    )
    site = dynamic_site({"/": lambda h: h.send_text(200, home)}, {"/p/": p})
    res = run_child(fast_config(concurrency_per_host=8), site.base_url, tmp_path, timeout=180)
    assert res.returncode == 0, res.stderr
    assert not res.data["stats"]["problems"]
    found = {e for _u, e in res.findings()}
    assert {f"p{n}" for n in numbers} <= found


def test_an_unexpected_error_reading_a_response_is_a_problem_url(tmp_path: Path) -> None:
    """Whatever raises while a response is read ends as a problem URL that is recorded, not as
    a traceback and a page missing from the inventory (here: a linter returning no result)."""
    from scrapy.http import HtmlResponse, Request

    from formlint.config.crawl import load_crawl_config
    from formlint.sources.crawl.memory_state import MemoryCrawlState
    from formlint.sources.crawl.progress import Progress
    from formlint.sources.crawl.render import ChromiumLookup
    from formlint.sources.crawl.spider import CrawlContext, FormSpider

    (tmp_path / "c.yaml").write_text(fast_config(), encoding="utf-8")
    cfg = load_crawl_config(tmp_path / "c.yaml", base_url="http://127.0.0.1:9")
    state = MemoryCrawlState()
    run_id = state.begin_scan("t", cfg.config_hash())
    ctx = CrawlContext(
        cfg=cfg, state=state, run_id=run_id, lint=lambda doc: object(),  # type: ignore[arg-type, return-value]
        chromium=ChromiumLookup(None, "none"), progress=Progress(lang="en", enabled=False),
    )  # fmt: skip
    url = "http://127.0.0.1:9/side.html"
    request = Request(url, meta={"fl_url": url, "fl_depth": 1, "fl_kind": "page"})
    response = HtmlResponse(url, body=b"<p>FINDME-x</p>", request=request, encoding="utf-8")
    assert list(FormSpider(ctx).parse_page(response)) == []
    [(problem_url, reason)] = ctx.stats.problems
    assert problem_url == url and reason.startswith("could not be read: AttributeError: ")
    assert state.done_urls(run_id) == {url} and state.run_pages(run_id)[0].error == reason
