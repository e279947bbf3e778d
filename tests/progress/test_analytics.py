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
