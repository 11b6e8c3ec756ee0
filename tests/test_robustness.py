"""Whole runs over a folder of damaged and odd files, killed runs, repeated and concurrent runs."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from filelock import FileLock
from spacy.language import Language

import pipeline.runtime.engine
import pipeline.runtime.run
from pipeline.cli import main
from pipeline.runtime.config import CACHE_NAME, Settings
from pipeline.document import analyze
from pipeline.runtime.io import recover
from pipeline.records import SourceDoc
from pipeline.runtime.run import OutputLocked, run
from pipeline.vocab import Table

from .conftest import ROOT, shared_path
from .odd_folder import SAMPLES, build, cases, doc_id

CASES = cases()
PER_DOC = (Table.DOCUMENTS, Table.MENTIONS, Table.DATES, Table.RELATIONS, Table.REMOVED)
ENTITY_TABLES = (Table.PEOPLE, Table.WORKS, Table.ORGANIZATIONS, Table.PLACES, Table.AWARDS)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "run", *args, "--quiet"], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)


def stopped_at(point: str, marker: Path, *args: str) -> list[str]:
    """The command line of a run that stops itself at `point` (see tests/kill_during_run.py)."""
    return [sys.executable, "-m", "tests.kill_during_run", point, str(marker), "run", *args, "--quiet"]


def tables(out: Path) -> dict[Table, list[dict]]:
    return {t: pq.read_table(out / f"{t.value}.parquet").to_pylist() for t in Table}


@pytest.fixture
def fast_model(nlp, monkeypatch):
    """In-process runs reuse the session's spaCy pipeline instead of loading it each time."""
    monkeypatch.setattr(pipeline.runtime.engine, "load_model", lambda model: nlp)


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    """The odd folder, run once through the command line."""
    base = tmp_path_factory.mktemp("odd")
    build(base / "in", base / "outside")
    res = cli(str(base / "in"), "--out", str(base / "out"))
    return base, res


def test_the_run_exits_0_and_reports_every_bad_file(odd):
    base, res = odd
    n_bad = sum(1 for c in CASES if c.cause)
    assert res.returncode == 0, res.stderr
    assert f"{len(CASES) - n_bad} documents ok, {n_bad} failed" in res.stderr
    for c in CASES:
        if c.cause:
            assert f"error: {c.name}: " in res.stderr


@pytest.mark.parametrize("case", CASES, ids=[doc_id(c) for c in CASES])
def test_each_file_has_its_outcome(odd, case):
    base, _ = odd
    docs = {d["doc_id"]: d for d in tables(base / "out")[Table.DOCUMENTS]}
    row = docs[doc_id(case)]
    if case.cause is None:
        assert (row["status"], row["error"], row["encoding"]) == ("ok", None, case.encoding)
        assert row["n_chars"] == len(row["text"]) > 0
        if case.text is not None:
            assert row["text"] == case.text
    else:
        assert row["status"] == "error" and row["text"] == "" and row["n_chars"] == 0
        assert row["error"].startswith(f"{row['path']}: ") and case.cause in row["error"], row["error"]


def test_html_saved_as_txt_is_read_as_html(odd):
    base, _ = odd
    page = next(d for d in tables(base / "out")[Table.DOCUMENTS] if d["doc_id"] == "page")
    assert page["format"] == "html" and "<" not in page["text"]
    assert "Rocío Ortega was born in Valparaíso in 1984." in page["text"].replace("\n", " ")


@pytest.mark.parametrize("doc", ["crlf", "utf16be_bom"])
def test_offsets_are_exact_in_a_crlf_file(odd, doc):
    base, _ = odd
    t = tables(base / "out")
    text = next(d["text"] for d in t[Table.DOCUMENTS] if d["doc_id"] == doc)
    assert text.count("\r\n") > 10
    spans = [(r["start"], r["end"], r["text"]) for r in t[Table.MENTIONS] + t[Table.DATES] if r["doc_id"] == doc]
    spans += [(r["start"], r["end"], r["evidence"]) for r in t[Table.RELATIONS] if r["doc_id"] == doc]
    assert sum(1 for s, _, _ in spans if text.count("\r\n", 0, s) > 10) > 5  # well past many CRLFs
    for s, e, said in spans:
        assert text[s:e] == said


