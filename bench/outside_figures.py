"""Where ``amounts-outside-table`` fires (issue 15): figures in columns outside every table found.

It must fire where a table's part was left out and stay quiet where tables are whole: over the
born-digital corpora it should be ~0, on the scans each firing is looked at by eye.

    python -m bench.outside_figures never /work/realx/nankoku      # 188 南国 PDFs, no OCR
    python -m bench.outside_figures never ../shared/real/fuji_r6_budget.pdf
    python -m bench.outside_figures auto ../shared/real/nankoku_michinoeki_agm_scan.pdf

Prints each firing (file, page, what it says), then the pages read and the firings.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from chohyo.extract.document import extract_document
    from chohyo.extract.unread_amounts import OUTSIDE_NOTE
    from chohyo.settings import ExtractSettings

    if len(argv) < 2 or argv[0] not in {"auto", "always", "never"}:
        print(__doc__, file=sys.stderr)
        return 2
    files = [f for a in argv[1:] for f in (sorted(Path(a).glob("*.pdf")) if Path(a).is_dir() else [Path(a)])]
    pages = fired = 0
    for f in files:
        doc = extract_document(f, ExtractSettings(ocr=argv[0]))
        for page in doc.pages:
            pages += 1
            for note in page.notes:
                if note.startswith(OUTSIDE_NOTE):
                    fired += 1
                    print(f"{f.name} p{page.number}: {note[len(OUTSIDE_NOTE) :]}", flush=True)
    print(f"{len(files)} files, {pages} pages, amounts-outside-table on {fired}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
