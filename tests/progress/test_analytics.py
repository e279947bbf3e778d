"""Analytics exports read as (URL, views) rows, whatever tool wrote them."""

from __future__ import annotations

from pathlib import Path

from formlint.config.progress import ReachConfig
from formlint.progress.analytics import read_reach_csv


def test_reach_presets(tmp_path: Path) -> None:
    f = tmp_path / "matomo.csv"
    f.write_text("label;nb_visits;nb_hits;url\n/a;1;10;https://k.example/a\n", encoding="utf-8")
    assert read_reach_csv(f, ReachConfig(preset="matomo")) == [("https://k.example/a", 10)]
    f = tmp_path / "si.csv"
    f.write_text("Title,URL,Page views\nA,https://k.example/a,1 234\n", encoding="utf-8")
    assert read_reach_csv(f, ReachConfig(preset="siteimprove")) == [("https://k.example/a", 1234)]


MATOMO = "label,nb_visits,nb_hits,url\n/barnehage,3,1250,https://k.example/barnehage\n/skole,2,70,https://k.example/skole\n"
ROWS = [("https://k.example/barnehage", 1250), ("https://k.example/skole", 70)]


def test_exports_in_the_encodings_tools_write(tmp_path: Path) -> None:
    """Matomo writes UTF-16 with a BOM; Excel's "Unicode text" UTF-16 with tabs; a Norwegian
    spreadsheet `;` with a UTF-8 BOM; older Windows tools Windows-1252."""
    cfg = ReachConfig(preset="matomo")
    cases = {
        "utf16-bom.csv": MATOMO.encode("utf-16"),
        "utf16le-nobom.csv": MATOMO.encode("utf-16-le"),
        "utf16be-nobom.csv": MATOMO.encode("utf-16-be"),
        "tabs.txt": MATOMO.replace(",", "\t").encode("utf-16"),
        "semicolon-bom.csv": MATOMO.replace(",", ";").encode("utf-8-sig"),
    }
    for name, data in cases.items():
        f = tmp_path / name
        f.write_bytes(data)
        assert read_reach_csv(f, cfg) == ROWS, name
    cp = tmp_path / "siteimprove-1252.csv"
    cp.write_bytes(
        "Title;URL;Page views\nSøknad om barnehageplass;https://k.example/ø;1 234\n".encode(
            "cp1252"
        )
    )
    assert read_reach_csv(cp, ReachConfig(preset="siteimprove")) == [("https://k.example/ø", 1234)]


def test_the_export_tool_is_recognised_without_a_preset(tmp_path: Path) -> None:
    f = tmp_path / "ua.csv"
    f.write_text("Page,Pageviews,Unique Pageviews\n/skole,1.234,900\n", encoding="utf-8")
    assert read_reach_csv(f, ReachConfig(base_url="https://k.example")) == [
        ("https://k.example/skole", 1234)
    ]


def test_unknown_columns_name_the_preset_flag(tmp_path: Path) -> None:
    from formlint.errors import InputError

    f = tmp_path / "odd.csv"
    f.write_text("Side;Visninger\n/a;1\n", encoding="utf-8")
    try:
        read_reach_csv(f, ReachConfig())
    except InputError as exc:
        msg = exc.one_line()
    else:
        raise AssertionError("expected an InputError")
    assert "odd.csv" in msg and "--preset (matomo, siteimprove, ga4, ua)" in msg
    assert "--url-column and --views-column" in msg and "header: Side, Visninger" in msg
    # an explicit preset is kept, not guessed over
    g = tmp_path / "matomo.csv"
    g.write_text(MATOMO, encoding="utf-8")
    try:
        read_reach_csv(g, ReachConfig(preset="siteimprove"))
    except InputError as exc:
        assert "'URL' and 'Page views' not both found" in exc.one_line()
    else:
        raise AssertionError("expected an InputError")
    bad = tmp_path / "broken.csv"
    bad.write_bytes(b"\xff\xfe" + b"\x00\xd8")  # UTF-16 BOM, then half a surrogate pair
    try:
        read_reach_csv(bad, ReachConfig())
    except InputError as exc:
        assert exc.one_line().startswith(f"{bad}: cannot read: not valid UTF-16")
    else:
        raise AssertionError("expected an InputError")
