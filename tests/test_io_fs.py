"""Input and output folders on a pyarrow file system (the Ray engine's): listing in the local
engine's order, publishing an output by renames (local) or copies (object stores), URIs."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.fs as pafs
import pytest

from pipeline.runtime.config import Engine, RunError, Settings, location
from pipeline.runtime.io import discover
from pipeline.runtime.io_fs import DONE, list_inputs, publish, relative, resolve, staged_output
from pipeline.runtime.ownership import MARKER, NotOurs


@pytest.mark.parametrize("text, expected", [
    ("raw", Path("raw")),
    ("/data/texts", Path("/data/texts")),
    ("C:\\texts", Path("C:\\texts")),
    ("s3://bucket/texts", "s3://bucket/texts"),
    ("gs://bucket/out/", "gs://bucket/out/"),
    ("file:///tmp/texts", "file:///tmp/texts"),
    ("3s://x", Path("3s://x")),  # a scheme starts with a letter
])
def test_location(text, expected):
    assert location(text) == expected


@pytest.mark.parametrize("input_dir, out_dir", [
    ("file:///tmp/texts", Path("out")),
    (None, "s3://bucket/out"),
])
def test_a_uri_needs_the_ray_engine(tmp_path, input_dir, out_dir):
    with pytest.raises(ValueError, match="a URI needs --engine ray"):
        Settings(input_dir or tmp_path, out_dir)


def test_uri_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    s = Settings("s3://bucket/texts", "s3://bucket/out/", engine=Engine.RAY)
    assert s.cache == tmp_path / "xdg" / "interview-ie"  # the cache stays on this machine
    assert Settings("s3://b/t", "s3://b/out", engine=Engine.RAY, cache_dir=tmp_path).cache == tmp_path
    with pytest.raises(ValueError, match="must differ"):
        Settings("s3://bucket/texts/", "s3://bucket/texts", engine=Engine.RAY)


@pytest.mark.parametrize("uri", ["nosuchscheme://bucket/x", "file://relative/path"])
def test_an_unusable_uri_is_named(uri):
    with pytest.raises(RunError, match=uri.replace("/", "/")):
        resolve(uri)


def test_inputs_are_listed_in_the_local_engines_order(tmp_path):
    for rel in ["b.txt", "a/z.md", "a/b/c.html", "a/a.txt", "A.htm", "c.TXT", ".hidden.txt",
                "notes.pdf", "a/.x/y.txt", "z/readme"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    fs, root = resolve(tmp_path)
    listed = [relative(root, i.path) for i in list_inputs(fs, root, tmp_path)]
    assert listed == [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert listed == ["A.htm", "b.txt", "c.TXT", "a/a.txt", "a/z.md", "a/.x/y.txt", "a/b/c.html"]


def test_a_missing_input_folder_is_named(tmp_path):
    fs, root = resolve(tmp_path / "gone")
    with pytest.raises(RunError, match="gone: cannot list the input folder"):
        list_inputs(fs, root, tmp_path / "gone")


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*") if p.is_file()}


def test_publish_by_copies_replaces_the_old_output_and_marks_it_done(tmp_path):
    fs = pafs.SubTreeFileSystem(str(tmp_path), pafs.LocalFileSystem())  # not a local fs: copies
    (tmp_path / "out" / "works.parquet").mkdir(parents=True)  # a table of an earlier run
    (tmp_path / "out" / "works.parquet" / "part.parquet").write_text("old")
    (tmp_path / "out" / DONE).write_text("")
    with staged_output(fs, "out") as staging:
        fs.create_dir(f"{staging}/documents.parquet")
        with fs.open_output_stream(f"{staging}/documents.parquet/part-0.parquet") as f:
            f.write(b"new")
        assert fs.get_file_info(f"out/{DONE}").type == pafs.FileType.File  # old output still whole
    files = _files(tmp_path / "out")
    assert files.keys() == {"documents.parquet/part-0.parquet", DONE, MARKER}
    assert json.loads(files[MARKER])["entries"] == ["documents.parquet"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # staging removed


@pytest.mark.parametrize("local", [True, False])
def test_an_output_holding_other_files_is_refused_before_anything_is_written(tmp_path, local):
    fs = pafs.LocalFileSystem() if local else pafs.SubTreeFileSystem(str(tmp_path), pafs.LocalFileSystem())
    out = (tmp_path / "out").as_posix() if local else "out"
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine")
    with pytest.raises(NotOurs, match="notes.txt"), staged_output(fs, out):
        raise AssertionError("never reached")
    assert _files(tmp_path / "out") == {"notes.txt": "mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("local", [True, False])
def test_a_failed_write_leaves_the_old_output(tmp_path, local):
    fs = pafs.LocalFileSystem() if local else pafs.SubTreeFileSystem(str(tmp_path), pafs.LocalFileSystem())
    out = (tmp_path / "out").as_posix() if local else "out"
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "documents.parquet").write_text("old")
    (tmp_path / f".out.tmp-{'0' * 32}").mkdir()  # left by a killed run: removed
    with pytest.raises(RuntimeError, match="boom"), staged_output(fs, out) as staging:
        with fs.open_output_stream(f"{staging}/documents.parquet") as f:
            f.write(b"half")
        raise RuntimeError("boom")
    assert _files(tmp_path / "out") == {"documents.parquet": "old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_publish_into_a_new_folder(tmp_path):
    fs = pafs.SubTreeFileSystem(str(tmp_path), pafs.LocalFileSystem())
    fs.create_dir("stage/people.parquet")
    with fs.open_output_stream("stage/people.parquet/p.parquet") as f:
        f.write(b"rows")
    publish(fs, "stage", "deep/out")
    assert _files(tmp_path / "deep" / "out") == {"people.parquet/p.parquet": "rows", DONE: ""}
