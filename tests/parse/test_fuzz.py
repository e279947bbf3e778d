"""Parser fuzzing, short and fixed-seed: mutations of a seed document per format never make the
sniffer or a parser raise (``fuzzkit.py``; ``benchmarks/soak.py`` runs the long version)."""

from __future__ import annotations

import random

import pytest
from fuzzkit import Seed, crash, mutant, seeds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def by_name(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Seed]:
    return {s.name: s for s in seeds(tmp_path_factory.mktemp("seeds"))}


SEED_NAMES = [
    "soknad.html", "kjonn.njk", "acroform.pdf", "xfa.pdf", "skoleskyss.pdf", "form.docx",
    "notes.docx", "form.odt", "skjema.json", "helsestasjon.json", "Side1.json", "resource.nb.json",
]  # fmt: skip


@pytest.mark.parametrize("name", SEED_NAMES)
def test_the_seed_parses_cleanly(by_name: dict[str, Seed], name: str) -> None:
    seed = by_name[name]
    assert crash(seed, seed.body) is None
    assert set(by_name) == set(SEED_NAMES)


@pytest.mark.slow
@pytest.mark.parametrize("name", SEED_NAMES)
def test_no_mutant_makes_a_parser_raise(by_name: dict[str, Seed], name: str) -> None:
    seed = by_name[name]

    @settings(
        max_examples=25,
        derandomize=True,  # the same inputs on every run: a failure here is reproducible
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.randoms(use_true_random=False))
    def check(rnd: random.Random) -> None:
        assert crash(seed, mutant(rnd, seed)) is None

    check()
