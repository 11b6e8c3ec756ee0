"""Side effects at the edge: finding input files, reading and decoding them, writing tables.

A file that cannot be used becomes a SourceDoc with `error` set, naming the file and the cause;
it never raises, so one bad file never loses the others.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import pyarrow.fs as pafs

from ..evaluation.gold import GoldDoc, GoldError, parse_gold
from .inputs import BYTES_PER_CHAR, HTML_SUFFIXES, SUFFIXES, doc_ids, printable, source_of, too_many_bytes
from .ownership import Kind, check, mark
from ..records import SourceDoc
from ..vocab import EvalTable, Table


def discover(root: Path, skipped: Counter | None = None) -> Iterator[Path]:
    """Input files under `root`, recursively, in a stable order; symlinked folders not followed.
    A folder that cannot be listed comes out too, so that reading it reports why. Files of other
    extensions are counted in `skipped` by extension (hidden files are passed over silently)."""
    unlisted: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted.append, followlinks=False):
        yield from _folders(unlisted, root)
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if name.lower().endswith(SUFFIXES):
                yield Path(dirpath) / name
            elif skipped is not None:
                skipped[Path(name).suffix.lower() or "(none)"] += 1
    yield from _folders(unlisted, root)


def _folders(errors: list[OSError], root: Path) -> Iterator[Path]:
    while errors:
        e = errors.pop(0)
        if Path(e.filename) == root:  # no input at all: the run cannot go on
            raise e
        yield Path(e.filename)


def read_sources(paths: Sequence[Path], root: Path, max_chars: int) -> Iterator[SourceDoc]:
    """`read_source` for each path, with doc_ids unique over all of them (`inputs.doc_ids`)."""
    ids = doc_ids([p.relative_to(root).as_posix() for p in paths])
    for path, doc_id in zip(paths, ids, strict=True):
        yield read_source(path, root, max_chars, doc_id)


def read_source(path: Path, root: Path, max_chars: int, doc_id: str | None = None) -> SourceDoc:
    """Reads and decodes one file; problems come back as `SourceDoc.error`, naming file and cause.
    `doc_id` defaults to the file's own (`inputs.doc_ids` of it alone)."""
    rel = printable(path.relative_to(root).as_posix())
    doc_id = doc_id or doc_ids([path.relative_to(root).as_posix()])[0]

    def fail(cause: str) -> SourceDoc:
        return SourceDoc(doc_id, rel, "", "", error=f"{rel}: {cause}")

    try:
        real = path.resolve(strict=True)
    except RuntimeError as e:  # a symlink loop, on Pythons before 3.13
        return fail(f"cannot resolve path ({e})")
    except OSError as e:
        return fail(f"cannot resolve path ({_reason(e)})")
    if not real.is_relative_to(root.resolve()):
        return fail(f"path leads outside the input folder (to {printable(str(real))})")
    if real.is_dir():
        try:
            with os.scandir(real):
                return fail("a folder, not a file")
        except OSError as e:
            return fail(f"cannot list folder ({_reason(e)}): the files in it were not read")
    if not real.is_file():
        return fail("not a regular file")
    limit = max_chars * BYTES_PER_CHAR
    try:
        with real.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                return fail(too_many_bytes(size, max_chars))
            data = f.read(limit + 1)  # the file may have grown since fstat
    except OSError as e:
        return fail(f"cannot read ({_reason(e)})")
    if len(data) > limit:
        return fail(f"too large (over {limit:,} bytes; the limit is --max-chars {max_chars:,} characters)")
    return source_of(doc_id, rel, data, max_chars, named_html=path.suffix.lower() in HTML_SUFFIXES)


def _reason(e: OSError) -> str:
    return e.strerror or str(e) or type(e).__name__


def write_tables(out: Path, tables: Mapping[Table | EvalTable, pa.Table], kind: Kind = Kind.TABLES) -> None:
    """Writes every table into a fresh folder beside `out`, then swaps it in (`atomic_output`)."""
    with atomic_output(out, kind) as writer:
        for name, table in tables.items():
            writer.write(name, table)


