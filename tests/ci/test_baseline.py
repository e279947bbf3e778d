"""Fingerprint baselines: write, apply, fixed entries, portability across machines."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sample_runs import CLOCK, make_doc, make_finding, make_run, sample_run

from formlint.ci.baseline import (
    BASELINE_SCHEMA,
    apply_baseline,
    load_baseline,
    write_baseline,
)
from formlint.errors import ConfigError, UsageError
from formlint.findings import Suppression, occurrence_of, portable_fingerprint


def test_write_format_is_deterministic_and_sorted(tmp_path: Path) -> None:
    path = tmp_path / ".formlint-baseline.json"
    entries = write_baseline(sample_run(), path, now=CLOCK)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == BASELINE_SCHEMA
    assert data["tool"]["name"] == "formlint"
    assert data["created"] == "2026-11-24T05:00:00+00:00"
    assert data["count"] == len(data["entries"]) == len(entries) == 5
    assert set(data["entries"][0]) == {"fingerprint", "rule", "source", "excerpt"}
    keys = [(e["source"], e["rule"], e["fingerprint"]) for e in data["entries"]]
    assert keys == sorted(keys)
    # inline- and exception-suppressed findings need no baseline entry
    assert {e["rule"] for e in data["entries"]} == {
        "gender-binary-options",
        "parent-mor-far-only",
        "binary-pronoun-phrase",
    }
    assert path.read_text(encoding="utf-8").endswith("}\n")
    assert "Kjønn" in path.read_text(encoding="utf-8")  # not \u-escaped


def test_rewrite_with_same_entries_keeps_file(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(sample_run(), path, now=CLOCK)
    before = path.read_text(encoding="utf-8")
    write_baseline(sample_run(), path, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert path.read_text(encoding="utf-8") == before


def test_apply_suppresses_known_and_counts_new(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(sample_run(), path, now=CLOCK)
    run = sample_run()
    extra = make_finding("parent-mor-far-only", anchor="foresatt2", excerpt="Far", line=70)
    run.documents[0].findings = [*run.documents[0].findings, extra.with_fingerprint()]
    report = apply_baseline(run, path)
    assert report.suppressed == 5
    assert report.new == 1
    assert report.fixed == []
    open_findings = list(run.findings())
    assert [f.excerpt for f in open_findings] == ["Far"]
    suppressed = [
        f
        for f in run.findings(include_suppressed=True)
        if f.suppression and f.suppression.kind == "baseline"
    ]
    assert len(suppressed) == 5
    assert suppressed[0].suppression is not None
    assert suppressed[0].suppression.reason.startswith("accepted in baseline ")
    assert "(2026-11-24)" in suppressed[0].suppression.reason
    # inline suppression is kept: it says more than the baseline
    inline = next(
        f for f in run.findings(include_suppressed=True) if f.rule == "gendered-salutation"
    )
    assert inline.suppression == Suppression(kind="inline", reason="Brevmal krever tiltale")
    assert "1 new, 5 in baseline, 0 fixed" in report.summary()


def test_line_moves_still_match(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(make_run(make_doc("a.html", [make_finding(source="a.html", line=10)])), path)
    moved = make_run(make_doc("a.html", [make_finding(source="a.html", line=200, column=1)]))
    assert apply_baseline(moved, path).suppressed == 1


def test_fixed_entries_and_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(sample_run(), path)
    run = sample_run()
    # the Form.io form was fixed; the PDF was not part of this run
    run.documents[1].findings = [
        f for f in run.documents[1].findings if f.rule != "gender-binary-options"
    ]
    run.documents = [d for d in run.documents if not d.source.endswith(".pdf")]
    report = apply_baseline(run, path)
    assert [(e.rule, e.source) for e in report.fixed] == [
        ("gender-binary-options", "forms/nav/skjema.json")
    ]
    assert report.not_checked == 1
    assert report.to_dict()["fixed"][0]["excerpt"] == "Mann / Kvinne"


def test_portable_across_checkouts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A baseline written from /ci/a with absolute paths matches a run in /ci/b with relative ones."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    monkeypatch.chdir(tmp_path)
    src_a = str(a / "forms" / "x.html")
    write_baseline(make_run(make_doc(src_a, [make_finding(source=src_a)])), a / "b.json", root=a)
    data = json.loads((a / "b.json").read_text(encoding="utf-8"))
    assert data["entries"][0]["source"] == "forms/x.html"
    monkeypatch.chdir(b)
    run = make_run(make_doc("forms/x.html", [make_finding(source="forms/x.html")]))
    assert apply_baseline(run, a / "b.json").suppressed == 1
    run2 = make_run(make_doc("./forms\\x.html", [make_finding(source="./forms\\x.html")]))
    assert apply_baseline(run2, a / "b.json").suppressed == 1


def test_identical_findings_keep_their_occurrence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    src = str(tmp_path / "p.html")
    same = [
        make_finding(source=src, line=n, anchor=None, form_key="", excerpt="han eller hun")
        for n in (1, 5, 9)
    ]
    doc = make_doc(src, same)
    assert [occurrence_of(f) for f in doc.findings] == [0, 1, 2]
    fps = {portable_fingerprint(f) for f in doc.findings}
    assert len(fps) == 3
    write_baseline(make_run(make_doc(src, same[:2])), tmp_path / "b.json")
    report = apply_baseline(
        make_run(
            make_doc(
                "p.html",
                [
                    make_finding(
                        source="p.html", line=n, anchor=None, form_key="", excerpt="han eller hun"
                    )
                    for n in (1, 5, 9)
                ],
            )
        ),
        tmp_path / "b.json",
    )
    assert (report.suppressed, report.new) == (2, 1)


def test_update_keeps_baseline_suppressed_entries(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(sample_run(), path, now=CLOCK)
    run = sample_run()
    apply_baseline(run, path)
    before = path.read_text(encoding="utf-8")
    write_baseline(run, path, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (None, UsageError, "baseline file not found"),
        ("{nope", ConfigError, "baseline is not valid JSON"),
        ('{"schema": "other/1", "entries": []}', ConfigError, "not a formlint baseline"),
        ('{"schema": "formlint-baseline/1"}', ConfigError, "no 'entries' list"),
        (
            '{"schema": "formlint-baseline/1", "entries": [{"rule": "x"}]}',
            ConfigError,
            "entry 0 has no 'fingerprint'",
        ),
    ],
)
def test_bad_baseline_files(
    tmp_path: Path, content: str | None, error: type[Exception], message: str
) -> None:
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(error, match=message) as exc:
        load_baseline(path)
    assert exc.value.exit_code == 2  # type: ignore[attr-defined]
    assert "\n" not in str(exc.value)
    if content is not None:
        assert str(path) in str(exc.value)


def test_baseline_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(sample_run(), path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_baseline(path).entries) == 5


def test_write_baseline_keeps_entries_of_files_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(sample_run(), path)
    one_file = make_run(make_doc("forms/soknad.html", [make_finding()]))
    entries = write_baseline(one_file, path)
    sources = sorted({e.source for e in entries})
    assert sources == ["forms/nav/skjema.json", "forms/skjema æøå.pdf", "forms/soknad.html"]
    # soknad.html now has one entry only: its fixed findings were dropped
    assert sum(1 for e in entries if e.source == "forms/soknad.html") == 1
    assert len(write_baseline(one_file, path, keep_unchecked=False)) == 1
