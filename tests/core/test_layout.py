"""The one-namespace rule: stages are chohyo.*, never importable as bare top-level modules."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("extract", "normalize", "validate", "emit")


def test_no_bare_stage_modules_after_full_import() -> None:
    code = (
        "import sys, chohyo, chohyo.cli, chohyo.extract, chohyo.normalize, chohyo.validate, chohyo.emit;"
        f"bad=[m for m in sys.modules if m.split('.')[0] in {STAGES!r}];"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    # Run from the repo root, where a bare `import extract` would find the folder.
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, f"bare stage modules imported: {proc.stdout} {proc.stderr}"


def test_stages_do_not_import_each_other() -> None:
    for stage in STAGES:
        for py in (ROOT / stage).rglob("*.py"):
            text = py.read_text(encoding="utf-8")
            for other in STAGES:
                if other == stage:
                    continue
                assert f"chohyo.{other}" not in text, f"{py.relative_to(ROOT)} imports chohyo.{other}"
                assert f"import {other}" not in text.replace(f"chohyo.{other}", "")


def test_stage_modules_resolve_to_their_folders() -> None:
    import chohyo.emit
    import chohyo.extract
    import chohyo.normalize
    import chohyo.validate

    for mod, folder in [
        (chohyo.extract, "extract"),
        (chohyo.normalize, "normalize"),
        (chohyo.validate, "validate"),
        (chohyo.emit, "emit"),
    ]:
        assert Path(mod.__file__).resolve().parent == ROOT / folder


# The extract stage's rooms: the digital path, the shared table geometry, the OCR path; document.py,
# route.py and open.py on top choose between them. Shared geometry imports neither path; the paths
# do not import each other (import-linter can hold the same contract).
ROOMS = {"tables": "extract/tables", "digital": "extract/digital", "ocr": "extract/ocr"}
MAY_NOT_IMPORT = {
    "tables": (
        "chohyo.extract.digital",
        "chohyo.extract.ocr",
        "chohyo.extract.document",
        "chohyo.extract.route",
    ),
    "digital": ("chohyo.extract.ocr", "chohyo.extract.document", "chohyo.extract.route"),
    "ocr": ("chohyo.extract.digital", "chohyo.extract.document", "chohyo.extract.route"),
}


def _imported(py: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (``from a import b`` counts a.b too)."""
    import ast

    out: set[str] = set()
    for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def test_extract_rooms_import_only_what_they_may() -> None:
    bad = []
    for room, folder in ROOMS.items():
        files = list((ROOT / folder).rglob("*.py"))
        assert files, folder
        for py in files:
            for name in _imported(py):
                if any(name == f or name.startswith(f + ".") for f in MAY_NOT_IMPORT[room]):
                    bad.append(f"{py.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


def test_no_module_name_in_two_extract_rooms() -> None:
    names: dict[str, list[str]] = {}
    for folder in ROOMS.values():
        for py in (ROOT / folder).glob("*.py"):
            if py.name != "__init__.py":
                names.setdefault(py.name, []).append(folder)
    assert not {n: f for n, f in names.items() if len(f) > 1}
