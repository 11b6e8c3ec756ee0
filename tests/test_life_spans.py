"""A life in brackets after a name ('A (1874 in Town – 1915 in City)') and the model's one date for
a span of time split in two ('August 20, 1920 – January 16, 1992'). Names and places are invented."""
from __future__ import annotations

import pytest
import spacy

from pipeline.ner.component import split_range
from pipeline.ner.registry import MODEL
from pipeline.records import DateRef, EntityRef
from pipeline.relations.context import Item
from pipeline.relations.shapes import _life_bracket
from pipeline.vocab import Label, Predicate
from pipeline.view import DocView

from .test_relation_shapes import found

_NLP = spacy.blank("en")
B, D = Predicate.DATE_OF_BIRTH, Predicate.DATE_OF_DEATH
PB, PD = Predicate.PLACE_OF_BIRTH, Predicate.PLACE_OF_DEATH


@pytest.mark.parametrize("text, expected", [
    ("August 20, 1920 – January 16, 1992", ["August 20, 1920", "January 16, 1992"]),
    ("27 December 1841-29 May 1918", ["27 December 1841", "29 May 1918"]),
    ("1751 – 1834", ["1751", "1834"]),
    ("1977 to 1980", ["1977", "1980"]),
    ("April 25, 1844 –", ["April 25, 1844"]),          # a dash left at the end goes
    # near misses: one date, not two
    ("2016–17 season", ["2016–17 season"]),
    ("November to January", ["November to January"]),
    ("12 May 1950", ["12 May 1950"]),
])
def test_a_span_of_time_is_two_dates(text, expected):
    doc = _NLP(text)
    parts = split_range(DocView(doc), MODEL.found(0, len(doc), Label.DATE))
    assert [doc[c.start:c.end].text for c in parts] == expected


P0 = ("Ana Holt", Label.PERSON, 0)


@pytest.mark.parametrize("text, args, expected", [
    ("Ana Holt (1940 – 2016) was a painter.",
     [P0, ("1940", Label.DATE, 0), ("2016", Label.DATE, 1)],
     {("life_dates", 0, B, DateRef(0)), ("life_dates", 0, D, DateRef(1))}),
    ("Ana Holt (11 May 1874, in Varrow – 6 June 1915, in Kessel) was a doctor.",
     [P0, ("11 May 1874", Label.DATE, 0), ("Varrow", Label.PLACE, 1), ("6 June 1915", Label.DATE, 1),
      ("Kessel", Label.PLACE, 2)],
     {("life_dates", 0, B, DateRef(0)), ("life_dates", 0, D, DateRef(1)),
      ("life_places", 0, PB, EntityRef(1)), ("life_places", 0, PD, EntityRef(2))}),
    ("Ana Holt (Varrow, Drenland, 1869 – Kessel, Drenland, 1925) was a painter.",
     [P0, ("Varrow", Label.PLACE, 1), ("Drenland", Label.PLACE, 3), ("1869", Label.DATE, 0),
      ("Kessel", Label.PLACE, 2), ("Drenland", Label.PLACE, 3), ("1925", Label.DATE, 1)],
     {("life_dates", 0, B, DateRef(0)), ("life_dates", 0, D, DateRef(1)),
      ("life_places", 0, PB, EntityRef(1)), ("life_places", 0, PD, EntityRef(2))}),
    ("Ana Holt (1859 in Varrow – 1932) was a designer.",
     [P0, ("1859", Label.DATE, 0), ("Varrow", Label.PLACE, 1), ("1932", Label.DATE, 1)],
     {("life_dates", 0, B, DateRef(0)), ("life_dates", 0, D, DateRef(1)), ("life_places", 0, PB, EntityRef(1))}),
    # near misses: a term or years of study, a birth only, a 'born' aside (the cue's), no dash
    ("The post went to Ana Holt (1986 – 1993).", [P0, ("1986", Label.DATE, 0), ("1993", Label.DATE, 1)], set()),
    ("Alumni include Ana Holt (1946-1950), author.", [P0, ("1946", Label.DATE, 0), ("1950", Label.DATE, 1)], set()),
    ("Ana Holt (1950 –) is a painter.", [P0, ("1950", Label.DATE, 0)], set()),
    ("Ana Holt (born 1950 in Varrow) is a painter.", [P0, ("1950", Label.DATE, 0), ("Varrow", Label.PLACE, 1)], set()),
    ("Ana Holt (Varrow, 1950) is a painter.", [P0, ("Varrow", Label.PLACE, 1), ("1950", Label.DATE, 0)], set()),
])
def test_a_life_in_brackets(text, args, expected):
    assert found(text, args) == expected


