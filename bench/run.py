"""`make bench`: run every section in bench/sections/ and write bench/RESULTS.md.

A section is a module with ``TITLE`` (str), ``ORDER`` (int) and ``run() -> str`` returning
Markdown. Figures are ratios against peers run side by side in this same process.
Run one section: ``python -m bench.run extract``.
"""

from __future__ import annotations

import importlib
import pkgutil
import platform
import sys
import time
import traceback
from pathlib import Path

import bench.sections

RESULTS = Path(__file__).with_name("RESULTS.md")


def _sections(only: list[str]) -> list[object]:
    mods = []
    for info in pkgutil.iter_modules(bench.sections.__path__):
        if only and info.name not in only:
            continue
        mods.append(importlib.import_module(f"bench.sections.{info.name}"))
    return sorted(mods, key=lambda m: getattr(m, "ORDER", 100))


def main(argv: list[str]) -> int:
    only = [a for a in argv if not a.startswith("-")]
    parts = [
        "# chohyo benchmarks\n",
        f"Last written by `make bench` (or `python -m bench.run NAME`) on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"Python {platform.python_version()}, {platform.machine()}, "
        f"{len(__import__('os').sched_getaffinity(0))} cores. Peers run in the same process on the same files; "
        "each section says when it was measured (`python -m bench.run NAME` refreshes one).\n",
    ]
    failed = 0
    for mod in _sections(only):
        title = getattr(mod, "TITLE", mod.__name__)
        print(f"== {title}", flush=True)
        start = time.perf_counter()
        try:
            body = mod.run()  # type: ignore[attr-defined]
        except Exception:
            failed += 1
            body = "```\n" + traceback.format_exc() + "```\n"
        print(f"   {time.perf_counter() - start:.1f}s", flush=True)
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        parts.append(f"## {title}\n\n_Measured {stamp}._\n\n{body.strip()}\n")
    text = "\n".join(parts)
    if only and RESULTS.exists():  # some sections: replace just them, keep the others (each is dated)
        text = _merge(RESULTS.read_text(encoding="utf-8"), parts[:2], parts[2:])
    elif (
        RESULTS.exists()
    ):  # a full run keeps the sections measured by hand (no module makes them), after its own
        text = _keep_hand_sections(RESULTS.read_text(encoding="utf-8"), text, parts[2:])
    RESULTS.write_text(text, encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 1 if failed else 0


def _keep_hand_sections(old: str, text: str, new_parts: list[str]) -> str:
    made = {part.split("\n", 1)[0][3:] for part in new_parts}
    titles = {m.__name__: getattr(m, "TITLE", m.__name__) for m in _sections([])}  # type: ignore[attr-defined]
    kept = [
        "## " + c.rstrip() + "\n"
        for c in old.split("\n## ")[1:]
        if c.split("\n", 1)[0] not in made and c.split("\n", 1)[0] not in titles.values()
    ]
    return text.rstrip() + "\n" + ("\n" + "\n".join(kept) if kept else "")


def _merge(old: str, head_parts: list[str], new_parts: list[str]) -> str:
    chunks = old.split("\n## ")
    head, sections = "\n".join(head_parts), {c.split("\n", 1)[0]: "## " + c for c in chunks[1:]}
    added = {}
    for part in new_parts:
        title = part.split("\n", 1)[0][3:]
        if title in sections:
            sections[title] = part
        else:  # a section new to RESULTS.md goes first until a full `make bench` orders them all
            added[title] = part
    sections = {**added, **sections}
    return head + "\n" + "\n".join(s.rstrip() + "\n" for s in sections.values())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
