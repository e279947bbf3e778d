"""Secrets in URLs kept out of everything formlint writes.

A staging URL may carry a password (``https://user:pass@host/``) or a token in its query
(``?token=…``, ``&sig=…``). formlint fetches the URL as given, but names it everywhere else (reports,
logs, baselines, the store) with the values of query parameters whose names look like secrets
masked, and refuses user info in a URL outright: credentials go in a header read from the
environment (``--header-env``), which is never written out.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote_plus, urlsplit, urlunsplit

# Query parameter names (any case) that hold a secret when they contain one of these words:
# access_token, api_key, X-Amz-Signature, sessionid, password, client_secret, ...
SECRET_PARAMS = ("token", "key", "sig", "session", "password", "passwd", "secret", "auth")
MASK = "***"


def has_userinfo(url: str) -> bool:
    """Whether the URL names a user (and maybe a password) before its host."""
    return "@" in urlsplit(url).netloc


def mask_url(url: str, names: Iterable[str] = SECRET_PARAMS) -> str:
    """``url`` with user info and the values of secret-looking query parameters replaced by
    ``***``; everything else as written (so the URL still says which page it was)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = MASK + "@" + netloc.rpartition("@")[2]
    query = parts.query
    if query:
        words = tuple(n.lower() for n in names)
        query = "&".join(_masked_pair(pair, words) for pair in query.split("&"))
    if netloc == parts.netloc and query == parts.query:
        return url
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def _masked_pair(pair: str, words: tuple[str, ...]) -> str:
    name, eq, value = pair.partition("=")
    if eq and value and any(w in unquote_plus(name).lower() for w in words):
        return f"{name}={MASK}"
    return pair
