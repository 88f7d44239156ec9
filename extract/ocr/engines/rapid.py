"""RapidOCR (PP-OCR ONNX models shipped inside its wheel; optional extra ``ocr``) for label cells.

Measured on the scanned budgets (bench/sections/ocr.py): it reads kanji labels far better than
Tesseract ``jpn`` at 150–200 dpi, while Tesseract with a digit whitelist reads numbers better;
so labels and headers go to RapidOCR when it is installed, numbers to Tesseract. Its Chinese
recognizer prints simplified or traditional forms (费 for 費, 增 for 増): mapped back to the
Japanese forms below. Only recognition runs (cells are already cut out): no detection pass.
"""

from __future__ import annotations

import ctypes
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import cv2
import numpy as np
from chohyo.extract.ocr.engines.base import OcrEngine, Reading, ReadKind, carried
from chohyo.extract.ocr.threads import ocr_threads
from chohyo.runtime import import_onnxruntime

# Simplified / traditional Chinese forms → Japanese (shinjitai) forms, for characters of accounts,
# budgets and council reports. Only forms that are not themselves used in Japanese are mapped; 币
# (幣) is the recognizer's reading of 市 (幣民 for 市民), which these documents print far more often.
_PAIRS = (
    "费費 增増 债債 财財 产産 產産 减減 赁賃 查査 收収 营営 员員 热熱 价価 值値 偿償 东東 计計 业業 务務 资資 运運 "
    "设設 备備 车車 辆輛 纳納 贷貸 统統 卫衛 发発 购購 关関 给給 职職 讲講 习習 训訓 报報 杂雑 经経 额額 类類 "
    "项項 单単 预予 处処 实実 险険 负負 损損 钱銭 银銀 协協 议議 选選 举挙 账帳 帐帳 总総 结結 转転 广広 团団 "
    "动動 长長 规規 则則 权権 证証 书書 质質 图図 续続 组組 织織 论論 调調 录録 访訪 问問 题題 应応 对対 劳労 "
    "学学 气気 区区 两両 万万 条条 数数 检検 卖売 说説 让譲 医医 铁鉄 据拠 担担 传伝 识識 认認 读読 语語 许許 "
    "责責 贯貫 际際 馆館 级級 优優 缘縁 邮郵 间間 闻聞 门門 开開 园園 储貯 补補 缮繕 样様 满満 决決 济済 惠恵 "
    "灾災 宽寛 库庫 厅庁 庆慶 乡郷 县県 镇鎮 绍紹 继継 绩績 币市 师師 张張 亿億 标標 准準 节節 时時 风風 闭閉 "
    "闲閑 阅閲 养養 销銷 铺舗 與与 會会 當当 經経 營営 價価 舊旧 來来 實実 變変 圖図 點点 數数 對対 檢検 賣売 "
    "續続 總総 稅税 說説 證証 讓譲 醫医 鐵鉄 廣広 團団 擔担 據拠 處処 勞労 學学 氣気 區区 兩両 萬万 條条 "
    "内内 黄黄 单単 义義 乐楽 书書 亚亜 产産 亲親 仪儀 伤傷 众衆 优優 会会 体体 余余 来来 写写 农農 冲沖 净浄 "
    "减減 几幾 别別 划画 创創 办弁 务務 动動 劝勧 势勢 华華 卢盧 压圧 厂廠 历歴 县県 参参 双双 变変 叶葉 号号 "
    "颁頒 歲歳 儿児 徵徴"
)
_TO_JAPANESE = {ord(pair[0]): pair[1] for pair in _PAIRS.split()}

_LOCK = threading.Lock()
_ENGINE: Any = None


def to_japanese(text: str) -> str:
    return text.translate(_TO_JAPANESE)


def available() -> bool:
    try:
        import_onnxruntime()  # leaves no telemetry file in the temp folder
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


