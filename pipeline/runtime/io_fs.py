"""Side effects at the edge, for the Ray engine: input and output folders on any pyarrow file
system, a local folder or a URI (`s3://bucket/texts`, `gs://...`, `hdfs://...`, `file:///...`).

Ray Data reads the files and writes the tables (`engine_ray.py`); this module lists the inputs in
the local engine's order and publishes a finished output: a local folder is swapped in by
renames (`io.staged_folder`, atomic), any other file system gets its files copied from a staging
folder with `_SUCCESS` written last (object stores have no atomic rename of a folder).
"""
from __future__ import annotations

import posixpath
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow.fs as pafs

from .config import RunError
from .inputs import SUFFIXES
from .io import staged_folder
from .ownership import SUCCESS as DONE  # written last into an output on object storage, deleted first
from .ownership import Kind, check, mark


def resolve(location: Path | str) -> tuple[pafs.FileSystem, str]:
    """A local path or a URI -> (its file system, the path on it, without a trailing `/`)."""
    if isinstance(location, Path):
        return pafs.LocalFileSystem(), location.absolute().as_posix()
    try:
        fs, path = pafs.FileSystem.from_uri(location)
    except (ValueError, OSError) as e:  # unknown scheme, no credentials, a malformed URI
        raise RunError(f"{location}: not a usable file system location ({e})") from None
    return fs, path.rstrip("/")


def list_inputs(fs: pafs.FileSystem, root: str, location: Path | str,
                skipped: Counter | None = None) -> list[pafs.FileInfo]:
    """The input files under `root`, in `io.discover`'s order: the files of a folder by name,
    then its sub-folders by name; hidden files skipped, other extensions counted in `skipped`."""
    try:
        infos = fs.get_file_info(pafs.FileSelector(root, recursive=True))
    except OSError as e:  # missing, not a folder, no permission
        raise RunError(f"{location}: cannot list the input folder ({e})") from None
    files = []
    for i in infos:
        if i.type != pafs.FileType.File or i.base_name.startswith("."):
            continue
        if i.base_name.lower().endswith(SUFFIXES):
            files.append(i)
        elif skipped is not None:
            skipped[posixpath.splitext(i.base_name)[1].lower() or "(none)"] += 1
    return sorted(files, key=lambda i: _walk_order(relative(root, i.path)))


def _walk_order(rel: str) -> tuple:
    *folders, name = rel.split("/")
    return (*((1, f) for f in folders), (0, name))


def relative(root: str, path: str) -> str:
    return posixpath.relpath(path, root)


@contextmanager
def staged_output(fs: pafs.FileSystem, out: str) -> Iterator[str]:
    """A fresh folder to write into, published as `out` when the block succeeds; on failure `out`
    is left as it was."""
    if isinstance(fs, pafs.LocalFileSystem):
        with staged_folder(Path(out)) as folder:
            yield folder.as_posix()
        return
    parent, name = posixpath.split(out)
    _remove_stale(fs, parent, f".{name}.tmp-")
    check(fs, out, Kind.TABLES)
    staging = posixpath.join(parent, f".{name}.tmp-{uuid.uuid4().hex}")
    fs.create_dir(staging)
    try:
        yield staging
        mark(fs, staging, Kind.TABLES)
        publish(fs, staging, out)
    finally:
        fs.delete_dir(staging)


def publish(fs: pafs.FileSystem, staging: str, out: str) -> None:
    """Replaces what `out` holds by `staging`'s files, by copies (server-side on object stores).
    Not atomic: a reader sees a complete output only while `out/_SUCCESS` exists."""
    done = f"{out}/{DONE}"
    if fs.get_file_info(done).type == pafs.FileType.File:
        fs.delete_file(done)
    if fs.get_file_info(out).type == pafs.FileType.Directory:
        fs.delete_dir_contents(out)
    fs.create_dir(out)
    for info in fs.get_file_info(pafs.FileSelector(staging, recursive=True)):
        target = f"{out}/{relative(staging, info.path)}"
        if info.type == pafs.FileType.Directory:
            fs.create_dir(target)
        else:
            fs.copy_file(info.path, target)
    with fs.open_output_stream(done):
        pass


def _remove_stale(fs: pafs.FileSystem, parent: str, prefix: str) -> None:
    """Removes the staging folders that killed runs left beside the output."""
    for info in fs.get_file_info(pafs.FileSelector(parent, allow_not_found=True)):
        if info.type == pafs.FileType.Directory and info.base_name.startswith(prefix):
            fs.delete_dir(info.path)
