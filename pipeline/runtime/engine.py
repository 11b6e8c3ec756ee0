"""Where the per-document stages run: in this process or in a pool of worker processes
(`engine_ray.py` runs them on Ray).

An engine takes batches of `Pending` documents and gives back one `Entry` per document: the
compact facts that resolution needs. The document's full `DocResult` goes to the `ResultStore`
under the entry's key, so that memory holds no texts and no mentions of past batches.
"""
from __future__ import annotations

import ctypes
import dataclasses
import gc
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from .config import RunError
from ..records import DocResult, SourceDoc
from ..resolve import DocEntities
from .store import ResultStore, dumps


ZONE_DOCS = 1024  # documents parsed within one spaCy memory zone (see Parser)
# glibc's mallopt parameters (malloc.h) and the values a parser's process holds them at
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_HELD = {_M_MMAP_THRESHOLD: 32 << 20, _M_TRIM_THRESHOLD: 256 << 20}
_GLIBC_DEFAULT = 128 << 10


class EngineError(RunError):
    pass


@dataclass(frozen=True, slots=True)
class Pending:
    """A document read and not found in the store: to be analysed."""

    ordinal: int       # position in the input order
    path: Path
    source: SourceDoc
    key: str           # store key of its text


@dataclass(frozen=True, slots=True)
class Entry:
    """What the run keeps in memory of one document until the tables are written."""

    ordinal: int
    source: SourceDoc               # the file's details, without its text when `key` is set
    key: str | None                 # where the full result is in the store
    entities: DocEntities
    failed: DocResult | None = None  # a document that failed, kept whole (it is not stored)


def entry_of(ordinal: int, result: DocResult, key: str | None) -> Entry:
    if not result.ok or key is None:
        return Entry(ordinal, result.source, None, DocEntities(result.source.doc_id, [], ()), result)
    return Entry(ordinal, dataclasses.replace(result.source, text=""), key, DocEntities.of(result))


def full_result(entry: Entry, store: ResultStore) -> DocResult:
    """The entry's DocResult, from the store, with this run's file details."""
    if entry.failed is not None:
        return entry.failed
    stored = store.load(entry.key, entry.source.path)
    return dataclasses.replace(stored, source=dataclasses.replace(entry.source, text=stored.source.text))


def parse_batch(nlp, batch: list[Pending], batch_size: int) -> list[tuple[Entry, bytes | None]]:
    """The per-document stages over one batch -> (entry, stored form of the result or None)."""
    from ..document import analyze  # imports spaCy: only where documents are parsed

    results = list(analyze(nlp, [p.source for p in batch], batch_size))
    out = []
    for p, r in zip(batch, results, strict=True):
        entry = entry_of(p.ordinal, r, p.key)
        out.append((entry, dumps(r) if entry.key is not None else None))
    return out


def load_model(model: str):
    from ..nlp import build_nlp  # imports spaCy: only where documents are parsed

    return build_nlp(model)


class Parser:
    """The model; its first ZONE_DOCS documents are parsed outside any memory zone, the later ones
    inside a spaCy memory zone renewed every ZONE_DOCS documents.

    Within a zone spaCy's string store and caches grow with the words of the texts; leaving the
    zone frees them, so a long stream stays in bounded memory. But within a zone the tokenizer
    saves nothing to its cache (spaCy's `Tokenizer._save_cached`), so every word is split again
    each time it occurs: the words of the first documents are kept for good instead (a bounded
    amount), and the tokenizer's cache serves them for the rest of the run. A zone per batch of
    32 documents made the whole run a sixth slower (benchmarks/), hence one zone over many
    batches."""

    def __init__(self, model: str):
        self.nlp = load_model(model)
        hold_heap()
        # the model's hundreds of thousands of objects live as long as the parser: out of the
        # collector's sight (until `stop`), its full collections stop walking them again and again
        gc.freeze()
        self._zone: ExitStack | None = None
        self._docs = 0          # documents parsed in the current zone (or before the first one)
        self._zoned = False     # past the first ZONE_DOCS documents

    def parse_batch(self, batch: list[Pending], batch_size: int) -> list[tuple[Entry, bytes | None]]:
        if self._zone is None and self._zoned:
            self._zone = ExitStack()
            self._zone.enter_context(self.nlp.memory_zone())
        try:
            return parse_batch(self.nlp, batch, batch_size)
        finally:
            self._docs += len(batch)
            if self._docs >= ZONE_DOCS:
                self.close()
                self._zoned = True

    def close(self) -> None:
        if self._zone is not None:
            self._zone.close()
            self._zone = None
        self._docs = 0

    def stop(self) -> None:
        self.close()
        gc.unfreeze()
        release_heap()


