"""`interview-ie evaluate`: the SPEC's matching rules, agreement with ../shared/scorecard/score.py,
the metrics and errors tables, and bad input."""
from __future__ import annotations

import importlib.util

import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.runtime.config import Settings
from pipeline.evaluation.gold import GoldError, fold, parse_gold
from pipeline.evaluation.metrics import date_matches, evaluate
from pipeline.runtime.ownership import MARKER, NotOurs
from pipeline.runtime.io import read_gold, read_tables, write_eval, write_tables
from pipeline.evaluation.prediction import COLUMNS
from pipeline.runtime.run import run
from pipeline.vocab import ALL, ATTRIBUTION_STAGES, Label, Predicate, Scope, Table

from . import test_attribution
from .builders import Out, gold, gold_line
from .conftest import ROOT, shared_path

P, W = Label.PERSON, Label.WORK
TEXT = "Tobin Ashgrove directed HARROW LANE (2019), released on 3 May 2019, and Quiet Harbor."
ENTS = [("person", "Tobin Ashgrove"), ("work", "Harrow Lane")]


def _cast() -> Out:
    out = Out(a=TEXT)
    out.entity(P, "per_1", "Tobin Ashgrove", ("a", "Tobin Ashgrove"))
    out.entity(W, "wrk_1", "Harrow Lane", ("a", "HARROW LANE"))
    return out


def _figures(out: Out, *lines: str) -> dict[tuple[str, str], tuple[int, int, int]]:
    ev = evaluate(gold(*lines).docs, out.prediction())
    return {(r["scope"], r["key"]): (r["tp"], r["fp"], r["fn"]) for r in ev.metrics()}


def _with_relation(predicate: Predicate) -> Out:
    out = _cast()
    out.relation("a", "wrk_1", predicate, "per_1", "Tobin Ashgrove directed HARROW LANE")
    return out


def _with_dates(*pairs) -> Out:
    out = _cast()
    for fragment, value in pairs:
        out.date("a", fragment, value)
    return out


DIRECTED = ("Harrow Lane", "director", "Tobin Ashgrove")
CONTRIBUTED = ("Harrow Lane", "contributor", "Tobin Ashgrove")

# (builder, gold lines, expected (scope, key) -> (tp, fp, fn))
RULES = {
    "contributor in gold accepts director": (
        lambda: _with_relation(Predicate.DIRECTOR), [gold_line("a", ENTS, [CONTRIBUTED])],
        {("relations", "contributor"): (1, 0, 0)}),
    "director in gold does not accept contributor": (
        lambda: _with_relation(Predicate.CONTRIBUTOR), [gold_line("a", ENTS, [DIRECTED])],
        {("relations", "contributor"): (0, 1, 0), ("relations", "director"): (0, 0, 1)}),
    "contributor does not accept a non-creative predicate": (
        lambda: _with_relation(Predicate.SPOUSE), [gold_line("a", ENTS, [CONTRIBUTED])],
        {("relations", "spouse"): (0, 1, 0), ("relations", "contributor"): (0, 0, 1)}),
    "a predicate outside the document's scope is not scored": (
        lambda: _with_relation(Predicate.PRODUCER), [gold_line("a", ENTS, predicates=["director"])],
        {("relations", ALL): (0, 0, 0)}),
    "an optional relation is neither counted nor wrong": (
        lambda: _with_relation(Predicate.PRODUCER),
        [gold_line("a", ENTS, [("Harrow Lane", "producer", "Tobin Ashgrove", True)])],
        {("relations", ALL): (0, 0, 0)}),
    "names fold case, accents, a leading 'the' and punctuation": (
        _cast, [gold_line("a", [("person", "Tóbin Ashgrove"), ("work", "The Harrow-Lane")])],
        {("entities", "person"): (1, 0, 0), ("entities", "work"): (1, 0, 0)}),
    "an optional entity is neither counted nor wrong": (
        _cast, [gold_line("a", [("person", "Tobin Ashgrove"), ("work", "Harrow Lane", ["Harrow Lane"], True),
                                ("work", "Quiet Harbor", ["Quiet Harbor"], True)])],
        {("entities", "person"): (1, 0, 0), ("entities", ALL): (1, 0, 0)}),
    "the type must agree": (
        _cast, [gold_line("a", [("person", "Tobin Ashgrove"), ("organization", "Harrow Lane")])],
        {("entities", "work"): (0, 1, 0), ("entities", "organization"): (0, 0, 1)}),
    "a year-only gold date accepts a full date of that year": (
        lambda: _with_dates(("3 May 2019", "2019-05-03")), [gold_line("a", [*ENTS, ("date", "2019")])],
        {("entities", "date"): (1, 0, 0)}),
    "a full gold date wants the full date": (
        lambda: _with_dates(("2019", "2019")), [gold_line("a", [*ENTS, ("date", "2019-05-03")])],
        {("entities", "date"): (0, 1, 1)}),
    "the exact value is matched first": (
        lambda: _with_dates(("3 May 2019", "2019-05-03"), ("2019", "2019")),
        [gold_line("a", [*ENTS, ("date", "2019"), ("date", "2019-05-03")])],
        {("entities", "date"): (2, 0, 0)}),
    "a wrong subject is a false positive and a false negative": (
        lambda: _subject("per_1"), [gold_line("a", ENTS, subject="Quiet Harbor")],
        {("subject", ALL): (0, 1, 1)}),
    "no subject is a false negative only": (
        lambda: _subject(None), [gold_line("a", ENTS, subject="Tobin Ashgrove")],
        {("subject", ALL): (0, 0, 1)}),
    "a gold document the run does not have counts every gold item missed": (
        _cast, [gold_line("a", ENTS), gold_line("b", [("person", "Mara Velden")])],
        {("entities", "person"): (1, 0, 1)}),
}


