"""The Ray engine (`--engine ray`, `pip install '.[ray]'`): input and output through Ray Data, so
that both may be on shared or object storage (a local folder, `s3://`, `gs://`, any URI that
pyarrow understands), and the per-document stages as a Ray Data `map_batches` on a pool of
actors that load the spaCy model once each.

1. The driver (this process) lists the input files (`io_fs.list_inputs`, the local engine's
   order and doc_ids); Ray Data reads them (`read_binary_files`) and hands them to the actors,
   which decode them as the local engine does (`inputs.source_of`) and parse them. The cache
   stays on the driver's disk: when it holds anything, Ray tasks decode the files first and the
   texts it holds never reach an actor (none starts when it holds them all); the actors send back
   the results it lacks.
2. Resolution stays on the driver, over the compact entries (`run.py`), so ids are the same.
3. The tables go, batch by batch, into Ray's object store (which spills to disk); at the end
   Ray Data's Parquet writer writes each as a folder `NAME.parquet/` of part files into a
   staging folder, published as the output folder (`io_fs.staged_output`).
"""
from __future__ import annotations

import dataclasses
import logging
import math
import pickle
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from .config import RunError, Settings
from .engine import Entry, Parser, Pending, cores, entry_of
from .inputs import HTML_SUFFIXES, doc_ids, source_of, too_many_bytes
from .io_fs import list_inputs, relative, resolve, staged_output
from ..records import DocResult, SourceDoc
from ..output.schemas import SCHEMAS
from .store import ResultStore, text_key
from ..vocab import EvalTable, Table

try:
    import ray
    import ray.data
except ImportError:  # the optional extra is not installed
    ray = None

ROWS_PER_FILE = 1_000_000  # Ray Data gathers a table's batches into part files of at least this many rows


