"""Which folders a run may replace: only what the pipeline wrote itself.

An output folder is replaced whole at the end of a run (`io.staged_folder`, `io_fs.staged_output`),
so before anything is written the folder must be new, empty, or one the pipeline wrote: it holds
the marker file `MARKER` (written last into every output, with the version that wrote it and the
entries it wrote), or, written by a version before the marker, nothing but table files. Anything
else is refused, naming the folder and what to do. Works on any pyarrow file system, so the local
engine and the Ray engine (local folders and URIs alike) apply the same rule.
"""
from __future__ import annotations

import json
import posixpath
from enum import Enum

import pyarrow.fs as pafs

from .. import __version__
from .config import RunError, some
from ..vocab import EvalTable, Table

MARKER = ".interview-ie.json"
SUCCESS = "_SUCCESS"  # written last into an output on object storage (io_fs.publish)


class Kind(str, Enum):
    """What a marked folder holds: a run's tables, or `evaluate`'s."""

    TABLES = "run"
    EVALUATION = "evaluation"


# what each kind of folder held before the marker existed (and what its marker may list)
_UNMARKED = {
    Kind.TABLES: {f"{t.value}.parquet" for t in Table} | {SUCCESS},
    Kind.EVALUATION: {f"{t.value}.parquet" for t in EvalTable},
}
_NESTED = {Kind.TABLES: {"eval": Kind.EVALUATION}}  # `evaluate` writes OUT/eval by default


class NotOurs(RunError):
    """A folder the run will not replace: it holds what the pipeline did not write."""


def check(fs: pafs.FileSystem, folder: str, kind: Kind, shown: str | None = None) -> None:
    """Raises NotOurs unless `folder` (a path on `fs`) may be replaced by an output of `kind`."""
    shown = shown or folder
    info = fs.get_file_info(folder)
    if info.type == pafs.FileType.NotFound:
        return
    if info.type != pafs.FileType.Directory:
        raise NotOurs(f"{shown}: is a file, not a folder; give --out a folder (new, empty, or "
                      f"written by an earlier {kind.value})")
    foreign = _foreign(fs, folder, kind)
    if foreign:
        names = some(foreign)
        raise NotOurs(f"{shown}: holds files that interview-ie did not write ({names}); a run "
                      "replaces its output folder whole, so give --out a new or empty folder, or one "
                      f"an earlier {kind.value} wrote")


def _foreign(fs: pafs.FileSystem, folder: str, kind: Kind) -> list[str]:
    entries = {i.base_name: i for i in fs.get_file_info(pafs.FileSelector(folder))}
    marker = read_marker(fs, folder)
    if marker is not None and marker.get("kind") == kind.value:
        ours = set(marker.get("entries", ())) | {MARKER, SUCCESS}
    else:
        ours = _UNMARKED[kind] if marker is None else set()
    foreign = []
    for name, info in sorted(entries.items()):
        nested = _NESTED.get(kind, {}).get(name)
        if nested is not None and info.type == pafs.FileType.Directory:
            if not _foreign(fs, posixpath.join(folder, name), nested):
                continue
        elif name in ours:
            continue
        foreign.append(name + ("/" if info.type == pafs.FileType.Directory else ""))
    return foreign


def read_marker(fs: pafs.FileSystem, folder: str) -> dict | None:
    """The marker's content, or None when there is none (an unreadable marker reads as {})."""
    path = posixpath.join(folder, MARKER)
    if fs.get_file_info(path).type != pafs.FileType.File:
        return None
    try:
        with fs.open_input_stream(path) as f:
            data = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def mark(fs: pafs.FileSystem, folder: str, kind: Kind) -> None:
    """Writes the marker into a finished staging folder: the pipeline's version and what it wrote."""
    entries = sorted(i.base_name for i in fs.get_file_info(pafs.FileSelector(folder)))
    body = {"written_by": "interview-ie", "version": __version__, "kind": kind.value, "entries": entries}
    with fs.open_output_stream(posixpath.join(folder, MARKER)) as f:
        f.write(json.dumps(body, indent=1).encode("utf-8"))