def _subject(pid):
    out = _cast()
    if pid:
        out.subjects["a"] = pid
    return out


@pytest.mark.parametrize("rule", RULES)
def test_matching_rules(rule):
    build, lines, expected = RULES[rule]
    figures = _figures(build(), *lines)
    for key, counts in expected.items():
        assert figures.get(key, (0, 0, 0)) == counts, (key, figures)


@pytest.mark.parametrize("pred, gold_value, ok", [
    ("2019-05-03", "2019-05-03", True), ("2019-05-03", "2019", True), ("2019", "2019", True),
    ("2019", "2019-05-03", False), ("2019-05", "2019-05-03", False), ("2018-05-03", "2019", False),
    (None, "2019", False), ("", "", False), (" 2019 ", "2019", True),
])
def test_date_matches(pred, gold_value, ok):
    assert date_matches(pred, gold_value) is ok


def test_micro_total_sums_the_keys():
    ev = evaluate(gold(gold_line("a", [*ENTS, ("work", "Quiet Harbor"), ("place", "Brightwater")])).docs,
                  _cast().prediction())
    rows = {(r["scope"], r["key"]): r for r in ev.metrics()}
    total = rows[("entities", ALL)]
    assert (total["tp"], total["fp"], total["fn"]) == (2, 0, 2)
    assert total["p"] == 1.0 and total["r"] == 0.5 and total["f1"] == pytest.approx(2 / 3)
    assert [r["key"] for r in ev.metrics() if r["scope"] == "entities"] == ["person", "place", "work", ALL]


# --- agreement with the shared scorer --------------------------------------------------------

