"""Build hook: ship ``rules/`` and ``crawl_configs/`` inside the package.

In a checkout they sit beside the package (data, edited and reviewed as such); a wheel must
carry them, so ``build_py`` copies them into the built package as ``formlint/_rules`` (found by
``formlint.util.resources.rules_dir``) and ``formlint/_crawl_configs`` (the demo's crawl config and
the documented example). Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRules(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).resolve().parent
        for source, name in (("rules", "_rules"), ("crawl_configs", "_crawl_configs")):
            target = Path(self.build_lib) / "formlint" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(root / source, target, ignore=shutil.ignore_patterns("__pycache__"))


setup(cmdclass={"build_py": BuildWithRules})
