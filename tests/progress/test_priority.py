"""The priority formula, on the worked example of ``docs/priority.md``."""

from __future__ import annotations

import pytest

from formlint.config.progress import ProgressConfig
from formlint.progress.priority import Reach, category_for, finding_weight, score


def test_the_example_in_the_docs() -> None:
    two_errors = [finding_weight("error", "high")] * 2
    linked = Reach("links", inbound=3, depth=1)
    assert linked.factor == pytest.approx(2.60, abs=0.005)
    category, weight = category_for(
        ["https://kommune.example/barnehage/soknad"], ProgressConfig().categories
    )
    assert (category, weight) == ("barnehage", 2.0)
    assert score(two_errors, linked, weight) == pytest.approx(83.3, abs=0.05)
    popular = Reach("analytics", views=1_250_000)
    assert popular.factor == pytest.approx(7.10, abs=0.005)
    assert score([finding_weight("warning", "high")], popular, 1.0) == pytest.approx(28.4, abs=0.05)
    quiet = Reach("analytics", views=12)
    assert score(two_errors, quiet, weight) == pytest.approx(67.6, abs=0.05)
    assert score(two_errors, popular, 1.0) == pytest.approx(113.6, abs=0.05)


def test_weights_and_the_heaviest_category() -> None:
    assert finding_weight("info", "low") == pytest.approx(0.4)
    assert finding_weight("unknown", "unknown") == pytest.approx(0.7)
    categories = ProgressConfig().categories
    # "skole" (1.8) and "familie" (1.5) both match: the heaviest wins; nothing matches: weight 1
    assert category_for(["/skole/foreldremote"], categories) == ("skole", 1.8)
    assert category_for(["/kultur/bibliotek"], categories) == (None, 1.0)
