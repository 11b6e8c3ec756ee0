"""Streaming, workers and incremental runs give the same tables as one plain run."""
from __future__ import annotations

import shutil

import pyarrow.parquet as pq
import pytest

from pipeline.runtime import engine
from pipeline.runtime import run as run_module
from pipeline.runtime.config import CACHE_NAME, Settings
from pipeline.runtime.run import run
from pipeline.runtime.store import ResultStore, dumps
from pipeline.lexicon import is_generic_award
from pipeline.records import DocResult, SourceDoc
from pipeline.vocab import Table

from .conftest import ROOT


@pytest.fixture(autouse=True)
def shared_model(nlp, monkeypatch):
    """One loaded model for every run of this module (forked workers inherit it)."""
    monkeypatch.setattr(engine, "load_model", lambda model: nlp)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus") / "raw"
    shutil.copytree(ROOT / "raw", folder)
    return folder


def tables(out) -> dict[Table, object]:
    return {t: pq.read_table(out / f"{t.value}.parquet") for t in Table}


def assert_same(out, expected) -> None:
    got = tables(out)
    for t in Table:
        assert got[t].equals(expected[t]), t


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("ref") / "out"
    mp = pytest.MonkeyPatch()
    mp.setattr(engine, "load_model", lambda model: nlp)
    try:
        summary = run(Settings(corpus, out, progress=False, use_cache=False))
    finally:
        mp.undo()
    assert summary.n_ok == 5 and summary.n_reused == 0
    return tables(out)


@pytest.fixture(scope="module")
def warm_cache(corpus, reference, tmp_path_factory, nlp):
    """A cache filled by one run over the corpus."""
    cache = tmp_path_factory.mktemp("warm") / "cache"
    mp = pytest.MonkeyPatch()
    mp.setattr(engine, "load_model", lambda model: nlp)
    try:
        run(Settings(corpus, cache.parent / "out", progress=False, cache_dir=cache))
    finally:
        mp.undo()
    return cache


def _count_parsed(monkeypatch) -> list[str]:
    parsed: list[str] = []
    parse_batch = engine.parse_batch

    def counting(nlp, batch, batch_size):
        parsed.extend(p.source.doc_id for p in batch)
        return parse_batch(nlp, batch, batch_size)

    monkeypatch.setattr(engine, "parse_batch", counting)
    return parsed


@pytest.mark.parametrize("workers, batch_size, write_batch", [(1, 64, 512), (1, 1, 2), (2, 2, 3)])
def test_workers_and_batches_do_not_change_the_tables(corpus, reference, tmp_path, monkeypatch,
                                                      workers, batch_size, write_batch):
    monkeypatch.setattr(run_module, "WRITE_BATCH", write_batch)  # several row groups per table
    run(Settings(corpus, tmp_path / "out", workers=workers, batch_size=batch_size, progress=False,
                 use_cache=False))
    assert_same(tmp_path / "out", reference)


@pytest.mark.parametrize("zone_docs, zones", [(1, 4), (2, 2), (5, 0)])
def test_memory_zones_do_not_change_the_tables(corpus, reference, tmp_path, monkeypatch, nlp,
                                               zone_docs, zones):
    """The first ZONE_DOCS documents are parsed outside any memory zone, each later ZONE_DOCS
    inside a new one: the same tables either way."""
    monkeypatch.setattr(engine, "ZONE_DOCS", zone_docs)
    opened = []
    memory_zone = nlp.memory_zone

    def counting():
        opened.append(1)
        return memory_zone()

    monkeypatch.setattr(nlp, "memory_zone", counting)
    run(Settings(corpus, tmp_path / "out", batch_size=1, progress=False, use_cache=False))
    assert len(opened) == zones
    assert_same(tmp_path / "out", reference)


def test_rerun_over_an_unchanged_corpus_parses_nothing(corpus, reference, warm_cache, tmp_path,
                                                       monkeypatch):
    cache = tmp_path / "cache"
    shutil.copytree(warm_cache, cache)

    def no_model(model):
        raise AssertionError("the model was loaded although every document is in the cache")

    monkeypatch.setattr(engine, "load_model", no_model)
    summary = run(Settings(corpus, tmp_path / "out", progress=False, cache_dir=cache))
    assert (summary.n_ok, summary.n_reused, summary.cache_problems) == (5, 5, ())
    assert_same(tmp_path / "out", reference)


def test_a_changed_file_is_parsed_alone(corpus, warm_cache, tmp_path, monkeypatch):
    changed = tmp_path / "raw"
    shutil.copytree(corpus, changed)
    victim = sorted(changed.iterdir())[2]
    victim.write_bytes(victim.read_bytes() + b"\nShe was born in Seoul in 1980.\n")
    shutil.copytree(warm_cache, tmp_path / "cache")
    parsed = _count_parsed(monkeypatch)
    summary = run(Settings(changed, tmp_path / "out", progress=False, cache_dir=tmp_path / "cache"))
    assert parsed == [victim.stem] and summary.n_reused == 4
    run(Settings(changed, tmp_path / "fresh", progress=False, use_cache=False))
    assert_same(tmp_path / "out", tables(tmp_path / "fresh"))


