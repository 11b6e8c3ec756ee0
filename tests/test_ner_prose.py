"""Shapes of encyclopedia prose (pipeline/ner/retype.py, decide.py, patterns/type_cues.csv): places named
in plural and directional phrases, a country's short name in capitals. Invented names, hand-built
candidates on blank Docs, as in test_ner_types.py."""
from __future__ import annotations

import pytest

from .test_ner_rules import make
from .test_ner_types import M, _labels
from pipeline.ner.decide import keep
from pipeline.ner.registry import MODEL
from pipeline.vocab import Label


@pytest.mark.parametrize("text, names, name, label", [
    # a plural place noun before a list: the first name gets it from the cue, the list gives it to the rest
    ("Along with the nearby cities of Varnok and Tesselby, Orrin forms a region.",
     [("Varnok", "PERSON", M), ("Tesselby", "ORG", M)], "Varnok", "PLACE"),
    ("Along with the nearby cities of Varnok and Tesselby, Orrin forms a region.",
     [("Varnok", "PERSON", M), ("Tesselby", "ORG", M)], "Tesselby", "PLACE"),
    ("It serves the unincorporated areas of Pell Bayou, Lorrick and Sandy Marl.",
     [("Pell Bayou", "PERSON", M), ("Lorrick", "PERSON", M), ("Sandy Marl", "ORG", M)], "Sandy Marl", "PLACE"),
    ("He built neighborhoods such as La Corvina, Altavera and Las Brisas.",
     [("La Corvina", "PERSON", M), ("Altavera", "ORG", M), ("Las Brisas", "ORG", M)], "Altavera", "PLACE"),
    # a border named by its direction: 'bordered on the south by X'
    ("Ulden is bordered on the south by Misra Gotta and on the east by Tevo Wallo.",
     [("Misra Gotta", "ORG", M), ("Tevo Wallo", "PERSON", M)], "Tevo Wallo", "PLACE"),
    ("The district is bordered by Kavro Hemra.", [("Kavro Hemra", "PERSON", M)], "Kavro Hemra", "PLACE"),
])
def test_prose_place_cues(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, names, name, label", [
    # near misses: 'by' alone names an agent, a plural noun of people names people
    ("The house was built by Tevo Wallo in 1900.", [("Tevo Wallo", "PERSON", M)], "Tevo Wallo", "PERSON"),
    ("The album was produced by Misra Gotta.", [("Misra Gotta", "ORG", M)], "Misra Gotta", "ORG"),
    ("The sons of Varnok Tesselby ruled.", [("Varnok Tesselby", "PERSON", M)], "Varnok Tesselby", "PERSON"),
    # an organisation word keeps an organisation after a place cue
    ("It borders with Orrin Holdings land.", [("Orrin Holdings", "ORG", M)], "Orrin Holdings", "ORG"),
])
def test_prose_place_cues_near_misses(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, name, label, kept", [
    ("It reached No. 2 in the US in May.", "US", Label.PLACE, True),   # a country's short name in capitals
    ("He told us about the war.", "us", Label.PLACE, False),           # the pronoun
    ("Such is the case.", "Such", Label.PLACE, False),
    ("Let US go.", "US", Label.PERSON, False),                         # only the model's place
])
def test_a_stop_word_in_capitals_is_a_place_only_as_the_models_place(text, name, label, kept):
    v = make(text)
    start = next(t.i for t in v.doc if t.text == name)
    assert keep(v, MODEL.found(start, start + 1, label)) is kept
