"""chohyo.extract.ascii85 decodes as base64.a85decode does: the same bytes, the same errors."""

from __future__ import annotations

import base64
import random

import pytest
from chohyo.extract.ascii85 import a85decode

SKIP = b" \t\n\r\f\v\x00"


def _both(text: bytes) -> tuple[tuple[str, object], tuple[str, object]]:
    out = []
    for decode in (lambda t: base64.a85decode(t, ignorechars=SKIP), a85decode):
        try:
            out.append(("bytes", decode(text)))
        except ValueError as err:
            out.append(("error", str(err)))
    return out[0], out[1]


@pytest.mark.parametrize(
    "text",
    [b"", b"!", b"!!", b"z", b"zz", b"z!!", b"!!!!!z", b"!!!!!z!!", b"s8W-!", b'87cURD]i,"Ebo80'],
)
def test_edge_cases_decode_alike(text: bytes) -> None:
    ours, theirs = _both(text)
    assert ours == theirs and ours[0] == "bytes"


@pytest.mark.parametrize("text", [b"!z", b"uuuuu", b"ab~cd", b"!!!!!\x7f"])
def test_bad_data_fails_with_base64s_message(text: bytes) -> None:
    theirs, ours = _both(text)
    assert theirs[0] == "error" and ours == theirs


def test_random_image_like_data_and_cut_streams() -> None:
    rng = random.Random(15)
    for _ in range(200):
        raw = bytes(rng.choice([0, 0, 0, 255, rng.randrange(256)]) for _ in range(rng.randrange(60)))
        text = base64.a85encode(raw, wrapcol=rng.choice([0, 9, 75]))
        assert a85decode(text) == raw
        cut = text[: rng.randrange(len(text) + 1)]
        theirs, ours = _both(cut)
        assert ours == theirs
