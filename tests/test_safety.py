"""A run never destroys what it did not write, always leaves a complete output, and leaves
nothing running: output folders it may not replace, links, empty inputs, clashing names,
damaged cache slots, interruptions and worker counts (README, "Outputs and interruptions")."""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import pipeline.runtime.engine
from pipeline.runtime import manifest
from pipeline.cli import main
from pipeline.runtime.config import Settings
from pipeline.runtime.engine import LocalEngine
from pipeline.runtime.ownership import MARKER, NotOurs
from pipeline.runtime.run import run
from pipeline.output.schemas import SCHEMAS
from pipeline.runtime.store import ResultStore
from pipeline.vocab import Table

from .conftest import ROOT, shared_path

TEXT = b"The film was directed by Mara Quill and premiered in 2015 at the Lakeview Film Festival."


@pytest.fixture
def fast_model(nlp, monkeypatch):
    """In-process runs reuse the session's spaCy pipeline instead of loading it each time."""
    monkeypatch.setattr(pipeline.runtime.engine, "load_model", lambda model: nlp)


@pytest.fixture
def texts(tmp_path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_bytes(TEXT)
    return folder


def cli_run(*args: str) -> tuple[int, str]:
    """The command line in this process: (exit code, what it printed to stderr)."""
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["run", *args, "--quiet"])
    return code, err.getvalue()


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- which folders a run may replace -------------------------------------------------------------

@pytest.mark.parametrize("content", [
    {"notes.txt": b"mine"},                                   # a user's folder
    {"documents.parquet": b"x", "notes.txt": b"mine"},        # tables and something else
    {"sub/draft.md": b"mine"},                                # a sub-folder of the user's
    {MARKER: b'{"kind": "run", "entries": ["documents.parquet"]}', "notes.txt": b"mine"},  # added later
    {MARKER: b'{"kind": "evaluation", "entries": ["metrics.parquet"]}', "metrics.parquet": b"x"},
])
def test_a_folder_holding_what_the_pipeline_did_not_write_is_refused_and_kept(texts, tmp_path, fast_model, content):
    out = tmp_path / "precious"
    for name, data in content.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    code, err = cli_run(str(texts), "--out", str(out))
    assert code == 2
    assert err.startswith(f"interview-ie: {out}: holds files that interview-ie did not write (")
    assert "give --out a new or empty folder, or one an earlier run wrote" in err
    assert files(out) == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious", "texts"]  # nothing beside it either


@pytest.mark.parametrize("content", [
    {},                                                                  # an empty folder
    {"documents.parquet": b"x", "people.parquet": b"x", "_SUCCESS": b""},  # an earlier version's tables
    {"works.parquet/part-0.parquet": b"x"},                               # the Ray engine's layout
    {"documents.parquet": b"x", "eval/metrics.parquet": b"x"},            # with `evaluate`'s default folder
])
def test_a_new_empty_or_pipeline_written_folder_is_replaced(texts, tmp_path, fast_model, content):
    out = tmp_path / "out"
    out.mkdir()
    for name, data in content.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    assert cli_run(str(texts), "--out", str(out))[0] == 0
    marker = json.loads((out / MARKER).read_text())
    assert marker["written_by"] == "interview-ie" and marker["kind"] == "run"
    assert marker["entries"] == sorted([f"{t.value}.parquet" for t in Table] + [manifest.NAME])
    assert cli_run(str(texts), "--out", str(out))[0] == 0  # and so is the folder it wrote, again


def test_the_input_folder_inside_the_output_folder_is_refused(tmp_path, fast_model):
    (tmp_path / "userdir" / "texts").mkdir(parents=True)
    (tmp_path / "userdir" / "texts" / "a.txt").write_bytes(TEXT)
    for out in (tmp_path / "userdir", tmp_path / "userdir" / "texts" / ".."):
        code, err = cli_run(str(tmp_path / "userdir" / "texts"), "--out", str(out))
        assert code == 2 and "is inside the output folder" in err and "choose an --out outside it" in err
    assert files(tmp_path / "userdir") == {"texts/a.txt": TEXT}


