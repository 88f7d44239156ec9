"""Failures that stop a document (OCRmyPDF's pattern): one exit code each, a message that says what to do.

Problems *in the data* are never raised: they are ``Finding`` values (see ``chohyo.findings``).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    VALIDATION_ERRORS = 1  # the output was written, but the tables' arithmetic has errors
    USAGE = 2  # bad command-line arguments
    INPUT_FILE = 3  # not a PDF or image, empty, unreadable
    ENCRYPTED_PDF = 4
    DAMAGED_PDF = 5
    MISSING_DEPENDENCY = 6  # tesseract, its jpn data, ...
    OUTPUT_ERROR = 7  # the output folder is not writable
    CONFIG_ERROR = 8  # bad settings or rules file
    SOME_FAILED = 9  # several inputs, some of them failed
    TIMEOUT = 10  # a document took longer than allowed
    RESOURCE_LIMIT = 11  # an image bomb, a page too large, out of memory
    CLUSTER_ERROR = 12  # the Dask cluster is unreachable or lost all its workers
    STALE_DECISIONS = 13  # chohyo apply: the output folder was made again since review.html was saved
    OTHER_ERROR = 15  # a bug: please report it
    INTERRUPTED = 130  # Ctrl-C


class ChohyoError(Exception):
    """Base of all expected failures; ``str(err)`` is the message to show the user."""

    exit_code: ExitCode = ExitCode.OTHER_ERROR
    code: str = "error"  # stable slug for reports and manifests

    def __init__(self, message: str = "", *, path: str | None = None) -> None:
        self.path = path
        self.message = message or (self.__doc__ or "").strip().splitlines()[0]
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputFileError(ChohyoError):
    """The input is not a PDF or an image chohyo can read. Check the file name and that it is a PDF."""

    exit_code = ExitCode.INPUT_FILE
    code = "input-file"


class EncryptedPdfError(ChohyoError):
    """The PDF is encrypted. Pass its password with --password, or remove the encryption first."""

    exit_code = ExitCode.ENCRYPTED_PDF
    code = "encrypted-pdf"


class DamagedPdfError(ChohyoError):
    """The PDF is damaged and cannot be read. Try repairing it (e.g. qpdf --replace-input) or get a new copy."""

    exit_code = ExitCode.DAMAGED_PDF
    code = "damaged-pdf"


class MissingDependencyError(ChohyoError):
    """A required program or data file is missing. Run `make demo` or install it with apt-get."""

    exit_code = ExitCode.MISSING_DEPENDENCY
    code = "missing-dependency"


class OutputError(ChohyoError):
    """The output cannot be written. Check that the folder exists, is writable and has free space."""

    exit_code = ExitCode.OUTPUT_ERROR
    code = "output-error"


class ConfigError(ChohyoError):
    """A setting or rules file is invalid. Fix the value named in the message."""

    exit_code = ExitCode.CONFIG_ERROR
    code = "config-error"


class ResourceLimitError(ChohyoError):
    """The document exceeds a safety limit (page size, image pixels, characters). Raise the limit if you trust it."""

    exit_code = ExitCode.RESOURCE_LIMIT
    code = "resource-limit"


class DocumentTimeoutError(ChohyoError):
    """The document took longer than the time allowed. Raise --timeout or split the document."""

    exit_code = ExitCode.TIMEOUT
    code = "timeout"


class UsageError(ChohyoError):
    """A command-line option or argument has a value that cannot work. Fix the value named in the message."""

    exit_code = ExitCode.USAGE
    code = "usage"


class OutputWriteError(OutputError):
    """The output folder cannot be written (disk full, read-only, no permission). Fix it and rerun: the
    documents that failed for this reason are converted again."""

    code = "output-write"


class ManifestError(OutputError):
    """The batch manifest cannot be used (locked by another program, or damaged). Close the program or
    rerun with --rebuild-manifest."""

    code = "manifest-error"


class ClusterError(ChohyoError):
    """The Dask cluster cannot be reached or has no workers left. Check the scheduler and its workers, then
    rerun: finished documents are skipped."""

    exit_code = ExitCode.CLUSTER_ERROR
    code = "cluster-error"


class StaleDecisionsError(ChohyoError):
    """The decisions were made on a review.html of an earlier extraction: the output folder has been made
    again since (other options, another version) and its cells are not the ones the clerk saw. Open the
    folder's review.html now and decide again (the browser keeps the decisions whose cells still exist)."""

    exit_code = ExitCode.STALE_DECISIONS
    code = "stale-decisions"
