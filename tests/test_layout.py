"""The package reads as the pipeline: no import cycle, and no stage imports a later one.

Every import in every module counts, the lazy ones inside functions too: a
lazy import still ties the two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "peacekg"

# The stages in pipeline order; a module may import its own stage and earlier ones.
STAGES = ["shared", "sources", "compile", "query", "wikidata", "extract", "curate", "web", "cli"]
SHARED = {"peacekg.errors", "peacekg.namespaces", "peacekg.project"}
API = {"peacekg", "peacekg.__main__"}  # the public API may reach any stage, lazily


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> str:
    if module in SHARED:
        return "shared"
    return module.split(".")[1]


def imports(module: str) -> set[str]:
    """The peacekg modules that ``module`` imports (a package's submodule where named)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "peacekg"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "peacekg":
                target = node.module
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES} - {module}


GRAPH = {m: imports(m) for m in MODULES}


def test_the_walk_sees_lazy_and_relative_imports():
    assert "peacekg.compile.pipeline" in GRAPH["peacekg"]  # lazy, inside build()
    assert "peacekg.sources.sssom" in GRAPH["peacekg.sources.links"]  # from . import sssom


def test_no_import_cycle():
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = path[path.index(module):] + [module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for target in sorted(GRAPH[module]):
            visit(target, path + [module])
        done.add(module)

    for module in sorted(GRAPH):
        visit(module, [])


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m not in API))
def test_a_stage_imports_only_earlier_stages(module):
    rank = STAGES.index(stage(module))
    later = sorted(t for t in GRAPH[module] if t not in API and STAGES.index(stage(t)) > rank)
    assert not later, f"{module} ({stage(module)}) imports later stages: {later}"
    assert not GRAPH[module] & API, f"{module} imports the public API module"


@pytest.mark.parametrize("package", sorted(m for m, p in MODULES.items() if p.name == "__init__.py"))
def test_each_package_says_what_it_holds(package):
    doc = ast.get_docstring(ast.parse(MODULES[package].read_text(encoding="utf-8")))
    assert doc and len(doc.split()) >= 12, f"{package}/__init__.py opens with no paragraph"


def test_every_module_is_in_a_stage():
    for module in MODULES:
        if module not in API:
            assert stage(module) in STAGES, module
