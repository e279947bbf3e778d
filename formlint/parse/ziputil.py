"""Zip-bomb-safe reading of DOCX/ODT packages.

A DOCX or ODT is a zip whose central directory is written by whoever made the file, so a hostile
or broken file can claim small sizes and inflate to gigabytes. Every member is checked twice:
*before* decompressing (declared sizes summed against the budget, and the compression ratio), and
*while* decompressing (a streaming read that stops at the declared size and at the budget), so a
lying central directory cannot get past either.
"""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO

# Deflated XML rarely compresses better than ~30:1; zeros and repeated text compress ~1000:1.
MAX_RATIO = 100.0
# Members this small cannot hurt whatever their ratio (a tiny styles.xml may compress very well).
RATIO_MIN_SIZE = 1024 * 1024
MAX_MEMBERS = 10_000
_CHUNK = 64 * 1024


class ZipReadError(Exception):
    """A package that cannot or must not be read; the message is one line for a ``Problem``."""


class SafeZip:
    """Read members of a zip held in memory under a total decompressed-size budget."""

    def __init__(self, body: bytes, max_decompressed_bytes: int) -> None:
        if not body.startswith(b"PK"):
            raise ZipReadError("not a zip archive (a DOCX/ODT file is a zip package)")
        try:
            self._zf = zipfile.ZipFile(BytesIO(body))
            infos = self._zf.infolist()
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,  # "zip file version 7.9": a damaged header
        ) as exc:
            raise ZipReadError(f"not a valid zip archive (truncated or corrupt?): {exc}") from None
        if len(infos) > MAX_MEMBERS:
            raise ZipReadError(f"zip archive has {len(infos)} members (limit {MAX_MEMBERS})")
        self.budget = max_decompressed_bytes
        self._used = 0
        self._infos = {i.filename: i for i in infos}
        declared = sum(i.file_size for i in infos)
        if declared > max_decompressed_bytes:
            raise ZipReadError(
                f"zip bomb suspected: members declare {_mib(declared)} decompressed "
                f"(limit {_mib(max_decompressed_bytes)}); not decompressed"
            )
        for info in infos:
            if info.file_size >= RATIO_MIN_SIZE:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > MAX_RATIO:
                    raise ZipReadError(
                        f"zip bomb suspected: {info.filename} compresses {ratio:.0f}:1 "
                        f"(limit {MAX_RATIO:.0f}:1); not decompressed"
                    )

    def names(self) -> list[str]:
        return list(self._infos)

    def __contains__(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes | None:
        """The member's bytes, or None when it does not exist; raises ZipReadError past the cap."""
        info = self._infos.get(name)
        if info is None:
            return None
        remaining = self.budget - self._used
        cap = min(info.file_size, remaining)
        out = bytearray()
        try:
            with self._zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > cap:
                        raise ZipReadError(
                            f"zip bomb suspected: {name} inflates past its declared size or the "
                            f"limit of {_mib(self.budget)}; reading stopped"
                        )
        except ZipReadError:
            raise
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as exc:
            # RuntimeError: an encrypted member; zlib.error: a corrupt deflate stream
            raise ZipReadError(f"cannot read {name} from the zip: {exc}") from None
        except NotImplementedError as exc:  # an unsupported compression method
            raise ZipReadError(f"cannot read {name} from the zip: {exc}") from None
        self._used += len(out)
        return bytes(out)

    def close(self) -> None:
        self._zf.close()


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"
