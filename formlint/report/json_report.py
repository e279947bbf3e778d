"""JSON: a lint run (schema ``formlint-run/1.0``, sorted and stable) or a progress model
(``formlint-progress/1.0``, for the yearly report and tools).

A schema's version changes when a field is renamed or removed; new fields may appear within a
version. Both JSON Schemas ship in ``formlint/schemas/``. A document's ``errors`` (what could not be
read) are also listed among its findings as ``formlint.parse-error`` records, and counted in the
summary, so a tool that reads only findings cannot mistake an unread file for a clean one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from formlint.report.base import PROGRESS_SCHEMA, Reporter
from formlint.util.atomic import atomic_write

if TYPE_CHECKING:
    from formlint.results import RunResult


class JsonReporter(Reporter):
    name = "json"

    def write_run(self, run: RunResult, out: IO[Any]) -> None:
        data = run.to_dict()
        summary = data["summary"]
        for doc, d in zip(run.documents, data["documents"], strict=True):
            errors = [f.to_record() for f in doc.parse_errors()]
            d["findings"] += errors
            summary["findings"] += len(errors)
            summary["by_severity"]["error"] += len(errors)
        if not self.ctx.include_suppressed:
            for d in data["documents"]:
                d["suppressed"] = [f for f in d["findings"] if f.get("suppression")]
                d["findings"] = [f for f in d["findings"] if not f.get("suppression")]
        json.dump(data, out, ensure_ascii=False, indent=2, sort_keys=False)
        out.write("\n")

    def write_progress(self, model: dict[str, Any], out_dir: Path, stem: str) -> list[Path]:
        path = out_dir / f"{stem}.json"
        with atomic_write(path) as fh:
            write_progress_json(model, fh)
        return [path]


def write_progress_json(model: dict[str, Any], out: IO[str]) -> None:
    """The model with sorted keys; refuses anything that is not a ``formlint-progress/1.0`` model."""
    if model.get("schema") != PROGRESS_SCHEMA:
        raise ValueError(f"not a {PROGRESS_SCHEMA} model")
    json.dump(model, out, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    out.write("\n")
