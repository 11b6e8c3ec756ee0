"""The readers of rule data in `pipeline/patterns/`: one loop for every CSV, errors that name the
file and the line."""
from __future__ import annotations

import pytest

from pipeline import lexicon
from pipeline.vocab import Predicate


@pytest.fixture
def patterns(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "_path", lambda name: tmp_path / name)
    lexicon.predicate_map.cache_clear()
    yield tmp_path
    lexicon.predicate_map.cache_clear()


def test_predicate_map_reads_phrases_and_predicates(patterns):
    (patterns / "labels.csv").write_text("label,predicates\nWritten & Directed,screenwriter director\n\n"
                                         " DP ,director_of_photography\n", encoding="utf-8")
    assert lexicon.predicate_map("labels.csv") == {
        "written & directed": (Predicate.SCREENWRITER, Predicate.DIRECTOR),
        "dp": (Predicate.DIRECTOR_OF_PHOTOGRAPHY,)}


@pytest.mark.parametrize("body, line", [
    ("label,predicates\ndirector,director\ncomposer,composed_by\n", 3),  # not a predicate
    ("label,predicates\n\ndirector\n", 3),                              # a missing column
])
def test_a_bad_row_names_the_file_and_the_line(patterns, body, line):
    (patterns / "bad.csv").write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"patterns/bad\.csv line {line}: "):
        lexicon.predicate_map("bad.csv")


def test_csv_rows_parses_each_row_after_the_header(patterns):
    (patterns / "p.csv").write_text("method,precision\na,0.5\n\nb,1\n", encoding="utf-8")
    assert lexicon.csv_rows("p.csv", lambda row: (row[0], float(row[1]))) == [("a", 0.5), ("b", 1.0)]
    (patterns / "q.csv").write_text("method,precision\na,high\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"patterns/q\.csv line 2: could not convert"):
        lexicon.csv_rows("q.csv", lambda row: (row[0], float(row[1])))
