"""Lint throughput on realistic municipal pages, against raw lxml parsing of the same pages.

Generates pages of 80–150 KB (a large mega-menu, breadcrumbs, footer, prose; ~5 % with a form and
rule-relevant wording), then in one process measures:

* formlint pages/s per core (sniff + decode + parse + every rule), split into pages with forms and
  text and pages with no form and no rule-relevant text; the median of ``--rounds`` timed rounds,
  the two kinds in turn, with the range;
* raw ``lxml.html.fromstring`` pages/s on the same pages (the floor of any HTML linter), and the
  ratio;
* peak RSS while streaming 10,000 pages through the linter (pages are generated on the fly and
  dropped, as a crawl would).

Run: ``.venv/bin/python benchmarks/lint_throughput.py [--pages 10000] [--sample 300] [--rounds 5]``
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import lxml.html

# measure this checkout, not whichever formlint the venv has installed (a worktree shares a venv)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from formlint.api import Linter, make_engine
from formlint.document import FetchedDocument

SECTIONS = [
    "Barnehage",
    "Skole og SFO",
    "Helse og omsorg",
    "Bygg og eiendom",
    "Kultur og fritid",
    "Politikk",
    "Næringsliv",
    "Natur og miljø",
    "Vei og trafikk",
    "Om kommunen",
]
WORDS = [
    "kommunen",
    "tilbyr",
    "tjenester",
    "innbyggere",
    "søknad",
    "frist",
    "vedtak",
    "klage",
    "tilskudd",
    "informasjon",
    "kontakt",
    "servicetorget",
    "åpningstider",
    "adresse",
    "telefon",
    "saksbehandling",
    "gebyr",
    "regler",
    "plan",
    "høring",
    "møte",
    "vann",
    "avløp",
    "renovasjon",
    "vei",
    "parkering",
    "bibliotek",
    "svømmehall",
    "idrett",
    "kulturhus",
    "barnehageplass",
    "skolerute",
    "helsestasjon",
    "legevakt",
    "hjemmetjeneste",
]
RULE_TEXT = [
    "Søkeren må legge ved attest før han eller hun får svar.",
    "Mor eller far skal skrive under søknaden.",
    "Kontakt rådmannen eller tillitsmannen ved spørsmål.",
]
FORM = """<form id="soknad" action="/api/soknad" method="post"><h2>Søknad</h2>
<fieldset><legend>Relasjon til barnet</legend>
<input type="radio" name="rel" id="r1" value="mor"><label for="r1">Mor</label>
<input type="radio" name="rel" id="r2" value="far"><label for="r2">Far</label></fieldset>
<label for="mn">Mors navn</label><input id="mn" name="mn" autocomplete="name">
<label for="fn">Fars navn</label><input id="fn" name="fn" autocomplete="name">
<label for="bn">Barnets navn</label><input id="bn" name="bn" autocomplete="name">
<fieldset><legend>Kjønn</legend><input type="radio" name="k" id="k1" checked><label for="k1">Gutt</label>
<input type="radio" name="k" id="k2"><label for="k2">Jente</label></fieldset>
<label for="t">Tiltale</label><select id="t" name="t"><option value="">Velg …</option><option>Herr</option><option>Fru</option></select>
<label for="e">E-post</label><input type="email" id="e" name="e" autocomplete="email">
<button type="submit">Send</button></form>"""


def menu(rng: random.Random) -> str:
    parts = ['<nav class="mega-menu" aria-label="Hovedmeny"><ul>']
    for s in SECTIONS:
        parts.append(f'<li><a href="/{s.lower().replace(" ", "-")}/">{s}</a><ul>')
        for j in range(60):
            w = rng.choice(WORDS)
            parts.append(f'<li><a href="/{s[:4].lower()}/{w}-{j}/">{w.capitalize()} {j}</a></li>')
        parts.append("</ul></li>")
    parts.append("</ul></nav>")
    return "".join(parts)


def page(i: int, *, with_form: bool, rng: random.Random, menu_html: str) -> bytes:
    paras = []
    target = rng.randint(80_000, 150_000)
    body_len = len(menu_html)
    n = 0
    while body_len < target - 3000:
        sentence = (
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))).capitalize() + "."
        )
        para = f"<p>{sentence} {sentence}</p>"
        paras.append(para)
        body_len += len(para)
        n += 1
        if n % 25 == 0:
            paras.append(f"<h2>{rng.choice(WORDS).capitalize()}</h2>")
    if with_form:
        paras.insert(3, FORM)
        paras.insert(5, "<p>" + " ".join(RULE_TEXT) + "</p>")
    html = (
        f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Side {i} - Demo kommune</title></head><body>'
        f'<header><a href="/">Demo kommune</a>{menu_html}</header><nav class="breadcrumb"><a href="/">Forside</a> › <a href="/x/">Seksjon</a></nav>'
        f'<main id="innhold"><h1>Side {i}</h1>{"".join(paras)}</main>'
        "<footer><p>Demo kommune, Postboks 1, 7000 Trondheim. Telefon 73 00 00 00.</p></footer></body></html>"
    )
    return html.encode("utf-8")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--pages", type=int, default=10_000, help="pages to stream for the memory figure"
    )
    ap.add_argument("--sample", type=int, default=300, help="pages per timed sample")
    ap.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="timed rounds of each sample, form and plain pages in turn; the median is the figure"
        " (one round of ~2 s on this VM moves by +-30 %% with nothing else running)",
    )
    args = ap.parse_args()
    rng = random.Random(42)
    menu_html = menu(rng)
    linter = Linter(make_engine(), collect_links=False)  # as `formlint lint` does
    # warm up: lexicons, spaCy tokenizer, parser imports
    for i in range(5):
        linter.document(
            FetchedDocument(
                url=f"https://demo.example/warm/{i}",
                body=page(i, with_form=True, rng=rng, menu_html=menu_html),
                media_type="text/html",
            ),
        )

    form_pages = [page(i, with_form=True, rng=rng, menu_html=menu_html) for i in range(args.sample)]
    plain_pages = [
        page(i, with_form=False, rng=rng, menu_html=menu_html) for i in range(args.sample)
    ]
    avg_kb = sum(map(len, form_pages + plain_pages)) / (2 * args.sample) / 1024

    def lint_rate(pages: list[bytes]) -> tuple[float, int]:
        t = time.process_time()
        findings = 0
        for i, body in enumerate(pages):
            r = linter.document(
                FetchedDocument(
                    url=f"https://demo.example/p/{i}", body=body, media_type="text/html"
                ),
            )
            findings += len(r.findings)
        return len(pages) / (time.process_time() - t), findings

    def lxml_rate(pages: list[bytes]) -> float:
        t = time.process_time()
        for body in pages:
            lxml.html.fromstring(body)
        return len(pages) / (time.process_time() - t)

    form_rates: list[float] = []
    plain_rates: list[float] = []
    raw_forms: list[float] = []
    raw_plains: list[float] = []
    for _ in range(max(1, args.rounds)):
        rate, form_findings = lint_rate(form_pages)
        form_rates.append(rate)
        rate, plain_findings = lint_rate(plain_pages)
        plain_rates.append(rate)
        raw_forms.append(lxml_rate(form_pages))
        raw_plains.append(lxml_rate(plain_pages))
    form_rate, plain_rate = statistics.median(form_rates), statistics.median(plain_rates)
    raw_form, raw_plain = statistics.median(raw_forms), statistics.median(raw_plains)

    def spread(rates: list[float]) -> str:
        return f"median of {len(rates)} rounds, {min(rates):.0f}-{max(rates):.0f}"

    # stream N pages (~5 % with forms) and watch memory
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    for i in range(args.pages):
        body = page(i, with_form=(i % 20 == 0), rng=rng, menu_html=menu_html)
        linter.document(
            FetchedDocument(url=f"https://demo.example/s/{i}", body=body, media_type="text/html"),
        )
    stream_wall = time.perf_counter() - t0
    stream_cpu = time.process_time() - cpu0

    print(f"pages: {avg_kb:.0f} KB on average, menu of {menu_html.count('<a ')} links")
    print(
        f"formlint, pages with forms and rule text : {form_rate:7.1f} pages/s per core (CPU time, {spread(form_rates)}; {form_findings / len(form_pages):.1f} findings/page)  target >= 150"
    )
    print(
        f"formlint, pages without form or rule text: {plain_rate:7.1f} pages/s per core ({spread(plain_rates)}; {plain_findings} findings)  target >= 800"
    )
    print(
        f"raw lxml.html parse, same form pages     : {raw_form:7.1f} pages/s per core  (formlint/lxml = {form_rate / raw_form:.2f})"
    )
    print(
        f"raw lxml.html parse, same plain pages    : {raw_plain:7.1f} pages/s per core  (formlint/lxml = {plain_rate / raw_plain:.2f})"
    )
    print(
        f"streamed {args.pages} pages (5 % forms, generation included): {stream_wall:.1f} s wall, {args.pages / stream_cpu:.1f} pages/s CPU"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MB  target < 400")


if __name__ == "__main__":
    main()