def test_the_odd_folder_conforms(odd):
    base, _ = odd
    conform = shared_path("scorecard", "conform.py")
    res = subprocess.run([sys.executable, str(conform), str(base / "out")], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout


def rows_of(t: dict[Table, list[dict]], d: str) -> tuple[dict, dict]:
    """The rows of one document, and the entities it mentions."""
    rows = {k: [r for r in t[k] if r["doc_id"] == d] for k in PER_DOC}
    entities = {}
    for k in ENTITY_TABLES:
        for r in t[k]:
            if d in r["doc_ids"]:
                entities[next(iter(r.values()))] = r
    return rows, entities


def test_every_good_file_gives_the_same_rows_as_when_run_alone(odd, tmp_path, fast_model):
    base, _ = odd
    together = tables(base / "out")
    for case in (c for c in CASES if c.cause is None):
        alone = tmp_path / doc_id(case)
        # with the files it clashes with, or its doc_id would not be the same
        for other in [c for c in CASES if c.clash] if case.clash else [case]:
            name = other.name if isinstance(other.name, bytes) else other.name.encode()
            src, dst = os.path.join(os.fsencode(base / "in"), name), os.path.join(os.fsencode(alone), name)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
        run(Settings(alone, tmp_path / "out", progress=False))
        rows, entities = rows_of(tables(tmp_path / "out"), doc_id(case))
        rows_together, entities_together = rows_of(together, doc_id(case))
        assert rows == rows_together, case.name
        assert rows[Table.MENTIONS] or not case.text or len(case.text) < 100, case.name
        # resolution pools what all documents say of an entity: same id and name, and what this
        # document says (aliases, roles) is kept
        assert entities.keys() == entities_together.keys()
        for eid, e in entities.items():
            e2 = entities_together[eid]
            assert e.get("name", e.get("title")) == e2.get("name", e2.get("title"))
            assert set(e["aliases"]) <= set(e2["aliases"]) and set(e.get("roles", [])) <= set(e2.get("roles", []))


def test_a_document_too_long_for_the_model_is_an_error_not_a_crash(nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 60)  # spaCy raises past it, for the whole batch
    sources = [SourceDoc(d, f"{d}.txt", "", t) for d, t in
               [("a", "She directed it in 2015."), ("b", "word " * 20), ("c", "He was born in Seoul.")]]
    results = list(analyze(nlp, sources))
    assert [r.source.error for r in results] == [
        None, "b.txt: too long for the language model (100 characters after cleaning; its limit is 60)", None]
    assert results[2].mentions


@Language.component("test_explodes_on_boom")
def explodes_on_boom(doc):
    if "BOOM" in doc.text:
        raise ValueError("a component failed on this text")
    return doc


@pytest.mark.parametrize("batch_size", [1, 2, 64])
def test_a_component_raising_on_one_document_loses_only_that_one(nlp, batch_size):
    nlp.add_pipe("test_explodes_on_boom", last=True)
    try:
        texts = ["She directed it in 2015.", "It went BOOM.", "He was born in Seoul.", "BOOM again", "Fine."]
        results = list(analyze(nlp, [SourceDoc(f"d{i}", f"d{i}.txt", "", t) for i, t in enumerate(texts)],
                               batch_size))
    finally:
        nlp.remove_pipe("test_explodes_on_boom")
    assert [r.source.doc_id for r in results] == ["d0", "d1", "d2", "d3", "d4"]
    assert [r.ok for r in results] == [True, False, True, False, True]
    assert results[1].source.error.startswith(
        "d1.txt: internal error in stage ner: ValueError: a component failed on this text (")
    assert results[2].mentions


@pytest.mark.parametrize("files,strict,code", [
    ({"a.txt": b"She directed it in 2015.", "b.txt": b""}, False, 0),
    ({"a.txt": b"She directed it in 2015.", "b.txt": b""}, True, 1),
    ({"a.txt": b"She directed it in 2015."}, True, 0),
])
def test_exit_code(tmp_path, fast_model, files, strict, code):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    args = ["run", str(tmp_path), "--out", str(tmp_path.parent / f"{tmp_path.name}-out"), "--quiet"]
    assert main(args + ["--strict"] * strict) == code


def test_two_runs_give_identical_tables_whatever_the_workers(odd, tmp_path):
    base, _ = odd
    first = tables(base / "out")  # the command line run, one worker
    run(Settings(base / "in", tmp_path / "one", workers=1, progress=False, use_cache=False))
    run(Settings(base / "in", tmp_path / "two", workers=2, batch_size=3, progress=False, use_cache=False))
    for out in ("one", "two"):
        again = tables(tmp_path / out)
        for t in Table:
            assert again[t] == first[t], (out, t)


# --- interruptions -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def prepared(tmp_path_factory, nlp):
    """A folder of copies of the samples and the complete outputs of a first run."""
    base = tmp_path_factory.mktemp("prepared")
    folder = base / "in"
    folder.mkdir()
    for p in SAMPLES:
        shutil.copyfile(p, folder / p.name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline.runtime.engine, "load_model", lambda model: nlp)
        run(Settings(folder, base / "outputs", progress=False))
    return base, tables(base / "outputs")


@pytest.fixture
def copies(prepared, tmp_path, fast_model):
    """The prepared folder and outputs, plus one more file: a killed second run must leave the
    first outputs, a finished one the new ones."""
    base, before = prepared
    shutil.copytree(base / "in", tmp_path / "in")
    shutil.copytree(base / "outputs", tmp_path / "outputs")
    shutil.copyfile(SAMPLES[0], tmp_path / "in" / "new.txt")
    return tmp_path / "in", tmp_path / "outputs", before


def crash(*args, **kwargs):
    raise RuntimeError("simulated crash")


def test_the_previous_outputs_conform(prepared):
    """What the kill tests compare with is a valid output folder."""
    base, _ = prepared
    conform = shared_path("scorecard", "conform.py")
    res = subprocess.run([sys.executable, str(conform), str(base / "outputs")], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout


def finish(folder: Path, out: Path, before: dict) -> None:
    """The next run completes, with the new file, and nothing is left beside its outputs."""
    run(Settings(folder, out, progress=False))
    after = tables(out)
    assert len(after[Table.DOCUMENTS]) == len(before[Table.DOCUMENTS]) + 1
    assert sorted(p.name for p in out.parent.iterdir()) == [CACHE_NAME, ".outputs.lock", "in", "outputs"]


@pytest.mark.parametrize("point", ["writing", "swapping", "cleaning"])
def test_a_run_killed_while_writing_leaves_the_previous_outputs(copies, point, tmp_path):
    folder, out, before = copies
    res = subprocess.run(stopped_at(point, tmp_path / "marker", str(folder), "--out", str(out)),
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert res.returncode == -signal.SIGKILL, res.stderr
    if point == "swapping":  # died between the renames: the previous folder waits beside...
        assert not out.exists() and (out.parent / ".outputs.old").is_dir()
        with pytest.MonkeyPatch.context() as mp:  # ...and the next run puts it back first thing,
            mp.setattr(pipeline.runtime.run, "discover", crash)  # even if that run dies early too
            with pytest.raises(RuntimeError, match="simulated"):
                run(Settings(folder, out, progress=False))
    now = tables(out)
    if point == "cleaning":  # both renames done: the new folder is in, complete
        assert len(now[Table.DOCUMENTS]) == len(before[Table.DOCUMENTS]) + 1
    else:
        assert now == before
    finish(folder, out, before)


@pytest.mark.parametrize("delay", [1.0, 3.0])
def test_a_run_killed_at_any_moment_leaves_complete_outputs(copies, delay):
    folder, out, before = copies
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out), "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    recover(out)  # what the next run does first
    now = tables(out)  # the previous outputs, or the new ones if the run had finished: never a mix
    assert now == before or len(now[Table.DOCUMENTS]) == len(before[Table.DOCUMENTS]) + 1
    finish(folder, out, before)


@pytest.mark.parametrize("state,expected", [
    ({"outputs": "new", ".outputs.old": "previous"}, {"outputs": "new"}),
    ({".outputs.old": "previous"}, {"outputs": "previous"}),
    ({"outputs": "previous", ".outputs.tmp-x1": "partial"}, {"outputs": "previous"}),
    ({"outputs": "previous"}, {"outputs": "previous"}),
    ({}, {}),
])
def test_recover(tmp_path, state, expected):
    for name, content in state.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "documents.parquet").write_text(content)
    recover(tmp_path / "outputs")
    assert {p.name: (p / "documents.parquet").read_text() for p in tmp_path.iterdir()} == expected


# --- concurrency -------------------------------------------------------------------------------

def test_a_second_run_into_the_same_folder_stops_at_once(copies):
    folder, out, before = copies
    with FileLock(str(out.parent / ".outputs.lock")):
        with pytest.raises(OutputLocked, match=f"another run is writing to {out}"):
            run(Settings(folder, out, progress=False))
    assert tables(out) == before


def test_the_command_line_says_so_and_exits_2(tmp_path):
    marker = tmp_path / "marker"
    first = subprocess.Popen(stopped_at("pause", marker, str(ROOT / "raw"), "--out", str(tmp_path / "out")),
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # the first run holds the lock once it is about to write
            if marker.exists() or first.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the first run never reached the write"
        second = cli(str(ROOT / "raw"), "--out", str(tmp_path / "out"))
    finally:
        first.kill()
        first.wait()
    assert second.returncode == 2
    assert second.stderr.startswith(f"interview-ie: another run is writing to {tmp_path / 'out'}")
    assert "wait for it to finish or choose another --out" in second.stderr