def test_out_dot_in_a_folder_of_the_users_is_refused(tmp_path, texts, fast_model, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    (work / "thesis.md").write_bytes(b"mine")
    monkeypatch.chdir(work)
    code, err = cli_run(str(texts), "--out", ".")
    assert code == 2 and "thesis.md" in err
    assert files(work) == {"thesis.md": b"mine"}


def test_out_a_file_is_refused_the_same_on_every_run(tmp_path, texts, fast_model):
    report = tmp_path / "report.csv"
    report.write_bytes(b"a,b\n")
    for _ in range(2):
        code, err = cli_run(str(texts), "--out", str(report))
        assert code == 2 and err == f"interview-ie: {report}: is a file, not a folder; give --out a folder " \
                                    "(new, empty, or written by an earlier run)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv", "texts"] and report.read_bytes() == b"a,b\n"


def test_out_a_symbolic_link_is_followed_on_every_run(tmp_path, texts, fast_model):
    (tmp_path / "real").mkdir()
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "real", target_is_directory=True)
    for _ in range(2):
        assert cli_run(str(texts), "--out", str(link))[0] == 0
        assert link.is_symlink() and (tmp_path / "real" / "documents.parquet").is_file()
    # the lock and the staging happen beside the folder the link leads to
    assert sorted(p.name for p in tmp_path.iterdir()) == [".interview-ie-cache", ".real.lock", "link", "real",
                                                          "texts"]


def test_two_paths_to_one_folder_share_one_lock(tmp_path, texts):
    from filelock import FileLock

    from pipeline.runtime.run import OutputLocked

    (tmp_path / "real").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    with FileLock(str(tmp_path / ".real.lock")):
        with pytest.raises(OutputLocked):
            run(Settings(texts, tmp_path / "alias", progress=False))


def test_evaluate_never_replaces_a_runs_output(tmp_path, texts, fast_model):
    assert cli_run(str(texts), "--out", str(tmp_path / "out"))[0] == 0
    before = files(tmp_path / "out")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": "a", "subject": None, "entities": [], "relations": []}) + "\n")
    assert main(["evaluate", "--gold", str(gold), "--pred", str(tmp_path / "out"), "--out",
                 str(tmp_path / "out")]) == 2
    assert files(tmp_path / "out") == before
    # its default folder inside the output is the pipeline's: the next run replaces it
    assert main(["evaluate", "--gold", str(gold), "--pred", str(tmp_path / "out")]) == 0
    assert cli_run(str(texts), "--out", str(tmp_path / "out"))[0] == 0


# --- complete outputs -----------------------------------------------------------------------------

@pytest.mark.parametrize("names", [[], ["paper.pdf", "notes.docx", "slides.pdf", "README"]])
def test_an_input_with_no_text_gives_every_table_empty_and_says_why(tmp_path, names):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes(b"%PDF-1.7")
    code, err = cli_run(str(folder), "--out", str(tmp_path / "out"))
    assert code == 0
    for t in Table:
        table = pq.read_table(tmp_path / "out" / f"{t.value}.parquet")
        assert table.num_rows == 0 and table.schema.equals(SCHEMAS[t], check_metadata=False), t
    assert "no input file: the tables are empty (read: .txt .md .html .htm)" in err
    if names:
        assert "skipped 4 files of other types: 2 .pdf, 1 (none), 1 .docx (read: .txt .md .html .htm)" in err
    else:
        assert "skipped" not in err


def test_an_empty_output_conforms(tmp_path):
    conform = shared_path("scorecard", "conform.py")
    (tmp_path / "in").mkdir()
    assert cli_run(str(tmp_path / "in"), "--out", str(tmp_path / "out"))[0] == 0
    res = subprocess.run([sys.executable, str(conform), str(tmp_path / "out")], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout


def test_skipped_files_are_counted_beside_the_documents(texts, tmp_path, fast_model):
    (texts / "still.png").write_bytes(b"\x89PNG")
    (texts / ".hidden.txt").write_bytes(TEXT)  # hidden files are passed over silently
    code, err = cli_run(str(texts), "--out", str(tmp_path / "out"))
    assert code == 0 and "1 documents ok" in err and "skipped 1 file of other types: 1 .png" in err


def test_output_folders_and_files_follow_the_umask(texts, tmp_path, fast_model):
    old = os.umask(0o002)
    try:
        assert cli_run(str(texts), "--out", str(tmp_path / "out"))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o775
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()} == {0o664}
    entries = list((tmp_path / ".interview-ie-cache").glob("v1-*/*/*.pickle"))
    assert entries and {stat.S_IMODE(p.stat().st_mode) for p in entries} == {0o664}


