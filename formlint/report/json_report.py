"""JSON reporter: the versioned run object (schema ``formlint-run/1.0``), sorted and stable."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from formlint.report.base import Reporter

if TYPE_CHECKING:
    from formlint.results import RunResult


class JsonReporter(Reporter):
    name = "json"

    def finish(self, run: RunResult) -> None:
        data = run.to_dict()
        if not self.ctx.include_suppressed:
            for d in data["documents"]:
                d["suppressed"] = [f for f in d["findings"] if f.get("suppression")]
                d["findings"] = [f for f in d["findings"] if not f.get("suppression")]
        json.dump(data, self.out, ensure_ascii=False, indent=2, sort_keys=False)
        self.out.write("\n")
