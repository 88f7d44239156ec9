"""機種依存文字 written out for machine-readable output (総務省 2020 rule 1-10).

The model keeps what was printed (``①受取会費``); CSV writers call ``machine_readable`` so the file
holds ``(1)受取会費``. Roman numerals (Ⅰ, Ⅱ) are kept: they are the printed numbering and cp932
encodes them. Shared by the normalize stage (``chohyo normalize``) and the emit stage.
"""

from __future__ import annotations

import re
import unicodedata


def _build() -> dict[str, str]:
    out: dict[str, str] = {}
    for cp in range(0x2460, 0x2474):  # ① .. ⑳ → (1) .. (20)
        out[chr(cp)] = f"({cp - 0x2460 + 1})"
    for cp in range(0x24EB, 0x24F5):  # ⓫ .. ⓴
        out[chr(cp)] = f"({cp - 0x24EB + 11})"
    for cp in range(0x2776, 0x2780):  # ❶ .. ❿
        out[chr(cp)] = f"({cp - 0x2776 + 1})"
    for cp in range(0x3251, 0x3260):  # ㉑ .. ㉟
        out[chr(cp)] = f"({cp - 0x3251 + 21})"
    for cp in range(0x32B1, 0x32C0):  # ㊱ .. ㊿
        out[chr(cp)] = f"({cp - 0x32B1 + 36})"
    # ⑴ .. ⒇ (parenthesized), ⒈ .. ⒛ (full stop), ㈠ .. ㉃ and ㊀ .. ㊰ (ideographs),
    # ㍻ ㍼ ㍽ ㍾ ㋿ (era squares), ㎜ ㎏ ㎡ ... (unit squares), ㌔ ㍉ ... (katakana squares):
    # their compatibility decomposition is the written-out form.
    ranges = [(0x2474, 0x249C), (0x3200, 0x3244), (0x3280, 0x32B1), (0x32FF, 0x3300), (0x3300, 0x3400)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            n = unicodedata.normalize("NFKC", ch)
            if n != ch:
                out[ch] = n
    for cp in range(0x3280, 0x32B1):  # ㊀ → (一): keep the parentheses the circle stood for
        ch = chr(cp)
        if ch in out and len(out[ch]) == 1:
            out[ch] = f"({out[ch]})"
    out.update({"№": "No.", "℡": "TEL", "™": "TM", "〝": "\u201c", "〟": "\u201d"})
    return out


MACHINE_READABLE: dict[str, str] = _build()
_TABLE = str.maketrans(MACHINE_READABLE)
# one search finds whether there is anything to replace: several times faster than a translate
# of a text with nothing to replace (almost every text)
_ANY = re.compile("[" + "".join(map(re.escape, sorted(MACHINE_READABLE))) + "]")


def machine_readable(text: str) -> str:
    """``①受取会費`` → ``(1)受取会費``, ``㈱`` → ``(株)``, ``㍻`` → ``平成``; other characters unchanged."""
    return text.translate(_TABLE) if _ANY.search(text) else text


__all__ = ["MACHINE_READABLE", "machine_readable"]
