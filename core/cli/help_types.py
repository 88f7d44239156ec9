"""Help text placeholders people can read: no ``<bool>`` beside a flag, ``<path>...`` for a list.

typer prints each parameter's Python type; a flag takes no value and ``<list[Path]>`` is Python, not
a placeholder. Options that state their own metavar (``--pages <pages>``) keep it.
"""

from __future__ import annotations

import re
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperOption

_LIST = re.compile(r"<?list\[(\w+)\]>?")


def _placeholder(text: str | None) -> str | None:
    if text is None:
        return None
    m = _LIST.fullmatch(text)
    return f"<{m.group(1).lower()}>..." if m else text


class TidyCommand(TyperCommand):
    def get_params(self, ctx: Any) -> Any:  # typer's own copy of click: its types are private
        params = super().get_params(ctx)
        for p in params:
            if isinstance(p, TyperArgument | TyperOption) and not getattr(p, "_tidy", False):
                shown = p.display_type_rich
                flag = bool(getattr(p, "is_flag", False))  # a flag takes no value: no placeholder

                def tidy(ctx: Any, shown: Any = shown, flag: bool = flag) -> str | None:
                    return None if flag else _placeholder(shown(ctx))

                p.display_type_rich = tidy  # type: ignore[method-assign]
                p._tidy = True  # type: ignore[union-attr]
        return params


__all__ = ["TidyCommand"]
