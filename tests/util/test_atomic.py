"""Report files are replaced whole or not at all (formlint.util.atomic)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from formlint.util.atomic import atomic_write, write_text


def test_replaces_the_file_on_success(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    write_text(target, "ny rapport")
    assert target.read_text(encoding="utf-8") == "ny rapport"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_failure_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"good workbook")
    with pytest.raises(KeyboardInterrupt), atomic_write(target, "wb") as fh:
        fh.write(b"half a work")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"good workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]  # no temporary file left


def test_new_file_gets_an_ordinary_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    with atomic_write(target, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write("a;b\r\n")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert target.read_bytes() == b"\xef\xbb\xbfa;b\r\n"
