"""A2 progress: status per form, the KPI over scans, the ranked work list and what changed.

``model.build_report`` reads the store and returns the report model (``formlint-progress/1.0``)
that the progress formats of ``formlint.report`` render.
"""
