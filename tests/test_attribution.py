"""Error attribution on hand-built outputs: each case plants one known fault and names its stage.

All names are invented; none comes from evaluation data.
"""
from __future__ import annotations

import pytest

from pipeline.evaluation.attribution import attribute, occurrences
from pipeline.evaluation.metrics import evaluate
from pipeline.evaluation.gold import GoldEntity
from pipeline.vocab import ATTRIBUTION_STAGES, Label, Predicate, Scope, Side

from .builders import Out, gold, gold_line

P, W, ORG = Label.PERSON, Label.WORK, Label.ORG
TEXT = ("Photo: Mara Velden/Agency\n"
        "Tobin Ashgrove directed HARROW LANE in 2019. Ashgrove shot it in Brightwater.\n")


def clean():
    out = Out(a=TEXT)
    out.removed("a", "Photo: Mara Velden/Agency", "photo_credit")
    return out, gold(gold_line("a", [("person", "Mara Velden")]))


def ner_missed():
    return Out(a=TEXT), gold(gold_line("a", [("person", "Tobin Ashgrove")]))


def ner_missed_partly():
    out = Out(a=TEXT)
    out.entity(P, "per_1", "Tobin", ("a", "Tobin"))
    return out, gold(gold_line("a", [("person", "Tobin Ashgrove")]))


def ner_type():
    out = Out(a=TEXT)
    out.entity(ORG, "org_1", "HARROW LANE", ("a", "HARROW LANE"))
    return out, gold(gold_line("a", [("work", "Harrow Lane")]))


def ner_spurious():
    out = Out(a=TEXT)
    out.entity(P, "per_1", "Brightwater", ("a", "Brightwater"))
    return out, gold(gold_line("a", []))


def normalize_name():
    out = Out(a=TEXT)
    out.entity(W, "wrk_1", "Harrow Lane in", ("a", "HARROW LANE in"))
    return out, gold(gold_line("a", [("work", "Harrow Lane")]))


def normalize_date():
    out = Out(a=TEXT)
    out.date("a", "2019", "2091")
    return out, gold(gold_line("a", [("date", "2019")]))


def merged_within_document():
    out = Out(a=TEXT)
    out.entity(P, "per_1", "Tobin Ashgrove", ("a", "Tobin Ashgrove"), ("a", "Ashgrove"))
    return out, gold(gold_line("a", [("person", "Tobin Ashgrove"), ("person", "Ashgrove")]))


def split_within_document():
    out = Out(a=TEXT)
    out.entity(P, "per_1", "Tobin Ashgrove", ("a", "Tobin Ashgrove"))
    out.entity(P, "per_2", "Ashgrove", ("a", "Ashgrove", 1))
    return out, gold(gold_line("a", [("person", "Tobin Ashgrove", ["Tobin Ashgrove", "Ashgrove"])]))


def short_name_not_resolved():
    out = Out(a=TEXT)
    out.entity(P, "per_1", "Tobin Ashgrove", ("a", "Tobin Ashgrove"))
    out.entity(P, "per_2", "Ashgrove", ("a", "Ashgrove", 1))
    return out, gold(gold_line("a", [("person", "Tobin Ashgrove")]))


def split_across_documents():
    out = Out(a=TEXT, b="An interview with Tobin Ashgrove.")
    out.entity(P, "per_1", "Tobin Ashgrove", ("a", "Tobin Ashgrove"))
    out.entity(P, "per_2", "Tobin Ashgrove", ("b", "Tobin Ashgrove"))
    g = [("person", "Tobin Ashgrove")]
    return out, gold(gold_line("a", g), gold_line("b", g))


def merged_across_documents():
    out = Out(a="I. Marrow, the painter.", b="I. Marrow, the composer.")
    out.entity(P, "per_1", "I. Marrow", ("a", "I. Marrow"), ("b", "I. Marrow"))
    return out, gold(gold_line("a", [("person", "Ilse Marrow", ["Ilse Marrow", "I. Marrow"])]),
                     gold_line("b", [("person", "Ivo Marrow", ["Ivo Marrow", "I. Marrow"])]))


