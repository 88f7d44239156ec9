"""`--cluster`: the same batch on a Dask LocalCluster gives the same outputs, manifest and resume."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_converters import copy_convert, misbehaving_convert
from chohyo.batch import BatchOptions, run_batch
from conftest import FIXTURES, manifest_rows, run_cli, temp_leftovers

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=50
    ) as lc:
        yield lc.scheduler_address


def tree(out: Path) -> dict[str, bytes]:
    skip = {
        "manifest.sqlite",
        "manifest.sqlite-wal",
        "manifest.sqlite-shm",
        "summary.csv",
        ".chohyo-batch.lock",
        ".chohyo-batch.json",
    }  # the last: the manifest row kept beside each document's outputs
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name not in skip
    }


def _same_manifest(a: Path, b: Path) -> None:
    cols = ("status", "error_code", "sha256", "pages", "tables", "errors", "warnings", "settings")
    ra, rb = manifest_rows(a), manifest_rows(b)
    assert ra.keys() == rb.keys()
    for key in ra:
        assert [ra[key][c] for c in cols] == [rb[key][c] for c in cols], key


def test_cluster_equals_local_run(tmp_path: Path, inputs: Path, cluster: str) -> None:
    (inputs / "empty.pdf").write_bytes(b"")
    local, remote = tmp_path / "local", tmp_path / "remote"
    run_batch([inputs], local, BatchOptions(workers=2, converter=copy_convert, progress="quiet"))
    report = run_batch(
        [inputs], remote, BatchOptions(cluster=cluster, converter=copy_convert, progress="quiet")
    )
    assert report.outcomes["empty.pdf"].error_code == "input-file"
    assert tree(local) == tree(remote) and len(tree(remote)) == 24
    _same_manifest(local, remote)
    rerun = run_batch(
        [inputs], remote, BatchOptions(cluster=cluster, converter=copy_convert, progress="quiet")
    )
    assert {o.status for o in rerun.outcomes.values()} == {"skipped"}


def test_cluster_isolates_hangs_and_crashes(tmp_path: Path, cluster: str) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for name in ["a", "hang", "segv", "b"]:
        (root / f"{name}.pdf").write_bytes(name.encode())
    opts = BatchOptions(cluster=cluster, timeout=10.0, converter=misbehaving_convert, progress="quiet")
    report = run_batch([root], tmp_path / "out", opts)
    assert report.outcomes["hang.pdf"].error_code == "timeout"
    assert report.outcomes["segv.pdf"].error_code == "worker-died"
    assert report.outcomes["a.pdf"].status == report.outcomes["b.pdf"].status == "done"
    assert temp_leftovers(tmp_path / "out") == []


def test_cluster_real_pipeline_equals_local(tmp_path: Path, cluster: str) -> None:
    pdfs = sorted(FIXTURES.glob("*.pdf"))
    if not pdfs:
        pytest.skip("no born-digital fixtures yet")
    local, remote = tmp_path / "local", tmp_path / "remote"
    run_batch(pdfs, local, BatchOptions(workers=2, progress="quiet"))
    run_batch(pdfs, remote, BatchOptions(cluster=cluster, progress="quiet"))
    _same_manifest(local, remote)
    assert {r["status"] for r in manifest_rows(remote).values()} == {"done"}
    assert tree(local) == tree(remote)


def test_unreachable_cluster_is_its_own_exit_code(tmp_path: Path, inputs: Path) -> None:
    import time

    from chohyo.errors import ExitCode

    start = time.monotonic()
    result = run_cli(
        str(inputs),
        "-o",
        str(tmp_path / "out"),
        "--cluster",
        "tcp://127.0.0.1:9",
        "--cluster-wait",
        "3",
        "--converter",
        "batch_converters:copy_convert",
    )
    assert result.returncode == ExitCode.CLUSTER_ERROR, result.stdout + result.stderr
    assert "cannot reach the Dask scheduler" in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - start < 60


def test_cluster_that_loses_every_worker_is_not_waited_on_forever(tmp_path: Path) -> None:
    import threading
    import time

    from chohyo.errors import ExitCode

    root = tmp_path / "in"
    root.mkdir()
    for name in ["hang1", "hang2", "hang3"]:
        (root / f"{name}.pdf").write_bytes(name.encode())
    with distributed.LocalCluster(
        n_workers=1, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=50
    ) as lc:
        threading.Timer(3.0, lambda: lc.scale(0)).start()  # every worker goes away mid-batch
        start = time.monotonic()
        opts = BatchOptions(
            cluster=lc.scheduler_address,
            timeout=600,
            cluster_wait=3.0,
            converter=misbehaving_convert,
            progress="quiet",
        )
        report = run_batch([root], tmp_path / "out", opts)
        assert time.monotonic() - start < 120
    assert report.exit_code is ExitCode.CLUSTER_ERROR
    assert "no worker left" in str(report.fault)
    assert not any(o.status == "done" for o in report.outcomes.values())
