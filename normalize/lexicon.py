"""Label repair for OCR'd label cells: simplified forms, stray dots, near-misses of known words.

Only cells read by OCR are repaired (a born-digital label is what the document says). The
original stays in ``Cell.corrected_from`` and the change is named in the provenance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from chohyo.findings import FindingType, register
from chohyo.japanese.accounts import account_words
from chohyo.model import Severity
from chohyo.normalize.text import is_cjk_char, is_kana, merge_letter_spacing, split_numbering

__all__ = ["Repair", "builtin_lexicon", "choose_word", "edit_distance", "repair_label"]

# Simplified (Chinese) forms OCR engines trained on mixed CJK data put in Japanese labels.
SIMPLIFIED = str.maketrans(
    {
        "费": "費",
        "增": "増",
        "减": "減",
        "产": "産",
        "產": "産",
        "赁": "賃",
        "查": "査",
        "计": "計",
        "务": "務",
        "业": "業",
        "资": "資",
        "额": "額",
        "经": "経",
        "营": "営",
        "给": "給",
        "贷": "貸",
        "收": "収",
        "备": "備",
        "报": "報",
        "发": "発",
        "议": "議",
        "员": "員",
        "运": "運",
        "输": "輸",
        "电": "電",
        "话": "話",
        "处": "処",
        "负": "負",
        "劳": "労",
        "动": "動",
        "实": "実",
        "际": "際",
        "车": "車",
        "辆": "輛",
        "设": "設",
        "录": "録",
        "传": "伝",
        "讲": "講",
        "习": "習",
        "检": "検",
        "础": "礎",
        "调": "調",
        "价": "価",
        "总": "総",
        "补": "補",
        "损": "損",
        "项": "項",
        "财": "財",
        "时": "時",
        "轻": "軽",
        "维": "維",
        "龄": "齢",
        "满": "満",
        "货": "貨",
        "颁": "頒",
        "歲": "歳",
        "徵": "徴",
        # read by Tesseract jpn on the 道の駅 copier scan: 当期纯損失, 利益剩余金, 【壳上高】, 别途積立金
        "纯": "純",
        "剩": "剰",
        "壳": "売",
        "积": "積",
        "别": "別",
        "杂": "雑",
        "卻": "却",
        # read by Tesseract jpn on the 溶融亜鉛めっき生産実績 table image: H26曆年 (the row labels 暦年)
        "曆": "暦",
    }
)


register(
    FindingType(
        "ocr-doubtful-label",
        Severity.WARNING,
        "OCR label doubtful",
        "{where}: OCR read the label {text!r} (confidence {confidence}); it may be {candidates}; "
        "check it against the scan",
    )
)

DOUBT_LABEL = 0.8  # a label outside the lexicon read below this confidence is said to be doubtful
MARGIN = 1.0  # a repair must beat the next known word by a whole edit ...
CONFUSION = 0.5  # ... or by half of one when it is a pure OCR confusion (人会費 → 大会費, not 人件費)


@dataclass(frozen=True, slots=True)
class Repair:
    text: str
    transforms: tuple[str, ...] = ()
    doubtful: bool = False  # the label is not a known word and the readings or the lexicon leave it open
    maybe: tuple[str, ...] = ()  # what it may be (known words near it, or the other readings)

    @property
    def changed(self) -> bool:
        return bool(self.transforms)


def builtin_lexicon() -> frozenset[str]:
    """The known labels (core: chohyo.japanese.accounts, which the scan reader consults too)."""
    return account_words()


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_DOTS = re.compile(r"(?<=\S)\s*[.・·•,、]\s*(?=\S)")


def _drop_stray_dots(text: str) -> str:
    """``給 ・ 料 . 手 当`` → ``給 料 手 当``: dots OCR reads in the gaps of a letter-spaced label."""
    tokens = text.split()
    if len(tokens) < 2:
        return text
    # a 中点 between two words is the label's own (創立費 ・ 開業費, 負債 ・ 純資産合計), not a speck
    for i in range(len(tokens) - 2, 0, -1):
        if tokens[i] == "・" and len(tokens[i - 1]) >= 2 and len(tokens[i + 1]) >= 2:
            tokens[i - 1 : i + 2] = [tokens[i - 1] + "・" + tokens[i + 1]]
    kept = [t for t in tokens if not re.fullmatch(r"[.・·•,、]+", t)]
    kept = (
        [t.strip(".・·•、") or t for t in kept] if all(len(t.strip(".・·•、")) <= 1 for t in kept) else kept
    )
    return " ".join(kept)


# Small kana read full size (道路橋りよう for 道路橋りょう) or the other way round.
SMALL_KANA = dict(
    zip("ぁぃぅぇぉゃゅょっゎァィゥェォャュョッヮ", "あいうえおやゆよつわアイウエオヤユヨツワ", strict=True)
)
_KANA_SIZE = {**SMALL_KANA, **{big: small for small, big in SMALL_KANA.items()}}
SMALL_WINDOW = 4  # characters of a known word, a kanji among them, that must show the other size

# Label confusions from Tesseract's jpn.unicharambigs (rules.md §2): cheap substitutions, so a
# short word (科日 → 科目) may be repaired through them where a general edit would be too loose.
CONFUSABLE = [
    set("貸賃員貨質"),
    set("末未"),
    set("科料"),
    set("白日目自"),
    set("問間聞"),
    set("口ロ"),
    set("二ニ"),
    set("卜ト"),
    set("費貨賀"),
    # RapidOCR's misreads of small, noisy scans (150 dpi, bench/sections/ocr.py): shapes alike
    set("収取"),
    set("業集"),
    set("給齢"),
    set("経軽径"),
    set("雑維雌雄摊推"),
    set("講満構"),
    set("習暂"),
    set("関围用閲"),
    set("減滅械域诚"),
    set("償値賞"),
    set("設政"),
    set("産商南"),
    set("資寶質"),
    set("業菜"),
    set("大人入"),
    set("微徴"),
    *({small, big} for small, big in SMALL_KANA.items()),
]
_NOISE = "lI|!i"  # a speck or a thin stroke read as a Latin letter inside a kanji label
# A roman section numeral (Ⅰ, Ⅱ, Ⅲ) read as !, |, I, l or 1, with or without its space, in front
# of a section label (…の部); a dropped one is put back for the standard sections below.
_ROMAN = re.compile(r"^([!|Il１ｌ｜1ＩⅠⅡⅢ]{1,3})(?:\s+|(?=[^\x00-\x7f]))")
_ROMAN_BY_STROKES = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ"}
SECTIONS = {"一般正味財産増減の部": "Ⅰ", "指定正味財産増減の部": "Ⅱ"}


@cache  # called in the inner loop of every distance: a lookup, not a walk over CONFUSABLE
def _cost(a: str, b: str) -> float:
    if a in _NOISE and is_cjk_char(b):
        return 0.5
    return 0.5 if any(a in g and b in g for g in CONFUSABLE) else 1.0


def weighted_distance(a: str, b: str) -> float:
    """Edit distance where a known OCR confusion costs half."""
    prev = [float(j) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        cur = [float(i)]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (0.0 if ca == cb else _cost(ca, cb))))
        prev = cur
    return prev[-1]


def _limit(s: str) -> float:
    return 0.5 if len(s) <= 2 else 1.0 if len(s) < 6 else 2.0 if len(s) < 10 else 3.0


def choose_word(
    readings: Sequence[str], words: frozenset[str], taken: frozenset[str] = frozenset()
) -> tuple[str | None, tuple[str, ...]]:
    """The known word the readings of one label (the first is the engine's own) stand for, and the
    near words that made the choice doubtful when there is none.

    A word scores its weighted distance to the nearest reading, counted only within that reading's
    limit (which grows with its length). The best must beat the next word clearly: by a whole edit,
    or by half of one when it is itself a pure confusion away (维費 → 雑費 before 経費). A reading
    of ``集収益`` is 雑収益 with a substitution or 事業収益 with a confusion and an insertion: too
    close to call, so neither is chosen. An exact tie is broken by the readings together (the word
    nearest to all of them), else by ``taken`` (labels the table already shows): of 正味財産期首残高
    and 正味財産期末残高, the one not printed elsewhere.
    """
    scores: dict[str, float] = {}
    within: set[str] = set()  # words inside some reading's limit: only these may be chosen
    for r in dict.fromkeys(x for x in readings if x):
        limit = _limit(r)
        for w in words:
            if abs(len(w) - len(r)) <= limit + MARGIN:  # rivals a little beyond the limit still count
                d = weighted_distance(r, w)
                within.update([w] if d <= limit else [])
                if d <= limit + MARGIN and d < scores.get(w, 99.0):
                    scores[w] = d
    ranked = sorted((d, w) for w, d in scores.items())
    if not ranked or ranked[0][1] not in within:
        return None, ()
    best_d = ranked[0][0]
    tied = [w for d, w in ranked if d == best_d]
    if (
        len(tied) > 1
    ):  # the word nearer to all the readings together (給料当 and 給料于当: 給料手当, not 給料)
        total = {w: sum(weighted_distance(r, w) for r in readings if r) for w in tied}
        least = min(total.values())
        if sum(t == least for t in total.values()) == 1:
            return min(total, key=total.__getitem__), ()
        free = [w for w in tied if w not in taken]
        return (free[0], ()) if len(free) == 1 else (None, tuple(tied[:3]))
    runner = ranked[1][0] if len(ranked) > 1 else 99.0
    if runner - best_d >= MARGIN or (best_d <= CONFUSION and runner - best_d >= CONFUSION):
        return ranked[0][1], ()
    return None, tuple(w for _, w in ranked[:3])


def _best(s: str, words: frozenset[str], taken: frozenset[str] = frozenset()) -> str | None:
    return choose_word([s], words, taken)[0]


def _best_heading(s: str, words: frozenset[str]) -> str | None:
    """A numbered two-character heading (``2. 理費``) that lost a character: the one known word a
    character longer within one insertion and one confusion of it (``管理費``, ``事業費``)."""
    near = [w for w in words if len(w) == len(s) + 1 and weighted_distance(s, w) <= 1.5]
    return near[0] if len(near) == 1 else None


def repair_label(
    text: str,
    vocabulary: Iterable[str] = (),
    taken: Iterable[str] = (),
    readings: Iterable[str] = (),
    confidence: float = 1.0,
) -> Repair:
    """Repair one OCR'd label (already cleaned).

    OCR puts spaces between characters at random (``教育 講習 収益``) and drops the one after a
    numbering token (``1.受取会費``), so in an OCR'd label the spaces between CJK characters are
    dropped and a numbering token is followed by one space. A lone ``!``/``|``/``I`` before a
    section label (``…の部``) is the roman numeral Ⅰ.

    ``readings``: other readings of the same cell (the extract stage's label variants); a known
    word one of them shows counts as read (``1. 費`` with ``1. 事業費`` among them). ``confidence``:
    the engine's; a label left outside the lexicon is ``doubtful`` when it is low, when the readings
    disagree, or when known words near it were too close to call. A sure reading is changed only
    where that repairs a misreading (``_explained``).
    """
    return _repair(text, vocabulary, taken, roman=True, readings=tuple(readings), confidence=confidence)


def _explained(s: str, word: str, others: Sequence[str], confidence: float) -> bool:
    """Whether taking the known ``word`` for the reading ``s`` is a repair of a misreading rather
    than a rename of a label the lexicon does not know. A sure reading (at DOUBT_LABEL or above,
    no other reading showing ``word``) keeps what it read when ``word`` only lengthens it at an end
    (小学校 is not 小学校費), drops two characters or more (刊行物頒布収益 is not 刊行物収益), or
    swaps a character of a short label for one that is no known confusion (物件費 is not 人件費);
    a character lost inside is put back (給料当 is 給料手当)."""
    if confidence < DOUBT_LABEL or word in others:
        return True
    if len(word) > len(s) and (word.startswith(s) or word.endswith(s)):
        return False
    if len(s) - len(word) >= 2:
        return False
    return not (len(s) == len(word) <= 3 and weighted_distance(s, word) >= 1.0)


def _roman_numeral(token: str, section: str) -> str:
    if section in SECTIONS:
        return SECTIONS[section]
    if token in "ⅠⅡⅢ":
        return token
    return _ROMAN_BY_STROKES.get(len(token), "Ⅰ")


_BRACKETS = {"【": "】", "[": "]", "［": "］", "〔": "〕", "(": ")", "（": "）"}


def _core(s: str, transforms: list[str]) -> str:
    """The label's words as OCR should have read them: Japanese forms, no stray dots or spaces."""
    t = s.translate(SIMPLIFIED)
    if t != s:
        transforms.append("simplified-form")
    s = t
    t = merge_letter_spacing(_drop_stray_dots(s))
    if t != s:
        transforms.append("stray-dots")
    s = t
    t = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", s)
    if t != s:
        transforms.append("ocr-spaces")
    s = t
    t = s.rstrip(".・·,、") if len(s) > 2 and is_cjk_char(s[0]) else s  # a speck after the label
    t = re.sub(r"^[.·,、'`]+(?=[^\x00-\x7f])", "", t) if len(t) > 2 else t  # or before it (not ・, a bullet)
    if t != s:
        transforms.append("stray-dots")
    return t


def kana_size(s: str, words: Iterable[str]) -> str:
    """``s`` with each kana whose size OCR got wrong put right, by the known words' evidence.

    A kana is changed to its other size only when a stretch of SMALL_WINDOW characters around
    it, a kanji among them, is then part of a known word and was not before: 道路橋りよう維持補修事業
    → 道路橋りょう…, because 道路橋りょう費 is known. A label of kana alone (りよう, 利用 spelt out)
    is never changed.
    """
    text = "\n".join(words)
    for i, ch in enumerate(s):
        other = _KANA_SIZE.get(ch)
        if other is None:
            continue
        v = s[:i] + other + s[i + 1 :]
        for a in range(max(0, i - SMALL_WINDOW + 1), min(i, len(s) - SMALL_WINDOW) + 1):
            window = v[a : a + SMALL_WINDOW]
            if (
                any(is_cjk_char(c) and not is_kana(c) for c in window)
                and window in text
                and s[a : a + SMALL_WINDOW] not in text
            ):
                s = v
                break
    return s


def _other_core(reading: str) -> str:
    found = _ROMAN.match(reading)
    rest = reading[found.end() :] if found else split_numbering(reading)[1]
    return _core(rest, [])


def _repair(
    text: str,
    vocabulary: Iterable[str],
    taken: Iterable[str],
    roman: bool,
    readings: tuple[str, ...] = (),
    confidence: float = 1.0,
) -> Repair:
    transforms: list[str] = []
    found = _ROMAN.match(text) if roman else None
    numbering, rest = ("", text[found.end() :]) if found else split_numbering(text)
    s = _core(rest, transforms)
    # a group heading set in brackets (【流動資産】): the word inside is looked up, the brackets kept
    opening, closing = "", ""
    if len(s) > 3 and _BRACKETS.get(s[0]) == s[-1]:
        opening, closing, s = s[0], s[-1], s[1:-1]
    words = builtin_lexicon() | frozenset(vocabulary)
    t = kana_size(s, words)
    if t != s:
        transforms.append("small-kana")
    s = t
    others = [o for o in dict.fromkeys(_other_core(r) for r in readings) if o and o != s]
    near: tuple[str, ...] = ()
    cjk = sum(is_cjk_char(ch) for ch in s)
    if (
        s not in words
        and all(is_cjk_char(ch) or ch in _NOISE for ch in s)
        and cjk >= len(s) - 1
        and (cjk >= 2 or others)
    ):
        known = [o for o in others if o in words]  # another reading shows a known word as it is
        best, near = choose_word([s, *others], words, frozenset(taken))
        if best is None and known and len(set(known)) == 1 and not near:
            best = known[0]
        if best is not None and not _explained(s, best, others, confidence):
            near, best = (best,) if len(s) == len(best) else (), None
        if best is None and numbering and len(s) == 2:
            best = _best_heading(s, words)
        if best is not None:
            s = best
            transforms.append("lexicon")
    doubtful = s not in words and bool(near or others or confidence < DOUBT_LABEL)
    maybe = tuple(dict.fromkeys([*near, *others]))[:3] if doubtful else ()
    s = opening + s + closing
    if found:
        if not s.endswith("の部"):  # not a section: read it again as ordinary numbering
            return _repair(text, vocabulary, taken, roman=False, readings=readings, confidence=confidence)
        numbering = _roman_numeral(found.group(1), s)
        if text[: found.end()] != numbering + " ":
            transforms.append("ocr-numbering")
    elif not numbering and s in SECTIONS:  # the numeral OCR dropped
        numbering = SECTIONS[s]
        transforms.append("ocr-numbering")
    elif numbering and text[len(numbering) :][:1] != " ":
        transforms.append("ocr-spaces")
    if not transforms:
        return Repair(text, doubtful=doubtful, maybe=maybe)
    return Repair(f"{numbering} {s}" if numbering else s, tuple(dict.fromkeys(transforms)), doubtful, maybe)


def family_word(core: str, above: Sequence[str], below: Sequence[str], words: frozenset[str]) -> str | None:
    """A doubtful label settled by the budget's structure: the rows around it name its family.

    A parent printed above its children (減価償却費, then 設備減価償却費, 車輛減価償却費) is the known
    word the next two labels end with; a child is its siblings' known ending after its own prefix
    (政備減研価年費 among …減価償却費 rows → 設備減価償却費 through the lexicon). Either way the
    label must still look like that word (within 60% of its length) and the result must be a
    known word. ``above``/``below``: the neighbouring labels' words, nearest first (numbering off).
    """

    def shared_ending(labels: Sequence[str]) -> list[str]:
        return [
            w
            for w in words
            if len(w) >= 3 and len(labels) >= 2 and all(x.endswith(w) and x != w for x in labels[:2])
        ]

    for w in shared_ending(below):  # a parent above its children
        if abs(len(core) - len(w)) <= 1 and weighted_distance(core, w) <= 0.6 * len(w):
            return w
    near = [x for x in [*above[:2], *below[:2]] if x]
    siblings = [w for w in words if len(w) >= 3 and sum(x.endswith(w) and x != w for x in near) >= 2]
    for w in siblings:  # a child among children
        if len(core) > len(w) and weighted_distance(core[-len(w) :], w) <= 0.6 * len(w):
            guess = core[: len(core) - len(w)] + w
            if guess in words:
                return guess
            best, _ = choose_word([guess], words)
            if best is not None and best.endswith(w):
                return best
    return None
