"""The golden-file helper (tests/golden.py): a missing or different file fails, --update-golden
writes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import UPDATE_OPTION, check_golden


def test_a_missing_golden_file_fails_and_is_not_written(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match=r"missing.*--update-golden.*git diff"):
        check_golden("report/new.txt", "text\n", update=False, root=tmp_path)
    assert not (tmp_path / "report" / "new.txt").exists()


def test_a_different_golden_file_fails_with_a_short_diff(tmp_path: Path) -> None:
    lines = [f"line {i}\n" for i in range(200)]
    (tmp_path / "out.txt").write_text("".join(lines), encoding="utf-8")
    changed = "".join(f"now {i}\n" for i in range(200))
    with pytest.raises(pytest.fail.Exception) as failed:
        check_golden("out.txt", changed, update=False, root=tmp_path)
    message = str(failed.value)
    assert "out.txt (golden)" in message and "-line 0\n" in message  # a unified diff
    assert "more lines of diff" in message and len(message.splitlines()) < 50
    assert f"pytest {UPDATE_OPTION}" in message


def test_line_endings_count(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_bytes(b"a,b\r\n")
    with pytest.raises(pytest.fail.Exception):
        check_golden("t.csv", "a,b\n", update=False, root=tmp_path)
    assert check_golden("t.csv", "a,b\r\n", update=False, root=tmp_path) is None


def test_update_writes_only_what_changed(tmp_path: Path) -> None:
    written = check_golden("a/b.json", "{}\n", update=True, root=tmp_path)
    assert written == tmp_path / "a" / "b.json"
    assert written.read_text(encoding="utf-8") == "{}\n"
    assert check_golden("a/b.json", "{}\n", update=True, root=tmp_path) is None
    assert check_golden("a/b.json", "{}\n", update=False, root=tmp_path) is None


def test_the_option_is_defined(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.getoption("update_golden") in (True, False)
