"""Build a tree of symlinks laid out as the installed package (``chohyo/``, ``chohyo/extract/``, ...).

setuptools' default editable install maps ``chohyo.*`` to the stage folders through an import hook
that mypy and import-linter cannot follow; the link tree gives them the real layout, read from
pyproject.toml's package-dir so it never drifts from the build.

    python .ci/linktree.py build/typecheck      # then: cd build/typecheck && mypy -p chohyo
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(dest: Path) -> Path:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_dir: dict[str, str] = conf["tool"]["setuptools"]["package-dir"]
    if dest.exists():
        shutil.rmtree(dest)
    # parents first, so a child package (chohyo.extract) lands inside its parent's folder
    for name in sorted(package_dir, key=lambda n: n.count(".")):
        src = ROOT / package_dir[name]
        target = dest.joinpath(*name.split("."))
        if target.is_symlink() or target.exists():
            continue  # already inside a linked parent folder (chohyo.extract.ocr under extract/)
        target.mkdir(parents=True)
        for child in src.iterdir():
            if child.name == "__pycache__":
                continue
            (target / child.name).symlink_to(child)
    return dest


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "typecheck")
    print(out)
