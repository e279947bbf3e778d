"""The reporter registry: every format is an entry point, ours and a third party's alike."""

from __future__ import annotations

import io
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from typing import IO, Any

import pytest

from formlint.report import base
from formlint.report.base import ReportContext, Reporter, formats, reporter_class
from formlint.store.samples import fixture_scan


class PlainReporter(Reporter):
    """A third party's format: lint runs as one line per document."""

    name = "plain"

    def write_run(self, run: Any, out: IO[Any]) -> None:
        for d in run.documents:
            out.write(f"{d.source}: {len(d.findings)}\n")


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``plain`` registered as an installed package would register it."""
    ours = list(base.entry_points(group=base.ENTRY_POINT_GROUP))
    theirs = EntryPoint("plain", f"{__name__}:PlainReporter", base.ENTRY_POINT_GROUP)
    monkeypatch.setattr(base, "entry_points", lambda group: [*ours, theirs])
    base._registered.cache_clear()
    yield
    base._registered.cache_clear()


def test_the_formats_we_ship() -> None:
    assert formats("run") == ["console", "github", "gitlab", "html", "json", "junit", "sarif"]
    assert formats("progress") == ["csv", "html", "json", "md", "xlsx"]


def test_a_format_is_known_only_for_what_it_writes() -> None:
    assert reporter_class("md", "progress").name == "md"
    with pytest.raises(KeyError, match=r"unknown format 'md' \(allowed: console, github, "):
        reporter_class("md", "run")
    with pytest.raises(
        KeyError, match=r"unknown format 'pdf' \(allowed: csv, html, json, md, xlsx\)"
    ):
        reporter_class("pdf", "progress")


def test_a_third_party_format_is_found_like_ours(plugin: None) -> None:
    assert reporter_class("plain", "run") is PlainReporter
    assert "plain" in formats("run") and "plain" not in formats("progress")
    run, _pages = fixture_scan(1)
    out = io.StringIO()
    reporter_class("plain", "run")(ReportContext()).write_run(run, out)
    assert out.getvalue().splitlines()[0].endswith(f": {len(run.documents[0].findings)}")


def test_no_formats_registered_says_to_reinstall(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "entry_points", lambda group: [])
    base._registered.cache_clear()
    try:
        with pytest.raises(KeyError, match="none registered; reinstall formlint"):
            reporter_class("console", "run")
    finally:
        base._registered.cache_clear()


def test_html_of_a_lint_run_needs_the_callers_model_builder() -> None:
    html = reporter_class("html", "run")
    with pytest.raises(ValueError, match="run_model"):
        html(ReportContext()).write_run(fixture_scan(1)[0], io.StringIO())
