r"""Where the real documents live (never inside the project; tests and bench sections skip without them).

- ``SHARED_REAL``: ``../shared/real/`` beside the checkout (CI has it too).
- ``FETCHED``: public documents an engineer fetched for local work (``CHOHYO_FETCHED``, by default
  ``/work/realx``; e.g. ``nankoku/`` holds the PDFs of nankokushigikai/gikai_nankokushi_portal with
  their folders joined by ``__``). CI does not have it: whatever reads it skips with the reason.
  To refill it on a new machine, fetch the repository (the session's ``fetch`` tool), then in its
  git directory::

      git -c core.quotepath=off ls-tree -r --name-only HEAD | grep -i '\.pdf$' | while IFS= read -r f; do
        git show "HEAD:$f" > "/work/realx/nankoku/$(echo "$f" | sed 's#^gian/##; s#/#__#g')"; done
  ``fuji_r8/`` holds 富士市 令和8年度 一般会計予算書 cut by 款 and printed two-up on landscape sheets
  (kotto5/fujishi_ippannkaikei_yosansho, ``R8/分割/``; the 款 files its snapshot stores, 31 of 36)::

      git -c core.quotepath=off ls-tree -r --name-only HEAD 'R8/分割/' | grep '款_.*\.pdf$' | while IFS= read -r f; do
        git show "HEAD:$f" > "/work/realx/fuji_r8/$(basename "$f")" 2>/dev/null || rm "/work/realx/fuji_r8/$(basename "$f")"; done
  ``scans/`` holds public scanned Japanese tables (issue 15; image-only PDFs made from the page images
  unchanged, each image one page at its own resolution): ``soumu_r7_gaisan_fukkou.pdf`` from
  kotaro-kinoshita/yomitoku-dev ``static/in/gallery2.jpg`` (200 dpi), ``polimoney_05teiki_jimin_365.pdf``
  from ymori1212/polimoney @ 74f3a4b ``output_images/05teiki-jimin_365_page_01..20.png`` (200 dpi)::

      git show HEAD:static/in/gallery2.jpg > /work/realx/scans/yomitoku_gallery2.jpg   # yomitoku-dev
      mkdir -p /work/realx/scans/polimoney; for i in $(seq -w 1 20); do                 # polimoney
        git show 74f3a4b:output_images/05teiki-jimin_365_page_$i.png > /work/realx/scans/polimoney/$i.png; done
      python -c "import glob, pypdfium2 as P; from PIL import Image
      def pdf(files, out, dpi):
          d = P.PdfDocument.new()
          for f in files:
              im = Image.open(f).convert('RGB'); w, h = (v * 72 / dpi for v in im.size)
              pg = d.new_page(w, h); o = P.PdfImage.new(d)
              o.load_jpeg(f, inline=False) if f.endswith('.jpg') else o.set_bitmap(P.PdfBitmap.from_pil(im))
              o.set_matrix(P.PdfMatrix().scale(w, h)); pg.insert_obj(o); pg.gen_content()
          d.save(out)
      S = '/work/realx/scans/'
      pdf([S + 'yomitoku_gallery2.jpg'], S + 'soumu_r7_gaisan_fukkou.pdf', 200)
      pdf(sorted(glob.glob(S + 'polimoney/*.png')), S + 'polimoney_05teiki_jimin_365.pdf', 200)"
  Phone photos (issue 15, branch h8-photo; ``python -m bench.photos``): ``receipt_photo.pdf`` is
  yomitoku-dev ``static/in/gallery4.jpg`` (a receipt on a wooden table, 3024x4032, no resolution)
  wrapped at 300 dpi; ``receipt_seria.pdf`` and ``receipt_cando.pdf`` are
  Forasimplelife/Receipt_OCR_UI_System's receipt photos (cropped to the paper by that repository,
  no resolution) wrapped at 200 dpi, the resolution chohyo assumes for an image without one; the
  other yomitoku-dev images (demo, gallery1/3/5: printed pages and a card, no photos) are the
  images photo detection must leave alone (gallery6 is absent from the snapshot)::

      for n in 1 3 4 5; do git show HEAD:static/in/gallery$n.jpg > /work/realx/scans/yomitoku_gallery$n.jpg; done
      git show HEAD:static/in/demo.jpg > /work/realx/scans/yomitoku_demo.jpg            # yomitoku-dev
      git show c2e4801:data/corrected_images/20241018_231404.jpg > /work/realx/scans/receipt_seria.jpg
      git show af4077a:data/corrected_images/corrected_image_1.jpg > /work/realx/scans/receipt_cando.jpg
      # then, with pdf() above:
      pdf([S + 'yomitoku_gallery4.jpg'], S + 'receipt_photo.pdf', 300)
      pdf([S + 'receipt_seria.jpg'], S + 'receipt_seria.pdf', 200); pdf([S + 'receipt_cando.jpg'], S + 'receipt_cando.pdf', 200)
  One more phone photo (issue 15, branch h10-receipt; truth made before any code change for it):
  ``receipt_torikizoku.pdf`` is tani0120/receipt-app @ cadac4b ``src/scripts/test_torikizoku.jpg``
  (a crumpled 鳥貴族 receipt on a dark table, 768x1024, no resolution) wrapped at 200 dpi::

      git show cadac4b:src/scripts/test_torikizoku.jpg > /work/realx/scans/receipt_torikizoku.jpg  # receipt-app
      pdf([S + 'receipt_torikizoku.jpg'], S + 'receipt_torikizoku.pdf', 200)   # with pdf() above
  Two more held-out pages (issue 15, branch h9-newscans), from kotaro-kinoshita/yomitoku @ ac30118
  (the fetched snapshot; both files unchanged since 5bfc26d): ``jgga_mekki_seisan.pdf`` is
  ``static/in/tsp_gallery4.jpg`` (日本溶融亜鉛鍍金協会「溶融亜鉛めっき生産実績」, a statistical table image,
  1754x1241, an A4 landscape page at 150 dpi) wrapped at 150 dpi; ``shinagawa_nchi.pdf`` is the two
  pages of ``tests/data/sampldoc.tif`` (N値表 of a soil survey at 品川区小山, a 300 dpi black-and-white
  scan, figures with one decimal set between ``+`` marks), each page as its own PNG::

      git show HEAD:static/in/tsp_gallery4.jpg > /work/realx/scans/yomitoku_tsp_gallery4.jpg   # yomitoku
      git show HEAD:tests/data/sampldoc.tif > /work/realx/scans/yomitoku_sampldoc.tif
      python -c "from PIL import Image; im = Image.open('/work/realx/scans/yomitoku_sampldoc.tif')
      for i in range(im.n_frames): im.seek(i); im.save(f'/work/realx/scans/yomitoku_sampldoc_{i + 1}.png')"
      # then, with pdf() above:
      pdf([S + 'yomitoku_tsp_gallery4.jpg'], S + 'jgga_mekki_seisan.pdf', 150)
      pdf([S + 'yomitoku_sampldoc_1.png', S + 'yomitoku_sampldoc_2.png'], S + 'shinagawa_nchi.pdf', 300)
  Three more phone photos of receipts (issue 15, held out: truth made before any change for them), from
  renbowroad/receipt_scan @ 7b7f6e5 (874x1872 JPEGs, no resolution), wrapped at 200 dpi into
  ``scans/new/``: ``renbow_receipt8_marumatsu.pdf`` (``receipt_8.jpg``, 和風レストラン まるまつ),
  ``renbow_receipt2_ochiai.pdf`` (``receipt_2.jpg``, 落合書店), ``renbow_receipt5_misterdonut.pdf``
  (``receipt_5.jpg``, mister Donut)::

      mkdir -p /work/realx/scans/new; N=/work/realx/scans/new
      git show 7b7f6e5:receipt_8.jpg > $N/renbow_receipt8_marumatsu.jpg    # receipt_scan
      git show 7b7f6e5:receipt_2.jpg > $N/renbow_receipt2_ochiai.jpg
      git show 7b7f6e5:receipt_5.jpg > $N/renbow_receipt5_misterdonut.jpg
      # then, with pdf() above, for each stem: pdf([N + stem + '.jpg'], N + stem + '.pdf', 200)
Truth made by hand for any of them lives in ``fixtures/real/<stem>/`` and names its source (the
polimoney report: p2 and p6 from branch h5-realscan, p5 the held-out page of branch h8-scanstruct, made
before any of its fixes; no other year's or party's scanned report was found in the public corpus).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_REAL = ROOT.parent / "shared" / "real"
FETCHED = Path(os.environ.get("CHOHYO_FETCHED", "/work/realx"))


def fetched(relative: str) -> Path | None:
    """The fetched document at ``FETCHED/relative``, or None when this machine does not have it."""
    path = FETCHED / relative
    return path if path.is_file() else None


def missing_reason(path: Path) -> str:
    """The skip reason for a real document that is not on this machine."""
    where = (
        "../shared/real/ beside the checkout"
        if path.is_relative_to(SHARED_REAL)
        else f"{FETCHED} (CHOHYO_FETCHED)"
    )
    return f"{path} is absent: real documents are read from {where}, never copied into the project"
