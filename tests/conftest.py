"""Session-wide test infrastructure (issue 13: `make test` on 2 cores in minutes, real OCR kept).

- tests/doc_cache.py keeps each conversion (file + settings) once per session, for every module
  and every xdist worker; this conftest tells it where (the session's temporary folder).
- Under pytest-xdist (`make test` runs `-n` workers with `--dist loadgroup`) each worker's OCR gets
  one thread, as `chohyo batch` gives each of its workers (core/batch/isolation.py): the workers
  already fill the cores, more threads only oversubscribe them. An explicit CHOHYO_OCR_THREADS wins.
- Tests that must not share a worker's time with each other are grouped (xdist_group): the batch
  tests, which start worker processes of their own and time them out, run one after another.
"""

from __future__ import annotations

import os
from pathlib import Path

import doc_cache
import pytest

HERE = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    # xdist registers it too; declared here so that --strict-markers holds with -p no:xdist
    config.addinivalue_line("markers", "xdist_group(name): run by one xdist worker, one test after another")
    if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1) > 1:
        os.environ.setdefault("CHOHYO_OCR_THREADS", "1")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.path)).resolve()
        if path.parent == HERE / "batch" and not item.get_closest_marker("xdist_group"):
            # real worker processes with timeouts of 2-5 s: one batch test at a time
            item.add_marker(pytest.mark.xdist_group("batch"))


@pytest.fixture(scope="session", autouse=True)
def _shared_documents(tmp_path_factory: pytest.TempPathFactory) -> None:
    base = tmp_path_factory.getbasetemp()
    # under xdist every worker has its own basetemp (…/popen-gwN) in the session's folder
    doc_cache.configure((base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-documents")
