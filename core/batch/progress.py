"""Progress display: a rich bar on a terminal, one plain line per document otherwise, or nothing."""

from __future__ import annotations

import sys
import time
from typing import Any, Protocol

from chohyo.batch.inputs import Job
from chohyo.batch.names import display
from chohyo.batch.outcome import DONE, Outcome


class Reporter(Protocol):
    def start(self, total: int, to_convert: int) -> None: ...
    def done(self, job: Job, outcome: Outcome) -> None: ...
    def close(self) -> None: ...

    # optional: def note(self, text: str) -> None  (a line that is not a finished document)


def _line(outcome: Outcome) -> str:
    """One document's line; names and messages escaped (no control character reaches the terminal)."""
    if outcome.status == DONE:
        return (
            f"done    {display(outcome.key)}: {outcome.pages} page(s), {outcome.tables} table(s), "
            f"{outcome.errors} error(s), {outcome.seconds:.1f} s"
        )
    return (
        f"{outcome.status:<7} {display(outcome.key)}: {outcome.error_code}: {display(outcome.error_message)}"
    )


class Quiet:
    def start(self, total: int, to_convert: int) -> None:
        pass

    def done(self, job: Job, outcome: Outcome) -> None:
        pass

    def note(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


class Plain:
    """For CI and cron: one line per finished document, flushed at once."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stdout
        self.n = self.total = self.pages = 0
        self.t0 = time.perf_counter()

    def start(self, total: int, to_convert: int) -> None:
        self.total = to_convert
        print(
            f"chohyo batch: {total} input(s), {to_convert} to convert, {total - to_convert} skipped",
            file=self.stream,
            flush=True,
        )

    def done(self, job: Job, outcome: Outcome) -> None:
        self.n += 1
        self.pages += outcome.pages
        rate = self.pages / max(time.perf_counter() - self.t0, 1e-9)
        print(f"[{self.n}/{self.total}] {_line(outcome)} ({rate:.1f} pages/s)", file=self.stream, flush=True)

    def note(self, text: str) -> None:
        print(display(text), file=self.stream, flush=True)

    def close(self) -> None:
        pass


class Bar:
    """A rich progress bar: documents (with ETA) and pages (with rate)."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class PagesColumn(ProgressColumn):
            def render(self, task: Any) -> Text:
                pages = task.fields.get("pages", 0)
                rate = pages / task.elapsed if task.elapsed else 0.0
                return Text(f"{pages} pages, {rate:.1f} pages/s", style="progress.data.speed")

        self.progress = Progress(
            TextColumn("[bold]chohyo batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("docs"),
            PagesColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
        )
        self.task: Any = None
        self.pages = 0

    def start(self, total: int, to_convert: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("docs", total=to_convert, pages=0)

    def done(self, job: Job, outcome: Outcome) -> None:
        self.pages += outcome.pages
        self.progress.update(self.task, advance=1, pages=self.pages)
        if outcome.status != DONE:
            self.progress.console.print(_line(outcome), style="red", highlight=False, markup=False)

    def note(self, text: str) -> None:
        self.progress.console.print(display(text), style="yellow", highlight=False, markup=False)

    def close(self) -> None:
        self.progress.stop()


def reporter(mode: str) -> Reporter:
    """mode: auto (bar on a terminal, plain otherwise), bar, plain or quiet."""
    if mode == "quiet":
        return Quiet()
    if mode == "bar" or (mode == "auto" and sys.stdout.isatty()):
        return Bar()
    return Plain()