@pytest.mark.parametrize("text, args, expected", [
    ("After Rem Vos's death in 1896, Ana Holt ran the firm.",
     [("Rem Vos", Label.PERSON, 1), ("1896", Label.DATE, 0), ("Ana Holt", Label.PERSON, 0)],
     {("death_noun", 1, D, DateRef(0))}),
    ("She took over on the death of Rem Vos in 1898.",
     [("Rem Vos", Label.PERSON, 1), ("1898", Label.DATE, 0)], {("death_noun", 1, D, DateRef(0))}),
    # near misses: a death with no owner named, a date that is not the death's
    ("After the death in 1896, Ana Holt ran the firm.", [("1896", Label.DATE, 0), P0], set()),
    ("Rem Vos's death shocked Ana Holt in 1896.",
     [("Rem Vos", Label.PERSON, 1), P0, ("1896", Label.DATE, 0)], set()),
])
def test_a_death_and_its_date(text, args, expected):
    assert found(text, args) == expected


_BORN_DIED = {("life_dates", 0, B, DateRef(0)), ("life_dates", 0, D, DateRef(1))}
_LIFE = [P0, ("1767", Label.DATE, 0), ("1816", Label.DATE, 1)]


@pytest.mark.parametrize("text, args, expected", [
    # the bracket after a comma, an emptied bracket, or a title set beside the name
    ("Ana Holt, (1767 – 1816) was a judge.", _LIFE, _BORN_DIED),
    ("Ana Holt () (1767 – 1816) was a judge.", _LIFE, _BORN_DIED),
    ("Ana Holt (, 1767 – 1816) was a judge.", _LIFE, _BORN_DIED),
    ("Ana Holt, 2nd Baroness Varrow (1767 – 1816) was a judge.", _LIFE, _BORN_DIED),
    ("Ana Holt, countess of Varrow, (1767 – 1816) was a judge.", _LIFE, _BORN_DIED),
    ("Dame Ana Holt, OBE (11 May 1767 in Varrow – 1816) was a judge.",
     [P0, ("11 May 1767", Label.DATE, 0), ("Varrow", Label.PLACE, 1), ("1816", Label.DATE, 1)],
     _BORN_DIED | {("life_places", 0, PB, EntityRef(1))}),
    # near misses: another person or a date between, a clause before the bracket, a quote
    ("Ana Holt, Rem Vos (1767 – 1816) and others.",
     [P0, ("Rem Vos", Label.PERSON, 1), ("1767", Label.DATE, 0), ("1816", Label.DATE, 1)],
     {("life_dates", 1, B, DateRef(0)), ("life_dates", 1, D, DateRef(1))}),
    ("Ana Holt, born 1740, judge (1767 – 1816).",
     [P0, ("1740", Label.DATE, 2), ("1767", Label.DATE, 0), ("1816", Label.DATE, 1)], set()),
    ('Ana Holt, "Varrow Suite" (1767 – 1816).', _LIFE, set()),
    ("Ana Holt, the judge. (1767 – 1816)", _LIFE, set()),
])
def test_a_life_in_brackets_after_a_title(text, args, expected):
    assert found(text, args) == expected


def test_no_life_bracket_after_a_verb():
    """'Ana Holt served Varrow (1767 – 1816)': a term of a clause, not the bracket of a name
    (the parse's verb, set by hand on the blank pipeline)."""
    doc = _NLP("Ana Holt served the court of Varrow (1767 – 1816).")
    pos = {"served": "VERB"}
    for t in doc:
        t.pos_ = pos.get(t.text, "PROPN" if t.text[:1].isupper() else "NOUN")
    assert _life_bracket(doc[:], Item(0, 2, Label.PERSON, EntityRef(0)), []) is None
    doc2 = _NLP("Ana Holt, judge of Varrow (1767 – 1816).")
    for t in doc2:
        t.pos_ = "PROPN" if t.text[:1].isupper() else "NOUN"
    assert _life_bracket(doc2[:], Item(0, 2, Label.PERSON, EntityRef(0)), []) == 6


@pytest.mark.parametrize("text, args, expected", [
    # a maiden name between the name and its life: the life is the person's, not the maiden name's
    ("Ana Holt, née Varga (1931 – 1991) was a gymnast.",
     [P0, ("Varga", Label.PERSON, 1), ("1931", Label.DATE, 0), ("1991", Label.DATE, 1)],
     {("life_dates", 0, B, DateRef(0)), ("life_dates", 0, D, DateRef(1))}),
    ("Ana Holt (née Varga; 1931 – 1991) was a gymnast.",
     [P0, ("Varga", Label.PERSON, 1), ("1931", Label.DATE, 0), ("1991", Label.DATE, 1)], set()),  # a blocker: the cue's
    # a death year cut to two digits: the one date is the birth
    ("He was the son of Ana Holt (1820 – 88) and Rem Vos.",
     [P0, ("1820 – 88", Label.DATE, 0), ("Rem Vos", Label.PERSON, 1)], {("life_dates", 0, B, DateRef(0))}),
    # near misses: two digits that make no lifetime, a span that is not the whole bracket
    ("The post went to Ana Holt (1986 – 93).", [P0, ("1986 – 93", Label.DATE, 0)], set()),
    ("Ana Holt (1820 – 88 in Varrow) was a doctor.", [P0, ("1820 – 88", Label.DATE, 0)], set()),
])
def test_a_maiden_name_and_a_cut_year(text, args, expected):
    assert found(text, args) == expected
