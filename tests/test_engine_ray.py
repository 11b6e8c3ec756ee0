"""The Ray engine on a local Ray instance gives the local engine's tables (raw/)."""
from __future__ import annotations

import shutil

import pyarrow.parquet as pq
import pytest

from pipeline.config import Engine, Settings
from pipeline.run import run
from pipeline.vocab import Table

from .conftest import ROOT

ray = pytest.importorskip("ray", reason="the optional extra is not installed: pip install '.[ray]'")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_tables_equal_the_local_engines(local_ray, tmp_path):
    corpus = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", corpus)
    (corpus / "broken.txt").write_bytes(b"%PDF-1.7 not text")  # a failure travels through Ray too
    local = run(Settings(corpus, tmp_path / "local", progress=False, use_cache=False))
    distributed = run(Settings(corpus, tmp_path / "ray", progress=False, cache_dir=tmp_path / "cache",
                               engine=Engine.RAY, workers=2))
    assert (distributed.n_ok, distributed.n_failed, distributed.rows) == (local.n_ok, local.n_failed, local.rows)
    for t in Table:
        assert pq.read_table(tmp_path / "ray" / f"{t.value}.parquet").equals(
            pq.read_table(tmp_path / "local" / f"{t.value}.parquet")), t
    again = run(Settings(corpus, tmp_path / "ray", progress=False, cache_dir=tmp_path / "cache",
                         engine=Engine.RAY, workers=2))
    assert again.n_reused == 5 and again.rows == local.rows
