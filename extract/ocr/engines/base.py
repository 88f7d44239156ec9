"""One interface for the OCR engines (OCRmyPDF's pattern): what an engine reads, what it is chosen for.

An engine reads line or cell images (already cut out and cleaned) into ``Reading``s: text with one
confidence per character. What each engine is *good for* is measured, not assumed (README "Scanned
pages", bench/RESULTS.md): Tesseract with a digit whitelist reads numbers best, Tesseract
``jpn_vert`` reads vertical headers, RapidOCR (PP-OCR) reads kanji labels, headers and prose far
better than Tesseract ``jpn``. The registry (registry.py) picks the engine for each ``ReadKind``
among the installed ones; the rest of the OCR room never names an engine.
"""

from __future__ import annotations

import difflib
import itertools
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import ClassVar

import numpy as np
from chohyo.errors import MissingDependencyError


class ReadKind(StrEnum):
    """What is read: the kinds of cells and lines an engine is chosen for."""

    HEADER = "header"  # a header cell set across
    NUMBER = "number"  # a value cell: digits, grouping commas, △ ▲ -
    TEXT = "text"  # a label or text cell
    VERTICAL = "vertical"  # a header or group name written downwards (縦書き)
    PAGE = "page"  # a page or block of text: its lines, with word boxes (the layout of borderless tables)
    # Second readings: done only where an engine good for them is installed; without one the
    # first reading stands.
    PROSE = "prose"  # the page's lines read again one by one (a nakaguro between words is kept)
    NUMBER_CHECK = "number-check"  # a doubtful number read again by another engine
    TEXT_CHECK = "text-check"  # label and text cells read again from softened crops (candidates)
    # Which way up a page is (orient.py)
    UPRIGHT = "upright"  # a direction classifier's vote on a text line
    WAY_UP = "way-up"  # sample lines read each way up: the wrong way leaves more characters unsure


SECOND_READINGS = frozenset({ReadKind.PROSE, ReadKind.NUMBER_CHECK, ReadKind.TEXT_CHECK, ReadKind.UPRIGHT})


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in the image read
    confidence: float  # 0..1
    char_confidences: tuple[float, ...]
    char_boxes: tuple[tuple[int, int, int, int], ...] = ()  # one per character, when hOCR gives them


@dataclass(frozen=True)
class Line:
    box: tuple[int, int, int, int]
    words: tuple[Word, ...] = ()

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


@dataclass(frozen=True)
class Reading:
    """What OCR read in one cell: text with one confidence per character (spaces count 1.0)."""

    text: str = ""
    char_confidences: tuple[float, ...] = ()
    words: tuple[Word, ...] = field(default=(), repr=False)
    alternative: str = ""  # another engine's reading, when they disagreed
    agreed: bool = False  # another engine read the same number, well formed (a confirmation)
    # the engine's own confidence in the whole reading, where it gives one (RapidOCR's line score,
    # the mean of its characters': the label-doubt bar was measured on it); else the least character's
    score: float | None = None

    @property
    def confidence(self) -> float:
        return self.score if self.score is not None else min(self.char_confidences, default=0.0)


def join_words(words: tuple[Word, ...] | list[Word]) -> Reading:
    """Words of one line into text: a space where the gap is wider than a third of the line height."""
    if not words:
        return Reading()
    words = sorted(words, key=lambda w: w.box[0])
    height = max(max(w.box[3] - w.box[1] for w in words), 1)
    text, confs = words[0].text, list(words[0].char_confidences)
    for prev, w in itertools.pairwise(words):
        if w.box[0] - prev.box[2] > height / 3:
            text += " "
            confs.append(1.0)
        text += w.text
        confs.extend(w.char_confidences)
    if len(confs) != len(text):  # a glyph with several code points: spread the word confidence
        confs = [min(confs, default=0.0)] * len(text)
    return Reading(text, tuple(confs), tuple(words))


def carried(reading: Reading, text: str) -> Reading:
    """``reading`` rewritten as ``text`` (dots dropped, spaces squeezed, a comma for a point), each
    character keeping the confidence the recognizer gave it where it is still there; a character
    put in gets the least of its old neighbours'. Without per-character confidences every
    character gets the reading's."""
    old, confs = reading.text, reading.char_confidences
    if len(confs) != len(old):
        return replace(reading, text=text, char_confidences=(reading.confidence,) * len(text))
    out: list[float] = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=old, b=text, autojunk=False).get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            out.extend(confs[a0:a1])
        elif op != "delete":
            near = confs[max(0, a0 - 1) : a1 + 1] or confs
            out.extend([min(near, default=0.0)] * (b1 - b0))
    return replace(reading, text=text, char_confidences=tuple(out))


class OcrEngine(ABC):
    """An OCR engine: reads line or cell images (grayscale, one line or cell each) into Readings."""

    name: ClassVar[str]  # as written into the cells' provenance
    good_for: ClassVar[frozenset[ReadKind]]  # the kinds it is chosen for (measured)
    # reads one text line per crop and scales it itself: a wrapped cell is read line by line, unscaled
    line_reader: ClassVar[bool] = False
    title: ClassVar[str]  # for messages
    install_hint: ClassVar[str] = ""

    def __init__(self, lang: str = "jpn") -> None:
        self.lang = (
            lang  # the Tesseract language(s) (ExtractSettings.ocr_lang), where the engine has a choice
        )

    @classmethod
    @abstractmethod
    def available(cls) -> bool:
        """Whether the engine is installed."""

    def check(self) -> None:
        """Raise MissingDependencyError, saying how to install it, when the engine cannot run."""
        if not self.available():
            raise MissingDependencyError(f"{self.title} is not installed: {self.install_hint}")

    @abstractmethod
    def read_lines(self, crops: list[np.ndarray], kind: ReadKind = ReadKind.TEXT) -> list[Reading]:
        """One Reading per crop (a line or a cell of ``kind``): text with per-character confidences."""

    @abstractmethod
    def read_digits(self, crops: list[np.ndarray]) -> list[Reading]:
        """One Reading per crop of a number cell (digits, grouping, sign)."""

    def read_page(self, image: np.ndarray, psm: int = 3) -> list[Line]:
        """The text lines of a page or block, with their words' boxes (engines good for PAGE)."""
        raise NotImplementedError(f"{self.name} does not read whole pages")

    def ready(self, kind: ReadKind, count: int = 1, psm: int = 3) -> None:
        """Get ``count`` readings of ``kind`` (a page read with ``psm``) going before their images
        exist, where the engine has a start-up cost a core left idle can pay (Tesseract: a process
        loads its model). Nothing here: an engine loaded once per process has none."""
        return None

    def release(self) -> None:
        """Stop what ``ready`` started and nobody used (at the end of a page)."""
        return None

    def upright_votes(self, crops: list[np.ndarray]) -> list[float]:
        """Per text-line crop: +score when it reads upright, -score upside down (engines good for UPRIGHT)."""
        raise NotImplementedError(f"{self.name} has no direction classifier")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lang={self.lang!r})"
