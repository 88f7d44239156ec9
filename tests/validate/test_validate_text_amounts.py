"""OCR'd sums in the running text (amounts.csv) are confirmed or named, never silent (issue 18 part 5)."""

from __future__ import annotations

from decimal import Decimal

from chohyo.model import OCR_AGREED, Provenance, TextAmount
from chohyo.validate.unconfirmed import unconfirmed_amounts

OCR = Provenance("tesseract", "ocr-text")


def _amount(text: str, value: Decimal | None, prov: Provenance) -> TextAmount:
    return TextAmount(
        page=1, text=text, value=value, unit="円", sentence=f"合計{text}です。", provenance=prov
    )


def test_each_unconfirmed_ocr_amount_is_named_by_its_row() -> None:
    amounts = [
        _amount("31,197,129円", Decimal(31197129), OCR.with_transforms(OCR_AGREED)),  # two readings agree
        _amount("1,056,909円", Decimal(1056909), OCR),  # one reading only
        _amount("17,948円", Decimal(17948), Provenance("pdfium", "text")),  # born-digital: its text layer
        _amount("1,05,909円", None, OCR),  # unreadable: named too
    ]
    found = unconfirmed_amounts(amounts)
    assert [f.code for f in found] == ["ocr-unconfirmed", "ocr-unconfirmed"]
    assert "amounts.csv row 2" in found[0].message and "1,056,909円" in found[0].message
    assert "amounts.csv row 4" in found[1].message
    assert all(f.severity.value == "warning" and f.page == 1 for f in found)
