"""Orchestration: read -> per-document stages (one or N processes) -> resolve -> write.

Side effects live here and in io.py: the progress bar, the output lock, the worker pool.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from filelock import FileLock, Timeout
from tqdm import tqdm

from .config import Settings
from .document import analyze
from .io import discover, read_sources, recover, write_tables
from .ner import build_nlp
from .records import DocResult, SourceDoc
from .resolve import resolve
from .tables import build_tables
from .vocab import Table


class OutputLocked(RuntimeError):
    pass


@dataclass(frozen=True)
class Summary:
    n_ok: int
    n_failed: int
    rows: dict[str, int]
    seconds: float
    errors: list[str]

    def lines(self) -> list[str]:
        out = [f"{self.n_ok} documents ok, {self.n_failed} failed, in {self.seconds:.1f} s"]
        out.append("rows: " + ", ".join(f"{k} {v}" for k, v in self.rows.items()))
        out += [f"error: {e}" for e in self.errors[:20]]
        if len(self.errors) > 20:
            out.append(f"... and {len(self.errors) - 20} more errors (see the documents table)")
        return out


def run(settings: Settings) -> Summary:
    t0 = time.perf_counter()
    out = settings.out_dir.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out.parent / f".{out.name}.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise OutputLocked(f"another run is writing to {out} (lock file {lock.lock_file}); "
                           "wait for it to finish or choose another --out") from None
    try:
        recover(out)  # before reading: a killed run may have left outputs/ renamed aside
        files = list(discover(settings.input_dir))
        sources = read_sources(files, settings.input_dir, settings.max_chars)
        bar = tqdm(total=len(files), unit="doc", disable=not settings.progress, desc="documents")
        results = []
        for r in process(sources, settings):
            results.append(r)
            bar.update(1)
        bar.close()
        ids, entities = resolve([r for r in results if r.ok])
        tables = build_tables(results, ids, entities)
        write_tables(out, tables)
    finally:
        lock.release()
    failed = [r.source.error for r in results if not r.ok]
    return Summary(len(results) - len(failed), len(failed), {t.value: tables[t].num_rows for t in Table},
                   time.perf_counter() - t0, failed)


def process(sources: Iterable[SourceDoc], settings: Settings) -> Iterator[DocResult]:
    """Per-document results in input order, from one process or a pool of `settings.workers`."""
    batches = _batches(sources, settings.batch_size)
    if settings.workers == 1:
        nlp = build_nlp(settings.model)
        for batch in batches:
            yield from _run_batch(nlp, batch, settings.batch_size)
        return
    with ProcessPoolExecutor(settings.workers, initializer=_init_worker, initargs=(settings.model,)) as pool:
        for results in pool.map(_work, ((b, settings.batch_size) for b in batches),
                                chunksize=1):
            yield from results


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _run_batch(nlp, batch: list[SourceDoc], batch_size: int) -> list[DocResult]:
    # spaCy's string store would otherwise grow with every new word of a long stream
    with nlp.memory_zone():
        return list(analyze(nlp, batch, batch_size))


_NLP = None


def _init_worker(model: str) -> None:
    global _NLP
    _NLP = build_nlp(model)


def _work(args) -> list[DocResult]:
    batch, batch_size = args
    return _run_batch(_NLP, batch, batch_size)