class RayEngine:
    """One run's Ray session: attached to --ray-address or a local Ray instance it starts."""

    def __init__(self, settings: Settings):
        if ray is None:
            raise RunError("--engine ray needs Ray: pip install 'interview-ie[ray]'")
        self.settings = settings
        self._started = False
        # actors: on a local Ray instance no more than this machine's cores; on a cluster as asked
        self.workers = settings.workers if settings.ray_address else min(settings.workers, cores())

    def __enter__(self) -> RayEngine:
        if not ray.is_initialized():
            s = self.settings
            # Ray's own messages (its workers' logs, warnings about its set-up) only with --verbose
            level = logging.INFO if s.verbose else logging.ERROR
            logging.getLogger("ray.data").setLevel(level)
            kwargs = {"address": s.ray_address} if s.ray_address else {"num_cpus": self.workers}
            ray.init(include_dashboard=False, log_to_driver=s.verbose, logging_level=level, **kwargs)
            self._started = True
        ray.data.DataContext.get_current().enable_progress_bars = self.settings.progress
        return self

    def __exit__(self, *exc) -> None:
        if self._started:
            ray.shutdown()

    def parse_all(self, store: ResultStore, bar, skipped: Counter | None = None) -> tuple[list[Entry], int]:
        """Every input file -> its entry, in input order; -> (entries, how many came from the cache).
        Files of other extensions are counted in `skipped`."""
        s = self.settings
        fs, root = resolve(s.input_dir)
        files = list_inputs(fs, root, s.input_dir, skipped)
        bar.reset(total=len(files))
        index: list[Entry | None] = [None] * len(files)
        todo: dict[str, int] = {}  # path on fs -> ordinal
        ids: dict[str, str] = {}   # path on fs -> doc_id (`inputs.doc_ids`, here on the driver)
        rels = [relative(root, info.path) for info in files]
        for i, (info, rel, doc_id) in enumerate(zip(files, rels, doc_ids(rels), strict=True)):
            cause = too_many_bytes(info.size, s.max_chars)  # not read at all
            if cause is None:
                todo[info.path], ids[info.path] = i, doc_id
            else:
                index[i] = entry_of(i, DocResult(SourceDoc(doc_id, rel, "", "", error=f"{rel}: {cause}")), None)
                bar.update(1)
        id_ref = [ray.put(ids)]  # in a list: fetched by the tasks and actors, not copied into their arguments
        reused, missed = 0, []
        keys = store.keys()
        # a re-run: the texts the cache holds are told apart by Ray tasks, and only the others go
        # to the actors, which load the model; none is started when every text is cached. (On a
        # first run, an empty cache, the actors decode every file themselves.)
        rows, paths = self._sort(fs, root, list(todo), keys, id_ref) if keys else ([], list(todo))
        for path, key, entry, payload, cached in chain(rows, self._parse(fs, root, paths, id_ref)):
            i = todo[path]
            if cached is not None:
                stored = store.get(key, cached.text)
                if stored is None:  # unreadable after all (the store reports why): parsed below
                    missed.append(path)
                    continue
                entry = entry_of(i, dataclasses.replace(stored, source=cached), key)
                reused += 1
            elif payload is not None:
                store.put(key, payload)
            index[i] = dataclasses.replace(entry, ordinal=i)
            bar.update(1)
        for path, key, entry, payload, _ in self._parse(fs, root, missed, id_ref):
            store.put(key, payload)
            index[todo[path]] = dataclasses.replace(entry, ordinal=todo[path])
            bar.update(1)
        return index, reused

    def _sort(self, fs: pafs.FileSystem, root: str, paths: list[str], cached: frozenset[str], ids: list
              ) -> tuple[list[tuple], list[str]]:
        """Ray tasks (no actor, no model) decode the files: -> (the rows of those whose text key is
        in `cached`, or that failed, as `_parse` gives them; the paths left to parse). `ids` holds
        the reference to the driver's path -> doc_id map."""
        if not paths:
            return [], []
        s = self.settings
        ds = ray.data.read_binary_files(paths, include_paths=True, filesystem=fs, num_cpus=0)
        ds = ds.map_batches(_sorted, fn_kwargs={"root": root, "max_chars": s.max_chars, "ids": ids,
                                               "cached": [ray.put(cached)]},  # fetched, not copied
                            batch_size=s.batch_size, num_cpus=1)
        rows, left = [], []
        for row in _rows(ds):
            path, _, entry, _, source = row
            if entry is None and source is None:
                left.append(path)
            else:
                rows.append(row)
        return rows, left

    def _parse(self, fs: pafs.FileSystem, root: str, paths: list[str], ids: list
               ) -> Iterator[tuple[str, str | None, Entry | None, bytes | None, SourceDoc | None]]:
        """-> (path, text key, entry, stored form of a new result, None): every file parsed."""
        if not paths:
            return
        s = self.settings  # no more actors than batches (a changed file alone: one actor)
        # reading is I/O: no CPU reserved for it, or the actors holding every CPU would starve it
        ds = ray.data.read_binary_files(paths, include_paths=True, filesystem=fs, num_cpus=0)
        with warnings.catch_warnings():  # max_restarts has no named parameter in Ray 2.60 (pinned)
            warnings.simplefilter("ignore", DeprecationWarning)
            ds = ds.map_batches(_Analyser, fn_constructor_kwargs={
                "model": s.model, "root": root, "max_chars": s.max_chars, "batch_size": s.batch_size,
                "ids": ids},
                batch_size=s.batch_size, num_cpus=1,
                compute=ray.data.ActorPoolStrategy(size=min(self.workers, math.ceil(len(paths) / s.batch_size))),
                # an actor that dies is not restarted (nor is a worker process of the local engine):
                # for a restartable actor whose arguments wait in the object store (Ray Data puts
                # the class there) Ray's core prints an error line into the user's terminal
                max_restarts=0)
        yield from _rows(ds)

    @contextmanager
    def output(self) -> Iterator[RayTables]:
        """A writer of the tables into a staging folder, published as --out when the block succeeds."""
        fs, out = resolve(self.settings.out_dir)
        with staged_output(fs, out) as folder:
            tables = RayTables(fs, folder)
            yield tables
            tables.close()


def _rows(ds) -> Iterator[tuple[str, str | None, Entry | None, bytes | None, SourceDoc | None]]:
    for out in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
        for row in out.to_pylist():  # pickles built by our own tasks and actors
            entry = pickle.loads(row["entry"]) if row["entry"] is not None else None
            source = pickle.loads(row["cached"]) if row["cached"] is not None else None
            yield row["path"], row["key"], entry, row["payload"], source


_ROWS = pa.schema([("path", pa.string()), ("key", pa.string()), ("entry", pa.binary()),
                   ("payload", pa.binary()), ("cached", pa.binary())])


