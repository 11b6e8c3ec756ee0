"""The Ray engine on one local Ray instance (started once for the module): Ray Data reads the
files and writes the tables, and the tables equal the local engine's on raw/ (and a broken file)."""
from __future__ import annotations

import shutil
import subprocess
import json
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.runtime.config import Engine, Settings
from pipeline.runtime.run import run
from pipeline.vocab import Table

from .conftest import ROOT, shared_path

ray = pytest.importorskip("ray", reason="the optional extra is not installed: pip install '.[ray]'")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "raw"
    shutil.copytree(ROOT / "raw", folder)
    (folder / "broken.txt").write_bytes(b"%PDF-1.7 not text")  # a failure travels through Ray too
    return folder


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory):
    """The local engine's summary and output folder on the corpus."""
    out = tmp_path_factory.mktemp("local") / "out"
    return run(Settings(corpus, out, progress=False, use_cache=False)), out


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")  # shared: the tests after the first parse nothing


def tables(out: Path) -> dict[Table, object]:
    """Every table of an output folder, whatever its layout (`NAME.parquet` a file or a folder)."""
    return {t: pq.read_table(out / f"{t.value}.parquet") for t in Table}


def assert_same_output(summary, out: Path, local) -> None:
    expected, local_out = local
    assert (summary.n_ok, summary.n_failed, summary.rows) == (expected.n_ok, expected.n_failed, expected.rows)
    assert summary.errors == expected.errors == ["broken.txt: binary content: a PDF file, not text"]
    want = tables(local_out)
    for t, table in tables(out).items():
        assert table.equals(want[t]), t


@pytest.fixture(scope="module")
def ray_run(local_ray, corpus, cache, tmp_path_factory):
    """The Ray engine's first run on the corpus: (summary, output folder); it fills `cache`."""
    out = tmp_path_factory.mktemp("ray") / "out"
    return run(Settings(corpus, out, progress=False, cache_dir=cache, engine=Engine.RAY, workers=2)), out


def test_ray_tables_equal_the_local_engines_then_from_the_cache(ray_run, corpus, local, cache):
    first, out = ray_run
    assert_same_output(first, out, local)
    assert first.n_reused == 0
    # Ray Data's Parquet writer: each table a folder of part files, the empty ones included
    for t in Table:
        parts = list((out / f"{t.value}.parquet").iterdir())
        assert parts and all(p.suffix == ".parquet" for p in parts), t
    again = run(Settings(corpus, out, progress=False, cache_dir=cache, engine=Engine.RAY, workers=2))
    assert again.n_reused == 5 and not again.cache_problems
    assert_same_output(again, out, local)
    assert sorted(p.name for p in out.parent.iterdir()) == [".out.lock", "out"]  # no staging left


def test_no_actor_is_started_when_every_text_is_cached(ray_run, corpus, local, cache, tmp_path, monkeypatch):
    pools = []
    strategy = ray.data.ActorPoolStrategy

    def counted(*args, **kwargs):
        pools.append(kwargs)
        return strategy(*args, **kwargs)

    monkeypatch.setattr(ray.data, "ActorPoolStrategy", counted)
    summary = run(Settings(corpus, tmp_path / "out", progress=False, cache_dir=cache, engine=Engine.RAY,
                           workers=2))
    assert summary.n_reused == 5 and pools == []
    assert_same_output(summary, tmp_path / "out", local)
    (tmp_path / "in").mkdir()  # a changed text goes to the actors, the others do not
    for p in corpus.iterdir():
        (tmp_path / "in" / p.name).write_bytes(p.read_bytes())
    changed = sorted((tmp_path / "in").glob("*.txt"))[0]
    changed.write_bytes(changed.read_bytes() + b"\nOne line more.\n")
    summary = run(Settings(tmp_path / "in", tmp_path / "out2", progress=False, cache_dir=cache,
                           engine=Engine.RAY, workers=2))
    assert summary.n_reused == 4 and len(pools) == 1


def test_the_contract_checker_accepts_the_ray_output(ray_run):
    conform = shared_path("scorecard", "conform.py")
    done = subprocess.run([sys.executable, str(conform), str(ray_run[1])], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.splitlines()[-1].startswith("conforms"), done.stdout


def test_the_ray_output_has_its_manifest_and_reads_well_in_pandas(ray_run, local):
    summary, out = ray_run
    m = json.loads((out / "manifest.json").read_bytes())
    assert m["settings"]["engine"] == "ray" and m["settings"]["workers"] == 2
    assert m["rows"] == local[0].rows and m["documents"] == {"ok": 5, "error": 1}
    assert m["model"]["version"] == "3.8.0"
    assert pd.read_parquet(out / "works.parquet").year.dtype == "Int32"  # the schema's metadata survives Ray Data


def test_uri_input_and_output_go_through_ray_data(ray_run, corpus, local, cache, tmp_path, monkeypatch):
    calls = []
    read, write = ray.data.read_binary_files, ray.data.Dataset.write_parquet

    def reading(paths, **kwargs):
        calls.append(("read", len(paths)))
        return read(paths, **kwargs)

    def writing(ds, path, **kwargs):
        calls.append(("write", Path(path).name))
        return write(ds, path, **kwargs)

    monkeypatch.setattr(ray.data, "read_binary_files", reading)
    monkeypatch.setattr(ray.data.Dataset, "write_parquet", writing)
    out = tmp_path / "out"
    summary = run(Settings(corpus.as_uri(), out.as_uri(), progress=False, cache_dir=cache,
                           engine=Engine.RAY, workers=2))
    assert_same_output(summary, out, local)
    assert json.loads((out / "manifest.json").read_bytes())["output"] == out.as_uri()
    assert calls[0] == ("read", 6)  # every file, the broken one too: it is decoded by the actors
    written = sorted(name for kind, name in calls if kind == "write")
    nonempty = sorted(f"{t}.parquet" for t, n in local[0].rows.items() if n)
    assert written == nonempty


def test_a_damaged_cache_entry_is_parsed_again(ray_run, corpus, local, cache, tmp_path):
    entry = next(Path(ray_run[0].cache).glob("??/*.pickle"))
    entry.write_bytes(b"not a pickle")
    summary = run(Settings(corpus, tmp_path / "out", progress=False, cache_dir=cache, engine=Engine.RAY,
                           workers=1))
    assert summary.n_reused == 4 and len(summary.cache_problems) == 1
    assert entry.name in summary.cache_problems[0]
    assert_same_output(summary, tmp_path / "out", local)
    assert entry.read_bytes().startswith(b"interview-ie result")  # stored again
