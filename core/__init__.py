"""chohyo (帳票): Japanese PDFs, born-digital and scanned, into clean, checked tables."""

from chohyo.api import TableList, read_pdf
from chohyo.errors import ChohyoError, ExitCode
from chohyo.model import Cell, Document, Page, Table, TextBlock
from chohyo.pipeline import Result, convert, run
from chohyo.settings import Settings
from chohyo.version import __version__

__all__ = [
    "Cell",
    "ChohyoError",
    "Document",
    "ExitCode",
    "Page",
    "Result",
    "Settings",
    "Table",
    "TableList",
    "TextBlock",
    "__version__",
    "convert",
    "read_pdf",
    "run",
]
