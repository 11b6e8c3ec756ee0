"""Relation shapes without a cue word (pipeline/relations/shapes.py) on hand-built Docs
(`spacy.blank("en")`) with hand-placed arguments, so that each shape is tested whatever a model
does with the sentence; and the relation registry. Model-backed cases are in test_relations.py.
Names are invented."""
from __future__ import annotations

import pytest
import spacy

from pipeline.records import DateRef, EntityRef
from pipeline.relations import shapes
from pipeline.relations.context import Discourse, Item, Topic
from pipeline.relations.registry import RELATION_RULES
from pipeline.view import DocView
from pipeline.vocab import ROLE_PREDICATE, Label, Predicate

_NLP = spacy.blank("en")


def found(text: str, args: list[tuple[str, Label, int]], topic: Topic = Topic(), subject: int | None = None,
          roles: dict | None = None):
    """(method, subject, predicate, object) the shapes find in one sentence; args: (text, label,
    entity or date index) in order, dates labelled DATE."""
    doc = _NLP(text)
    for t in doc:
        t.is_sent_start = t.i == 0
    items, pos = [], 0
    for name, label, ref in args:
        start = text.index(name, pos)
        span = doc.char_span(start, start + len(name))
        items.append(Item(span.start, span.end, label, DateRef(ref) if label == Label.DATE else EntityRef(ref)))
        pos = start + len(name)
    v = DocView(doc)
    out = shapes.shapes(v, v.sents[0], items, Discourse(subject, topic, roles), is_question=False)
    return {(f.method, f.subject, f.predicate, f.object) for f in out}


def test_year_in_brackets():
    assert found("She made The Salt Orchard (2015) in Norvia.",
                 [("The Salt Orchard", Label.WORK, 0), ("2015", Label.DATE, 0)]) == {
        ("year_in_brackets", 0, Predicate.PUBLICATION_DATE, DateRef(0))}


@pytest.mark.parametrize("text, expected", [
    ("Their next album, 1987's Paper Lanterns, sold well.", {DateRef(0)}),     # a year's possessive
    ('Then came 1987\'s "Paper Lanterns" on a small label.', {DateRef(0)}),   # and an opening quote
    ("In 1987 Paper Lanterns sold well.", set()),                              # a year, then a title
    ("By 1987, Paper Lanterns had closed.", set()),
])
def test_year_before_a_title(text, expected):
    got = found(text, [("1987", Label.DATE, 0), ("Paper Lanterns", Label.WORK, 0)])
    assert {f[3] for f in got if f[0] == "year_before_kind" and f[1] == 0} == expected
    assert all(f[0] == "year_before_kind" for f in got)


def test_life_dates():
    assert found("Ana Holt (1940 – 2016) was a painter.",
                 [("Ana Holt", Label.PERSON, 0), ("1940", Label.DATE, 0), ("2016", Label.DATE, 1)]) == {
        ("life_dates", 0, Predicate.DATE_OF_BIRTH, DateRef(0)),
        ("life_dates", 0, Predicate.DATE_OF_DEATH, DateRef(1))}


@pytest.mark.parametrize("text, expected", [
    ("He is the son of actors Ana Holt and Rem Vos.", {("parents", 0, Predicate.SPOUSE, EntityRef(1))}),
    ("He is the son of Ana Holt and brother of Rem Vos.", set()),  # a parent and a sibling
])
def test_parents(text, expected):
    assert found(text, [("Ana Holt", Label.PERSON, 0), ("Rem Vos", Label.PERSON, 1)]) == expected


def test_character_and_actor_in_a_text_about_a_work():
    args = [("Conrad Hale", Label.PERSON, 1), ("Martin Ashby", Label.PERSON, 2)]
    text = "Conrad Hale (Martin Ashby) returns."
    assert found(text, args, topic=Topic(work=0)) == {("character_actor", 0, Predicate.CAST_MEMBER, EntityRef(2))}
    assert found(text, args) == set()  # no work the text is about


@pytest.mark.parametrize("roles, predicate", [
    (("composer", "director"), Predicate.COMPOSER),  # the first role in order of precedence
    (("director",), Predicate.DIRECTOR),
    (("producer",), Predicate.PRODUCER),
    (("writer",), None),                             # an author's book, not a film of theirs
])
def test_an_owners_role_gives_the_predicate(roles, predicate):
    got = found("Then came Ana Holt's The Salt Orchard.",
                [("Ana Holt", Label.PERSON, 0), ("The Salt Orchard", Label.WORK, 1)], roles={0: roles})
    assert got == ({("owned_work", 1, predicate, EntityRef(0))} if predicate else set())


def test_role_predicates_are_the_reverse_of_creative_roles():
    assert ROLE_PREDICATE["director"] == Predicate.DIRECTOR and ROLE_PREDICATE["writer"] == Predicate.SCREENWRITER
    assert len(ROLE_PREDICATE) == len(set(ROLE_PREDICATE.values()))


def test_the_registry_declares_what_each_shape_gives():
    assert all(r.predicates and 0 < r.strength <= 1 for r in RELATION_RULES)
    # two strengths of one construction share its name (the relations table's method)
    names = [r.name for r in RELATION_RULES]
    assert {n for n in names if names.count(n) > 1} == {"owned_work"}


_POS = {"their": "PRON", "her": "PRON", "a": "DET", "the": "DET", "of": "ADP", "release": "NOUN", "sequel": "NOUN",
        "collection": "NOUN", "record": "NOUN", "world": "NOUN", "broke": "VERB", ",": "PUNCT", "2011": "NUM"}


@pytest.mark.parametrize("text, expected", [
    ("Their 2011 release Paper Lanterns sold well.", {DateRef(0)}),      # a noun that a year makes a work
    ("It was followed by a 2011 sequel, Paper Lanterns, in turn.", {DateRef(0)}),
    ("Her 2011 collection Paper Lanterns has nine stories.", {DateRef(0)}),
    # near misses: the noun after the title's preposition, no noun at all
    ("The 2011 release of Paper Lanterns was delayed.", set()),
    ("In 2011 Paper Lanterns closed.", set()),
])
def test_year_before_a_dated_noun(text, expected):
    doc = _NLP(text)
    for t in doc:
        t.is_sent_start = t.i == 0
        t.pos_ = _POS.get(t.lower_, "PROPN" if t.text[:1].isupper() else "X")
    start = text.index("Paper Lanterns")
    title = doc.char_span(start, start + len("Paper Lanterns"))
    year = next(t.i for t in doc if t.text == "2011")
    args = sorted([Item(year, year + 1, Label.DATE, DateRef(0)), Item(title.start, title.end, Label.WORK, EntityRef(0))],
                  key=lambda it: it.start)
    got = {f.object for f in shapes._year_before_kind(doc[:], args) if f.subject == 0}
    assert got == expected
