"""Organisations named by a credit field (pipeline/ner/credits.py). Shapes only: a blank English
pipeline is enough. Invented names."""
from __future__ import annotations

import pytest
import spacy

from pipeline.ner.credits import credit_orgs, credit_people
from pipeline.view import DocView


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _found(doc):
    return {(doc[c.start:c.end].text, c.label.value) for c in credit_orgs(DocView(doc))}


@pytest.mark.parametrize("text, name", [
    ("Cast: Mara Quill | Production: Harbour Arts | Runtime: 98 min", "Harbour Arts"),
    ("Rated: R Distributor: Kestrel Releasing Release date: May 2", "Kestrel Releasing"),
    ("Production: NORTHWIND | Japanese distribution: Tallow", "Tallow"),
    ("Mara Quill in ASHFALL. Courtesy of Harbour-Line Pictures.", "Harbour-Line Pictures"),
    ("It was released by Kestrel Classics in May.", "Kestrel Classics"),
    ("WORLD SALES\nHarbour Arts - Paris | www.example.org", "Harbour Arts"),
    ("DISTRIBUTION\nUSA & Kestland: Tallow Films", "Tallow Films"),
    ("Distribution: Tallow, Kestrel Media", "Kestrel Media"),
    ("a drama, a Quiet Hour Film production starring Mara Quill", "Quiet Hour Film"),
])
def test_credited_organisations(blank, text, name):
    assert (name, "ORG") in _found(blank(text))


@pytest.mark.parametrize("text", [
    "Sales grew when Harbour Arts opened.",          # no colon: not a label
    "Production\nMara Quill wrote the script.",      # a heading in sentence case over prose
    "It was a production of love, she said.",
    "DISTRIBUTION\nUSA & Kestland: Tallow Films",   # the sub-label is not the distributor
])
def test_credit_near_misses(blank, text):
    found = {n for n, _ in _found(blank(text))}
    assert not found & {"Harbour Arts", "Mara Quill", "USA & Kestland"}


def _people(doc):
    return [doc[c.start:c.end].text for c in credit_people(DocView(doc))]


@pytest.mark.parametrize("text, names", [
    ("Music: Ilse Quell", ["Ilse Quell"]),
    ("  Music ...................... VARNOW Tae-sol\n  Distribution ....... TALLOW", ["VARNOW Tae-sol"]),
    ("  Director of Photography .... Orla Fenwick\n", ["Orla Fenwick"]),
    ("- Ashfall (Kestland, 2024), dir. Mara Quill\n- Tallow (Norvia, 2023), dir. Ilse Quell", ["Mara Quill", "Ilse Quell"]),
    ("- The Pale Hour (Norvia, 2024), dir.\n  Orla Fenwick — world premiere", ["Orla Fenwick"]),
    ("Dir: Mara Quill. Cast: Ilse Quell, Tobin Asher. Music: Orla Fenwick", ["Mara Quill", "Ilse Quell", "Tobin Asher", "Orla Fenwick"]),
    ("Cast: Tobin O'Varro, Mara Quill and Ilse de la Fenwick", ["Tobin O'Varro", "Mara Quill", "Ilse de la Fenwick"]),
    ("Screenplay: Varnow Tae-sol, Quill Min-ha, and J.C. Fenwick", ["Varnow Tae-sol", "Quill Min-ha", "J.C. Fenwick"]),
    ("│ Cinematography: VARNOW Dal-ho | Music: QUILL Min-ha\n", ["VARNOW Dal-ho", "QUILL Min-ha"]),
    ("Directed by: Mara Quill\nWritten by: Ilse Quell", ["Mara Quill", "Ilse Quell"]),
    ("Written & directed by Tobin Asher\nCast: Mara Quill", ["Tobin Asher", "Mara Quill"]),
    ("2008 | Ashfall | Yes | No | Screenplay by Orla Fenwick", ["Orla Fenwick"]),
    ("Best Original Music: Orla Fenwick, ASHFALL", ["Orla Fenwick"]),       # the title in capitals is not a person
    ("Sound: Tobin Asher, Mara Quill, TALLOW", ["Tobin Asher", "Mara Quill"]),
])
def test_credited_people(blank, text, names):
    assert _people(blank(text)) == names


@pytest.mark.parametrize("text", [
    "The film was written and directed by Mara Quill.",      # prose: the model reads it
    "CAST\n  Marta ........ Mara Quill",                    # a heading opens with its characters
    "Music: Kestrel Pictures Orchestra",                     # an organisation word
    "Music: The Pale Riders",                                # an article: a band, a title
    "Sound: Dolby",                                          # one word: as often a brand
    "Cast: MARA QUILL, TOBIN ASHER",                         # capitals: left to the rules of capitals
    'Music: "Night Shore" by Ilse Quell.',                   # a quoted title, not a name
    "Production: Harbour Arts | Distributor: Kestrel Media",  # the organisations' labels
    "She wrote the music. Mara Quill said so.",               # a full stop ends a sentence, not an abbreviation
    "Director Mara Quill arrived.",                          # no separator
])
def test_credited_people_near_misses(blank, text):
    assert _people(blank(text)) == []


def test_a_credited_person_outranks_the_model_and_a_cue_not_the_capitals():
    """'Best Original Music: A B' is a person where a cue read a title; a title in quotes or
    capitals, or a name in capitals, keeps its own reading."""
    from pipeline.ner import registry as r
    assert max(r.MODEL.strength, r.CUE_TITLE.strength, r.CONTEXT_STRENGTH) < r.CREDIT_PERSON.strength
    assert r.CREDIT_PERSON.strength < min(r.CAPS_TITLE.strength, r.QUOTED_TITLE.strength, r.CAPS_PERSON.strength,
                                          r.CAPS_FAMILY_GIVEN.strength)
    assert r.CREDIT_PERSON in r.ENTITY_RULES


@pytest.mark.parametrize("text, names", [
    ("NEW VOICES\n- Ashfall (Norvia, 2024), dir. Ilse Quell\n- The Pale Hour (Kestland, 2023), dir. Tobin Varnow\n",
     {"Ilse Quell", "Tobin Varnow"}),
    ("Best Original Music: Orla Fenwick, ASHFALL\nBest Editing: Tobin Varnow, ASHFALL\n", {"Orla Fenwick", "Tobin Varnow"}),
    ("CREW\n  Director of Photography ...... Orla Fenwick\n  Music ........................ Tobin Varnow\n",
     {"Orla Fenwick", "Tobin Varnow"}),
])
def test_the_component_keeps_credited_people(nlp, text, names):
    """Through the model and the decision: each credited name is one person mention."""
    from pipeline.ner.component import mentions
    doc = nlp(text)
    people = {doc.text[m.start:m.end] for m in mentions(doc) if m.label.value == "PERSON"}
    assert names <= people
