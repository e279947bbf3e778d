import yaml, os, re, sys
from bs4 import BeautifulSoup
from pypdf import PdfReader
import docx
SITE = "formlint/demo/site"
exp = yaml.safe_load(open("formlint/demo/EXPECTED.yaml", encoding="utf-8"))
norm = lambda s: re.sub(r"\s+", " ", s)
def page_text(path, rendered=False):
    raw = open(os.path.join(SITE, path), "rb").read()
    enc = "iso-8859-1" if b'charset="iso-8859-1"' in raw else "utf-8"
    s = BeautifulSoup(raw.decode(enc), "html.parser")
    main = s.find("main")
    scripts = " ".join(x.get_text() for x in main.find_all("script"))
    for x in main.find_all(["script", "noscript", "style"]): x.decompose()
    t = main.get_text(" ") + " " + " ".join(i.get("placeholder", "") for i in main.find_all("input"))
    if rendered: t += " " + scripts
    return norm(t)
def doc_text(path):
    fp = os.path.join(SITE, path)
    if path.endswith(".pdf"):
        r = PdfReader(fp); t = " ".join(p.extract_text() for p in r.pages)
        t += " " + " ".join(str(v.get("/TU", "")) for v in (r.get_fields() or {}).values())
    else:
        d = docx.Document(fp); t = " ".join(p.text for p in d.paragraphs)
        t += " " + " ".join(c.text for tb in d.tables for row in tb.rows for c in row.cells)
    return norm(t)
bad = 0
listed = set()
for p in exp["pages"]:
    listed.add(p["path"])
    t = page_text(p["path"], rendered=p.get("rendered_only", False))
    for key in ("expect", "may", "must_not", "expect_rendered", "may_rendered"):
        for e in p.get(key, []):
            if e["text"] not in t:
                print("MISSING", p["path"], key, e); bad += 1
    if p["clean"] and p["expect"]: print("clean with expect", p["path"]); bad += 1
for d in exp["documents"]:
    t = doc_text(d["path"])
    for key in ("expect", "may", "must_not"):
        for e in d.get(key, []):
            if e["text"] not in t: print("MISSING", d["path"], key, e); bad += 1
for s in exp["skipped"]: listed.add(s["path"])
allp = {os.path.relpath(os.path.join(dp, f), SITE) for dp, _, fs in os.walk(SITE) for f in fs if f.endswith(".html")}
print("unlisted:", allp - listed, "extra:", listed - allp)
rules = {}
for p in exp["pages"] + exp["documents"]:
    for e in p["expect"] + p.get("expect_rendered", []): rules.setdefault(e["rule"], []).append(p["path"])
for r, ps in sorted(rules.items()): print(f"{r:32} {len(ps):2}  {sorted(set(ps))}")
# sitemap/robots
sm = open(os.path.join(SITE, "sitemap.xml")).read()
locs = re.findall(r"<loc>\{\{BASE_URL\}\}/(.*?)</loc>", sm)
print("sitemap urls", len(locs), "missing files:", [l for l in locs if not os.path.exists(os.path.join(SITE, l))])
print("intern in sitemap:", any(l.startswith("intern/") for l in locs))
print("bad", bad)