def _score_module():
    spec = importlib.util.spec_from_file_location("shared_score", shared_path("scorecard", "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _assert_agrees(gold_path, out_dir, metrics: list[dict]) -> None:
    # the scorer's later values (errors, missing documents, ...) have grown over time: not compared
    ent, rel, (subj_ok, subj_n), (ptp, pfp, pfn), *_ = _score_module().score(gold_path, out_dir, False)
    ours = {(r["scope"], r["key"]): r for r in metrics}
    for scope, tally in ((Scope.ENTITIES, ent), (Scope.RELATIONS, rel)):
        keys = {k for k, _ in tally.c}
        assert {k for s, k in ours if s == scope.value} == keys | {ALL}
        for key in [*keys, ALL]:
            p, r, f, tp, fp, fn = tally.prf({key} if key != ALL else None)
            row = ours[(scope.value, key)]
            assert (row["tp"], row["fp"], row["fn"]) == (tp, fp, fn), (scope, key)
            assert [round(row[x], 3) for x in ("p", "r", "f1")] == [round(v, 3) for v in (p, r, f)], (scope, key)
    subject = ours[(Scope.SUBJECT.value, ALL)]
    assert (subject["tp"], subject["tp"] + subject["fn"]) == (subj_ok, subj_n)
    cross = ours[(Scope.CROSSDOC.value, ALL)]
    assert (cross["tp"], cross["fp"], cross["fn"]) == (ptp, pfp, pfn)


# (texts, gold): the project's own sample, then the shared development sets
DEV_SETS = {"raw": (lambda: ROOT / "raw", lambda: ROOT / "gold" / "raw.jsonl"),
            "seeds": (lambda: shared_path("seeds"), lambda: shared_path("gold", "seeds.jsonl")),
            "redocred-film-dev": (lambda: shared_path("data", "redocred-film-dev", "texts"),
                                  lambda: shared_path("data", "redocred-film-dev", "gold.jsonl"))}


@pytest.fixture(scope="module", params=list(DEV_SETS))
def dev_run(request, tmp_path_factory):
    texts, gold_file = (where() for where in DEV_SETS[request.param])
    out = tmp_path_factory.mktemp(request.param) / "out"
    run(Settings(texts, out, progress=False))
    assert main(["evaluate", "--gold", str(gold_file), "--pred", str(out)]) == 0
    return gold_file, out


def test_agrees_with_the_shared_scorer(dev_run):
    gold_file, out = dev_run
    _assert_agrees(gold_file, out, pq.read_table(out / "eval" / "metrics.parquet").to_pylist())


def test_every_error_row_has_a_stage_and_the_rows_match_the_counts(dev_run):
    gold_file, out = dev_run
    metrics = {(r["scope"], r["key"]): r for r in pq.read_table(out / "eval" / "metrics.parquet").to_pylist()}
    errors = pq.read_table(out / "eval" / "errors.parquet").to_pylist()
    assert {e["stage"] for e in errors} <= {s.value for s in ATTRIBUTION_STAGES}
    texts = {d["doc_id"]: d["text"] for d in pq.read_table(out / "documents.parquet").to_pylist()}
    golds = {g.doc_id: g for g in read_gold(gold_file)}
    located = [e for e in errors if e["kind"] == "entity" and e["side"] == "fn" and e["key"] != "date"
               and e["stage"] in ("clean", "ner_missed")]
    for e in located:  # the span is where the gold name occurs in the raw text
        span = texts[e["doc_id"]][e["start"]:e["end"]]
        assert fold(span) in golds[e["doc_id"]].entities[(e["key"], e["gold"])].keys, e
    for kind, scope in (("entity", "entities"), ("relation", "relations"), ("crossdoc", "crossdoc")):
        for side in ("fp", "fn"):
            n = sum(e["kind"] == kind and e["side"] == side for e in errors)
            assert n == metrics[(scope, ALL)][side], (kind, side)
    assert sum(e["kind"] == "subject" for e in errors) == metrics[("subject", ALL)]["fn"]


@pytest.mark.parametrize("case", [*test_attribution.CASES, *RULES], ids=lambda c: getattr(c, "__name__", c))
def test_constructed_cases_agree_with_the_shared_scorer(case, tmp_path):
    if callable(case):
        out, golds = case()
    else:
        build, lines, _ = RULES[case]
        out, golds = build(), gold(*lines)
    out_dir = tmp_path / "out"
    write_tables(out_dir, out.tables())
    ev = evaluate(golds.docs, out.prediction())
    _assert_agrees(golds.write(tmp_path / "gold.jsonl"), out_dir, ev.metrics())


# --- the command, its tables and bad input ---------------------------------------------------

def test_cli_prints_the_table_and_writes_metrics_and_errors(tmp_path, capsys):
    out = _cast()
    write_tables(tmp_path / "run", out.tables())
    gold_file = gold(gold_line("a", [*ENTS, ("work", "Quiet Harbor")], subject="Tobin Ashgrove")).write(
        tmp_path / "gold.jsonl")
    assert main(["evaluate", "--gold", str(gold_file), "--pred", str(tmp_path / "run")]) == 0
    printed = capsys.readouterr().out
    assert "ENTITIES" in printed and "CROSSDOC" in printed and "errors by stage (2): " in printed
    metrics = pq.read_table(tmp_path / "run" / "eval" / "metrics.parquet").to_pylist()
    assert {"scope": "entities", "key": "work", "p": 1.0, "r": 0.5, "f1": pytest.approx(2 / 3), "tp": 1,
            "fp": 0, "fn": 1} in metrics
    errors = pq.read_table(tmp_path / "run" / "eval" / "errors.parquet").to_pylist()
    assert sorted((e["kind"], e["gold"], e["stage"]) for e in errors) == [
        ("entity", "Quiet Harbor", "ner_missed"), ("subject", "Tobin Ashgrove", "normalize")]
    quiet = next(e for e in errors if e["gold"] == "Quiet Harbor")
    assert TEXT[quiet["start"]:quiet["end"]] == "Quiet Harbor" and "Quiet Harbor" in quiet["context"]
    # a second evaluation replaces the first, into a folder of its own choosing
    assert main(["evaluate", "--gold", str(gold_file), "--pred", str(tmp_path / "run"),
                 "--out", str(tmp_path / "ev")]) == 0
    assert sorted(p.name for p in (tmp_path / "ev").iterdir()) == [MARKER, "errors.parquet", "metrics.parquet"]


@pytest.mark.parametrize("line, cause", [
    ("{not json", "test.jsonl:1: not JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"entities": []}', "doc_id must be a string"),
    ('{"doc_id": "a", "entities": [{"type": "film", "name": "X"}]}', "type 'film' is not one of"),
    ('{"doc_id": "a", "entities": [{"type": "work", "name": "X", "aliases": "X"}]}', "aliases must be a list"),
    ('{"doc_id": "a", "entities": [{"type": "work", "name": "X", "optional": "no"}]}', "optional must be"),
    ('{"doc_id": "a", "relations": [{"subject": "X", "predicate": "directs", "object": "Y"}]}',
     "predicate 'directs' is not in the contract"),
    ('{"doc_id": "a", "predicates": "director"}', "predicates must be a list"),
    ('{"doc_id": "a"}\n{"doc_id": "a"}', "test.jsonl:2: doc_id 'a' already annotated on line 1"),
])
def test_bad_gold_names_the_line_and_the_cause(line, cause):
    with pytest.raises(GoldError, match=cause.replace("(", r"\(")):
        parse_gold(line, "test.jsonl")


def test_gold_without_optional_fields_parses():
    (doc,) = parse_gold('\n{"doc_id": "a", "entities": [{"type": "work", "name": "X"}]}\n\n', "g")
    assert doc.subject is None and doc.relations == () and doc.predicates is None
    assert doc.entities[("work", "X")].keys == frozenset({"x"}) and not doc.entities[("work", "X")].optional


@pytest.mark.parametrize("damage, cause", [
    (lambda d: (d / "people.parquet").unlink(), "no people.parquet"),
    (lambda d: (d / "mentions.parquet").write_bytes(b"PAR1 not really"), "mentions.parquet: unreadable as Parquet"),
    (lambda d: pq.write_table(pq.read_table(d / "dates.parquet").drop_columns(["value"]), d / "dates.parquet"),
     "dates.parquet: column(s) value missing"),
    (lambda d: (d / "removed.parquet").unlink(), None),  # optional: another system's output may lack it
])
def test_damaged_output_folder(tmp_path, damage, cause):
    write_tables(tmp_path / "run", _cast().tables())
    damage(tmp_path / "run")
    if cause is None:
        assert read_tables(tmp_path / "run", COLUMNS, {Table.REMOVED})[Table.REMOVED] == []
        return
    with pytest.raises(ValueError, match=cause.replace("(", r"\(").replace(")", r"\)")):
        read_tables(tmp_path / "run", COLUMNS, {Table.REMOVED})


@pytest.mark.parametrize("args, cause", [
    (["--gold", "{tmp}/none.jsonl", "--pred", "{tmp}/run"], "none.jsonl: cannot read"),
    (["--gold", "{tmp}/gold.jsonl", "--pred", "{tmp}/nowhere"], "nowhere: not a folder"),
    (["--gold", "{tmp}/gold.jsonl", "--pred", "{tmp}/run", "--out", "{tmp}/run"], "run: holds files that interview-ie did not write"),
])
def test_cli_bad_input_exits_2_with_a_message(tmp_path, capsys, args, cause):
    write_tables(tmp_path / "run", _cast().tables())
    gold(gold_line("a", ENTS)).write(tmp_path / "gold.jsonl")
    assert main(["evaluate", *(a.format(tmp=tmp_path) for a in args)]) == 2
    assert cause in capsys.readouterr().err
    assert (tmp_path / "run" / "documents.parquet").exists()  # never replaced by an evaluation


def test_write_eval_refuses_a_folder_with_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(NotOurs, match="notes.txt"):
        write_eval(tmp_path, {})
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_project_gold_covers_raw():
    docs = read_gold(ROOT / "gold" / "raw.jsonl")
    assert sorted(d.doc_id for d in docs) == sorted(p.stem for p in (ROOT / "raw").iterdir())
    for d in docs:
        assert d.entities and d.relations and d.subject
        assert any(g.type == "person" for g in d.named(d.subject))


def test_gold_documents_missing_from_the_run_are_named_on_stderr(tmp_path, capsys):
    write_tables(tmp_path / "run", _cast().tables())
    gold_file = gold(gold_line("a", ENTS), gold_line("b-elsewhere", ENTS)).write(tmp_path / "gold.jsonl")
    assert main(["evaluate", "--gold", str(gold_file), "--pred", str(tmp_path / "run")]) == 0
    err = capsys.readouterr().err
    assert (f"interview-ie: warning: 1 of the 2 gold documents are not in {tmp_path / 'run'} (b-elsewhere); "
            "their entities and relations count as missed") in err


def test_a_gold_file_matching_no_document_exits_2(tmp_path, capsys):
    write_tables(tmp_path / "run", _cast().tables())
    gold_file = gold(*(gold_line(f"other-{i}", ENTS) for i in range(5))).write(tmp_path / "gold.jsonl")
    assert main(["evaluate", "--gold", str(gold_file), "--pred", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert f"{gold_file}: none of its 5 documents (other-0, other-1, other-2 and 2 more) is in " in err
    assert "(whose documents are a); is this the gold file of that run's input?" in err
    assert not (tmp_path / "run" / "eval").exists()  # no table of zeros
