"""A budget book's 事項別明細書 as data: one long table of 節/説明 lines, and the sums it obeys.

Built by the normalize stage from the tables' layout (column titles 目/節/説明/本年度…, item
numbers, the facing 目 and 節 pages), checked by the validate stage, written by emit as
``budget.csv`` / ``budget.parquet``. Typed and immutable like the rest of the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

# Kinds of budget relation, in the order a report lists them.
MOKU_SETSU = "目 = Σ節"
SETSU_NOTES = "節 = Σ説明"  # found where a 節's 説明 opens with its amount and breaks it down
KOU_MOKU = "項 = Σ目"
KAN_KOU = "款 = Σ項"
TOTAL_KAN = "合計 = Σ款"
CHANGE = "比較 = 本年度 − 前年度"  # held as 本年度 = 前年度 + 比較, on each 目 row
SOURCES = "本年度 = Σ財源"  # on each 目 row of a book printing the 財源内訳
# 歳出 説明 printed by 事業 (``003 重症心身障害者等介護手当費 7,080``) over its 細事業 (``001 …``)
MOKU_JIGYOU = "目 = Σ事業"
JIGYOU_SAI = "事業 = Σ細事業"
RELATION_KINDS = (
    MOKU_SETSU,
    SETSU_NOTES,
    KOU_MOKU,
    KAN_KOU,
    TOTAL_KAN,
    CHANGE,
    SOURCES,
    MOKU_JIGYOU,
    JIGYOU_SAI,
)


@dataclass(frozen=True, slots=True)
class BudgetItem:
    """A 款, 項 or 目 of the statement: its printed number, name and amounts."""

    number: str
    name: str
    current: Decimal | None = None  # 本年度
    previous: Decimal | None = None  # 前年度
    change: Decimal | None = None  # 比較


@dataclass(frozen=True, slots=True)
class Sources:
    """本年度's 財源内訳 (None where the book prints no such column)."""

    national_prefectural: Decimal | None = None  # 国県支出金
    bonds: Decimal | None = None  # 地方債
    other: Decimal | None = None  # その他
    general: Decimal | None = None  # 一般財源


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One printed line of the 節/説明 side, linked to its 目, 項 and 款."""

    division: str  # 歳入 | 歳出
    kan: BudgetItem
    kou: BudgetItem
    moku: BudgetItem
    sources: Sources = Sources()
    setsu_number: str = ""  # a numbered 節 printed on this line
    setsu_name: str = ""
    setsu_amount: Decimal | None = None
    sub_name: str = ""  # a 細節 (unnumbered breakdown under a 節) printed on this line
    sub_amount: Decimal | None = None
    note: str = ""  # 説明, as printed
    note_amount: Decimal | None = None  # the amount set at the line's end, when it is unambiguous
    note_level: str = ""  # 事業 / 細事業: the 説明 line heads a 事業 or a 細事業 (its total); "" else
    page: int = 0
    table: str = ""  # id of the 節/説明 table (or of the 目 table for a 目 with no such line)


@dataclass(frozen=True, slots=True)
class BudgetRelation:
    """target = Σ terms, on 本年度; ``holds`` is set by the validate stage."""

    kind: str  # one of RELATION_KINDS
    division: str
    target_label: str
    target: Decimal
    terms: tuple[Decimal, ...]
    term_labels: tuple[str, ...]
    page: int = 0
    table: str = ""
    holds: bool | None = None

    @property
    def total(self) -> Decimal:
        return sum(self.terms, Decimal(0))


@dataclass(frozen=True, slots=True)
class Budget:
    lines: tuple[BudgetLine, ...] = ()
    relations: tuple[BudgetRelation, ...] = ()
    moku: int = 0  # 目 found on the 目 side
    unlinked: int = 0  # 節/説明 lines that no 目 row faces (left out of ``lines``)
    unit: str = ""  # the 目 tables' unit as printed (千円), amounts are in it

    def counts(self) -> dict[str, tuple[int, int]]:
        """(found, held) per kind of relation, in RELATION_KINDS order."""
        return {
            kind: (
                sum(1 for r in self.relations if r.kind == kind),
                sum(1 for r in self.relations if r.kind == kind and r.holds),
            )
            for kind in RELATION_KINDS
        }


__all__ = [
    "CHANGE",
    "JIGYOU_SAI",
    "KAN_KOU",
    "KOU_MOKU",
    "MOKU_JIGYOU",
    "MOKU_SETSU",
    "RELATION_KINDS",
    "SETSU_NOTES",
    "SOURCES",
    "TOTAL_KAN",
    "Budget",
    "BudgetItem",
    "BudgetLine",
    "BudgetRelation",
    "Sources",
]
