"""`chohyo extract`'s page bar: drawn on stderr when it is a terminal, fed by the library's callback.

The library only calls ``progress(done, total)`` after each page; drawing is this module's job.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from chohyo.pipeline import Progress

LONG = 20  # pages: a shorter document is done before a bar would be worth drawing


class PageBar:
    """A rich bar over one document's pages, started at the first page of a long document."""

    def __init__(self, name: str, stream: TextIO) -> None:
        self.name, self.stream = name, stream
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.progress is None:
            if total < LONG:
                return
            from rich.console import Console
            from rich.markup import escape
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            console = Console(file=self.stream, force_terminal=True, highlight=False)
            self.progress = Progress(
                TextColumn(f"[bold]{escape(self.name)}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("pages"),
                TimeRemainingColumn(),
                console=console,
                transient=True,  # the summary that follows is what stays on the screen
            )
            self.progress.start()
            self.task = self.progress.add_task("pages", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


@contextmanager
def page_bar(name: str, quiet: bool, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A progress callback for one document, or None when stderr is not a terminal or under --quiet."""
    out = stream or sys.stderr
    if quiet or not out.isatty():
        yield None
        return
    bar = PageBar(name, out)
    try:
        yield bar
    finally:
        bar.close()
