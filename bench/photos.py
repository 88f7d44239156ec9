"""Photographed pages (issue 15, branch h8-photo): phone photos of receipts scored against hand truth.

``python -m bench.photos`` converts each photo with truth (fixtures/real/<stem>/p1.json; the
photos are fetched into bench/realdocs.py ``FETCHED``/scans and never committed) through the whole
pipeline and prints, per photo: the document's status, tables, the photo's page note, the
``photo-not-read`` finding, the values right / wrong / flagged / silent / missing / false alarms
(bench.real_scans' scorer) and the CPU seconds (this process and its children). Then the images
that must not be taken for photos (scans, printed pages saved as images) with what photo.py
measured on them.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.real_scans import HEADER, PageScore, _cpu, one_page_pdf, score_page, source_of, truth_pages

PHOTO_STEMS = (
    "receipt_photo",
    "receipt_seria",
    "receipt_cando",
    "receipt_torikizoku",
    # held out (truth made before any change for them): renbowroad/receipt_scan's phone photos
    "renbow_receipt8_marumatsu",
    "renbow_receipt2_ochiai",
    "renbow_receipt5_misterdonut",
)
# images in FETCHED/scans that are no photos: printed pages and a card scanned or rendered
NOT_PHOTOS = (
    "scans/yomitoku_demo.jpg",
    "scans/yomitoku_gallery1.jpg",
    "scans/yomitoku_gallery2.jpg",
    "scans/yomitoku_gallery3.jpg",
    "scans/yomitoku_gallery5.jpg",
)


def main(argv: list[str]) -> int:
    from chohyo.pipeline import run

    if argv[:1] == ["guard"]:
        return guard()
    stems = tuple(argv) or PHOTO_STEMS
    pages = [t for s in stems for t in truth_pages(s) if source_of(t).exists()]
    if not pages:
        print("no photo with truth on this machine (bench/realdocs.py FETCHED)", file=sys.stderr)
        return 1
    rows = []
    total = PageScore(0, "all")
    for truth in pages:
        with tempfile.TemporaryDirectory() as tmp:
            pdf = one_page_pdf(source_of(truth), truth["page"], Path(tmp))
            cpu = _cpu()
            doc = run(pdf)
            cpu = _cpu() - cpu
        s = score_page(truth, doc)
        s.cpu, s.title = cpu, truth["file"].removesuffix(".pdf")
        rows.append(s.line())
        notes = [n for p in doc.pages for n in p.notes if n.startswith("photo: ")]
        photo = [f for f in doc.findings if f.code == "photo-not-read"]
        print(f"{s.title}: {doc.status}, {len(doc.tables)} tables", file=sys.stderr)
        for n in notes:
            print(f"  note: {n}", file=sys.stderr)
        for f in photo:
            print(f"  {f.severity} {f.code}: {f.message}", file=sys.stderr)
        for w in s.wrong_cells:
            print(f"  {w}", file=sys.stderr)
        total.add(s)
    print(HEADER)
    print("\n".join(rows))
    print(total.line())
    _not_photos()
    return 0


def _not_photos() -> None:
    """What photo.py measures on images that are no photos (each must say: not a photo)."""
    from chohyo.extract.ocr.images import image_file_pages
    from chohyo.extract.ocr.photo import photo_signs
    from chohyo.settings import ExtractSettings

    from bench.realdocs import fetched

    for rel in NOT_PHOTOS:
        path = fetched(rel)
        if path is None:
            continue
        for img in image_file_pages(path, ExtractSettings()):
            signs = photo_signs(img.gray)
            print(
                f"{path.name}: {'PHOTO' if signs.is_photo else 'not a photo'} (paper white {signs.white:.0f}, "
                f"bright region {100 * signs.paper_share:.0f}% of the frame)"
            )


def guard() -> int:
    """``python -m bench.photos guard``: every page of the scanned fixtures and the real scans,
    measured as photo.py measures a page; prints each page taken for a photo (none should be), the
    lowest paper white and the greatest contrast between a bright region and the rest. Returns 1 when any page is taken for one."""
    import pypdfium2 as pdfium
    from chohyo.extract.ocr.images import image_file_pages, page_image
    from chohyo.extract.ocr.photo import photo_signs
    from chohyo.settings import ExtractSettings

    from bench.realdocs import FETCHED, SHARED_REAL

    root = Path(__file__).resolve().parents[1] / "fixtures" / "scanned"
    files = [*sorted(root.glob("*.pdf")), *sorted(root.glob("*.png")), *sorted(root.glob("*.tiff"))]
    files += sorted((root / "variants").glob("*.pdf")) + sorted(SHARED_REAL.glob("*scan*.pdf"))
    files += [
        FETCHED / "scans" / n for n in ("soumu_r7_gaisan_fukkou.pdf", "polimoney_05teiki_jimin_365.pdf")
    ]
    settings = ExtractSettings()
    pages = photos = 0
    white, contrast = 255.0, 0.0
    for path in (f for f in files if f.is_file()):
        if path.suffix == ".pdf":
            with pdfium.PdfDocument(str(path)) as pdf:
                images = [page_image(pdf, i, settings) for i in range(len(pdf))]
        else:
            images = list(image_file_pages(path, settings))
        for n, img in enumerate(images, 1):
            signs = photo_signs(img.gray)
            pages += 1
            white = min(white, signs.white)
            if signs.paper_share < 0.85:  # a bright region apart from the rest: how much brighter
                contrast = max(contrast, signs.white - signs.surround)
            if signs.is_photo:
                photos += 1
                print(f"{path.name} p{n}: taken for a photo ({signs.why()})")
    print(
        f"{pages} pages of {len(files)} files: {photos} taken for photos; lowest paper white {white:.0f} "
        f"(a photo: below 220), greatest paper-to-ground contrast {contrast:.0f} (a photo: 40 or more)"
    )
    return 1 if photos else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