def named_after_other_documents():
    out = Out(a="Kestrel Festival opened.", b="The Kestrel Festival of Sound opened.")
    out.entity(ORG, "org_1", "Kestrel Festival of Sound", ("a", "Kestrel Festival"), ("b", "Kestrel Festival of Sound"))
    return out, gold(gold_line("a", [("organization", "Kestrel Festival")]))


def unlocated():
    return Out(a=TEXT), gold(gold_line("a", [("work", "Quiet Harbor")]))


def _both(out):
    out.entity(P, "per_1", "Tobin Ashgrove", ("a", "Tobin Ashgrove"))
    out.entity(W, "wrk_1", "Harrow Lane", ("a", "HARROW LANE"))


def relation_missed():
    out = Out(a=TEXT)
    _both(out)
    return out, gold(gold_line("a", [("person", "Tobin Ashgrove"), ("work", "Harrow Lane")],
                               [("Harrow Lane", "director", "Tobin Ashgrove")]))


def relation_wrong():
    out = Out(a=TEXT)
    _both(out)
    out.relation("a", "wrk_1", Predicate.PRODUCER, "per_1", "Tobin Ashgrove directed HARROW LANE in 2019.")
    return out, gold(gold_line("a", [("person", "Tobin Ashgrove"), ("work", "Harrow Lane")]))


def relation_argument_missed():
    out = Out(a=TEXT)
    out.entity(W, "wrk_1", "Harrow Lane", ("a", "HARROW LANE"))
    return out, gold(gold_line("a", [("work", "Harrow Lane")], [("Harrow Lane", "director", "Tobin Ashgrove")]))


def relation_argument_spurious():
    out = Out(a=TEXT)
    _both(out)
    out.entity(Label.PLACE, "plc_1", "Brightwater", ("a", "Brightwater"))
    out.relation("a", "wrk_1", Predicate.FILMING_LOCATION, "plc_1", "Ashgrove shot it in Brightwater.")
    return out, gold(gold_line("a", [("person", "Tobin Ashgrove"), ("work", "Harrow Lane")]))


def subject_chosen_wrong():
    out = Out(a=TEXT)
    _both(out)
    out.entity(P, "per_2", "Mara Velden", ("a", "Mara Velden"))
    out.subjects["a"] = "per_2"
    return out, gold(gold_line("a", [("person", "Tobin Ashgrove"), ("work", "Harrow Lane"),
                                     ("person", "Mara Velden")], subject="Tobin Ashgrove"))


