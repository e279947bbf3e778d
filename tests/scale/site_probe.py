"""A stand-in site process for the tests of formlint.scale.sites: it reports where it ran and
whether it found the fork server's preload already imported, and exits with the code it is told."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from formlint.scale.sites import SiteJob, SiteOutcome, run_site, watch_parent

PRELOAD = "site_probe_preload"


def main(argv: list[str]) -> int:
    spec = json.loads(argv[0])
    watch_parent(spec.get("parent"))
    preloaded = sys.modules.get(PRELOAD)
    report = {
        "pid": os.getpid(),
        "ppid": os.getppid(),
        "preloaded_in": getattr(preloaded, "LOADED_IN", None),
    }
    Path(spec["summary"]).write_text(json.dumps(report), encoding="utf-8")
    print(f"probe {spec['site']} ran")
    return int(spec.get("code", 0))


def job(site: str, out: Path, code: int = 0) -> SiteJob:
    spec: dict[str, Any] = {"site": site, "out": str(out / site), "code": code}
    return SiteJob(
        site=site, hosts=(f"{site}.test",), module="site_probe", spec=spec, preload=(PRELOAD,)
    )


def run_in(out: Path, queue: Any) -> None:
    """A worker's task, for running in a process of the test's making."""
    outcome: SiteOutcome = run_site(job("daemonic", out))
    queue.put((os.getpid(), outcome))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
