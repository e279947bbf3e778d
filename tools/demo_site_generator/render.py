import os, sys, shutil, posixpath, html
sys.path.insert(0, os.path.dirname(__file__))
from common import PAGES, rel
import p_barnehage, p_skole, p_helse, p_bygg_kontakt, p_om_politikk_kultur, p_lang_docs

OUT = sys.argv[1]
SECTIONS = [("index.html", None), ("barnehage/", "barnehage/index.html"), ("skole/", "skole/index.html"),
            ("helse/", "helse/index.html"), ("bygg-og-eiendom/", "bygg-og-eiendom/index.html"),
            ("kultur/", "kultur/index.html"), ("politikk/", "politikk/index.html"),
            ("om-kommunen/", "om-kommunen/index.html"), ("kontakt/", "kontakt/index.html"),
            ("nynorsk/", "nynorsk/index.html")]
SNARVEIER = [("barnehage/opptak/index.html#frister", "Søknadsfrister for barnehage"),
             ("dokumenter/index.html", "Skjemaer for utskrift"),
             ("dokumenter/soknad-om-skoleskyss.pdf", "Søknad om skoleskyss (PDF)"),
             ("dokumenter/registreringsskjema-nye-elever.pdf", "Registreringsskjema for nye elever (PDF)"),
             ("dokumenter/soknad-om-fritak.docx", "Søknad om fritak (Word)"),
             ("bygg-og-eiendom/avfall/index.html", "Tømmekalender"),
             ("helse/legevakt/index.html", "Legevakt 116 117"),
             ("om-kommunen/ledige-stillinger/index.html", "Jobb i kommunen"),
             ("skole/sfo/soknad/index.html", "Søk SFO-plass"),
             ("helse/helsestasjon/timebestilling/index.html", "Bestill time på helsestasjonen"),
             ("bygg-og-eiendom/byggesak/index.html", "Søke om å bygge"),
             ("bygg-og-eiendom/vann-og-avlop/index.html", "Avlesning av vannmåler"),
             ("politikk/moter/index.html", "Politiske møter"),
             ("kultur/bibliotek/index.html", "Åpningstider på biblioteket"),
             ("kontakt/servicetorget/index.html", "Åpningstider på Servicetorget"),
             ("en/index.html", "English"),
             ("sma/index.html", "Åarjelsaemien")]

def menu_html(cur):
    out = ['<nav class="hovedmeny" aria-label="Hovedmeny">\n<ul class="meny">\n']
    for prefix, idx in SECTIONS[1:]:
        sec = PAGES[idx]
        out.append(f'  <li><a href="{rel(cur, idx)}">{sec["crumb"]}</a>\n    <ul>\n')
        for p in PAGES.values():
            if p["path"].startswith(prefix) and p["path"] != idx and p["menu"]:
                out.append(f'      <li><a href="{rel(cur, p["path"])}">{p["crumb"]}</a></li>\n')
        out.append('    </ul>\n  </li>\n')
    out.append('  <li><span class="menytittel">Snarveier</span>\n    <ul>\n')
    for href, txt in SNARVEIER:
        out.append(f'      <li><a href="{rel(cur, href)}">{txt}</a></li>\n')
    out.append('    </ul>\n  </li>\n</ul>\n</nav>\n')
    return "".join(out)

def crumbs_html(p):
    path = p["path"]
    parts = path.split("/")[:-1]
    items = []
    if path != "index.html":
        items.append(("index.html", "Forside"))
        for i in range(1, len(parts)):
            anc = "/".join(parts[:i]) + "/index.html"
            if anc in PAGES:
                items.append((anc, PAGES[anc]["crumb"]))
    lis = "".join(f'<li><a href="{rel(path, h)}">{t}</a></li>' for h, t in items)
    lis += f'<li aria-current="page">{p["crumb"]}</li>'
    return f'<nav class="brodsmuler" aria-label="Brødsmulesti"><ol>{lis}</ol></nav>\n'

def render(p):
    path = p["path"]
    lang_attr = "" if p["nolang"] else f' lang="{p["lang"]}"'
    chrome_lang = ' lang="nb"' if (p["lang"] != "nb" and not p["nolang"]) else ""
    css = rel(path, "assets/site.css")
    home = rel(path, "index.html")
    f = lambda t: rel(path, t)
    doc = f'''<!doctype html>
<html{lang_attr}>
<head>
<meta charset="{p["charset"]}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{p["title"]} | Demo kommune</title>
<meta name="description" content="{html.escape(p["description"])}">
<link rel="stylesheet" href="{css}">
</head>
<body>
<div class="ramme"{chrome_lang}>
<a class="hopp" href="#hovedinnhold">Hopp til hovedinnhold</a>
<header class="topp">
  <p class="logo"><a href="{home}">Demo kommune</a></p>
  <p class="sprak"><a href="{f("nynorsk/index.html")}" hreflang="nn">Nynorsk</a> · <a href="{f("en/index.html")}" hreflang="en">English</a> · <a href="{f("sma/index.html")}" hreflang="sma">Åarjelsaemien</a></p>
{menu_html(path)}</header>
{crumbs_html(p)}</div>
<main id="hovedinnhold">
{p["body"].strip()}
</main>
<footer class="bunn"{chrome_lang}>
  <h2>Demo kommune</h2>
  <p>Rådhusplassen 1, 7099 Demo · Postboks 100, 7098 Demo</p>
  <p>Sentralbord: 73 80 00 00 (hverdager kl. 08.00-15.30) · E-post: <a href="mailto:postmottak@demo.kommune.invalid">postmottak@demo.kommune.invalid</a></p>
  <p>Organisasjonsnummer 999 888 777</p>
  <ul class="bunnlenker">
    <li><a href="{f("kontakt/index.html")}">Kontakt oss</a></li>
    <li><a href="{f("kontakt/personvern/index.html")}">Personvern og informasjonskapsler</a></li>
    <li><a href="{f("om-kommunen/skjemaer/index.html")}">Alle skjemaer</a></li>
    <li><a href="{f("intern/index.html")}">Intranett (for ansatte)</a></li>
  </ul>
  <p class="sidefot-merknad">Demo kommune er en fiktiv kommune laget for å teste formlint.</p>
</footer>
</body>
</html>
'''
    return doc

def main():
    site = OUT
    for p in PAGES.values():
        fn = os.path.join(site, p["path"])
        os.makedirs(os.path.dirname(fn), exist_ok=True)
        data = render(p)
        with open(fn, "wb") as fh:
            fh.write(data.encode(p["charset"]))
    base = "{{BASE_URL}}"
    with open(os.path.join(site, "robots.txt"), "w", encoding="utf-8") as fh:
        fh.write(f"# Demo kommune\nUser-agent: *\nDisallow: /intern/\n\nSitemap: {base}/sitemap.xml\n")
    urls = "".join(f"  <url><loc>{base}/{p['path']}</loc></url>\n" for p in PAGES.values() if p["sitemap"])
    with open(os.path.join(site, "sitemap.xml"), "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + '</urlset>\n')
    print(len(PAGES), "pages")

for _p in ("skole/skolerute/index.html", "kultur/arrangementer/index.html"):
    PAGES[_p]["sitemap"] = False
main()
