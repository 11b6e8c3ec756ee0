"""Known places (pipeline/ner/places.py): a town, region or country of GeoNames and ISO 3166-2
that the model typed as something else, or left unmarked. The places are real (the rule is about
them); the people, festivals and companies around them are invented."""
from __future__ import annotations

import pytest

from pipeline.lexicon import known_place_names
from pipeline.ner.component import find
from pipeline.ner.places import known_places, unmarked_known_places
from pipeline.vocab import Label

from .builders import candidates, unmarked


def _retyped(nlp, view, text, names):
    doc = nlp(text)
    chosen = candidates(doc, names)
    return [(doc[chosen[k][0].start:chosen[k][0].end].text, label) for k, label in known_places(view(doc), chosen)]


@pytest.mark.parametrize("text, names, places", [
    ("She moved to Tampere in 1990.", [("Tampere", "ORG")], ["Tampere"]),
    ("He was raised in Kaunas by his aunt.", [("Kaunas", "PERSON")], ["Kaunas"]),
    ("The crew flew on to Arequipa the next day.", [("Arequipa", "WORK")], ["Arequipa"]),
    ("The farm lies south of Shropshire, near the border.", [("Shropshire", "ORG")], ["Shropshire"]),
    ("Valparaíso was cold that winter.", [("Valparaíso", "ORG")], ["Valparaíso"]),
])
def test_the_models_name_of_a_known_place_becomes_a_place(nlp, view, text, names, places):
    assert _retyped(nlp, view, text, names) == [(p, Label.PLACE) for p in places]


@pytest.mark.parametrize("text, names", [
    # a festival named by its town: an award word before it, a festival of the document, its head word after it
    ("The film won the jury prize at Tampere.", [("Tampere", "ORG")]),
    ("It opened the Tampere Film Festival. Tampere was kind to it.",
     [("Tampere Film Festival", "ORG"), ("Tampere", "ORG")]),
    ("She travelled to the Tampere short film festival.", [("Tampere", "ORG")]),
    # a university or an employer named by its town
    ("She studied at Oviedo before the war.", [("Oviedo", "ORG")]),
    # a longer name, a possessive, capitals, a menu
    ("He signed with Linz Records in 2001.", [("Linz", "ORG")]),
    ("It was Linz's best year.", [("Linz", "ORG")]),
    ("He left TAMPERE in May.", [("TAMPERE", "ORG")]),
    ("Reviews › Linz › The Long Quiet", [("Linz", "ORG")]),
    # a person: a first name, a word of a longer name in the document, after an honorific
    ("Florence said she would come.", [("Florence", "PERSON")]),
    ("Ada Linz directed it. Linz was twenty.", [("Ada Linz", "PERSON"), ("Linz", "PERSON")]),
    ("Mr. Kaunas was the guest.", [("Kaunas", "PERSON")]),
    # an English word the text also writes in lower case
    ("He moved to Reading; reading was all he did.", [("Reading", "ORG")]),
    # an agent: "sold by X"
    ("The rights were sold by Linz in May.", [("Linz", "ORG")]),
    # not a known place
    ("She moved to Quellmark in 1990.", [("Quellmark", "ORG")]),
])
def test_near_misses_keep_the_models_label(nlp, view, text, names):
    assert _retyped(nlp, view, text, names) == []


@pytest.mark.parametrize("text, places", [
    ("She moved from Gdańsk to Trondheim with her aunt.", ["Gdańsk", "Trondheim"]),
    ("He grew up near Pécs and left at sixteen.", ["Pécs"]),
    # near misses: a longer name, a festival, a common word the text writes in lower case,
    # 'to' before a first name, a town that is not known, a sentence's first word
    ("She moved to Trondheim Harbour Studios in 1990.", []),
    ("It won the jury prize in Linz last year.", []),
    ("She moved to Reading, and reading saved her.", []),
    ("He wrote to Florence every week.", []),
    ("She moved from Quellmark to Varnowitz.", []),
    ("Gdańsk was where it began.", []),
])
def test_unmarked_known_places(nlp, view, text, places):
    v = unmarked(nlp, view, text)
    found = unmarked_known_places(v)
    assert [v.span_text(c.start, c.end) for c in found] == places
    assert all(c.label == Label.PLACE and c.rule.name == "known_place_name" for c in found)


def test_an_unmarked_known_place_next_to_the_models_place(nlp, view):
    doc = nlp("The tour went through Tampere, Pécs and home.")
    gpe = doc.text.index("Tampere")
    doc.ents = [doc.char_span(gpe, gpe + len("Tampere"), label="GPE")]
    v = view(doc)
    assert [v.span_text(c.start, c.end) for c in unmarked_known_places(v)] == ["Pécs"]


def test_a_well_known_place_stays_a_place_through_the_whole_component(nlp, view):
    """End to end through `find`: the model's organisation 'Kaunas' comes out a place."""
    doc = nlp("Vera Holm was born in Kaunas. Kaunas shaped her films.")
    k = doc.text.index("Kaunas")
    doc.ents = [e for e in doc.ents if e.start_char < k] + [doc.char_span(k, k + 6, label="ORG")]
    labels = {doc[c.start:c.end].text: c.label for c, _ in find(view(doc))}
    assert labels.get("Kaunas") == Label.PLACE


def test_known_place_names():
    names = known_place_names()
    for place in ("Tampere", "Shropshire", "Limpopo", "Valparaíso", "Valparaiso", "Ivory Coast", "Europe"):
        assert place in names
    assert not any(n[:1].islower() or any(ch.isdigit() for ch in n) for n in names)
