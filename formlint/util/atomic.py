"""Write a file so that readers see the old version or the new one, never half of either.

A report is rewritten in place every time it is made (``formlint report --out reports/``); a
run killed mid-write (Ctrl-C, an OOM kill, a CI timeout) must not leave a truncated
``formlint-report.xlsx`` where yesterday's good one was. The bytes go to a temporary file in the
same directory (so the rename never crosses a file system), are flushed to disk, and the file is
renamed over the target with :func:`os.replace`, which is atomic on POSIX and Windows. The
standard library does all of it; the one package made for this (``atomicwrites``) is archived.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload


def _read_umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: done once, at import
    os.umask(mask)
    return mask


_UMASK = _read_umask()


@overload
def atomic_write(
    path: Path | str,
    mode: Literal["w"] = "w",
    *,
    encoding: str = "utf-8",
    newline: str | None = ...,
) -> contextlib.AbstractContextManager[IO[str]]: ...


@overload
def atomic_write(
    path: Path | str, mode: Literal["wb"], *, encoding: None = None, newline: None = None
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def atomic_write(
    path: Path | str,
    mode: Literal["w", "wb"] = "w",
    *,
    encoding: str | None = "utf-8",
    newline: str | None = None,
) -> contextlib.AbstractContextManager[IO[Any]]:
    """Open a temporary file beside ``path``; on a clean exit it replaces ``path``.

    On an exception the temporary file is removed and ``path`` is left as it was.
    """
    return _atomic(Path(path), mode, encoding if mode == "w" else None, newline)


@contextlib.contextmanager
def _atomic(path: Path, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO[Any]]:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private; a report gets the mode an ordinary new file gets
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    """``Path.write_text``, atomically."""
    with atomic_write(path, "w", encoding=encoding) as fh:
        fh.write(text)
