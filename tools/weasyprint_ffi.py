"""Write studydeck/sheets/_weasyprint_ffi.py: WeasyPrint's C declarations compiled ahead of time by cffi.

    .venv/bin/python tools/weasyprint_ffi.py        (again after WeasyPrint or cffi changed version)

WeasyPrint declares the Pango, HarfBuzz and fontconfig functions it calls as C text in
weasyprint/text/ffi.py, which cffi parses with pycparser at every import, and then each C type a
render uses on its first use (together about 0.1 s of every sheet worker's first sheet). cffi can
compile the same declarations into tables once ("out-of-line ABI mode"); studydeck.build.speed.load_weasyprint
hands those to WeasyPrint when its ffi.py is byte for byte the file they were made from, and lets
WeasyPrint parse its own declarations otherwise.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "studydeck" / "sheets" / "_weasyprint_ffi.py"
MODULE = "studydeck.sheets._weasyprint_ffi"


def weasyprint_ffi_source() -> Path:
    """weasyprint/text/ffi.py of the installed WeasyPrint, found without importing WeasyPrint."""
    return Path(importlib.util.find_spec("weasyprint").origin).parent / "text" / "ffi.py"


def declarations(source: str) -> tuple[str, int, int]:
    """The C text of `ffi = cffi.FFI()` / `ffi.cdef(...)` in `source`, and the first and last line of the two."""
    nodes = ast.parse(source).body
    for i, node in enumerate(nodes[:-1]):
        new, cdef = node, nodes[i + 1]
        if (
            isinstance(new, ast.Assign)
            and [getattr(t, "id", None) for t in new.targets] == ["ffi"]
            and isinstance(new.value, ast.Call)
            and ast.unparse(new.value.func) == "cffi.FFI"
            and isinstance(cdef, ast.Expr)
            and isinstance(cdef.value, ast.Call)
            and ast.unparse(cdef.value.func) == "ffi.cdef"
            and len(cdef.value.args) == 1
            and isinstance(cdef.value.args[0], ast.Constant)
            and not cdef.value.keywords
        ):
            return cdef.value.args[0].value, new.lineno, cdef.end_lineno
    raise SystemExit("weasyprint/text/ffi.py no longer reads `ffi = cffi.FFI()` then `ffi.cdef('''...''')`")


def module_text(ffi_py: Path) -> str:
    import cffi
    import weasyprint

    raw = ffi_py.read_bytes()
    cdef, first, last = declarations(raw.decode("utf-8"))
    builder = cffi.FFI()
    builder.cdef(cdef)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "generated.py"
        from cffi.recompiler import make_py_source

        make_py_source(builder, MODULE, str(out))
        tables = out.read_text(encoding="utf-8")
    tables = tables.replace("# auto-generated file\n", "", 1)
    return (
        f'"""WeasyPrint {weasyprint.__version__}\'s C declarations (weasyprint/text/ffi.py) compiled by cffi '
        f"{cffi.__version__}: written by\ntools/weasyprint_ffi.py, do not edit. "
        'Used by studydeck.build.speed.load_weasyprint."""\n'
        "# ruff: noqa\n"
        f'SOURCE_SHA256 = "{hashlib.sha256(raw).hexdigest()}"\n'
        f'CFFI_VERSION = "{cffi.__version__}"\n'
        f"DECLARATIONS = ({first}, {last})  # the lines of ffi.py these tables stand for\n" + tables
    )


def main() -> int:
    TARGET.write_text(module_text(weasyprint_ffi_source()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
