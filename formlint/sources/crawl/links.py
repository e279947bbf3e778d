"""Outgoing references of an HTML page, found with lxml (fast; no BeautifulSoup on every page)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from w3lib.url import safe_url_string

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "sms:", "ftp:", "file:", "#")


@dataclass
class PageLinks:
    """Absolute URLs by how the page refers to them, each list de-duplicated in page order."""

    pages: list[str] = field(default_factory=list)  # a/area href
    frames: list[str] = field(default_factory=list)  # iframe/frame src
    scripts: list[str] = field(default_factory=list)  # script src
    form_actions: list[str] = field(default_factory=list)

    def all(self) -> list[tuple[str, str]]:
        return [
            *((u, "a") for u in self.pages),
            *((u, "iframe") for u in self.frames),
            *((u, "script") for u in self.scripts),
            *((u, "form-action") for u in self.form_actions),
        ]


def _absolute(base: str, raw: str, encoding: str) -> str:
    # A root-relative or absolute href does not depend on the page's path: memoise those, since
    # the same menu links appear on every page.
    key = None
    if raw.startswith("/") and not raw.startswith("//"):
        cut = base.find("/", base.find("//") + 2)
        key = (base if cut < 0 else base[:cut], raw, encoding)
    elif raw.startswith(("http://", "https://")):
        key = ("", raw, encoding)
    if key is not None:
        hit = _ABS_CACHE.get(key)
        if hit is not None:
            return hit
    url = safe_url_string(urljoin(base, raw), encoding=encoding).split("#", 1)[0]
    if key is not None and len(_ABS_CACHE) < 200_000:
        _ABS_CACHE[key] = url
    return url


_ABS_CACHE: dict[tuple[str, str, str], str] = {}


def extract_links(tree: Any, base_url: str, encoding: str = "utf-8") -> PageLinks:
    """Every href/src of interest, resolved against ``<base href>`` or ``base_url``."""
    base = base_url
    for b in tree.xpath("//base[@href]")[:1]:
        try:
            base = urljoin(base_url, b.get("href").strip())
        except ValueError:  # a <base> that is no URL: links resolve against the page
            base = base_url
    out = PageLinks()
    seen: set[tuple[str, str]] = set()

    def add(target: list[str], kind: str, raw: str | None) -> None:
        if not raw:
            return
        raw = raw.strip()
        if not raw or raw.lower().startswith(_SKIP_SCHEMES):
            return
        try:
            url = _absolute(base, raw, encoding)
        except ValueError:  # "http://[::1", a port past 65535: no URL to follow
            return
        if (kind, url) in seen:
            return
        seen.add((kind, url))
        target.append(url)

    for el in tree.xpath("//a[@href]|//area[@href]"):
        add(out.pages, "a", el.get("href"))
    for el in tree.xpath("//iframe[@src]|//frame[@src]"):
        add(out.frames, "iframe", el.get("src"))
    for el in tree.xpath("//script[@src]"):
        add(out.scripts, "script", el.get("src"))
    for el in tree.xpath("//form[@action]"):
        add(out.form_actions, "form-action", el.get("action"))
    return out
