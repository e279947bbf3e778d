"""Fetch single URLs for ``formlint lint URL`` (no crawling): GET only, capped size and time.

Request headers (staging auth) are sent but never kept: the FetchedDocument carries response
headers only, so credentials cannot reach reports or the store. The URL is fetched as given but
named with its secret-looking query values masked (``util/secrets.py``), after redirects too.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from email.message import Message

from formlint import __version__
from formlint.document import FetchedDocument
from formlint.model import Location, Problem
from formlint.util.secrets import SECRET_PARAMS, mask_url

USER_AGENT = f"formlint/{__version__} (+https://github.com/formlint/formlint)"
MAX_BYTES = 50 * 1024 * 1024


def _split_content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    msg = Message()
    msg["content-type"] = value
    return msg.get_content_type().lower(), msg.get_param("charset")  # type: ignore[return-value]


def fetch(
    url: str,
    *,
    timeout: float = 30.0,
    headers: dict[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
    secret_params: Iterable[str] = SECRET_PARAMS,
) -> FetchedDocument | Problem:
    """One GET. Any failure becomes a one-line Problem naming the URL (masked)."""
    names = tuple(secret_params)
    shown = mask_url(url, names)
    loc = Location(source=shown)
    if not url.lower().startswith(("http://", "https://")):
        return Problem("only http and https URLs can be fetched", loc)
    req = urllib.request.Request(
        url, method="GET", headers={"User-Agent": USER_AGENT, **(headers or {})}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read(max_bytes + 1)
            if len(body) > max_bytes:
                return Problem(
                    f"response larger than {max_bytes // (1024 * 1024)} MiB; not read", loc
                )
            media_type, charset = _split_content_type(resp.headers.get("Content-Type"))
            kept = {
                k: v
                for k, v in resp.headers.items()
                if k.lower() in ("content-type", "etag", "last-modified", "content-language")
            }
            return FetchedDocument(
                url=shown,
                body=body,
                final_url=mask_url(resp.geturl(), names),
                status=resp.status,
                headers=kept,
                media_type=media_type,
                charset=charset,
            )
    except urllib.error.HTTPError as exc:
        return Problem(f"HTTP {exc.code} {exc.reason}", loc)
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return Problem(f"timed out after {timeout:g} s", loc)
        return Problem(f"cannot connect: {reason}", loc)
    except TimeoutError:
        return Problem(f"timed out after {timeout:g} s", loc)
    except (ConnectionError, OSError, ValueError) as exc:
        # the library's message may quote the URL as given
        return Problem(f"fetch failed: {type(exc).__name__}: {str(exc).replace(url, shown)}", loc)


def fetch_all(
    urls: list[str],
    *,
    timeout: float = 30.0,
    headers: dict[str, str] | None = None,
    secret_params: Iterable[str] = SECRET_PARAMS,
) -> Iterator[FetchedDocument | Problem]:
    for url in urls:
        yield fetch(url, timeout=timeout, headers=headers, secret_params=secret_params)
