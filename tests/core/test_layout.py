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

    for mod, folder in [(chohyo.extract, "extract"), (chohyo.normalize, "normalize"),
                        (chohyo.validate, "validate"), (chohyo.emit, "emit")]:
        assert Path(mod.__file__).resolve().parent == ROOT / folder
