"""Settings objects that validate themselves (pdfplumber's pattern): a bad value fails at construction.

One ``Settings`` holds a section per stage; stages read only their own section.
"""

from __future__ import annotations

import codecs
import math
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from chohyo.errors import ConfigError


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise ConfigError(message)


@dataclass(frozen=True)
class ExtractSettings:
    ocr: str = "auto"  # auto: OCR pages without a usable text layer; always; never
    ocr_engine: str = "tesseract"  # tesseract | rapidocr (when installed)
    ocr_dpi: int = 300  # render resolution for vector pages that need OCR
    ocr_lang: str = "jpn"
    password: str | None = None
    max_pages: int = 5000
    max_page_pixels: int = 100_000_000  # image bombs: A0 at 300 dpi is 140 M, A3 at 600 dpi 70 M
    max_chars_per_page: int = 500_000
    max_page_points: float = 14_400  # a page side longer than the PDF maximum (200 in) is refused
    max_file_bytes: int = 2 << 30  # a bigger input is refused before it is read into memory
    max_stream_bytes: int = 512 << 20  # what one compressed stream may inflate to (decompression bombs)
    max_form_drawings: int = 200_000  # forms drawn inside forms: PDFium keeps ~1.7 KB per drawing
    max_seconds: float = 3600.0  # wall time to read one document, checked before each page (exit 10)
    min_table_rows: int = 2
    min_table_cols: int = 2
    merge_continued_tables: bool = True
    pages: tuple[int, ...] = ()  # 1-based pages to read (chohyo.pages.parse_pages); () = all
    # auto: a page whose own reading fails its checks is read again by camelot's readers (when
    # installed) and the most consistent reading kept (extract/digital/reread.py); never
    reread: str = "auto"
    # camelot's copy_text: "v" writes a cell spanning rows into each row it covers, "h" each
    # column, "vh" both; "" keeps it once, with its span (extract/tables/spans.py)
    copy_text: str = ""
    # camelot's flag_size: a note mark set as a superscript digit is written ``<s>2</s>``; by
    # default it is written as the superscript character (``24.91²``), never run into the figure
    flag_size: bool = False

    def __post_init__(self) -> None:
        _check(
            self.ocr in {"auto", "always", "never"}, f"ocr must be auto, always or never, not {self.ocr!r}"
        )
        _check(self.ocr_engine in {"tesseract", "rapidocr"}, f"unknown OCR engine {self.ocr_engine!r}")
        _check(72 <= self.ocr_dpi <= 1200, f"ocr_dpi must be between 72 and 1200, not {self.ocr_dpi}")
        _check(self.reread in {"auto", "never"}, f"reread must be auto or never, not {self.reread!r}")
        _check(
            self.copy_text in {"", "v", "h", "vh", "hv"},
            f"copy_text must be '', 'v', 'h' or 'vh', not {self.copy_text!r}",
        )
        _check(self.max_pages > 0, "max_pages must be positive")
        _check(self.max_page_points > 0, "max_page_points must be positive")
        _check(self.max_file_bytes > 0, "max_file_bytes must be positive")
        _check(self.max_stream_bytes > 0, "max_stream_bytes must be positive")
        _check(self.max_form_drawings > 0, "max_form_drawings must be positive")
        _check(
            isinstance(self.max_seconds, int | float)
            and math.isfinite(self.max_seconds)
            and self.max_seconds > 0,
            f"max_seconds must be a number of seconds above 0, not {self.max_seconds!r}",
        )
        _check(self.min_table_rows >= 1 and self.min_table_cols >= 1, "min_table_rows/cols must be >= 1")
        _check(all(isinstance(n, int) and n >= 1 for n in self.pages), "pages must be numbers from 1")


@dataclass(frozen=True)
class NormalizeSettings:
    merge_letter_spacing: bool = True
    fold_width: bool = True
    map_radicals: bool = True

    def __post_init__(self) -> None:
        pass


@dataclass(frozen=True)
class ValidateSettings:
    enabled: bool = True
    fix: str = (
        "auto"  # auto: apply proposals to OCR'd cells only; never; (born-digital cells are never changed)
    )
    rules_file: Path | None = None
    discover: bool = True
    max_search_run: int = 40  # longest contiguous run of rows tried as children

    def __post_init__(self) -> None:
        _check(self.fix in {"auto", "never"}, f"fix must be auto or never, not {self.fix!r}")
        _check(
            self.rules_file is None or Path(self.rules_file).is_file(),
            f"rules file not found: {self.rules_file}",
        )
        _check(self.max_search_run >= 2, "max_search_run must be >= 2")


_ENCODINGS = {"utf-8", "utf-8-sig", "cp932", "shift_jis"}


@dataclass(frozen=True)
class EmitSettings:
    encoding: str = "utf-8-sig"  # Excel on Japanese Windows reads UTF-8 only with a BOM
    csv: bool = True
    parquet: bool = True
    json: bool = True
    markdown: bool = True
    datapackage: bool = True
    xlsx: bool = False  # <stem>.xlsx: a sheet per table, flagged cells filled, Findings, Sources
    review: bool = False  # review.html: the flagged cells with page crops, for a clerk's decisions
    unit_in_header: bool = True  # 計(円)
    write_dependent_chars: bool = False  # keep ①, ㈱, ㍻ in CSV (總務省 says write them out)

    def __post_init__(self) -> None:
        _check(
            self.encoding.lower() in _ENCODINGS,
            f"encoding must be one of {sorted(_ENCODINGS)}, not {self.encoding!r}",
        )
        codecs.lookup(self.encoding)


@dataclass(frozen=True)
class Settings:
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    normalize: NormalizeSettings = field(default_factory=NormalizeSettings)
    validate: ValidateSettings = field(default_factory=ValidateSettings)
    emit: EmitSettings = field(default_factory=EmitSettings)

    def with_(self, **sections: dict[str, Any]) -> Settings:
        """``settings.with_(extract={"ocr": "never"})``: a validated copy with some values changed."""
        out = self
        for name, values in sections.items():
            _check(name in {f.name for f in fields(self)}, f"unknown settings section {name!r}")
            current = getattr(out, name)
            known = {f.name for f in fields(current)}
            unknown = set(values) - known
            _check(not unknown, f"unknown {name} setting(s): {', '.join(sorted(unknown))}")
            out = replace(out, **{name: replace(current, **values)})
        return out

    def fingerprint(self) -> str:
        """A stable digest of every setting, for batch manifests (same settings → same output)."""
        import hashlib

        from chohyo.serialize import to_json

        return hashlib.sha256(to_json(self, indent=None).encode()).hexdigest()[:16]
