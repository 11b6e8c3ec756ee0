"""The construction registry, the calibration table and the per-rule ledger."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pipeline.records import EntityRef
from pipeline.relations import constructions
from pipeline.relations.context import Found
from pipeline.relations.registry import CONSTRUCTIONS, RELATION_RULES, RelationRule
from pipeline.vocab import Label, Predicate
from tests.builders import Out, gold, gold_line
from tests.conftest import shared_path
from tests.relation_docs import Page

ROOT = Path(__file__).resolve().parent.parent


def test_constructions_are_declared_once_with_known_scopes():
    names = [c.name for c in CONSTRUCTIONS]
    assert len(names) == len(set(names))
    assert all(c.scope in {"document", "sentence"} and callable(c.find) and 0 < c.strength <= 1 and c.predicates
               for c in CONSTRUCTIONS)
    # one registry: the constructions are among the relation rules, and no other rule shares their names
    assert set(CONSTRUCTIONS) <= set(RELATION_RULES)
    assert not set(names) & {r.name for r in RELATION_RULES if r.scope is None}


def test_a_construction_may_not_give_what_it_does_not_declare():
    rogue = RelationRule("rogue", (Predicate.DIRECTOR,), 0.5, "document",
                         lambda *a: iter([Found(0, Predicate.SPOUSE, EntityRef(1), 0, 1, 0.0, "")]))
    with pytest.raises(ValueError, match="rogue gave spouse"):
        list(constructions._stamped(rogue, rogue.find()))


def test_stamping_sets_the_method_and_the_prior():
    page = Page("BLUE LAKE\nBlue Lake. Blue Lake.\n\nDirected by Ana Ruiz\n",
                {"Blue Lake": "W", "Ana Ruiz": "P"})
    found = constructions.document_level(page.view, page.items, page.disc(), [])
    assert {(f.method, f.score) for f in found if f.predicate == Predicate.DIRECTOR} == {("credit_line", 0.9)}


def test_precision_table_is_valid_and_calibrates():
    table = constructions.precision()
    assert table and all(0.0 <= p <= 1.0 for p in table.values())
    known = next(iter(table))
    found = [Found(0, Predicate.DIRECTOR, EntityRef(1), 0, 1, 0.123, known),
             Found(0, Predicate.DIRECTOR, EntityRef(1), 0, 1, 0.456, "never-measured")]
    assert [f.score for f in constructions.calibrate(found)] == [table[known], 0.456]


def _ledger():
    spec = importlib.util.spec_from_file_location("ledger", ROOT / "tools" / "ledger.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_ledger_counts_right_and_wrong_per_method(tmp_path, capsys):
    scorer = shared_path("scorecard", "score.py")  # skips when ../shared is absent
    out = Out(d="Blue Lake was directed by Ana Ruiz. Ben Ode wrote it.")
    w = out.entity(Label.WORK, "wrk_1", "Blue Lake", ("d", "Blue Lake"))
    a = out.entity(Label.PERSON, "per_1", "Ana Ruiz", ("d", "Ana Ruiz"))
    b = out.entity(Label.PERSON, "per_2", "Ben Ode", ("d", "Ben Ode"))
    out.relation("d", w, Predicate.DIRECTOR, a, "Blue Lake was directed by Ana Ruiz.")
    out.relation("d", w, Predicate.COMPOSER, b, "Ben Ode wrote it.")
    folder = tmp_path / "out"
    folder.mkdir()
    import pyarrow.parquet as pq
    for t, table in out.tables().items():
        pq.write_table(table, folder / f"{t.value}.parquet")
    g = gold(gold_line("d", [("work", "Blue Lake"), ("person", "Ana Ruiz"), ("person", "Ben Ode")],
                       [("Blue Lake", "director", "Ana Ruiz"), ("Blue Lake", "screenwriter", "Ben Ode")]))
    gpath = g.write(tmp_path / "gold.jsonl")
    ledger = _ledger()
    rows = ledger.outcomes(ledger._scorer(scorer), gpath, folder)
    assert sorted((r["predicate"], r["right"]) for r in rows) == [("composer", False), ("director", True)]
    assert ledger.main(["relations", "--set", str(gpath), str(folder), "--scorer", str(scorer),
                        "--calibrate", str(tmp_path / "p.csv")]) == 0
    table = (tmp_path / "p.csv").read_text().splitlines()
    assert table[0] == "method,precision" and len(table) == 2  # both relations carry the method 'test'
    assert float(table[1].split(",")[1]) == pytest.approx((1 + 4 * 0.5) / (2 + 4), abs=1e-3)
    printed = capsys.readouterr().out
    assert "test" in printed and "harmful" not in printed  # one right, one wrong: not worse than half


def test_entity_ledger_judges_each_rules_mentions(tmp_path, capsys):
    scorer = shared_path("scorecard", "score.py")  # skips when ../shared is absent
    out = Out(d="Blue Lake was directed by Ana Ruiz in Porto. Menu.")
    out.entity(Label.WORK, "wrk_1", "Blue Lake", ("d", "Blue Lake"), source="quoted_title")
    out.entity(Label.PERSON, "per_1", "Ana Ruiz", ("d", "Ana Ruiz"), source="model")
    out.entity(Label.ORG, "org_1", "Porto", ("d", "Porto"), source="model+relabel")
    out.entity(Label.PERSON, "per_2", "Menu", ("d", "Menu"), source="model+relabel")
    folder = tmp_path / "out"
    folder.mkdir()
    import pyarrow.parquet as pq
    for t, table in out.tables().items():
        pq.write_table(table, folder / f"{t.value}.parquet")
    g = gold(gold_line("d", [("work", "Blue Lake"), ("person", "Ana Ruiz"), ("place", "Porto")], []))
    gpath = g.write(tmp_path / "gold.jsonl")
    ledger = _ledger()
    rows = ledger.mention_outcomes(ledger._scorer(scorer), gpath, folder)
    assert sorted((r["rule"], r["name"], r["verdict"]) for r in rows) == [
        ("model", "Ana Ruiz", "tp"), ("quoted_title", "Blue Lake", "tp"),
        ("relabel", "Menu", "fp"), ("relabel", "Porto", "type")]
    full = ledger.mention_outcomes(ledger._scorer(scorer), gpath, folder, by="full")
    assert {r["rule"] for r in full} == {"model", "quoted_title", "model+relabel"}
    assert ledger.main(["entities", "--set", str(gpath), str(folder), "--scorer", str(scorer), "--examples", "1"]) == 0
    printed = capsys.readouterr().out
    relabel = next(line for line in printed.splitlines() if line.startswith("relabel"))
    assert relabel.split()[1:4] == ["0", "1", "1"] and relabel.endswith("harmful")
