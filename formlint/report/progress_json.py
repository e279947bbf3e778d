"""The report model as JSON (schema ``formlint-progress/1.0``), for the yearly report and tools.

The schema version changes when a field is renamed or removed; new fields may appear within a
version.
"""

from __future__ import annotations

import json
from typing import IO, Any

from formlint.progress.model import PROGRESS_SCHEMA


def write_json(model: dict[str, Any], out: IO[str]) -> None:
    if model.get("schema") != PROGRESS_SCHEMA:
        raise ValueError(f"not a {PROGRESS_SCHEMA} model")
    json.dump(model, out, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    out.write("\n")