def _engine() -> Any:
    """The RapidOCR object, built once; its models load on first use (recognizer, direction classifier)."""
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            import logging

            import_onnxruntime()  # first: telemetry off, its session file kept out of the temp folder
            from rapidocr import RapidOCR

            _no_spinning()

            _ENGINE = RapidOCR(
                params={
                    "Global.log_level": "error",
                    # CHOHYO_OCR_THREADS: the cores are shared out between the sessions (lanes)
                    "EngineConfig.onnxruntime.intra_op_num_threads": max(1, ocr_threads() // lanes()),
                    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                    # The arena keeps the recognizer's tensors between batches (grown as requested:
                    # rapidocr's kSameAsRequested). Without it every tensor was mapped and unmapped
                    # again: measured on pp. 9-12 of the copier scan, 0.45 system CPU s a page of page
                    # faults and a higher peak RSS (532 against 483 MB), the same readings.
                    "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
                }
            )
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        return _ENGINE


def _no_spinning() -> None:
    """onnxruntime's worker threads spin while they wait for work: on two cores shared with the
    Tesseract processes of the same page that is CPU taken from them (the readings are the same)."""
    from rapidocr.inference_engine.onnxruntime.main import OrtInferSession

    made = OrtInferSession._init_sess_opts
    if getattr(made, "no_spinning", False):
        return

    def options(cfg: Any) -> Any:
        opts = made(cfg)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return opts

    options.no_spinning = True  # type: ignore[attr-defined]
    setattr(OrtInferSession, "_init_sess_opts", staticmethod(options))  # noqa: B010


def _recognizer() -> Any:
    return _engine()._load_rec_model()


_LANES_LOCK = threading.Lock()
_LANES: list[Any] = []  # recognizers of their own (one ONNX session each) beside the engine's


def lanes() -> int:
    """Recognizer sessions reading a call's batches side by side: one a core, at most two. Each
    session runs one intra-op thread: two sessions on two batches at once used the cores with no
    overhead, where one session's two intra-op threads on one batch cost 15% more CPU (measured on
    the label, header, number and prose crops of pp. 9-12 of the copier scan: the same readings)."""
    return max(1, min(2, ocr_threads()))


def _recognizers() -> list[Any]:
    from rapidocr.ch_ppocr_rec.main import TextRecognizer

    first = _recognizer()
    with _LANES_LOCK:  # not _LOCK: _engine takes that one
        while 1 + len(_LANES) < lanes():
            _LANES.append(TextRecognizer(_engine().cfg.Rec))  # the same model and settings
        return [first, *_LANES[: lanes() - 1]]


def _recognized(
    recs: list[Any], images: list[np.ndarray], min_width: int | None = None
) -> list[tuple[Any, float, Any]]:
    """(text, score, word result) per image. The batches are made as the recognizer makes them
    (images sorted by width / height, ``rec_batch_num`` a batch, each padded to its widest): a
    batch read alone, by any session, reads as it does in one call over all the images (padding
    is part of the reading: the batches must not change, nor the width a batch is padded to).
    An odd batch out is read in two halves side by side, both padded as the whole batch
    (tests/ocr/test_rapid_lanes.py): a page's few title lines no longer keep one core idle.
    ``min_width``: the narrowest a batch is padded to (the recognizer's own setting if None)."""
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    size = int(recs[0].rec_batch_num)
    ratios = [img.shape[1] * 1.0 / img.shape[0] for img in images]
    order = np.argsort(np.array(ratios))
    height, base = int(recs[0].rec_image_shape[1]), min_width or int(recs[0].rec_image_shape[2])
    # (images, padded width) a job: a batch's images are padded to its widest (at least ``base``),
    # the width computed as the recognizer computes it
    jobs = []
    for k in range(0, len(order), size):
        batch = [int(i) for i in order[k : k + size]]
        jobs.append((batch, int(height * max(base / height, *(ratios[i] for i in batch)))))
    if len(recs) > 1 and len(jobs) % 2 == 1 and len(jobs[-1][0]) > 1:
        # an odd batch out would leave a lane idle (a page's 4 title lines: one batch, one core):
        # its halves are read side by side, each padded to the whole batch's width, as one batch is
        last, width = jobs.pop()
        half = (len(last) + 1) // 2
        jobs += [(last[:half], width), (last[half:], width)]
    out: list[tuple[Any, float, Any]] = [("", 0.0, None)] * len(images)
    todo = iter(range(len(jobs)))
    take = threading.Lock()

    def lane(rec: Any) -> None:
        shape = list(rec.rec_image_shape)
        try:
            while True:
                with take:
                    k = next(todo, None)
                if k is None:
                    return
                batch, width = jobs[k]
                rec.rec_image_shape = [*shape[:2], width]
                # word boxes: for the per-character confidences
                res = rec(TextRecInput(img=[images[i] for i in batch], return_word_box=True))
                for i, text, score, words in zip(batch, res.txts, res.scores, res.word_results, strict=True):
                    out[i] = (text, score, words)
        finally:
            rec.rec_image_shape = shape

    if len(recs) == 1 or len(jobs) == 1:
        lane(recs[0])
        return out
    with ThreadPoolExecutor(max_workers=len(recs) - 1) as pool:
        others = [pool.submit(lane, rec) for rec in recs[1:]]
        lane(recs[0])
        for f in others:
            f.result()  # a lane's error is the call's
    return out


def upright_votes(crops: list[np.ndarray]) -> list[float]:
    """For each grayscale text-line crop, PP-OCR's direction classifier: +score when it finds the line
    upright, -score when upside down (orient.py: ~0.06 s for a page's sample lines)."""
    if not crops:
        return []
    cls = _engine()._load_cls_model()
    with _LOCK:
        out = cls([cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in crops])
    return [float(score) if "180" not in str(label) else -float(score) for label, score in out.cls_res]


def _give_back_memory() -> None:
    """Return the recognizer's freed tensors to the OS (glibc keeps them otherwise: measured ~250 MB
    of a batch worker's peak on a two-page scan); a few milliseconds per call."""
    global _TRIM
    if _TRIM is None:
        try:
            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):  # not glibc
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM: Any = None

_STRAY_DOT = re.compile(r"(?<=[^\x00-\x7f])\s*[·•・.]\s*(?=[^\x00-\x7f])")


def _katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30ff" and ch != "・"


