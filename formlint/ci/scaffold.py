"""``formlint init``: the files that put formlint into a form repository's CI, made for the
repository it runs in (its form folders, its default branch).

- ``formlint.yml``: every setting a team may change, commented, valid as written;
- ``.pre-commit-config.yaml``: a local hook running ``formlint check`` on the files a commit
  touches (when the repository has one already, the snippet to add is printed instead);
- ``.github/workflows/formlint.yml``: annotations, code scanning and a failing job on pull requests
  (only new findings) and on the default branch (against the baseline).

formlint is not on PyPI: the workflow installs the wheel built from a formlint checkout
(``pip wheel --no-deps -w ci/ PATH``) that the team commits under ``ci/``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from formlint import __version__
from formlint.ci.git import repo_toplevel
from formlint.errors import UsageError
from formlint.sources.files import SKIP_DIRS, WALK_SUFFIXES

WHEEL = f"formlint-{__version__}-py3-none-any.whl"
WHEEL_DIR = "ci"
HOOK_FILES = r"\.(html?|xhtml|json|pdf|docx|odt|njk)$"
BASELINE = ".formlint-baseline.json"

CONFIG = """\
# formlint configuration (formlint.yml). Unknown keys, and rule ids no rule has, are errors.
# Every setting: https://github.com/formlint/formlint/blob/main/README.md

# standard (KS principles), strict or minimal
profile: standard

# the lowest severity that fails `formlint check` (error, warning, suggestion, info or never)
fail_on: warning

# language of report messages (nb, nn or en)
report_language: nb

# per rule: another severity, or the rule switched off
rules: {}
#  binary-pronoun-phrase: {severity: warning}
#  gender-not-needed: {enabled: false}

# a finding the law requires: the document (a glob), the rule, why, who approved it and until when
exceptions: []
#  - document: "*/skjema/farskap*"
#    rule: parent-mor-far-only
#    reason: Barneloven § 4 krever mor/far/medmor i farskapserklæringen
#    approved_by: Kari Nordmann, byrådsavdeling Finans
#    expires: 2027-06-30
"""

PRE_COMMIT = """\
# formlint checks the form files a commit touches. It runs the formlint installed in your
# environment: pip install {wheel_dir}/{wheel}
repos:
  - repo: local
    hooks:
      - id: formlint
        name: formlint (inclusive forms)
        entry: formlint check
        language: system
        files: {files}
        require_serial: true
        args: [--baseline, {baseline}]
"""

WORKFLOW = """\
# formlint: annotations on pull requests, alerts in code scanning, a failing job when a form
# introduces a problem. Written by `formlint init`; see docs/ci.md of formlint.
name: formlint
on:
  pull_request:
  push:
    branches: [{branch}]

permissions:
  contents: read
  security-events: write  # upload-sarif

jobs:
  formlint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # --new-only needs the base commit
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # formlint is not on PyPI: the wheel built from a formlint checkout
      # (pip wheel --no-deps -w {wheel_dir}/ PATH-TO-FORMLINT), committed to this repository
      - run: pip install ./{wheel_dir}/{wheel}

      - name: formlint ({branch})
        if: github.event_name != 'pull_request'
        run: formlint check --baseline {baseline} --format console,github,sarif:formlint.sarif {paths}

      - name: formlint (pull request, new findings only)
        if: github.event_name == 'pull_request'
        env:
          BASE_SHA: ${{{{ github.event.pull_request.base.sha }}}}
        run: formlint check --new-only --base "$BASE_SHA" --format console,github,sarif:formlint.sarif {paths}

      - name: Upload SARIF to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: formlint.sarif
          category: formlint
"""


@dataclass(frozen=True, slots=True)
class Written:
    """One file ``init`` made (or left alone, or printed for the user to add)."""

    path: Path
    action: str  # "written", "kept" (exists; --force replaces it) or "printed"
    text: str


def form_paths(root: Path) -> list[str]:
    """The repository's top-level folders (and files) that hold form files, sorted; ``.`` when
    forms lie only at the top or nowhere yet."""
    found: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
        rel = Path(dirpath).relative_to(root)
        if any(
            Path(f).suffix.lower() in WALK_SUFFIXES and not f.startswith(".") for f in filenames
        ):
            if not rel.parts:
                return ["."]
            found.add(rel.parts[0] + "/")
            dirnames[:] = []  # the folder is named; what else it holds adds nothing
    return sorted(found) or ["."]


def default_branch(root: Path) -> str:
    """The branch the repository's HEAD is on (``main`` when none can be told)."""
    head = root / ".git" / "HEAD"
    try:
        ref = head.read_text(encoding="utf-8").strip()
    except OSError:
        return "main"
    prefix = "ref: refs/heads/"
    return ref[len(prefix) :] if ref.startswith(prefix) else "main"


def scaffold(start: Path, *, force: bool = False) -> tuple[list[Written], str]:
    """Write the three files into the repository holding ``start``; returns them and the form
    paths the commands name."""
    try:
        root = repo_toplevel(start)
    except UsageError:
        root = start.resolve()
    paths = " ".join(p.rstrip("/") for p in form_paths(root))
    texts = {
        root / "formlint.yml": CONFIG,
        root / ".pre-commit-config.yaml": PRE_COMMIT.format(
            wheel_dir=WHEEL_DIR, wheel=WHEEL, files=HOOK_FILES, baseline=BASELINE
        ),
        root / ".github" / "workflows" / "formlint.yml": WORKFLOW.format(
            wheel_dir=WHEEL_DIR,
            wheel=WHEEL,
            baseline=BASELINE,
            branch=default_branch(root),
            paths=paths,
        ),
    }
    out = []
    for path, text in texts.items():
        if path.exists() and not force:
            # an existing pre-commit config gets the hook to add; the others stay as they are
            action = "printed" if path.name == ".pre-commit-config.yaml" else "kept"
            out.append(Written(path, action, text))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        out.append(Written(path, "written", text))
    return out, paths
