"""Reporters: one class per output format, found by name in the ``formlint.reporters`` entry
points, writing lint runs (``write_run``), progress reports (``write_progress``) or both."""