def _drop_dot(m: re.Match[str]) -> str:
    s, a, b = m.string, m.start(), m.end()
    if a > 0 and b < len(s) and _katakana(s[a - 1]) and _katakana(s[b]):
        return "・"
    return ""


# Further Chinese forms seen in names and prose (中島光德, 黑川勝): mapped only where the text is
# prose or a name (``keep_dots``), so the label readings measured above stay as they were.
_PROSE_FORMS = {ord(a): b for a, b in ("德徳", "黑黒", "绿緑", "边辺")}
_DOT = re.compile(r"(?<=[^\x00-\x7f])\s*[·•]\s*(?=[^\x00-\x7f])")


# A long vowel mark read as the kanji 一 (センタ一): after katakana it is ー, unless a word of 一
# follows (システム一式, データ一覧, メール一括).
_ONE_WORDS = "式覧括部般時体元本定律件同層連致切環種方面斉回度番人日月年次期円千万億名台箇個つヶカか"
_LONG_VOWEL = re.compile(rf"(?<=[ァ-ヺ])一(?![{_ONE_WORDS}])")


def long_vowels(text: str) -> str:
    return _LONG_VOWEL.sub("ー", text)


# The recognizer pads every batch to at least 320 px wide (at 48 px high); a number is shorter.
# Padded to 160, number crops read twice as fast with the same digits (measured on the 150 and
# 200 dpi budget scans: 1,029 numbers, 4.9 s against 9.7 s, only , and . swapped). Not so a lone
# digit (a 0 read 6 on budget_borderless_200) nor labels (賃借料 → 質借料): they keep the default.
NUMBER_MIN_WIDTH = 160
SHORT_NUMBER = 2.0  # width / height below which a number crop is read with the default padding


def _short(crop: np.ndarray) -> bool:
    return bool(crop.shape[1] < SHORT_NUMBER * crop.shape[0])


def read_lines(crops: list[np.ndarray], *, keep_dots: bool = False, numbers: bool = False) -> list[Reading]:
    """One text line per crop (grayscale), recognized in batches; one Reading per crop.

    ``keep_dots``: prose and lists of names, where a dot between two words is a nakaguro
    (調査・研究, 自由民主党・無所属の会), not the gap of a letter-spaced label: kept as ・.
    ``numbers``: the crops are number cells (padded less: NUMBER_MIN_WIDTH)."""
    if not crops:
        return []
    if numbers and any(_short(c) for c in crops):  # lone digits apart, with the default padding
        short = [_short(c) for c in crops]
        parts = {
            flag: iter(
                read_lines([c for c, s in zip(crops, short, strict=True) if s == flag], numbers=not flag)
            )
            for flag in (True, False)
        }
        return [next(parts[s]) for s in short]
    images = [cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in crops]
    recs = _recognizers()
    with _LOCK:  # the sessions are the page's: calls are serialized, their batches shared out
        results = _recognized(recs, images, NUMBER_MIN_WIDTH if numbers else None)
        _give_back_memory()
    readings = []
    for text, score, words in results:
        # a stray dot between two kanji is a speck or a letter-spacing gap, never text
        # (a nakaguro between katakana words is text: ローコード・ノーコード)
        raw = to_japanese(str(text))
        if keep_dots:
            raw = raw.translate(_PROSE_FORMS)
            t = _DOT.sub("・", raw.strip())
        else:
            t = _STRAY_DOT.sub(_drop_dot, raw.strip())
        t = long_vowels(t)
        if re.fullmatch(r"[\s·•・.,:;'`_\-~、。]*", t):  # only specks
            t = ""
        confs = getattr(words, "confs", None) or []
        readings.append(
            carried(Reading(raw, tuple(float(c) for c in confs), score=float(score)), t) if t else Reading()
        )
    return readings


class RapidOcr(OcrEngine):
    """RapidOCR (PP-OCR): labels, headers and prose lines (measured far better on kanji than Tesseract
    ``jpn``), the second reading of doubtful numbers (99.8% right at 150-200 dpi, but ~4x slower
    than Tesseract, so only the doubtful ones) and of label and text cells, and the direction
    classifier that says which way up a page is. Recognition only: cells are already cut out."""

    name = "rapidocr"
    title = "RapidOCR"
    good_for = frozenset(
        {
            ReadKind.TEXT,
            ReadKind.HEADER,
            ReadKind.PROSE,
            ReadKind.NUMBER_CHECK,
            ReadKind.TEXT_CHECK,
            ReadKind.UPRIGHT,
        }
    )
    line_reader = True
    install_hint = "reinstall chohyo, or pip install rapidocr onnxruntime"

    @classmethod
    def available(cls) -> bool:
        return available()

    def read_lines(self, crops: list[np.ndarray], kind: ReadKind = ReadKind.TEXT) -> list[Reading]:
        return read_lines(crops, keep_dots=kind is ReadKind.PROSE)

    def read_digits(self, crops: list[np.ndarray]) -> list[Reading]:
        return read_lines(crops, numbers=True)

    def upright_votes(self, crops: list[np.ndarray]) -> list[float]:
        return upright_votes(crops)
