"""The options that spread work over workers, shared by ``lint``, ``check`` and ``scan``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def scale_options(f: F) -> F:
    """``--workers`` and ``--scheduler`` on a command (lint, check and scan)."""
    for opt in reversed(_OPTIONS):
        f = opt(f)
    return f


_OPTIONS = [
    click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes on this machine (default: the CPU count).",
    ),
    click.option(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="Send the work to a Dask cluster (tcp://HOST:8786) instead; see docs/scale.md.",
    ),
]
