"""The per-document stages on Ray: a Ray Data `map_batches` over the documents to parse, on a
pool of actors that load the spaCy model once each (`--engine ray`, `pip install '.[ray]'`).

The driver (this process) reads the files first to find what the cache already holds; the
actors read the files they parse themselves, so on a cluster the input folder must be visible at
the same path on every node (a shared file system), and the `pipeline` package installed there.
Results come back through Ray's object store; resolution and writing stay on the driver, the
same code as the local engine, so the tables are the same.
"""
from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import RunError, Settings
from .engine import Entry, Parser, Pending, entry_of
from .io import read_source
from .records import DocResult
from .store import ResultStore, text_key

try:
    import ray
    import ray.data
except ImportError:  # the optional extra is not installed
    ray = None


class RayEngine:
    def __init__(self, settings: Settings, store: ResultStore):
        if ray is None:
            raise RunError("--engine ray needs Ray: pip install 'interview-ie[ray]'")
        self.settings, self.store = settings, store

    def run(self, batches: Iterable[list[Pending]]) -> Iterator[Entry]:
        # only the paths go to Ray: the actors read the texts where they run
        todo = [{"path": str(p.path), "ordinal": p.ordinal} for batch in batches for p in batch]
        if not todo:
            return
        s = self.settings
        started = self._connect()
        try:
            ctx = ray.data.DataContext.get_current()
            ctx.enable_progress_bars = s.progress
            ds = ray.data.from_items(todo).map_batches(
                _Analyser, fn_constructor_kwargs={"model": s.model, "input_dir": str(s.input_dir),
                                                  "max_chars": s.max_chars, "batch_size": s.batch_size},
                batch_size=s.batch_size, compute=ray.data.ActorPoolStrategy(size=s.workers),
                num_cpus=1)
            for out in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
                for key, payload, entry in zip(out["key"].to_pylist(), out["payload"].to_pylist(),
                                               out["entry"].to_pylist(), strict=True):
                    if payload is not None:
                        self.store.put(key, payload)
                    yield pickle.loads(entry)  # built by our own actors
        finally:
            if started:
                ray.shutdown()

    def _connect(self) -> bool:
        """Attaches to --ray-address or starts a local Ray instance; True if this run started it."""
        if ray.is_initialized():
            return False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        kwargs = {"address": self.settings.ray_address} if self.settings.ray_address else \
            {"num_cpus": self.settings.workers}
        ray.init(include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING, **kwargs)
        return True


class _Analyser:
    """A Ray actor: the model loaded once, then batches of paths -> stored results and entries."""

    def __init__(self, model: str, input_dir: str, max_chars: int, batch_size: int):
        self.parser = Parser(model)
        self.input_dir, self.max_chars, self.batch_size = Path(input_dir), max_chars, batch_size

    def __call__(self, batch) -> dict[str, list]:
        done: list[tuple[Entry, bytes | None]] = []
        todo: list[Pending] = []
        for path, ordinal in zip(batch["path"], batch["ordinal"], strict=True):
            path = Path(str(path))
            src = read_source(path, self.input_dir, self.max_chars)
            if src.error is not None:
                done.append((entry_of(int(ordinal), DocResult(src), None), None))
            else:
                todo.append(Pending(int(ordinal), path, src, text_key(src.text)))
        if todo:
            done += self.parser.analyse(todo, self.batch_size)
        return {"key": [e.key for e, _ in done], "payload": [p for _, p in done],
                "entry": [pickle.dumps(e, protocol=5) for e, _ in done]}