def _decoded(root: str, max_chars: int, ids: dict[str, str], data, path) -> tuple[str, SourceDoc, str | None]:
    """A file's bytes -> (its path, its source as the local engine reads it, its text key or None
    when it failed); `ids` gives its doc_id."""
    path = str(path)
    rel, doc_id = relative(root, path), ids[path]
    named_html = PurePosixPath(rel).suffix.lower() in HTML_SUFFIXES
    cause = too_many_bytes(len(data), max_chars)  # grown since it was listed
    src = SourceDoc(doc_id, rel, "", "", error=f"{rel}: {cause}") if cause else \
        source_of(doc_id, rel, bytes(data), max_chars, named_html)
    return path, src, text_key(src.text) if src.error is None else None


def _sorted(batch, root: str, max_chars: int, cached: list, ids: list) -> pa.Table:
    """A Ray task: files' bytes -> a row for each that failed or whose text the cache holds (the
    driver takes its result from the cache), an empty row (the path alone) for the others."""
    keys: frozenset[str] = ray.get(cached[0])
    by_path: dict[str, str] = ray.get(ids[0])
    rows: list[dict] = []
    for data, path in zip(batch["bytes"], batch["path"], strict=True):
        path, src, key = _decoded(root, max_chars, by_path, data, path)
        if key is None:
            rows.append(_row(path, None, entry_of(0, DocResult(src), None)))
        elif key in keys:
            rows.append(_row(path, key, cached=pickle.dumps(src, protocol=5)))
        else:
            rows.append(_row(path, key))
    return pa.Table.from_pylist(rows, schema=_ROWS)


class _Analyser:
    """A Ray actor: files' bytes -> decoded and parsed; the model is loaded at the first
    document to parse."""

    def __init__(self, model: str, root: str, max_chars: int, batch_size: int, ids: list):
        self.model, self.root, self.max_chars, self.batch_size = model, root, max_chars, batch_size
        self.ids: dict[str, str] = ray.get(ids[0])  # path -> doc_id
        self.parser: Parser | None = None

    def __call__(self, batch) -> pa.Table:
        rows: list[dict] = []
        todo: list[tuple[str, Pending]] = []
        for data, path in zip(batch["bytes"], batch["path"], strict=True):
            path, src, key = _decoded(self.root, self.max_chars, self.ids, data, path)
            if key is None:
                rows.append(_row(path, None, entry_of(0, DocResult(src), None)))
            else:
                todo.append((path, Pending(0, Path(path), src, key)))
        if todo:
            self.parser = self.parser or Parser(self.model)
            done = self.parser.parse_batch([p for _, p in todo], self.batch_size)
            rows += [_row(path, entry.key, entry, payload) for (path, _), (entry, payload) in zip(todo, done, strict=True)]
        return pa.Table.from_pylist(rows, schema=_ROWS)


def _row(path: str, key: str | None, entry: Entry | None = None, payload: bytes | None = None,
         cached: bytes | None = None) -> dict:
    return {"path": path, "key": key, "entry": pickle.dumps(entry, protocol=5) if entry else None,
            "payload": payload, "cached": cached}


class RayTables:
    """`io.TableWriter`'s interface: each table's batches wait in Ray's object store, and `close`
    writes every table with Ray Data's Parquet writer into `folder/NAME.parquet/`."""

    def __init__(self, fs: pafs.FileSystem, folder: str):
        self.fs, self.folder = fs, folder
        self._refs: dict[Table | EvalTable, list] = {}

    def write(self, name: Table | EvalTable, table: pa.Table) -> None:
        refs = self._refs.setdefault(name, [])  # the table exists even if no row ever comes
        if table.num_rows:
            refs.append(ray.put(table))

    def write_file(self, name: str, data: bytes) -> None:
        """A file beside the tables (the run manifest), written into the staging folder at once."""
        with self.fs.open_output_stream(f"{self.folder}/{name}") as f:
            f.write(data)

    def close(self) -> None:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # part files named in the order of the rows
        for name, refs in self._refs.items():
            path = f"{self.folder}/{name.value}.parquet"
            if refs:
                ray.data.from_arrow_refs(refs).write_parquet(
                    path, filesystem=self.fs, schema=SCHEMAS[name], compression="zstd",
                    min_rows_per_file=ROWS_PER_FILE)
            else:  # Ray Data writes no file for no rows; the contract wants the table and its schema
                self.fs.create_dir(path)
                pq.write_table(SCHEMAS[name].empty_table(), f"{path}/empty.parquet", filesystem=self.fs)
