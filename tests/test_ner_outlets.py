"""A company named by what it does to a work (`pipeline/ner/outlets.py`): 'X released it',
'broadcast live on X'; and the near misses: a person, a date, a carrier."""
from __future__ import annotations

import pytest

from pipeline.ner.component import mentions
from pipeline.ner.outlets import SHAPES, outlet_cues, outlet_orgs
from pipeline.view import DocView


def found(nlp, text):
    doc = nlp(text)
    return {(doc.text[m.start:m.end], m.label.value): m.meta.source for m in mentions(doc)}


def outlets(nlp, text):
    """The finder's names over the model's entities alone (before the entity stage decides)."""
    with nlp.select_pipes(disable=["film_entities"]):
        doc = nlp(text)
    v = DocView(doc, common_words=nlp.get_pipe("film_entities").common)
    return {v.span_text(c.start, c.end) for c in outlet_orgs(v)}


@pytest.mark.parametrize("text, name", [
    # the subject of a release verb and its work
    ("It premiered at a small festival in 2015 and Juniper released it.", "Juniper"),
    ("Tomas did the music. VARNOW released it in July and it became a hit.", "VARNOW"),
    ("Kestrel Pictures Classics released it in North America.", "Kestrel Pictures Classics"),
    ("Harbour Arts acquired the film after its first screening.", "Harbour Arts"),
    # after 'on', behind a broadcast or stream verb and a few words of its clause
    ("The ceremony was broadcast live on KBX, and was held at the city hall.", "KBX"),
    ("Orbit Lane released it in theaters and on Streamory on February 19.", "Streamory"),
    ("The second season is streaming on Streamory now.", "Streamory"),
    ("The first series aired on Channel Seven in 2004.", "Channel Seven"),
    # a page's call to review it on a platform
    ("Follow the show · Rate & review us on Lumen Podcasts", "Lumen Podcasts"),
])
def test_a_company_named_by_what_it_does_to_a_work(nlp, text, name):
    assert name in outlets(nlp, text)
    assert (name, "ORG") in found(nlp, text)


@pytest.mark.parametrize("text, name", [
    # a person who releases a work stays a person; a pronoun is no name
    ("Mara Voss released it in 2004.", "Mara Voss"),
    ("They said He released it twice.", "He"),
    # a date and a carrier after 'on' are no company
    ("The show aired on May 5, 2010.", "May"),
    ("It was released on DVD in 2005.", "DVD"),
    ("The film is available on Blu-ray from a small label.", "Blu"),
    ("The album was released on LP by a small label.", "LP"),
    # the verb without its work, and 'on' too far from the verb
    ("Harbour Arts released a statement.", "Harbour Arts"),
    ("It was released in the spring of that year and later on Kestrel Day.", "Kestrel Day"),
])
def test_no_company_where_nothing_is_done_to_a_work(nlp, text, name):
    assert name not in outlets(nlp, text)
    assert not found(nlp, text).get((name, "ORG"), "").startswith("outlet_org")


def test_the_cues_are_lower_case_words_of_known_shapes():
    cues = outlet_cues()
    assert set(cues) == set(SHAPES) and all(cues[s] for s in SHAPES)
    assert all(w == w.lower() for phrases in cues.values() for p in phrases for w in p)
