"""White space in Japanese text (rules.md §1): the ONE letter-spacing rule, for labels and running text.

Japanese is written without spaces between words; a space between two Japanese characters is
layout (均等割付, a justified line), while a space between two Latin words is a word gap and
stays. So spacing is removed only between Japanese characters (kanji, kana, Japanese punctuation)
and between the digits of a spaced number, never between Latin words, and never where a space
carries meaning (``令和5年 月 日`` is a blank form date; ``山浦 英太`` separates family and given name;
``公益事業 1``, ``JR 東海``).

- ``merge_letter_spacing``: a label or a table cell (strict: every token is one character);
- ``merge_line_spacing``: one printed line of running text (a justified line: most pairs spaced);
- ``join_wrapped``: two printed lines of one paragraph, joined (nothing between Japanese, a space
  between Latin words);
- ``word_gap``: do two glyphs with a gap between them belong to two Latin words (a space is due)?
"""

from __future__ import annotations

import itertools
import re

from chohyo.japanese.numbering import split_numbering

__all__ = [
    "collapse_spaces",
    "is_cjk_char",
    "is_japanese_char",
    "is_latin_char",
    "join_wrapped",
    "merge_letter_spacing",
    "merge_line_spacing",
    "merge_spaced_number",
    "word_gap",
]

SPACES = re.compile(r"[\s\u3000\u00a0\u2000-\u200b\u202f\u205f]+")
_CJK_WRAP = re.compile(r"(?<=[^\x00-\x7f])[ \t]*\n\s*(?=[^\x00-\x7f])")


def is_cjk_char(ch: str) -> bool:
    """A kanji, kana or iteration mark: the characters a letter-spaced label is made of."""
    if len(ch) != 1:
        return False
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
        or 0x3041 <= cp <= 0x309F
        or 0x30A1 <= cp <= 0x30FA
        or cp in (0x3005, 0x3006, 0x3007, 0x30FC, 0x30FD, 0x30FE)
    )


def is_latin_char(ch: str) -> bool:
    """A letter or digit of a Latin word (ASCII, Latin-1 and Latin Extended letters; not full width)."""
    return len(ch) == 1 and ch.isalnum() and (ch.isascii() or 0x00C0 <= ord(ch) <= 0x024F)


def _digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "０" <= ch <= "９"


def is_japanese_char(ch: str) -> bool:
    """A character of Japanese running text: kanji, kana, Japanese punctuation and brackets, full-width
    forms (not white space, not a Latin letter or digit)."""
    if len(ch) != 1 or ch.isspace():
        return False
    if is_cjk_char(ch):
        return True
    cp = ord(ch)
    return (
        0x3000 < cp <= 0x303F  # 、。「」『』【】〒〜 ...
        or 0x30FB == cp  # ・
        or 0xFF01 <= cp <= 0xFF65  # full-width forms: （）！？，．０-９ Ａ-Ｚ ...
        or 0x2460 <= cp <= 0x24FF  # ① ⑴ ⒈
        or 0x2160 <= cp <= 0x217F  # Ⅰ Ⅱ
        or 0x3200 <= cp <= 0x33FF  # ㈱ ㍻
    )


def collapse_spaces(text: str) -> str:
    """Ideographic spaces and runs of white space → one space; ends trimmed.

    A line break between two Japanese characters is a wrap, not a word gap: it joins with nothing.
    """
    if "\n" in text:
        text = _CJK_WRAP.sub("", text)
    return SPACES.sub(" ", text).strip()


_DATE_WORDS = frozenset("年月日")
_NUMBER = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$|^[0-9]+\.[0-9]+$")


def merge_spaced_number(text: str) -> str:
    """``1 2 3 , 4 5 6`` → ``123,456``: single digits and separators, spaced, that form one number
    (thousands in groups of three, or a decimal point). Anything else comes back unchanged."""
    tokens = text.split()
    if len(tokens) < 3 or not all(len(t) == 1 and (t in ",." or "0" <= t <= "9") for t in tokens):
        return text
    joined = "".join(tokens)
    return joined if _NUMBER.match(joined) else text


def merge_letter_spacing(text: str) -> str:
    """Merge a letter-spaced label (rules.md §1); anything else comes back unchanged (spaces collapsed).

    Merge only when every token left after a leading numbering token is one CJK character (at
    least two of them) and they are not just 年/月/日 (``令和5年 月 日`` is a blank form date), or when
    the spaced tokens are the digits of one number (``1 2 3 , 4 5 6``). Latin words never merge.
    """
    s = collapse_spaces(text)
    tokens = s.split(" ")
    if len(tokens) < 2:
        return s
    number = merge_spaced_number(s)
    if number != s:
        return number
    numbering, rest = split_numbering(s)
    if numbering:
        rest_tokens = rest.split(" ")
        if _all_single(rest_tokens):
            glue = "" if s[len(numbering) :][:1] != " " else " "
            return numbering + glue + "".join(rest_tokens)
    if _all_single(tokens):
        return "".join(tokens)
    return s


