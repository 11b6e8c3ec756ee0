"""The whole pipeline on the sample corpus in raw/, asserting concrete rows."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import __version__
from pipeline.runtime.config import DEFAULT_MODEL, Settings
from pipeline.runtime.run import run
from pipeline.runtime.store import fingerprint
from pipeline.vocab import Table

from .conftest import ROOT, shared_path


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("e2e") / "outputs"
    summary = run(Settings(ROOT / "raw", out, progress=False))
    assert summary.n_ok == 5 and summary.n_failed == 0
    return out


def table(out, name):
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def test_every_table_is_written(out):
    for t in Table:
        assert (out / f"{t.value}.parquet").exists(), t


def test_lovesong_directed_by_so_yong_kim_with_evidence(out):
    docs = {d["doc_id"]: d for d in table(out, "documents")}
    rels = [r for r in table(out, "relations")
            if r["predicate"] == "director" and r["subject"] == "Lovesong" and r["object"] == "So Yong Kim"]
    assert {r["doc_id"] for r in rels} >= {"000_9d544282901d991c", "001_ffc6ea54557d44a1"}
    for r in rels:
        assert docs[r["doc_id"]]["text"][r["start"]:r["end"]] == r["evidence"]
        assert "Lovesong" in r["evidence"] or "LOVESONG" in r["evidence"]
        assert r["property"] == "P57"


def test_offsets_give_back_the_text(out):
    docs = {d["doc_id"]: d["text"] for d in table(out, "documents")}
    for name, col in (("mentions", "text"), ("dates", "text"), ("relations", "evidence")):
        for r in table(out, name):
            assert docs[r["doc_id"]][r["start"]:r["end"]] == r[col], (name, r)


def test_one_id_for_so_yong_kim_across_documents(out):
    people = [p for p in table(out, "people") if p["name"] == "So Yong Kim"]
    assert len(people) == 1
    assert set(people[0]["doc_ids"]) == {"000_9d544282901d991c", "001_ffc6ea54557d44a1"}
    assert "director" in people[0]["roles"]


def test_subjects_and_dates(out):
    people = {p["person_id"]: p["name"] for p in table(out, "people")}
    subjects = {d["doc_id"]: people.get(d["subject_id"]) for d in table(out, "documents")}
    assert subjects["003_0b806d82987d41b6"] == "Heung-Soon Im"
    dates = {(d["doc_id"], d["text"]): d for d in table(out, "dates")}
    assert dates[("004_0e0832f09d9dc9c4", "8 months")]["value"] == "P8M"
    assert dates[("004_0e0832f09d9dc9c4", "8 months")]["kind"] == "duration"


def test_works_title_case_and_year(out):
    works = {w["title"]: w for w in table(out, "works")}
    assert "In Between Days" in works and "IN BETWEEN DAYS" not in works
    assert works["The Last Day of the Year"]["year"] == 2015


def test_removed_keeps_what_cleaning_cut(out):
    removed = table(out, "removed")
    assert any(r["rule"] == "photo_credit" and r["text"] == "Larry Busacca/Getty Images" for r in removed)


def test_conforms_to_the_contract(out):
    conform = shared_path("scorecard", "conform.py")
    res = subprocess.run([sys.executable, str(conform), str(out)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout
    assert res.stdout.strip().splitlines()[-1].startswith("conforms")


def test_the_manifest_says_what_made_the_tables(out):
    m = json.loads((out / "manifest.json").read_bytes())
    assert m["interview_ie"] == __version__
    assert m["model"] == {"name": DEFAULT_MODEL, "version": "3.8.0", "requested": DEFAULT_MODEL}
    assert (m["input"], m["output"]) == (str(ROOT / "raw"), str(out))
    assert m["documents"] == {"ok": 5, "error": 0} and m["documents_reused"] == 0
    assert m["rows"] == {t.value: pq.read_metadata(out / f"{t.value}.parquet").num_rows for t in Table}
    assert m["settings"] == {"engine": "local", "workers": 1, "batch_size": 32, "max_chars": 1_000_000,
                             "strict": False, "ray_address": None,
                             "cache": str(out.parent / ".interview-ie-cache")}
    assert m["started"] <= m["finished"] and m["started"].endswith("+00:00")
    assert m["cache_fingerprint"] == fingerprint(DEFAULT_MODEL)


def test_pandas_reads_years_as_nullable_integers(out):
    works = pd.read_parquet(out / "works.parquet")  # no dtype_backend: the tables' metadata says Int32
    assert works.year.dtype == "Int32" and works.year.isna().any()
    assert works.set_index("title").loc["The Last Day of the Year", "year"] == 2015
    assert pd.read_parquet(out / "dates.parquet").year.dtype == "Int32"
    assert pd.read_parquet(out / "mentions.parquet").start.dtype == "int64"  # non-null: plain NumPy


def test_cli_runs_with_the_models_usual_name(tmp_path):
    res = subprocess.run([sys.executable, "-m", "pipeline", "run", str(ROOT / "raw"), "--out",
                          str(tmp_path / "o"), "--quiet", "--model", "en_core_web_sm"],
                         capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    lines = res.stderr.strip().splitlines()
    assert lines[0].startswith("5 documents ok, 0 failed")
    assert lines[-1] == f"tables and manifest.json in {tmp_path / 'o'}"
    model = json.loads((tmp_path / "o" / "manifest.json").read_bytes())["model"]
    assert model == {"name": DEFAULT_MODEL, "version": "3.8.0", "requested": "en_core_web_sm"}


def test_a_failed_run_writes_no_manifest(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Tobin Ashgrove directed Quiet Harbor (2011).")

    def broken(entities):
        raise OSError("disk full")

    monkeypatch.setattr("pipeline.runtime.run.entity_tables", broken)
    with pytest.raises(OSError, match="disk full"):
        run(Settings(tmp_path / "in", tmp_path / "out", progress=False, use_cache=False))
    assert not (tmp_path / "out").exists()  # neither tables nor manifest: nothing half-written
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == ["in"]
