"""Note marks set as superscripts (``24.91`` with a small raised ``2``): never part of the figure.

Read as plain glyphs the mark runs into the number before it (``24.912``, a wrong value no check
sees). A digit set smaller than the glyph it follows (three quarters of its size or less), raised
off that glyph's baseline and touching it, is written as the superscript it is (``24.91²``: the
text as printed; normalize reads the figure 24.91 and keeps the mark). camelot's ``flag_size``
option writes it ``24.91<s>2</s>`` instead. Only digits: a raised ``th`` or ``st`` stays as it is.
"""

from __future__ import annotations

from chohyo.extract.tables.geometry import Char
from chohyo.japanese.numbers import SUPERSCRIPT_DIGITS

SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
SMALLER = 0.75  # a mark's size against the glyph it follows
RAISED = 0.2  # its baseline this many of the base glyph's sizes above the base's


def mark_superscripts(chars: list[Char], flag_size: bool = False) -> list[Char]:
    """``chars`` (in content order) with superscript digits written as such (see the module)."""
    out = list(chars)
    base: Char | None = None  # the full-size glyph a run of marks hangs on
    run: list[int] = []
    for i, c in enumerate(chars):
        if c.is_space:
            base = None
            _close(out, run, flag_size)
            run = []
            continue
        anchor = chars[run[-1]] if run else base
        if (
            base is not None
            and anchor is not None
            and "0" <= c.text <= "9"
            and len(c.text) == 1
            and c.size <= SMALLER * base.size
            and c.bottom <= base.bottom - RAISED * base.size
            and c.bottom > base.top
            and -0.2 * base.size <= c.x0 - anchor.x1 <= 0.3 * base.size
        ):
            run.append(i)
            continue
        _close(out, run, flag_size)
        run = []
        base = c
    _close(out, run, flag_size)
    return out


def _close(out: list[Char], run: list[int], flag_size: bool) -> None:
    if not run:
        return
    for k in run:
        c = out[k]
        text = c.text if flag_size else c.text.translate(SUPERSCRIPT)
        out[k] = Char(text, c.x0, c.top, c.x1, c.bottom, c.size)
    if flag_size:  # camelot's markup round the run
        first = out[run[0]]
        out[run[0]] = Char("<s>" + first.text, first.x0, first.top, first.x1, first.bottom, first.size)
        last = out[run[-1]]
        out[run[-1]] = Char(last.text + "</s>", last.x0, last.top, last.x1, last.bottom, last.size)
