"""`chohyo normalize TEXT`: what chohyo makes of a string (label, number, date), for quick checks."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from chohyo.cli.app import command


@command
def normalize(
    text: Annotated[
        str, typer.Argument(help="a label, a number or a date as printed, e.g. '△1,234' or '給 料 手 当'")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Show how chohyo reads TEXT: the clean label, the number (value, null reason, OCR candidates), the date."""
    from chohyo.normalize.report import describe

    info = describe(text)
    if as_json:
        print(json.dumps(info, ensure_ascii=False, indent=1))
        return
    for key, value in info.items():
        if value not in (None, "", [], ()):
            print(f"{key:>17}: {value}")
