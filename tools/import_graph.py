"""The import graph of studydeck: which of its modules each module imports, at module level and inside
functions, apart; exits 1 when the imports make a cycle.

    .venv/bin/python tools/import_graph.py            (the graph, the imports inside functions, cycles)
    .venv/bin/python tools/import_graph.py --cycles   (only the cycles, if any)

Read from the source (ast), nothing imported. An import inside a function hides an edge of the graph
from a reader: each one says what it saves in a comment on its line or the line above, and the ones that
do not are listed. Imports under `if TYPE_CHECKING:` are for annotations only and are left out.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "studydeck"


@dataclass(frozen=True)
class Import:
    module: str
    """The importing module."""
    line: int
    target: str
    """What is imported: a studydeck module (dotted) or the top-level name of another package."""
    in_function: str | None
    """The function the import is in; None at module level."""
    commented: bool
    """A comment on the import's line or the line above it."""


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package, by dotted name (a package by its __init__'s)."""
    out = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, is_package: bool, node: ast.ImportFrom, known: dict[str, Path]) -> list[str]:
    """The studydeck modules a `from ... import ...` names (a submodule where the name is one)."""
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    if source.split(".")[0] != PACKAGE:
        return [source.split(".")[0]]
    subs = [f"{source}.{a.name}" for a in node.names if f"{source}.{a.name}" in known]
    rest = [a for a in node.names if f"{source}.{a.name}" not in known]
    return subs + ([source] if rest or not subs else [])


def imports(known: dict[str, Path]) -> list[Import]:
    return [imp for module, path in known.items() for imp in _imports_of(module, path, known)]


def _imports_of(module: str, path: Path, known: dict[str, Path]) -> list[Import]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    is_package = path.name == "__init__.py"
    out: list[Import] = []

    def commented(line: int) -> bool:
        """A comment on the line, or above the import block the line is in."""
        if "#" in lines[line - 1]:
            return True
        above = line - 2
        while above >= 0 and lines[above].lstrip().startswith(("import ", "from ")):
            above -= 1
        return above >= 0 and lines[above].lstrip().startswith("#")

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for orelse in child.orelse:
                    visit(orelse, function)
                continue
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, child.name if function is None else f"{function}.{child.name}")
                continue
            if isinstance(child, ast.Import):
                targets = []
                for alias in child.names:
                    top = alias.name.split(".")[0]
                    targets.append(alias.name if top == PACKAGE and alias.name in known else top)
            elif isinstance(child, ast.ImportFrom):
                if child.module == "__future__":
                    continue
                targets = _resolve(module, is_package, child, known)
            else:
                visit(child, function)
                continue
            for target in dict.fromkeys(targets):
                out.append(Import(module, child.lineno, target, function, commented(child.lineno)))

    visit(ast.parse(text, filename=str(path)), None)
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one module (or a module importing itself), as a cycle
    through it (Tarjan's algorithm, then a path around the group)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1 or v in edges.get(v, ()):
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return [_around(group, edges) for group in groups]


def _around(group: list[str], edges: dict[str, set[str]]) -> list[str]:
    """A path from the group's first module back to it, through the group."""
    members = set(group)
    start = group[0]
    paths = {start: [start]}
    todo = [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(edges.get(v, ()) & members):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                todo.append(w)
    return group


def graph(found: list[Import], in_functions: bool) -> dict[str, set[str]]:
    """Module -> the studydeck modules it imports (at module level; with in_functions, inside functions too)."""
    edges: dict[str, set[str]] = {}
    for imp in found:
        if imp.target.startswith(PACKAGE + ".") and (imp.in_function is None or in_functions):
            if imp.target != imp.module:
                edges.setdefault(imp.module, set()).add(imp.target)
    return edges


def report(found: list[Import], known: dict[str, Path]) -> tuple[str, list[list[str]]]:
    """The text to print, and the cycles (of module-level imports and of all imports)."""
    short = lambda name: name.removeprefix(PACKAGE + ".")  # noqa: E731
    top = graph(found, in_functions=False)
    every = graph(found, in_functions=True)
    lines = [f"studydeck: {len(known)} modules", "", "module-level imports of studydeck modules:"]
    for module in known:
        targets = sorted(top.get(module, ()))
        lines.append(f"  {short(module)} -> {', '.join(map(short, targets)) if targets else '(none)'}")
    inside = [imp for imp in found if imp.in_function is not None]
    lines += ["", f"imports inside functions: {len(inside)}"]
    for imp in inside:
        mark = "" if imp.commented else "   <- no comment saying what it saves"
        lines.append(f"  {short(imp.module)}:{imp.line} {imp.in_function}() imports {short(imp.target)}{mark}")
    bare = [imp for imp in inside if not imp.commented]
    if bare:
        lines.append(f"  {len(bare)} without a comment saying what importing it there saves")
    found_cycles = cycles(top) + [c for c in cycles(every) if c not in cycles(top)]
    lines.append("")
    if found_cycles:
        lines.append(f"cycles: {len(found_cycles)}")
        lines += ["  " + " -> ".join(map(short, c)) for c in found_cycles]
    else:
        lines.append("cycles: none (module-level imports, and all imports with those inside functions)")
    return "\n".join(lines), found_cycles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", action="store_true", help="print only the cycles")
    args = parser.parse_args(argv)
    known = modules()
    text, found_cycles = report(imports(known), known)
    if args.cycles:
        text = text[text.index("\ncycles:") + 1 :]
    print(text)
    return 1 if found_cycles else 0


if __name__ == "__main__":
    sys.exit(main())
