"""--formats, --pages and --rules: options of extract and batch (and --pages of debug), turned into
settings in one place so each command adds them with one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chohyo.errors import UsageError
from chohyo.pages import parse_pages
from chohyo.settings import Settings

# name on the command line → EmitSettings field
FORMATS = {
    "csv": "csv",
    "parquet": "parquet",
    "json": "json",
    "md": "markdown",
    "xlsx": "xlsx",
    "review": "review",
}
DEFAULT_FORMATS = "csv,parquet,json,md"
FORMATS_HELP = (
    f"outputs to write, comma-separated, from {', '.join(FORMATS)} "
    "(review: review.html for checking flagged cells; the data package follows csv)"
)
PAGES_HELP = "pages to read, e.g. 1-3,7 (default: all)"
RULES_HELP = "YAML or TOML rules file: relations to check besides the ones found"


def parse_formats(spec: str) -> dict[str, bool]:
    """``"csv,xlsx"`` → the EmitSettings flags, every format not named turned off."""
    names = [n.strip().lower() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise UsageError(
            f"--formats {spec!r}: {'unknown ' + ', '.join(unknown) if unknown else 'no format named'}; "
            f"choose from {', '.join(FORMATS)}"
        )
    flags = {field: name in names for name, field in FORMATS.items()}
    flags["datapackage"] = flags["csv"]
    return flags


def with_output_options(
    settings: Settings, formats: str | None = None, pages: str | None = None, rules: Path | None = None
) -> Settings:
    """``settings`` with the formats, page selection and rules file asked for on the command line."""
    sections: dict[str, dict[str, Any]] = {}
    if formats is not None:
        sections["emit"] = dict(parse_formats(formats))
    if pages is not None:
        sections["extract"] = {"pages": parse_pages(pages)}
    if rules is not None:
        sections["validate"] = {"rules_file": rules}
    return settings.with_(**sections) if sections else settings


__all__ = ["DEFAULT_FORMATS", "FORMATS", "parse_formats", "with_output_options"]
