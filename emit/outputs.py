"""Write every output of a Document under OUT/<stem>/."""

from __future__ import annotations

from pathlib import Path

from chohyo.model import Document
from chohyo.settings import EmitSettings


def write_outputs(doc: Document, out_dir: Path, settings: EmitSettings) -> list[Path]:
    raise NotImplementedError("emit is being built")