@pytest.mark.parametrize("damage", [b"", b"not a pickle", dumps(DocResult(SourceDoc("x", "x", "", "other")))])
def test_a_damaged_cache_entry_is_recomputed(corpus, reference, warm_cache, tmp_path, monkeypatch, damage):
    cache = tmp_path / "cache"
    shutil.copytree(warm_cache, cache)
    entry = sorted(cache.glob("v1-*/*/*.pickle"))[0]
    entry.write_bytes(damage)
    parsed = _count_parsed(monkeypatch)
    summary = run(Settings(corpus, tmp_path / "out", progress=False, cache_dir=cache))
    assert len(parsed) == 1 and summary.n_reused == 4
    assert len(summary.cache_problems) == 1 and str(entry) in summary.cache_problems[0]
    assert_same(tmp_path / "out", reference)
    assert run(Settings(corpus, tmp_path / "out", progress=False, cache_dir=cache)).n_reused == 5


def test_cache_defaults_beside_the_output_and_no_cache_leaves_nothing(corpus, tmp_path):
    run(Settings(corpus, tmp_path / "a" / "out", progress=False))
    assert list((tmp_path / "a" / CACHE_NAME).glob("v1-*/*/*.pickle"))
    run(Settings(corpus, tmp_path / "b" / "out", progress=False, use_cache=False))
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [".out.lock", "out"]


def test_the_same_text_under_two_names_is_parsed_once_with_each_files_details(tmp_path, monkeypatch):
    src = sorted((ROOT / "raw").iterdir())[0]
    corpus = tmp_path / "in"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(src, corpus / "a.txt")
    shutil.copy(src, corpus / "sub" / "b.txt")
    parsed = _count_parsed(monkeypatch)
    summary = run(Settings(corpus, tmp_path / "out", batch_size=1, progress=False))
    assert parsed == ["a"] and summary.n_reused == 1
    docs = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert [(d["doc_id"], d["path"]) for d in docs] == [("a", "a.txt"), ("sub/b", "sub/b.txt")]
    mentions = pq.read_table(tmp_path / "out" / "mentions.parquet").to_pylist()
    # an award that names no giver ('Special Jury Prize') is an entity of its document (resolve.py)
    by_doc = {d: [(m["start"], m["text"], None if m["label"] == "AWARD" and is_generic_award(m["text"])
                   else m["entity_id"]) for m in mentions if m["doc_id"] == d]
              for d in ("a", "sub/b")}
    assert by_doc["a"] and by_doc["a"] == by_doc["sub/b"]


def test_a_failed_document_is_reported_on_every_run_and_never_cached(tmp_path):
    corpus = tmp_path / "in"
    shutil.copytree(ROOT / "raw", corpus)
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    for _ in range(2):
        summary = run(Settings(corpus, tmp_path / "out", progress=False, cache_dir=tmp_path / "cache"))
        assert (summary.n_ok, summary.n_failed) == (5, 1)
        assert summary.errors == ["broken.txt: binary content: a PNG image, not text"]
    assert len(list((tmp_path / "cache").glob("v1-*/*/*.pickle"))) == 5


def test_entries_keep_no_text(tmp_path):
    src = SourceDoc("a", "a.txt", "0" * 64, "Some text.")
    entry = engine.entry_of(0, DocResult(src), "k")
    assert entry.source.text == "" and entry.key == "k" and entry.failed is None
    store = ResultStore(tmp_path)
    store.put("k", dumps(DocResult(src)))
    assert engine.full_result(entry, store).source == src


@pytest.mark.parametrize("args, message", [
    (["--ray-address", "127.0.0.1:6379"], "--ray-address needs --engine ray"),
    (["--cache", "somewhere", "--no-cache"], "not allowed with argument"),
    (["--engine", "spark"], "invalid choice"),
])
def test_cli_rejects_contradictory_options(tmp_path, capsys, args, message):
    from pipeline.cli import main

    argv = ["run", str(ROOT / "raw"), "--out", str(tmp_path / "out"), "--quiet", *args]
    try:
        code = main(argv)
    except SystemExit as e:  # argparse's own errors
        code = e.code
    assert code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


class _FakeLibc:
    def __init__(self):
        self.calls = []

    def mallopt(self, param, value):
        self.calls.append(("mallopt", param, value))
        return 1

    def malloc_trim(self, pad):
        self.calls.append(("malloc_trim", pad))
        return 1


def test_a_run_holds_the_heap_while_it_parses_and_gives_it_back(corpus, reference, tmp_path, monkeypatch):
    """While documents are parsed, glibc keeps freed memory (no trim below 256 MB, no mmap below
    32 MB); when the run ends its defaults are back and the free memory is returned. Same tables."""
    libc = _FakeLibc()
    monkeypatch.setattr(engine, "_glibc", lambda: libc)
    run(Settings(corpus, tmp_path / "out", batch_size=2, progress=False, use_cache=False))
    assert libc.calls[:2] == [("mallopt", -3, 32 << 20), ("mallopt", -1, 256 << 20)]
    assert libc.calls[2:] == [("mallopt", -3, 128 << 10), ("mallopt", -1, 128 << 10), ("malloc_trim", 0)]
    assert_same(tmp_path / "out", reference)


def test_heap_settings_are_skipped_without_glibc(monkeypatch):
    monkeypatch.setattr(engine.os, "confstr", lambda name: None, raising=False)
    assert engine._glibc() is None
    engine.hold_heap()
    engine.release_heap()


def test_heap_settings_reach_glibc_where_there_is_one():
    import os

    if not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"):
        pytest.skip("not a glibc system")
    libc = engine._glibc()
    assert libc is not None and libc.mallopt(-1, 256 << 20) == 1  # mallopt returns 1 on success
    engine.release_heap()
