"""The parser modules import one another one way only: no import cycle, lazy imports included."""

from __future__ import annotations

import grimp


def test_no_import_cycle_in_parse() -> None:
    graph = grimp.build_graph("formlint", exclude_type_checking_imports=True)
    modules = sorted(m for m in graph.modules if m.startswith("formlint.parse."))
    cycles = []
    for module in modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported in modules and graph.chain_exists(imported=module, importer=imported):
                cycles.append((module, imported))
    assert cycles == []
