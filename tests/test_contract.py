"""Schemas, vocabularies and rule data: spelled once, checked against each other."""
from __future__ import annotations

import re
from importlib import resources

import pytest

from pipeline import lexicon
from pipeline.output.schemas import SCHEMAS, SchemaError, to_table
from pipeline.vocab import CREATIVE_ROLE, ORG_KINDS, ROLES, WORK_KINDS, EvalTable, Label, Predicate, Table


def test_every_table_has_a_schema():
    assert set(SCHEMAS) == set(Table) | set(EvalTable)


@pytest.mark.parametrize("row, problem", [
    ({"doc_id": "a", "start": 0, "end": 1, "text": "x"}, "missing"),                      # no rule
    ({"doc_id": "a", "start": 0, "end": 1, "text": "x", "rule": "r", "extra": 1}, "unexpected"),
    ({"doc_id": None, "start": 0, "end": 1, "text": "x", "rule": "r"}, "doc_id is null"),
])
def test_to_table_rejects_bad_rows(row, problem):
    with pytest.raises(SchemaError, match=problem):
        to_table(Table.REMOVED, [row])


def test_to_table_keeps_types():
    t = to_table(Table.REMOVED, [{"doc_id": "a", "start": 0, "end": 1, "text": "x", "rule": "r"}])
    assert t.schema == SCHEMAS[Table.REMOVED] and t.num_rows == 1


def test_predicates_match_the_contract():
    assert Predicate.DIRECTOR.wikidata_id == "P57" and Predicate.PREMIERED_AT.wikidata_id is None
    assert len(Predicate) == 26


def test_entity_patterns_use_known_labels():
    for p in lexicon.jsonl("entity_patterns.jsonl"):
        assert Label(p["label"]) in Label
        assert p["id"]


def test_relation_cues_use_known_predicates():
    for row in lexicon.jsonl("relation_cues.jsonl"):
        assert all(Predicate(p) for p in row["predicates"]), row
        assert row.get("object", "right") in {"left", "right", "by"}


def test_clean_rules_compile_and_have_names():
    for row in lexicon.jsonl("clean_rules.jsonl"):
        re.compile(row["pattern"])
        assert row["scope"] in {"line", "inline"} and row["rule"]


def test_kinds_in_data_files_are_known():
    assert set(lexicon.org_kinds().values()) <= set(ORG_KINDS)
    assert {k for k in lexicon.work_cues().values() if k} <= set(WORK_KINDS)
    assert {Label(v) for v in lexicon.definition_heads().values()}
    assert {k for _, k in lexicon.title_cues().values() if k} <= set(WORK_KINDS)


def test_pattern_files_are_packaged():
    files = {p.name for p in (resources.files("pipeline") / "patterns").iterdir()}
    assert {"clean_rules.jsonl", "entity_patterns.jsonl", "relation_cues.jsonl"} <= files


def test_roles_in_data_files_are_known():
    assert {r for r in lexicon.role_words().values() if r} <= set(ROLES)
    assert set(CREATIVE_ROLE.values()) <= set(ROLES)
