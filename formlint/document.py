"""FetchedDocument: the bytes of one source and what is known about where they came from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from formlint.model.audit import Audit


@dataclass(frozen=True, slots=True)
class FetchedDocument:
    """One document as fetched: a file read from disk, or an HTTP response.

    ``url`` is what was asked for and ``final_url`` where it ended (after redirects); for files both
    are the path as given. ``headers`` never carries credentials: sources strip request auth before
    building this object, and only response headers are kept.
    """

    url: str
    body: bytes
    final_url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict, hash=False)
    media_type: str | None = None  # from Content-Type, lower-case, without parameters
    charset: str | None = None  # from Content-Type
    fetched_at: datetime = field(
        default_factory=lambda: datetime.now(UTC), compare=False, hash=False
    )
    # Extra files that belong to the same document (an Altinn app's layouts, texts and options;
    # a Form.io form's translation file), keyed by path relative to ``url``.
    siblings: dict[str, bytes] = field(default_factory=dict, hash=False, compare=False)
    # what axe-core found on the page as the browser rendered it (``body`` is that rendering)
    audits: tuple[Audit, ...] = field(default=(), hash=False, compare=False)
    _sha256: str | None = field(default=None, init=False, repr=False, compare=False, hash=False)

    @property
    def source(self) -> str:
        return self.final_url or self.url

    @property
    def sha256(self) -> str:
        """Content hash of the body and every sibling file (an Altinn app, a form + translations).

        Computed once: a crawl asks for it two or three times a page (reuse check, store, lint).
        """
        if self._sha256 is None:
            h = hashlib.sha256(self.body)
            for name in sorted(self.siblings):
                h.update(b"\x00" + name.encode("utf-8") + b"\x00")
                h.update(hashlib.sha256(self.siblings[name]).digest())
            object.__setattr__(self, "_sha256", h.hexdigest())
        assert self._sha256 is not None
        return self._sha256

    @classmethod
    def from_path(cls, path: Path | str, *, display: str | None = None) -> FetchedDocument:
        p = Path(path)
        return cls(url=display or str(p), body=p.read_bytes())

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "status": self.status,
            "media_type": self.media_type,
            "sha256": self.sha256,
            "fetched_at": self.fetched_at.isoformat(),
        }
