"""A page's outgoing links, and whether it embeds a form platform."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from formlint.model import Link
from formlint.parse.html_elements import Element

_DOC_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf")
# Form platforms by host or path: an iframe or script from one makes a page a form page
# (``has_form_markers``) though it holds no control of its own.
FORM_PLATFORMS = re.compile(
    r"altinn|formio|skjemautfyller|nav\.no/.*skjema|jotform|typeform|netigate|questback|acos|visma|"
    r"ephorte|digidel|idporten|forms\.office|docs\.google\.com/forms|enalyzer|surveymonkey|"
    r"skjema|eskjema|e-skjema|/forms?/",
    re.IGNORECASE,
)
_LINK_ATTR = {"a": "href", "area": "href", "iframe": "src", "script": "src", "form": "action"}
_NOT_FETCHABLE = ("javascript:", "mailto:", "tel:", "data:", "sms:")
_LINK_KINDS = {"a": "a", "area": "a", "iframe": "iframe", "script": "script", "form": "form-action"}


def page_links(root: Element, base: str) -> tuple[tuple[Link, ...], bool]:
    """Outgoing references, resolved and de-duplicated by (kind, url), with their text, and
    whether an iframe or script comes from a form platform.

    Menus make this a hot loop (600+ links a page): the common hrefs (absolute, or
    root-relative on a web page) are resolved without urljoin.
    """
    parts = urlsplit(base)
    web = parts.scheme in ("http", "https") and bool(parts.netloc)
    origin = f"{parts.scheme}://{parts.netloc}" if web else ""
    seen: dict[str, set[str]] = {
        "a": set(),
        "document": set(),
        "iframe": set(),
        "script": set(),
        "form-action": set(),
    }
    out: list[Link] = []
    platform = False
    for el in root.iter("a", "area", "iframe", "script", "form"):
        tag = el.tag
        raw = el.get(_LINK_ATTR[tag])
        if not raw:
            continue
        if raw[0] <= " " or raw[-1] <= " ":
            raw = raw.strip()
            if not raw:
                continue
        first = raw[0]
        if first == "#" or (first not in "/." and raw[:11].lower().startswith(_NOT_FETCHABLE)):
            continue
        if first == "/" and web and raw[1:2] != "/" and "/." not in raw:
            url = origin + raw
        elif raw.startswith(("http://", "https://")):
            url = raw
        else:
            try:
                url = urljoin(base, raw)
            except ValueError:
                continue
        kind = _LINK_KINDS[tag]
        if kind == "a":
            path = url.split("?", 1)[0].split("#", 1)[0] if ("?" in url or "#" in url) else url
            if path[-5:].lower().endswith(_DOC_SUFFIXES):
                kind = "document"
        bucket = seen[kind]
        if url in bucket:
            continue
        bucket.add(url)
        if tag == "a":
            text = el.text if len(el) == 0 else "".join(el.itertext())
        elif tag == "area":
            text = el.get("alt")
        elif tag == "iframe":
            text = el.get("title")
        else:
            text = None
        if kind in ("iframe", "script") and FORM_PLATFORMS.search(url):
            platform = True
        out.append(Link(url, kind, " ".join(text.split()) or None if text else None))
    return tuple(out), platform
