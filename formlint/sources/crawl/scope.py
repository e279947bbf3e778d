"""URL canonicalisation and scope: which URLs a scan may fetch.

Canonical URLs are the crawler's identity for pages: the spider de-duplicates on them before any
Request is built (large municipal menus repeat every link on every page), the store keys on them,
and session ids or tracking parameters never make one page look like many.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that identify a session or a campaign, never content.
SESSION_PARAMS = frozenset(
    {
        "jsessionid",
        "phpsessid",
        "sessionid",
        "session_id",
        "sid",
        "aspsessionid",
        "cfid",
        "cftoken",
        "fbclid",
        "gclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "_ga",
    }
)
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.IGNORECASE)

# Links with these extensions are never fetched: they are not forms or pages.
SKIP_EXTENSIONS = frozenset(
    {
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "svg",
        "ico",
        "bmp",
        "tif",
        "tiff",
        "avif",
        "mp3",
        "mp4",
        "m4a",
        "wav",
        "ogg",
        "webm",
        "mov",
        "avi",
        "mkv",
        "woff",
        "woff2",
        "ttf",
        "otf",
        "eot",
        "css",
        "js",
        "mjs",
        "map",
        "json",
        "xml",
        "rss",
        "atom",
        "zip",
        "gz",
        "tgz",
        "rar",
        "7z",
        "exe",
        "msi",
        "dmg",
        "iso",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "csv",
        "ics",
        "vcf",
        "doc",
        "rtf",
        "odp",
        "ods",
    }
)
DOCUMENT_EXTENSIONS = {"pdf": "pdf", "docx": "docx", "odt": "odt"}


def canonicalize(url: str) -> str:
    """A stable form of ``url``: lower-case scheme and host, no default port, no fragment,
    session ids and tracking parameters stripped, query parameters sorted, path normalised."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host
    if port is not None and not (
        (scheme == "http" and port == 80) or (scheme == "https" and port == 443)
    ):
        netloc = f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    path = quote(unquote(path), safe="/%:@!$&'()*+,;=-._~")
    if "/." in path:
        trailing = path.endswith("/")
        path = posixpath.normpath(path)
        if trailing and not path.endswith("/"):
            path += "/"
    path = re.sub(r"/{2,}", "/", path)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_session(k)
    ]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _is_session(key: str) -> bool:
    k = key.lower()
    return k in SESSION_PARAMS or k.startswith("utm_")


def extension(url: str) -> str:
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def document_type(url: str) -> str | None:
    """``pdf``/``docx``/``odt`` when the URL names such a document by its extension."""
    return DOCUMENT_EXTENSIONS.get(extension(url))


@dataclass
class Scope:
    """Allowed hosts (``host`` matches the host and its subdomains on any port, ``host:port``
    only that port) plus include/exclude regexes."""

    allowed: list[str]
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    documents: Iterable[str] = ("pdf", "docx", "odt")

    def __post_init__(self) -> None:
        self._hosts = [a.lower().rstrip("/") for a in self.allowed]
        self._include = [re.compile(p) for p in self.include]
        self._exclude = [re.compile(p) for p in self.exclude]
        self._documents = frozenset(self.documents)

    def host_allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower()
        netloc = parts.netloc.lower().rsplit("@", 1)[-1]
        for a in self._hosts:
            if ":" in a:
                if netloc == a:
                    return True
            elif host == a or host.endswith("." + a):
                return True
        return False

    def reason_out(self, url: str) -> str | None:
        """Why ``url`` is out of scope, or None when it may be fetched."""
        if not self.host_allowed(url):
            return "outside allowed domains"
        if self._exclude and any(p.search(url) for p in self._exclude):
            return "excluded by pattern"
        if self._include and not any(p.search(url) for p in self._include):
            return "not matched by include patterns"
        ext = extension(url)
        if ext in DOCUMENT_EXTENSIONS:
            if DOCUMENT_EXTENSIONS[ext] not in self._documents:
                return f"document type {ext} not followed"
        elif ext in SKIP_EXTENSIONS:
            return f"not a page or form document (.{ext})"
        return None

    def __contains__(self, url: str) -> bool:
        return self.reason_out(url) is None
