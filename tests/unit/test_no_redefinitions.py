"""No module binds the same top-level function, class or constant twice.

A second definition silently replaces the first for every caller, including the callers
written before it (sessions 39 and 40 each shadowed a module's own name this way, and ruff's
F811 does not flag a name that was used before it was rebound)."""

from __future__ import annotations

import ast
from pathlib import Path

import voicertc

PACKAGE = Path(voicertc.__file__).parent


def _bound_twice(tree: ast.Module) -> list[str]:
    seen: set[str] = set()
    twice: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [node.name]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
        else:
            continue
        twice += [name for name in names if name in seen]
        seen.update(names)
    return twice


def test_no_module_rebinds_a_top_level_name() -> None:
    found = {
        str(path.relative_to(PACKAGE)): twice
        for path in sorted(PACKAGE.rglob("*.py"))
        if (twice := _bound_twice(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}
