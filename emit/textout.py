"""Text as written to files: 機種依存文字 written out (総務省 2020), and encodings that never lose a character."""

from __future__ import annotations

import codecs

from chohyo.charmap import machine_readable
from chohyo.errors import OutputError


def write_out(text: str) -> str:
    """①→(1), ㈱→(株), ㍻→平成: 機種依存文字 replaced by what they stand for (chohyo.charmap)."""
    return machine_readable(text) if text else text


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_lines(text: str) -> str:
    """Wrapped lines as one line: Japanese joins with nothing, Latin words with a space."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        out += (" " if _latin(out[-1]) and _latin(line[0]) else "") + line
    return out


# JIS X 0208 characters that cp932 (Microsoft) and shift_jis (JIS) map to different code points:
# cp932 encodes 〜 but reads it back as ～, so each is replaced by the one that survives the round trip.
_CP932 = {"〜": "～", "−": "－", "‖": "∥", "¢": "￠", "£": "￡", "¬": "￢", "—": "―", "¦": "￤"}
_SHIFT_JIS = {v: k for k, v in _CP932.items() if k not in "—¦"} | {"—": "―"}
_EQUIVALENTS = {"cp932": _CP932, "shift_jis": _SHIFT_JIS}


def _survives(text: str, encoding: str) -> bool:
    try:
        return text.encode(encoding).decode(encoding) == text
    except UnicodeError:
        return False


def encodable(text: str, encoding: str, where: str) -> str:
    """``text`` with each character the encoding cannot round-trip replaced by its equivalent.

    Raises OutputError naming ``where`` (the cell) when a character has no equivalent:
    never a silent ``?``.
    """
    enc = codecs.lookup(encoding).name
    if enc.startswith("utf") or _survives(text, enc):
        return text
    table = _EQUIVALENTS.get(enc, {})
    out = []
    for ch in text:
        if _survives(ch, enc):
            out.append(ch)
        elif ch in table and _survives(table[ch], enc):
            out.append(table[ch])
        else:
            raise OutputError(
                f"{where}: the character {ch!r} (U+{ord(ch):04X}) cannot be written in {encoding}; "
                "use --encoding utf-8-sig (Excel reads it) or utf-8"
            )
    return "".join(out)