# case -> every error it must produce, as (kind, side, stage, detail fragment)
CASES = {
    clean: [("entity", "fn", "clean", "photo_credit")],
    ner_missed: [("entity", "fn", "ner_missed", "no mention")],
    ner_missed_partly: [("entity", "fn", "ner_missed", "only partly covered by 'Tobin'"),
                        ("entity", "fp", "ner_missed", "a fragment of gold 'Tobin Ashgrove'")],
    ner_type: [("entity", "fn", "ner_type", "recognized as ORG"), ("entity", "fp", "ner_type", "as a work")],
    ner_spurious: [("entity", "fp", "ner_spurious", "no gold entity")],
    normalize_name: [("entity", "fn", "normalize", "'Harrow Lane in'"),
                     ("entity", "fp", "normalize", "covers gold 'Harrow Lane'")],
    normalize_date: [("entity", "fn", "normalize", "read as '2091'"), ("entity", "fp", "normalize", "2019")],
    merged_within_document: [("entity", "fn", "resolution", "merged into the entity of gold 'Tobin Ashgrove'")],
    split_within_document: [("entity", "fp", "resolution", "already matched by 'Tobin Ashgrove'")],
    short_name_not_resolved: [("entity", "fp", "resolution", "a short form of gold 'Tobin Ashgrove'")],
    split_across_documents: [("crossdoc", "fn", "resolution", "per_1")],
    merged_across_documents: [("crossdoc", "fp", "resolution", "'Ilse Marrow' in a")],
    named_after_other_documents: [("entity", "fn", "resolution", "after 1 other document"),
                                  ("entity", "fp", "resolution", "after 1 other document")],
    unlocated: [("entity", "fn", "unlocated", "no alias")],
    relation_missed: [("relation", "fn", "relation_missed", "no relation predicted")],
    relation_wrong: [("relation", "fp", "relation_wrong", "no gold relation")],
    relation_argument_missed: [("relation", "fn", "ner_missed", "object 'Tobin Ashgrove' not found")],
    relation_argument_spurious: [("relation", "fp", "ner_spurious", "object 'Brightwater'"),
                                 ("entity", "fp", "ner_spurious", "no gold entity")],
    subject_chosen_wrong: [("subject", "fn", "normalize", "the subject chosen was 'Mara Velden'")],
}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_attribution(case):
    out, golds = case()
    pred = out.prediction()
    errors = attribute(evaluate(golds.docs, pred), pred)
    got = sorted((e["kind"], e["side"], e["stage"]) for e in errors)
    assert got == sorted(x[:3] for x in CASES[case]), errors
    for kind, side, stage, detail in CASES[case]:
        row = next(e for e in errors if (e["kind"], e["side"], e["stage"]) == (kind, side, stage))
        assert detail in row["detail"], row


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_rows_match_the_counts_and_spans_give_back_text(case):
    out, golds = case()
    pred = out.prediction()
    ev = evaluate(golds.docs, pred)
    errors = attribute(ev, pred)
    expect = {(s.value, side): 0 for s in Scope for side in (Side.FP, Side.FN)}
    for (scope, _key), c in ev.counts.items():
        expect[(scope.value, Side.FP)] += c.fp if scope != Scope.SUBJECT else 0
        expect[(scope.value, Side.FN)] += c.fn
    kinds = {"entity": "entities", "relation": "relations", "subject": "subject", "crossdoc": "crossdoc"}
    for (scope, side), n in expect.items():
        assert sum(kinds[e["kind"]] == scope and e["side"] == side.value for e in errors) == n, (scope, side)
    for e in errors:
        assert e["stage"] in {s.value for s in ATTRIBUTION_STAGES}
        if e["start"] is not None:
            assert e["context"] and " ".join(out.texts[e["doc_id"]][e["start"]:e["end"]].split()) in e["context"]


def test_a_perfect_prediction_has_no_errors():
    out = Out(a=TEXT)
    _both(out)
    out.date("a", "2019", "2019")
    out.relation("a", "wrk_1", Predicate.DIRECTOR, "per_1", "Tobin Ashgrove directed HARROW LANE in 2019.")
    out.subjects["a"] = "per_1"
    golds = gold(gold_line("a", [("person", "Tobin Ashgrove"), ("work", "Harrow Lane"), ("date", "2019")],
                           [("Harrow Lane", "director", "Tobin Ashgrove")], subject="Tobin Ashgrove"))
    pred = out.prediction()
    ev = evaluate(golds.docs, pred)
    assert attribute(ev, pred) == []
    assert all(row["f1"] == 1.0 for row in ev.metrics() if row["tp"])


@pytest.mark.parametrize("text, name, aliases, found", [
    ("So it was HARROW LANE.", "Harrow Lane", (), ["HARROW LANE"]),
    ("the Harrow-Lane cut", "Harrow Lane", (), ["Harrow-Lane"]),
    ("Café Noir and Cafe Noir", "Cafe Noir", (), ["Café Noir", "Cafe Noir"]),
    ("The Long Road, then Long Road", "The Long Road", (), ["Long Road", "Long Road"]),
    ("Harrowlanes", "Harrow Lane", (), []),          # not inside a longer word
    ("Lanes of Harrow", "Harrow Lane", (), []),
    ("Tobin and T. Ashgrove", "Tobin Ashgrove", ("T. Ashgrove",), ["T. Ashgrove"]),
])
def test_occurrences_fold_like_the_matching_key(text, name, aliases, found):
    spans = occurrences(text, GoldEntity("work", name, aliases, False))
    assert [text[s:e] for s, e in spans] == found


@pytest.mark.parametrize("text, value, found", [
    ("in 2019, and 2019's", "2019", ["2019", "2019"]),
    ("on 3 May 2019", "2019-05-03", ["2019"]),
    ("in 20190", "2019", []),
])
def test_date_occurrences_are_the_year(text, value, found):
    assert [text[s:e] for s, e in occurrences(text, GoldEntity("date", value, (value,), False))] == found
