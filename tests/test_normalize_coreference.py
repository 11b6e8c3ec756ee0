"""Within one document, another form of a name joins the entity named in full
(pipeline/normalize/entities.py): a person without the middle names or with initials, an
acronym that takes more than one letter of a word, the last word of an organisation's name.
Invented names; mentions built by hand, as in test_ner_prose.py."""
from __future__ import annotations

import pytest

from .test_ner_prose import _grouped
from pipeline.normalize.entities import _abbreviates, _fuller_person, _tokens
from pipeline.vocab import Label

P, O, PL = Label.PERSON, Label.ORG, Label.PLACE


@pytest.mark.parametrize("short, full, same", [
    ("Henrik Lund", "Henrik Carsten Lund", True),
    ("H. C. Lund", "Henrik Carsten Lund", True),
    ("H.C. Lund", "Henrik Carsten Lund", True),
    ("Henrik C. Lund", "Henrik Carsten Lund", True),
    ("H. Lund", "Henrik Lund", True),
    # near misses: another first name, a middle name the full name lacks, the name itself
    ("Erik Lund", "Henrik Carsten Lund", False),
    ("Henrik Otto Lund", "Henrik Carsten Lund", False),
    ("Henrik Carsten Lund", "Henrik Carsten Lund", False),
    ("Henrik Carsten", "Henrik Carsten Lund", False),
])
def test_a_shorter_form_of_a_persons_name(short, full, same):
    assert _fuller_person(_tokens(short), _tokens(full)) is same


@pytest.mark.parametrize("acro, name, same", [
    ("prt", "Paxton Railroad Trust", True),
    ("tfg", "Tides for Gold", True),
    ("vkab", "Vellavaara-Korrunavaara Aktiebolag", True),
    ("tlm", "Tessel Logistics & Marine LLC", True),
    # every word gives its first letter, in order
    ("isb", "Independent Subway Board Trust", False),
    ("tpr", "Paxton Railroad Trust", False),
    ("abc", "Tides for Gold", False),
    # a vowel inside a word is no word's start; an acronym in the name gives all its letters
    ("rtaa", "Recording Trade Association", False),
    ("kfi", "KTV Film", False),
    ("ktvf", "KTV Film", True),
])
def test_an_acronym_may_take_more_than_one_letter_of_a_word(acro, name, same):
    assert _abbreviates(acro, name) is same


@pytest.mark.parametrize("text, names, short, full", [
    ("Henrik Carsten Lund painted. Henrik Lund died in 1901.",
     [("Henrik Carsten Lund", P), ("Henrik Lund", P)], "Henrik Lund", "Henrik Carsten Lund"),
    ("Newell Orvar Tessel drew it; N. O. Tessel signed it.",
     [("Newell Orvar Tessel", P), ("N. O. Tessel", P)], "N. O. Tessel", "Newell Orvar Tessel"),
    ("The Paxton Railroad Trust ran it until PRT sold it.",
     [("Paxton Railroad Trust", O), ("PRT", O)], "PRT", "Paxton Railroad Trust"),
    ("He played for the Orvand Ravens of Orvand. The Ravens won.",
     [("Orvand Ravens", O), ("Orvand", PL), ("Ravens", O)], "Ravens", "Orvand Ravens"),
    ("The British Senate met. The Senate voted.", [("British Senate", O), ("Senate", O)], "Senate", "British Senate"),
    ("The Chamber of Deputies met. The Chamber voted.", [("Chamber of Deputies", O), ("Chamber", O)],
     "Chamber", "Chamber of Deputies"),
])
def test_another_form_joins_the_full_name(text, names, short, full):
    assert _grouped(text, names)[short] == full


@pytest.mark.parametrize("text, names, short", [
    # two people who share a family name and the initial stay apart from the short form
    ("Henrik Carsten Lund and Hanna Marit Lund met. H. Lund wrote.",
     [("Henrik Carsten Lund", P), ("Hanna Marit Lund", P), ("H. Lund", P)], "H. Lund"),
    # the shorter form first: the son named after his father
    ("Tomas Varga founded it. His children were Ana Varga and Tomas Emil Varga.",
     [("Tomas Varga", P), ("Ana Varga", P), ("Tomas Emil Varga", P)], "Tomas Varga"),
    # two organisations end with the word: it names neither
    ("The Orvand Ravens beat the Tessel Ravens. The Ravens lost later.",
     [("Orvand Ravens", O), ("Tessel Ravens", O), ("Ravens", O)], "Ravens"),
    # a specific word before the last one: another organisation ("Tessel" is no place of the text)
    ("Square Tessel bought Tessel in 2003.", [("Square Tessel", O), ("Tessel", O)], "Tessel"),
    # an acronym two longer names fit
    ("Paxton Railroad and Portal Rover merged; PRR grew.",
     [("Paxton Railroad", O), ("Portal Rover", O), ("PRR", O)], "PRR"),
    # a city and its country stay two
    ("Varnok City lies in Varnok.", [("Varnok City", PL), ("Varnok", PL)], "Varnok"),
])
def test_another_form_near_misses(text, names, short):
    assert _grouped(text, names)[short] == short
