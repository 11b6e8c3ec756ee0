"""Orchestration: read -> per-document stages -> resolve -> write, streaming in batches.

1. Files are read one batch at a time; a text already in the result store (cache) is not parsed
   again, the others go to the engine (this process, a process pool, or Ray).
2. Only a compact entry per document stays in memory (its file details and its entities' names);
   the full results wait in the store.
3. Resolution over the entries gives every entity its global id; the per-document tables are then
   written batch by batch from the store, and the entity tables last, into a temporary folder
   that replaces the output folder at the end. With the Ray engine Ray Data reads the files and
   writes the tables, on any file system pyarrow knows (`engine_ray.py`).

Side effects live here and in io.py: the progress bar, the output lock, the cache and spill folders.
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from filelock import FileLock, Timeout
from tqdm import tqdm

from . import manifest
from ..batching import BATCH_CHARS, batches
from .config import Engine, RunError, Settings
from .engine import Entry, LocalEngine, Pending, entry_of, full_result
from .inputs import SUFFIXES
from .io import atomic_output, check_output, discover, output_path, read_sources
from .models import resolve_model
from ..records import DocResult
from ..resolve import resolve
from ..output.schemas import SCHEMAS
from ..output.tables import document_tables, entity_tables
from .store import ResultStore, fingerprint, text_key
from ..vocab import Table

WRITE_BATCH = 512  # documents per row group of the per-document tables


class OutputLocked(RunError):
    pass


@dataclass(frozen=True)
class Summary:
    n_ok: int
    n_failed: int
    rows: dict[str, int]
    seconds: float
    errors: list[str]
    n_reused: int = 0  # documents whose results came from the cache
    cache: str = ""    # the cache folder, or "" when the run kept none
    cache_problems: tuple[str, ...] = ()
    skipped: tuple[tuple[str, int], ...] = ()  # files of other extensions: (extension, how many)
    out: str = ""      # the output folder

    def lines(self) -> list[str]:
        out = [f"{self.n_ok} documents ok, {self.n_failed} failed, in {self.seconds:.1f} s"]
        if not self.n_ok + self.n_failed:
            out.append(f"no input file: the tables are empty (read: {' '.join(SUFFIXES)})")
        if self.skipped:
            n = sum(k for _, k in self.skipped)
            out.append(f"skipped {n} file{'s' * (n > 1)} of other types: "
                       + ", ".join(f"{k} {ext}" for ext, k in self.skipped)
                       + f" (read: {' '.join(SUFFIXES)})")
        out.append("rows: " + ", ".join(f"{k} {v}" for k, v in self.rows.items()))
        if self.cache:
            out.append(f"cache: {self.n_reused} documents reused, "
                       f"{self.n_ok + self.n_failed - self.n_reused} parsed ({self.cache})")
        out += [f"cache problem (recomputed): {p}" for p in self.cache_problems[:5]]
        out += [f"error: {e}" for e in self.errors[:20]]
        if len(self.errors) > 20:
            out.append(f"... and {len(self.errors) - 20} more errors (see the documents table)")
        if self.out:
            out.append(f"tables and manifest.json in {self.out}")
        return out


def run(settings: Settings) -> Summary:
    t0, started, requested = time.perf_counter(), manifest.now(), settings.model
    settings = replace(settings, model=resolve_model(settings.model))  # en_core_web_sm: the bundled one
    settings = _checked_output(settings)
    lock = _lock(settings.out_dir)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise OutputLocked(f"another run is writing to {settings.out_dir} (lock file {lock.lock_file}); "
                           "wait for it to finish or choose another --out") from None
    try:
        with ExitStack() as stack:
            ray = stack.enter_context(_ray_engine(settings)) if settings.engine == Engine.RAY else None
            writer = stack.enter_context(ray.output() if ray else atomic_output(settings.out_dir))
            scratch = settings.out_dir.absolute().parent if isinstance(settings.out_dir, Path) else None
            spill = None if settings.use_cache else Path(
                tempfile.mkdtemp(prefix=f".{_name(settings.out_dir)}.spill-", dir=scratch))
            if spill:
                stack.callback(shutil.rmtree, spill, ignore_errors=True)
            fp = fingerprint(settings.model)  # hashes every module and pattern file: once a run
            store = ResultStore(spill) if spill else ResultStore.open(settings.cache, fp)
            skipped: Counter = Counter()
            index, reused = _parse_all(settings, store, ray, skipped)
            ids, entities = resolve(e.entities for e in index)
            names = {g.id: g.name for g in entities}
            rows = dict.fromkeys((t.value for t in Table), 0)
            _write(writer, {t: SCHEMAS[t].empty_table() for t in Table}, rows)  # every table, rows or not
            for batch in _batches(index, WRITE_BATCH):
                tables = document_tables([full_result(e, store) for e in batch], ids, names)
                _write(writer, tables, rows)
            _write(writer, entity_tables(entities), rows)
            writer.write_file(manifest.NAME, manifest.dumps(manifest.build(
                settings, requested_model=requested, started=started, rows=rows, reused=reused,
                errors=(e.source.error for e in index), fingerprint=fp)))
            if not spill:
                store.prune()
    finally:
        lock.release()
    failed = [e.source.error for e in index if e.source.error is not None]
    return Summary(len(index) - len(failed), len(failed), rows, time.perf_counter() - t0, failed,
                   reused, "" if spill else str(store.dir), tuple(store.problems),
                   tuple(sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0]))), manifest.where(settings.out_dir))


def _checked_output(settings: Settings) -> Settings:
    """A local --out as the folder it really is (a symbolic link followed), refused before any work
    if the run may not replace it (ownership.check) or if the input folder lies inside it."""
    if not isinstance(settings.out_dir, Path):
        return settings  # a URI: io_fs.staged_output checks it the same way
    out = output_path(settings.out_dir)
    if isinstance(settings.input_dir, Path) and settings.input_dir.resolve().is_relative_to(out):
        raise RunError(f"the input folder {settings.input_dir} is inside the output folder "
                       f"{settings.out_dir}, which a run replaces whole; choose an --out outside it")
    check_output(out)
    return replace(settings, out_dir=out)


def _lock(out: Path | str) -> FileLock:
    """Beside a local output folder; for an output URI in the temporary folder, so that it keeps
    apart the runs of this machine only."""
    if isinstance(out, Path):
        out = out.absolute()
        out.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(str(out.parent / f".{out.name}.lock"))
    digest = hashlib.sha256(out.rstrip("/").encode()).hexdigest()[:16]
    return FileLock(str(Path(tempfile.gettempdir()) / f".interview-ie-{digest}.lock"))


def _name(out: Path | str) -> str:
    return out.absolute().name if isinstance(out, Path) else out.rstrip("/").rsplit("/", 1)[-1]


def _write(writer, tables, rows: dict[str, int]) -> None:
    for name, table in tables.items():
        writer.write(name, table)
        rows[name.value] += table.num_rows


def _parse_all(settings: Settings, store: ResultStore, ray, skipped: Counter) -> tuple[list[Entry], int]:
    """Every input file -> its entry, in input order; -> (entries, how many came from the store).
    Files of other extensions are counted in `skipped`."""
    if ray is not None:  # Ray Data reads the files
        with tqdm(unit="doc", disable=not settings.progress, desc="documents") as bar:
            return ray.parse_all(store, bar, skipped)
    files = list(discover(settings.input_dir, skipped))
    index: list[Entry | None] = [None] * len(files)
    reused = 0
    bar = tqdm(total=len(files), unit="doc", disable=not settings.progress, desc="documents")

    def pending() -> Iterator[Pending]:
        nonlocal reused
        sources = read_sources(files, settings.input_dir, settings.max_chars)
        for i, (path, src) in enumerate(zip(files, sources, strict=True)):
            key = text_key(src.text) if src.error is None else None
            stored = store.get(key, src.text) if key is not None else None
            if key is None or stored is not None:
                # a stored result may come from another file with the same text: this file's details
                index[i] = entry_of(i, replace(stored, source=src) if stored else DocResult(src), key)
                reused += stored is not None
                bar.update(1)
                continue
            yield Pending(i, path, src, key)

    engine = LocalEngine(settings.model, settings.workers, settings.batch_size, store)
    # a long text goes alone: what a worker holds is bounded by characters too (batching.py)
    try:
        for entry in engine.run(batches(pending(), settings.batch_size, BATCH_CHARS, lambda p: len(p.source.text)),
                                max_batches=len(files)):
            index[entry.ordinal] = entry
            bar.update(1)
    finally:
        bar.close()
    return index, reused


def _ray_engine(settings: Settings):
    from .engine_ray import RayEngine  # needs the optional extra: pip install .[ray]

    return RayEngine(settings)


def _batches(items: list, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
