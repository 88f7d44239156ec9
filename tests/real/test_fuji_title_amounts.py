"""Figures the Fuji budget book prints outside any ruled row, read on the page they are printed on.

- The 款 line over every detail page (``２款 総務費 9,013,376千円``, in the top margin, the same words at
  the same place page after page) is a figure of each page, like the 項 line under it: an amounts.csv
  row on every page, while the running head with no figure (``２款 総務費 １項 総務管理費``, at the
  very top) is still read once.
- p.23 (財源内訳 half-page): the first row (``768 | 480,828``) printed under the ``千円`` line with no
  rule between them is a body row of values, the 千円 line the header's units.

Truth read by hand from the rendered pages (fixtures/real/fuji_r6_budget/p023_sources.json; pp.180,
182: the 款 and 項 lines quoted below). Skipped when ../shared/real/ is absent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chohyo.model import Document
from chohyo.pipeline import convert

from tests.real.test_real_fuji import BOOK, _cut

pytestmark = pytest.mark.skipif(
    not BOOK.exists(),
    reason=f"the real book is not here: {BOOK} (../shared/real/ sits beside the checkout on CI)",
)


@pytest.fixture(scope="module")
def detail_pages(tmp_path_factory: pytest.TempPathFactory) -> Document:
    folder = tmp_path_factory.mktemp("fuji_titles")
    result = convert(_cut([180, 181, 182, 183, 184], folder), folder / "out")
    assert result.document is not None, result.error
    return result.document


@pytest.mark.parametrize("page", [1, 3, 5])  # the book's pp.180, 182, 184: 目 pages of 2款 1項
def test_the_kan_total_is_read_on_every_page_it_is_printed_on(detail_pages: Document, page: int) -> None:
    here = {(a.text, a.value) for a in detail_pages.amounts if a.page == page}
    assert ("9,013,376千円", Decimal("9013376000")) in here, here  # ２款 総務費
    assert ("7,519,634千円", Decimal("7519634000")) in here, here  # １項 総務管理費


def test_a_running_head_without_a_figure_is_read_once(detail_pages: Document) -> None:
    """Printed atop pp.182 and 184: text once, on p.182."""
    heads = [b.page for b in detail_pages.text_blocks if "".join(b.text.split()) == "2款総務費1項総務管理費"]
    assert heads == [3], heads
