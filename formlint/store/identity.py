"""Identity of forms and findings across scans (see docs/priority.md, "Form identity").

A form is known by *aliases*; any alias seen before maps to the same form:

- ``page:<normalised URL>#<form key>``: the form at its place. The URL is normalised (scheme and
  host lower-cased, default port, query, fragment and trailing slash dropped), so a page edited
  around the form, or a URL that gains ``?utm_source=...``, keeps the form.
- ``platform:<normalised URL>#<key>`` for platform forms (Form.io, Altinn, FHIR, and pages a crawler
  reached as an embedded iframe): the platform URL *is* the form wherever it is embedded.
- ``sig:<hash>``: the structural signature, the form kind plus the sorted *submitted field names*
  (at least three). It joins identical forms pasted on many pages into one form. Labels are left
  out on purpose: fixing "Mor"/"Far" into "Forelder 1"/"Forelder 2" changes labels, and a fix must
  not turn a form into a new one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from formlint.findings import normalise_text

_SIMPLE = re.compile(r"(https?)://([a-z0-9.\-]+)(/[^?#:]*)?$")
PLATFORM_KINDS = frozenset({"formio", "altinn", "fhir"})
MIN_SIGNATURE_FIELDS = 3


@lru_cache(maxsize=1 << 18)
def normalise_url(url: str) -> str:
    """Canonical URL for identity and joins: no query, no fragment, no trailing slash.

    Cached: a crawl normalises the same menu links on every page.
    """
    url = url.strip()
    fast = _SIMPLE.match(url)
    if fast:  # lower-case http(s) URL without port, query or fragment: most links
        path = fast.group(3) or "/"
        for index in ("/index.html", "/index.htm", "/index.php"):
            if path.endswith(index):
                path = path[: -len(index) + 1]
        return f"{fast.group(1)}://{fast.group(2)}{path.rstrip('/') or '/'}"
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        # A file path or a bare path (analytics exports): keep it, minus query/fragment.
        path = url.split("#", 1)[0].split("?", 1)[0].replace("\\", "/")
        return path.rstrip("/") or "/"
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    for index in ("/index.html", "/index.htm", "/index.php"):
        if path.endswith(index):
            path = path[: -len(index) + 1]
    path = path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, "", ""))


def url_path(url: str) -> str:
    """The path part of a normalised URL, for matching path-only analytics exports."""
    parts = urlsplit(normalise_url(url))
    return parts.path if parts.netloc else normalise_url(url)


def page_alias(url: str, key: str) -> str:
    return f"page:{normalise_url(url)}#{key}"


def platform_alias(url: str, key: str) -> str:
    return f"platform:{normalise_url(url)}#{key}"


def signature(kind: str, field_names: Iterable[str]) -> str | None:
    """Structural signature of a form, or None when it has too few named fields to be telling."""
    names = sorted({n.strip().casefold() for n in field_names if n and n.strip()})
    if len(names) < MIN_SIGNATURE_FIELDS:
        return None
    digest = hashlib.sha256(("\x1f".join([kind, *names])).encode("utf-8")).hexdigest()[:32]
    return f"sig:{digest}"


def form_aliases(url: str, key: str, kind: str, *, sig: str | None, embedded: bool) -> list[str]:
    """All aliases of one form occurrence, strongest first (the first names a new form)."""
    if kind in PLATFORM_KINDS or embedded:
        aliases = [platform_alias(url, key)]
    else:
        aliases = [page_alias(url, key)]
    if sig:
        aliases.append(sig)
    return aliases


def stable_key(form_identity: str, rule: str, anchor: str, text: str, occurrence: int) -> str:
    """A finding's identity inside its form, independent of the page it was seen on.

    The same embedded form on fifty pages yields the same keys, so the form has one finding list.
    """
    parts = [form_identity, rule, anchor, normalise_text(text), str(occurrence)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
