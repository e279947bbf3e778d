"""CI gating: baselines, ``--new-only`` against a git ref, and ``pytest --formlint``.

``gate`` applies the first two to a run for ``formlint lint``/``check``; ``baseline`` and
``new_only`` do not import each other, and nothing here imports pytest but ``pytest_plugin``.
"""
