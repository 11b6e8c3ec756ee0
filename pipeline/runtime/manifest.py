"""The run manifest: `OUT_DIR/manifest.json`, what produced a folder of tables.

Written by `run.py` through the same writer as the tables, into the staging folder, so that it
exists only in a complete output and always describes the tables beside it.
"""
from __future__ import annotations

import json
import platform
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from .config import Settings
from .models import describe
from ..vocab import Status

NAME = "manifest.json"
FORMAT = 1  # bumped when a key changes meaning or goes away


def now() -> str:
    """The current time in UTC, ISO 8601 to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def build(settings: Settings, *, requested_model: str, started: str, rows: Mapping[str, int],
          errors: Iterable[str | None], reused: int, fingerprint: str) -> dict:
    """The manifest of a run that has written `rows` rows per table; `errors` has one item per
    document (None when it is ok)."""
    statuses = Counter((Status.ERROR if e is not None else Status.OK).value for e in errors)
    return {
        "format": FORMAT,
        "interview_ie": __version__,
        "python": platform.python_version(),
        "model": {**describe(settings.model), "requested": requested_model},
        "input": where(settings.input_dir),
        "output": where(settings.out_dir),
        "settings": {
            "engine": settings.engine.value, "workers": settings.workers,
            "batch_size": settings.batch_size, "max_chars": settings.max_chars,
            "strict": settings.strict, "ray_address": settings.ray_address,
            "cache": str(settings.cache.absolute()) if settings.use_cache else None,
        },
        "documents": {s.value: statuses.get(s.value, 0) for s in Status},
        "documents_reused": reused,
        "rows": dict(rows),
        "started": started,
        "finished": now(),
        "cache_fingerprint": fingerprint,
    }


def dumps(manifest: dict) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()


def where(location: Path | str) -> str:
    return str(location.absolute()) if isinstance(location, Path) else location