# --- the cache ------------------------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["folder for an entry", "file for a shard folder"])
def test_a_cache_slot_of_the_wrong_shape_is_reported_and_recomputed(texts, tmp_path, fast_model, damage):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert cli_run(str(texts), "--out", str(out), "--cache", str(cache))[0] == 0
    before = {t: pq.read_table(out / f"{t.value}.parquet") for t in Table}
    [entry] = cache.glob("v1-*/*/*.pickle")
    shutil.rmtree(entry.parent)
    if damage == "folder for an entry":
        entry.mkdir(parents=True)
        (entry / "something").write_bytes(b"x")
        problem = f"{entry}: a folder in place of a cache entry"
    else:
        entry.parent.write_bytes(b"x")
        problem = f"{entry.parent}: a file in place of a cache folder"
    code, err = cli_run(str(texts), "--out", str(out), "--cache", str(cache))
    assert code == 0, err
    assert f"cache problem (recomputed): {problem}" in err and "moved aside to" in err
    for t in Table:
        assert pq.read_table(out / f"{t.value}.parquet").equals(before[t]), t
    assert entry.is_file()  # stored again, and what stood in its way kept aside, not deleted
    assert len(list(entry.parent.parent.glob("*.damaged-*")) + list(entry.parent.glob("*.damaged-*"))) == 1
    assert "cache: 1 documents reused" in cli_run(str(texts), "--out", str(out), "--cache", str(cache))[1]


def test_a_store_put_moves_aside_whatever_stands_in_the_slot(tmp_path):
    store = ResultStore(tmp_path)
    key = "ab" + "0" * 62
    store.path(key).mkdir(parents=True)
    store.put(key, b"payload")
    assert store.path(key).read_bytes() == b"payload" and len(store.problems) == 1


# --- workers --------------------------------------------------------------------------------------

@pytest.mark.parametrize("workers, n_files, batch_size, cores, expected", [
    (64, 5, 32, 2, 1),     # one batch: no pool at all
    (64, 500, 32, 2, 2),   # capped at the cores
    (2, 40, 32, 8, 2),
    (8, 40, 32, 8, 2),     # no more workers than batches
    (1, 500, 32, 8, 1),
])
def test_workers_are_capped_by_cores_and_by_the_work(monkeypatch, tmp_path, workers, n_files, batch_size, cores,
                                                      expected):
    monkeypatch.setattr(pipeline.runtime.engine, "cores", lambda: cores)
    started = []
    engine = LocalEngine("model", workers, batch_size, ResultStore(tmp_path))
    monkeypatch.setattr(engine, "_serial", lambda batches: started.append(1) or iter(()))
    monkeypatch.setattr(engine, "_pool", lambda batches, n: started.append(n) or iter(()))
    batches = [[object()] * batch_size for _ in range(-(-n_files // batch_size))]
    list(engine.run(batches, max_batches=len(batches)))
    assert started == [expected]


def test_many_workers_on_a_few_texts_start_no_pool(texts, tmp_path, fast_model, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started for one batch")

    monkeypatch.setattr(pipeline.runtime.engine, "ProcessPoolExecutor", no_pool)
    code, err = cli_run(str(texts), "--out", str(tmp_path / "out"), "--workers", "100000")
    assert code == 0
    assert f"--workers 100000 is more than this machine's {pipeline.runtime.engine.cores()} cores" in err


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """Enough texts for a two-worker run to last a while."""
    folder = tmp_path_factory.mktemp("many") / "in"
    folder.mkdir()
    for k in range(40):
        for p in sorted((ROOT / "raw").iterdir()):
            (folder / f"{p.stem}-{k}.txt").write_bytes(p.read_bytes() + f"\n(copy {k})\n".encode())
    return folder


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_an_interrupted_two_worker_run_leaves_no_worker_and_the_previous_output(many, tmp_path, sig):
    out = tmp_path / "out"
    out.mkdir()
    (out / "documents.parquet").write_bytes(b"previous")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(many), "--out", str(out), "--quiet",
                             "--workers", "2", "--batch-size", "2", "--no-cache"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        workers = _children(proc.pid)
        assert len(workers) == 2, "the workers never started"
        time.sleep(1.0)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)
    assert (out / "documents.parquet").read_bytes() == b"previous"
    if sig == signal.SIGKILL:  # nothing could clean up: the next run does (io.recover)
        assert proc.returncode == -signal.SIGKILL
        return
    assert proc.returncode == 128 + sig
    assert err == f"interview-ie: interrupted by {signal.Signals(sig).name}; the output folder {out} was left " \
                  "as it was\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]  # no staging or spill left
