"""`python -m tests.kill_during_run POINT MARKER interview-ie-args...`: the CLI, stopped at POINT.

POINT is where the run SIGKILLs itself (or, for `pause`, waits holding the output lock after
writing MARKER), so the tests hit the moments a timer would hit only by luck:
- writing: after the first rows are written into the temporary folder;
- swapping: between the two renames, the previous output folder renamed aside, the new not yet in;
- cleaning: after both renames, before the previous folder is deleted;
- pause: once the output lock is taken (MARKER written), for a minute, then exit.
"""
from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
from filelock import FileLock

from pipeline.cli import main


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(point: str, marker: Path) -> None:
    write_table, replace, rmtree, acquire = pq.ParquetWriter.write_table, os.replace, shutil.rmtree, FileLock.acquire

    def write_then_die(*args, **kwargs):
        write_table(*args, **kwargs)
        die()

    def replace_then_die(src, dst, *args, **kwargs):
        replace(src, dst, *args, **kwargs)
        if str(dst).endswith(".old"):
            die()

    def die_before_removing_old(path, *args, **kwargs):
        if str(path).endswith(".old"):
            die()
        rmtree(path, *args, **kwargs)

    def acquire_then_pause(self, *args, **kwargs):
        acquire(self, *args, **kwargs)
        marker.write_text("paused")
        time.sleep(60)
        sys.exit(3)

    hooks = {"writing": (pq.ParquetWriter, "write_table", write_then_die), "swapping": (os, "replace", replace_then_die),
             "cleaning": (shutil, "rmtree", die_before_removing_old), "pause": (FileLock, "acquire", acquire_then_pause)}
    module, name, hook = hooks[point]
    setattr(module, name, hook)


if __name__ == "__main__":
    arm(sys.argv[1], Path(sys.argv[2]))
    sys.exit(main(sys.argv[3:]))
