"""Formulas spelled out in labels and headers: ``(ア-イ)``, ``(C)=(A)-(B)``, ``増減 (A)-(B)``, ``(A/C)``.

A line may carry a tag (``予算額 (A)``, ``(ア) 経常収益計``) that other lines' formulas refer to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FOLD = str.maketrans(
    "（）＝－−‐―＋／＊×÷ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ",
    "()=----+/**/ABCDEFGHIJKLMNOPQRSTUVWXYZ",
)
_TAG = r"[A-Zア-ン]"
_TERM = rf"\(?\s*{_TAG}\s*\)?"
_OP = r"\s*[-+/×*]\s*"
_EXPR = re.compile(rf"(?:\(\s*({_TAG})\s*\)\s*=\s*)?(\(?\s*{_TAG}\s*\)?(?:{_OP}{_TERM})+\)?)")
_OWN_TAG = re.compile(rf"\(\s*({_TAG})\s*\)")


@dataclass(frozen=True)
class LabelFormula:
    tag: str | None = None  # the line's own tag
    terms: tuple[tuple[str, int], ...] = ()  # (tag, sign) of an additive formula
    ratio: tuple[str, str] | None = None  # (numerator tag, denominator tag) for A/C


def _fold(label: str) -> str:
    text = label.translate(_FOLD)
    return re.sub(rf"(?<={_TAG})ー(?={_TAG})", "-", text)


def parse_label(label: str) -> LabelFormula:
    text = _fold(label)
    tag = None
    terms: tuple[tuple[str, int], ...] = ()
    ratio = None
    m = _EXPR.search(text)
    if m:
        expr = m.group(2)
        tag = m.group(1)
        tokens = re.findall(rf"({_TAG})|([-+/×*])", expr)
        tags = [t for t, _ in tokens if t]
        ops = [o for _, o in tokens if o]
        if len(ops) == 1 and ops[0] in "/" and len(tags) == 2:
            ratio = (tags[0], tags[1])
        elif all(o in "+-" for o in ops) and len(tags) == len(ops) + 1:
            signs = [1] + [1 if o == "+" else -1 for o in ops]
            terms = tuple(zip(tags, signs, strict=True))
        text = text[: m.start()] + text[m.end() :]
    if tag is None:
        own = _OWN_TAG.findall(text)
        if len(own) == 1:
            tag = own[0]
    return LabelFormula(tag, terms, ratio)
