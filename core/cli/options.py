"""Option values with a fixed set of choices: typer lists them in --help and refuses others (exit 2)."""

from __future__ import annotations

from enum import StrEnum


class OcrMode(StrEnum):
    auto = "auto"  # OCR pages without a usable text layer
    always = "always"
    never = "never"


class CsvEncoding(StrEnum):
    utf8_sig = "utf-8-sig"  # the default: Excel on Japanese Windows reads UTF-8 only with a BOM
    utf8 = "utf-8"
    cp932 = "cp932"


DEFAULT_ENCODING = CsvEncoding.utf8_sig
ENCODING_HELP = "CSV encoding: utf-8-sig (Excel reads it; the default), utf-8 (no BOM), cp932 (Shift_JIS)"
OCR_HELP = "auto: OCR pages without a usable text layer; always; never"