class TableWriter:
    """Appends to `folder/NAME.parquet`, one row group per `write`, so that a table is written as
    the documents stream by and never held whole."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._writers: dict[Table | EvalTable, pq.ParquetWriter] = {}

    def write(self, name: Table | EvalTable, table: pa.Table) -> None:
        writer = self._writers.get(name)
        if writer is None:
            writer = pq.ParquetWriter(self.folder / f"{name.value}.parquet", table.schema,
                                      compression="zstd")
            self._writers[name] = writer  # the file has the schema even if no row ever comes
        if table.num_rows:
            writer.write_table(table)

    def write_file(self, name: str, data: bytes) -> None:
        """A file beside the tables (the run manifest)."""
        (self.folder / name).write_bytes(data)

    def close(self) -> None:
        while self._writers:
            self._writers.popitem()[1].close()


@contextmanager
def atomic_output(out: Path, kind: Kind = Kind.TABLES) -> Iterator[TableWriter]:
    """A writer into a fresh folder beside `out`, swapped in for `out` when the block succeeds."""
    with staged_folder(out, kind) as tmp:
        writer = TableWriter(tmp)
        try:
            yield writer
        finally:
            writer.close()


def output_path(out: Path) -> Path:
    """Where a local output folder really is: a symbolic link is followed, on every run alike, so
    that the lock, the staging folder and the swap all concern the folder it leads to."""
    return out.resolve()


def check_output(out: Path, kind: Kind = Kind.TABLES) -> None:
    """Raises ownership.NotOurs unless `out` may be replaced by an output of `kind`."""
    check(pafs.LocalFileSystem(), out.as_posix(), kind, str(out))


@contextmanager
def staged_folder(out: Path, kind: Kind = Kind.TABLES) -> Iterator[Path]:
    """A fresh folder beside `out`, swapped in for `out` when the block succeeds; refused
    (ownership.NotOurs) when `out` holds what the pipeline did not write.

    An interrupted run leaves the previous `out` (or its `.old` copy, restored by the next run).
    """
    out = output_path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    check_output(out, kind)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    os.chmod(tmp, 0o777 & ~umask())  # mkdtemp makes it private; the output follows the umask
    try:
        yield tmp
        mark(pafs.LocalFileSystem(), tmp.as_posix(), kind)
        old = out.parent / f".{out.name}.old"
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def umask() -> int:
    """The process's umask (read by setting it, so set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def recover(out: Path) -> None:
    """Undoes what a killed run left: puts back the previous output folder if the run died between
    the two renames, removes a `.old` copy it did not finish deleting and its temporary folders."""
    old = out.parent / f".{out.name}.old"
    if old.exists() and not out.exists():
        os.replace(old, out)
    elif old.exists():  # out is the newer, complete folder: the second rename had happened
        shutil.rmtree(old)
    for pattern in (f".{out.name}.tmp-*", f".{out.name}.spill-*"):  # spill: run.py, --no-cache
        for stale in out.parent.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)


def read_gold(path: Path) -> list[GoldDoc]:
    """A gold file (JSON Lines, SPEC "Gold annotations"); errors name the file, the line, the cause."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise GoldError(f"{path}: cannot read ({_reason(e)})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GoldError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    return parse_gold(text, str(path))


def read_tables(out: Path, columns: Mapping[Table, Collection[str]],
                optional: Collection[Table] = ()) -> dict[Table, list[dict]]:
    """The given columns of each table of an output folder (`NAME.parquet`, a file or a folder of
    parts), as rows; a missing optional table reads as empty. ValueError names the file and cause."""
    if not out.is_dir():
        raise ValueError(f"{out}: not a folder (expected the output folder of a run)")
    tables: dict[Table, list[dict]] = {}
    for name, cols in columns.items():
        path = next((p for p in (out / f"{name.value}.parquet", out / name.value) if p.exists()), None)
        if path is None:
            if name not in optional:
                raise ValueError(f"{out}: no {name.value}.parquet (is this the output folder of a run?)")
            tables[name] = []
            continue
        try:
            table = pq.read_table(path)
        except (pa.ArrowException, OSError) as e:
            raise ValueError(f"{path}: unreadable as Parquet ({e})") from None
        missing = [c for c in cols if c not in table.schema.names]
        if missing:
            raise ValueError(f"{path}: column(s) {', '.join(missing)} missing")
        tables[name] = table.select(list(cols)).to_pylist()
    return tables


def write_eval(out: Path, tables: Mapping[EvalTable, pa.Table]) -> None:
    """Writes the evaluation tables into `out`, replaced whole; refuses a folder holding anything but
    an earlier evaluation (`--out` pointing at a run's own output folder would otherwise lose it)."""
    write_tables(out, tables, Kind.EVALUATION)