def _all_single(tokens: list[str]) -> bool:
    return len(tokens) >= 2 and all(is_cjk_char(t) for t in tokens) and not set(tokens) <= _DATE_WORDS


# --- running text ---------------------------------------------------------------------------------

_GAP = re.compile(r"[ \t\u3000\u00a0\u2000-\u200b\u202f\u205f]+")
LETTER_SPACED_SHARE = 0.5  # a line is letter-spaced when at least this share of its Japanese pairs is spaced


def _joinable(a: str, b: str) -> bool:
    """May letter-spacing stand between ``a`` and ``b``: two Japanese characters (full-width digits
    included), or two digits (or a digit and its separator) of a spaced number. A space between a
    half-width digit and a Japanese character is the usual gap around a Latin number
    (``平成 27 年``): it is not letter-spacing."""
    if is_japanese_char(a) and is_japanese_char(b):
        return True
    return (_digit(a) or a in ",.") and (_digit(b) or b in ",.") and (_digit(a) or _digit(b))


def _blank_date(before: str, after: str) -> bool:
    """``年 月`` / ``月 日`` with nothing between: a blank form date, whose space is meaningful."""
    return (before, after) in (("年", "月"), ("月", "日"))


def merge_line_spacing(line: str) -> str:
    """One printed line of running text with its letter-spacing removed (a justified line:
    ``私 も、長 期 間 に 及 ぶ`` → ``私も、長期間に及ぶ``); other lines come back with their spaces
    collapsed to one.

    A line is letter-spaced when at least half the pairs of neighbouring Japanese characters (and
    digits) on it are split by white space; then every space between two such characters goes,
    except in a blank form date (``年 月 日``). A space beside a Latin letter always stays
    (``JR 東海``, ``Net Assets``), and so does the space after a leading item number
    (``Ⅰ 一般正味財産増減の部``).
    """
    s = SPACES.sub(" ", line).strip()
    if " " not in s:
        return s
    numbering, rest = split_numbering(s)
    head = ""
    if numbering and s[len(numbering) :][:1] == " ":
        head, s = numbering + " ", rest.lstrip()
    if not any(is_japanese_char(ch) for ch in s):
        return head + merge_spaced_number(s)  # no Japanese: only a spaced number merges
    parts = s.split(" ")
    pairs = spaced = 0
    for part in parts:  # pairs inside a token, unspaced
        pairs += sum(1 for a, b in itertools.pairwise(part) if _joinable(a, b))
    seams = [(a[-1], b[0]) for a, b in itertools.pairwise(parts) if a and b]
    for a, b in seams:
        if _joinable(a, b) and not _blank_date(a, b):
            pairs += 1
            spaced += 1
    if spaced == 0 or spaced < LETTER_SPACED_SHARE * pairs:
        return head + s
    out = parts[0]
    for part in parts[1:]:
        a, b = out[-1:], part[:1]
        keep = not (a and b and _joinable(a, b)) or _blank_date(a, b)
        out += (" " if keep else "") + part
    return head + out


ARROWS = "⇒→⇨➡"


def join_wrapped(before: str, after: str) -> str:
    """Two printed lines of one paragraph as one: nothing between Japanese characters, one space
    between Latin words (``Net`` / ``Assets``) or where either side is neither (``JR`` / ``東海``
    joins as ``JR東海`` only when printed that way: a line break is no word gap in Japanese)."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after:
        return before + after
    a, b = before[-1], after[0]
    if b in ARROWS:  # …の策定 / ⇒ デジタル…: a line opening with an arrow is set apart from the text before
        return before + " " + after
    latin_a = is_latin_char(a) or a in ",.;:!?)%"
    if latin_a and is_latin_char(b) and not (a in ",." and _digit(b) and _digit(before[-2:-1] or "x")):
        return before + " " + after
    return before + after


def word_gap(before: str, after: str, gap: float, height: float) -> bool:
    """Do two glyphs ``gap`` apart (no space printed between them) belong to two Latin words?

    ``height``: the glyphs' height (their box, not the font size, which a scaled font reports as 1).
    A Latin word gap is a quarter of an em or more (the glyph box is about 1.15 em high), letters
    of one word touch (kerning moves them by a few hundredths); Japanese characters never get one.
    """
    if not (is_latin_char(before) or before in ",.;:!?)%") or not (is_latin_char(after) or after in "(&"):
        return False
    if _digit(after) and (_digit(before) or before in ",."):
        # the digits of one number (a spaced number is joined, never split) — unless the gap is a
        # column's (two figures of a row read into one cell: 49,486 and 2,909, three ems apart)
        return gap >= 1.5 * height
    return gap >= 0.15 * height


SENTENCE_END = "。．！？!?"


def ends_sentence(text: str) -> bool:
    """Does the text stop at a sentence end (``…です。``, ``…か？」``)? A paragraph ends there or goes on."""
    t = text.rstrip().rstrip("」』）)”’")
    return bool(t) and t[-1] in SENTENCE_END
