"""What the notebooks in `notebooks/` share: which output folder (and gold file) they read.

`INTERVIEW_IE_OUTPUT` and `INTERVIEW_IE_GOLD` may be relative paths: they are taken from the
folder the user started Jupyter (or `make notebooks`) in, which the kernel knows as `$PWD`
(inherited from the shell), and not from `notebooks/`, where Jupyter starts each kernel.
Without `INTERVIEW_IE_OUTPUT` a notebook runs the pipeline on the sample texts in `raw/`.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

OUTPUT, GOLD = "INTERVIEW_IE_OUTPUT", "INTERVIEW_IE_GOLD"
ROOT = Path(__file__).resolve().parent.parent  # the repository (an editable install runs from it)
_KEEP: list[tempfile.TemporaryDirectory] = []  # sample runs' folders, removed when the kernel stops


def launch_dir() -> Path:
    """The folder the user started from: the shell's `$PWD` when it names a folder, else the
    current one."""
    pwd = os.environ.get("PWD")
    return Path(pwd) if pwd and Path(pwd).is_dir() else Path.cwd()


def user_path(value: str) -> Path:
    """A path as the user typed it: `~` expanded, a relative path taken from `launch_dir()`."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else launch_dir() / path


def output_folder() -> Path:
    """`$INTERVIEW_IE_OUTPUT` (checked to hold a run's tables), else a fresh run on `raw/` into a
    temporary folder, whose summary is printed."""
    given = os.environ.get(OUTPUT)
    if given:
        out = user_path(given)
        if not (out / "documents.parquet").exists():
            raise FileNotFoundError(f"{OUTPUT}={given}: {out} holds no documents.parquet "
                                    f"(relative paths start from {launch_dir()}); give a run's --out folder")
        return out
    from .runtime.config import Settings
    from .runtime.run import run

    _KEEP.append(tempfile.TemporaryDirectory(prefix="interview-ie-"))
    out = Path(_KEEP[-1].name) / "outputs"
    print(*run(Settings(ROOT / "raw", out, progress=False)).lines(), sep="\n")
    return out


def gold_file() -> Path:
    """`$INTERVIEW_IE_GOLD`, else the annotations of the sample texts (`gold/raw.jsonl`)."""
    given = os.environ.get(GOLD)
    return user_path(given) if given else ROOT / "gold" / "raw.jsonl"
