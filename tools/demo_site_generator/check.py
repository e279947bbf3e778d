import os, re, sys, posixpath
from html.parser import HTMLParser
from bs4 import BeautifulSoup
SITE = sys.argv[1]
VOID = {"area","base","br","col","embed","hr","img","input","link","meta","source","track","wbr"}
class Bal(HTMLParser):
    def __init__(s): super().__init__(); s.stack=[]; s.err=[]
    def handle_starttag(s,t,a):
        if t not in VOID: s.stack.append(t)
    def handle_endtag(s,t):
        if t in VOID: return
        if not s.stack or s.stack[-1]!=t: s.err.append(f"close {t} with stack {s.stack[-3:]}"); 
        if t in s.stack:
            while s.stack and s.stack.pop()!=t: pass
pages=[]
for d,_,fs in os.walk(SITE):
    for f in fs:
        if f.endswith(".html"): pages.append(os.path.relpath(os.path.join(d,f),SITE))
menus=set(); problems=[]
for p in sorted(pages):
    raw=open(os.path.join(SITE,p),"rb").read()
    enc="iso-8859-1" if b'charset="iso-8859-1"' in raw else "utf-8"
    txt=raw.decode(enc)
    if enc!="utf-8": print("latin1 page:",p, "ø" in txt)
    b=Bal(); b.feed(txt)
    if b.err or b.stack: problems.append((p,"balance",b.err[:3],b.stack))
    s=BeautifulSoup(txt,"html.parser")
    if not txt.lower().startswith("<!doctype html>"): problems.append((p,"doctype"))
    if not s.html.get("lang"): problems.append((p,"nolang"))
    if not s.title or not s.find("main"): problems.append((p,"title/main"))
    ids=[e["id"] for e in s.find_all(id=True)]
    if len(ids)!=len(set(ids)): problems.append((p,"dup ids",[i for i in ids if ids.count(i)>1]))
    for a in s.find_all(["a","link","iframe","script"]):
        h=a.get("href") or a.get("src")
        if not h or h.startswith(("mailto:","https:")): continue
        path,_,frag=h.partition("#")
        tgt=posixpath.normpath(posixpath.join(posixpath.dirname(p),path)) if path else p
        if not os.path.exists(os.path.join(SITE,tgt)): problems.append((p,"broken",h))
        elif frag and tgt.endswith(".html"):
            t2=open(os.path.join(SITE,tgt),"rb").read()
            if f'id="{frag}"'.encode() not in t2: problems.append((p,"frag",h))
    nav=s.find("nav",class_="hovedmeny")
    menus.add(tuple(posixpath.normpath(posixpath.join(posixpath.dirname(p),a["href"])) for a in nav.find_all("a")))
    for el in s.find_all(["input","select","textarea"]):
        if el.name=="input" and el.get("type") in ("submit","button","hidden"): continue
        i=el.get("id")
        if not i or not s.find("label",attrs={"for":i}): problems.append((p,"nolabel",el.get("name")))
        if el.get("type")=="radio" and not (el.find_parent("fieldset") and el.find_parent("fieldset").find("legend")):
            problems.append((p,"radio-no-fieldset",el.get("name")))
        nm=(el.get("name") or "")
        if (el.get("type") in ("email","tel") or re.search(r"navn|namn|name",nm)) and not el.get("autocomplete"):
            problems.append((p,"no-autocomplete",nm))
print(len(pages),"html pages; distinct menus:",len(menus), "menu links", len(next(iter(menus))))
for x in problems: print(x)
