"""Golden files are rewritten only by `make golden`; leaving the flag on would make them pass blindly."""

from __future__ import annotations

import os


def test_regeneration_flag_is_off() -> None:
    assert not os.environ.get("CHOHYO_REGEN_GOLDEN"), (
        "CHOHYO_REGEN_GOLDEN is set outside `make golden` (pytest -k golden): unset it, and review "
        "tests/golden/ with git diff before committing"
    )
