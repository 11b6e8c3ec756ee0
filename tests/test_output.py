"""The writing side: tables appended batch by batch, swapped in whole or not at all."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from pipeline.runtime.io import atomic_output
from pipeline.output.schemas import to_table
from pipeline.vocab import Table


def removed_rows(doc_id: str, n: int) -> list[dict]:
    return [{"doc_id": doc_id, "start": i, "end": i + 1, "text": "x", "rule": "r"} for i in range(n)]


@pytest.mark.parametrize("batches", [[0], [3], [2, 0, 5], [0, 0, 1]])
def test_batches_append_as_row_groups(tmp_path, batches):
    out = tmp_path / "out"
    with atomic_output(out) as writer:
        for i, n in enumerate(batches):
            writer.write(Table.REMOVED, to_table(Table.REMOVED, removed_rows(f"d{i}", n)))
    table = pq.read_table(out / "removed.parquet")
    assert table.schema.equals(to_table(Table.REMOVED, []).schema)
    assert table.to_pylist() == [r for i, n in enumerate(batches) for r in removed_rows(f"d{i}", n)]
    assert pq.ParquetFile(out / "removed.parquet").metadata.num_row_groups == sum(1 for n in batches if n)


def test_a_failed_run_leaves_the_previous_output_and_no_temporary_folder(tmp_path):
    out = tmp_path / "out"
    with atomic_output(out) as writer:
        writer.write(Table.REMOVED, to_table(Table.REMOVED, removed_rows("old", 2)))
    with pytest.raises(RuntimeError, match="boom"), atomic_output(out) as writer:
        writer.write(Table.REMOVED, to_table(Table.REMOVED, removed_rows("new", 3)))
        raise RuntimeError("boom")
    assert pq.read_table(out / "removed.parquet").to_pylist() == removed_rows("old", 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_run_that_died_between_the_renames_is_recovered(tmp_path):
    out = tmp_path / "out"
    with atomic_output(out) as writer:
        writer.write(Table.REMOVED, to_table(Table.REMOVED, removed_rows("old", 1)))
    out.rename(tmp_path / ".out.old")  # as if killed after moving the old output aside
    (tmp_path / ".out.tmp-dead").mkdir()
    (tmp_path / ".out.spill-dead").mkdir()
    with pytest.raises(RuntimeError), atomic_output(out):
        raise RuntimeError("interrupted again")
    assert pq.read_table(out / "removed.parquet").to_pylist() == removed_rows("old", 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
