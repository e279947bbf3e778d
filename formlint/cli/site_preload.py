"""What every site scan loads first, loaded once by the fork server site processes are forked from.

A multi-site scan starts each site's crawl in a process forked from a fork server
(:mod:`formlint.scale.sites`), which imports this module before its first fork: importing it
does the work, since a fork server can only import. Scrapy and the crawler, the store, the
built-in rules, spaCy's tokenizers and Lingua's models (about 2 s) are then loaded once a worker,
not once a site. Nothing here starts a thread, opens a connection or installs Twisted's reactor:
the fork server must stay safe to fork from.
"""

from __future__ import annotations

import importlib

from formlint.engine.loader import load_rules
from formlint.nlp import analysis, langdetect

# what a site process imports on its way to its first page
MODULES = (
    "formlint.cli.scan",
    "formlint.cli.site_scan",
    "formlint.sources.crawl.runner",
    "formlint.store",
    "formlint.report.base",
)
for name in MODULES:
    importlib.import_module(name)
load_rules()
analysis.load_models()
langdetect.load_models()