def _glibc():
    """The C library, when it is glibc (whose allocator the settings below are for)."""
    if not hasattr(os, "confstr") or not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def hold_heap() -> None:
    """Keeps freed memory in the process while documents are parsed. Each batch allocates and
    frees a few megabytes of texts and arrays at once; by default glibc gives the heap's free top
    back to the system and the next batch faults it in again page by page: five times the page
    faults of spaCy alone and a second of system time per 500 texts (benchmarks/). Memory freed
    stays for reuse up to 256 MB, and blocks up to 32 MB come from the heap, not from mmap."""
    libc = _glibc()
    if libc is not None:
        for param, value in _HELD.items():
            libc.mallopt(param, value)


def release_heap() -> None:
    """glibc's default thresholds again (as fixed values: the automatic raising of the mmap
    threshold that glibc does until one is set stays off), and the free memory given back."""
    libc = _glibc()
    if libc is not None:
        for param in _HELD:
            libc.mallopt(param, _GLIBC_DEFAULT)
        libc.malloc_trim(0)


class LocalEngine:
    """The per-document stages in this process or in a pool of at most `workers` processes: no
    more than the machine's cores or the batches there are, and none when one batch is all."""

    def __init__(self, model: str, workers: int, batch_size: int, store: ResultStore):
        self.model, self.workers, self.batch_size, self.store = model, min(workers, cores()), batch_size, store

    def run(self, batches: Iterable[list[Pending]], max_batches: int | None = None) -> Iterator[Entry]:
        """Entries of the documents of `batches`, of which there are at most `max_batches`."""
        workers = min(self.workers, max_batches or self.workers)
        if workers > 1:  # a pool is worth starting for two batches at least
            it = iter(batches)
            ahead = list(islice(it, 2))
            workers, batches = min(workers, len(ahead)), chain(ahead, it)
        # serially, each batch is read once the one before is stored: a text under two names is
        # found in the store the second time
        return self._serial(batches) if workers <= 1 else self._pool(batches, workers)

    def _serial(self, batches: Iterable[list[Pending]]) -> Iterator[Entry]:
        parser = None
        try:
            for batch in batches:
                parser = parser or Parser(self.model)  # not at all when every document is cached
                yield from _stored(parser.parse_batch(batch, self.batch_size), self.store)
        finally:
            if parser is not None:
                parser.stop()

    def _pool(self, batches: Iterable[list[Pending]], workers: int) -> Iterator[Entry]:
        in_flight: deque = deque()
        limit = 2 * workers  # bounded, so that reading never runs far ahead of the workers
        pool = ProcessPoolExecutor(workers, initializer=_init_worker,
                                   initargs=(self.model, self.store.dir, os.getpid()))
        try:
            for batch in batches:
                in_flight.append(pool.submit(_work, batch, self.batch_size))
                if len(in_flight) >= limit:
                    yield from self._result(in_flight.popleft())
            while in_flight:
                yield from self._result(in_flight.popleft())
        except BaseException:  # interrupted (Ctrl-C, SIGTERM), or the run failed: no worker goes on
            _stop_workers(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _result(self, future) -> list[Entry]:
        try:
            entries, problems = future.result()
        except BrokenProcessPool:
            raise EngineError("a worker process died (out of memory, or killed); "
                              "try fewer --workers or a smaller --batch-size") from None
        self.store.problems += problems  # what the worker's copy of the store met, for the summary
        return entries


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor.kill_workers is Python 3.14's; before it, its worker table
    kill = getattr(pool, "kill_workers", None)
    if kill is not None:
        kill()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()


def _stored(done: list[tuple[Entry, bytes | None]], store: ResultStore) -> list[Entry]:
    for entry, payload in done:
        if payload is not None:
            store.put(entry.key, payload)
    return [entry for entry, _ in done]


_PARSER: Parser | None = None
_STORE: ResultStore | None = None
_PR_SET_PDEATHSIG = 1  # prctl(2)


def _init_worker(model: str, folder: Path, parent: int) -> None:
    global _PARSER, _STORE
    _die_with(parent)
    _PARSER = Parser(model)
    _STORE = ResultStore(folder)


def _die_with(parent: int) -> None:
    """A worker ends with the run that started it, however the run ends: Linux kills it when its
    parent dies (even by SIGKILL), and Ctrl-C, which reaches the whole process group, is left to
    the parent, which stops its workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request above
        os._exit(1)


def _work(batch: list[Pending], batch_size: int) -> tuple[list[Entry], list[str]]:
    entries = _stored(_PARSER.parse_batch(batch, batch_size), _STORE)
    problems, _STORE.problems = _STORE.problems, []
    return entries, problems
