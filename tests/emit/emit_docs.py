"""A small budget-like Document built by hand: two header rows with a spanning cell, a hierarchy,
negatives, a dash null, a 機種依存 label, a relation and a finding with a suspect."""

from __future__ import annotations

from decimal import Decimal

from chohyo.model import (
    BBox,
    Cell,
    CellKind,
    CellRef,
    Column,
    Document,
    Finding,
    Page,
    Period,
    Provenance,
    Relation,
    Row,
    Severity,
    Status,
    Suspect,
    Table,
    Term,
    TextBlock,
    TextRole,
    Unit,
)

PROV = Provenance("pdfium-words", "lattice", ("fold-width",))


def num(row: int, col: int, text: str, value: str | None, null: str | None = None) -> Cell:
    from chohyo.model import NullReason

    return Cell(
        row,
        col,
        raw_text=text,
        text=text,
        kind=CellKind.NUMBER,
        value=None if value is None else Decimal(value),
        null_reason=None if null is None else NullReason(null),
        bbox=BBox(100 + 50 * col, 100 + 20 * row, 140 + 50 * col, 115 + 20 * row),
        provenance=PROV,
    )


def label(row: int, text: str, raw: str | None = None) -> Cell:
    return Cell(
        row,
        0,
        raw_text=raw or text,
        text=text,
        kind=CellKind.LABEL,
        bbox=BBox(20, 100 + 20 * row, 95, 115 + 20 * row),
        provenance=PROV,
    )


def header(row: int, col: int, text: str, col_span: int = 1, row_span: int = 1) -> Cell:
    return Cell(
        row, col, raw_text=text, text=text, kind=CellKind.HEADER, col_span=col_span, row_span=row_span
    )


def budget_table() -> Table:
    columns = (
        Column(0, ("科目",)),
        Column(1, ("公益事業", "公益事業1")),
        Column(2, ("公益事業", "小計")),
        Column(3, ("計",)),
    )
    cells = (
        header(0, 0, "科目", row_span=2),
        header(0, 1, "公益事業", col_span=2),
        header(0, 3, "計", row_span=2),
        header(1, 1, "公益事業1"),
        header(1, 2, "小計"),
        label(2, "経常収益"),
        num(2, 1, "1,234", "1234"),
        num(2, 2, "1,234", "1234"),
        num(2, 3, "2,468", "2468"),
        label(3, "①受取会費", "① 受 取 会 費"),
        num(3, 1, "△1,000", "-1000"),
        num(3, 2, "－", None, "dash"),
        num(3, 3, "△ 1,000", "-1000"),
        label(4, "2. 事業収益"),
        num(4, 1, "2,234", "2234"),
        num(4, 2, "0", "0"),
        Cell(4, 3, "", kind=CellKind.EMPTY),
    )
    rows = (
        Row(2, "経常収益", parents=("Ⅰ 一般正味財産増減の部",), level=1),
        Row(3, "①受取会費", parents=("Ⅰ 一般正味財産増減の部", "経常収益"), level=2, numbering="①"),
        Row(4, "2. 事業収益", parents=("Ⅰ 一般正味財産増減の部", "経常収益"), level=2, numbering="2."),
    )
    rel = Relation("t1-r1", "row", 2, (Term(3), Term(4)), kind="sum", source="hierarchy", holds=False)
    return Table(
        "t1",
        (1,),
        columns,
        cells,
        header_rows=2,
        rows=rows,
        bbox=BBox(20, 90, 300, 200),
        title="平成27年度 正味財産増減予算書",
        unit=Unit("円"),
        method="lattice",
        relations=(rel,),
    )


def budget_document(table: Table | None = None) -> Document:
    table = table or budget_table()
    finding = Finding(
        "sum-mismatch",
        Severity.ERROR,
        "経常収益 / 公益事業/公益事業1: expected 1234, found 1234",
        page=1,
        table="t1",
        cells=(CellRef("t1", 2, 1, "経常収益", "公益事業/公益事業1", Decimal("1234"), 1),),
        expected=Decimal("1234"),
        found=Decimal("1234"),
        suspects=(
            Suspect(
                4, 1, "2. 事業収益", "公益事業/公益事業1", Decimal("2234"), Decimal("2234"), None, "test"
            ),
        ),
        relation="t1-r1",
    )
    blocks = (
        TextBlock(
            1, "平成27年度 正味財産増減予算書", TextRole.HEADING, BBox(20, 40, 300, 60), order=0, level=1
        ),
        TextBlock(1, "(単位:円)", TextRole.PARAGRAPH, BBox(20, 70, 300, 80), order=1),
        TextBlock(
            1,
            "・ 公益会計基準に則る。\n・ ㈱と協議する。",
            TextRole.LIST,
            BBox(20, 300, 300, 340),
            order=2,
            level=1,
        ),
    )
    page = Page(1, 595.0, 842.0, tables=(table,), text_blocks=blocks)
    return Document(
        "/data/予算書.pdf",
        "ab" * 32,
        (page,),
        Status.PARTIAL,
        (finding,),
        title="平成27年度 収支予算",
        period=Period("2015-04-01", "2016-03-31", "平成27年4月1日から平成28年3月31日まで"),
    )
