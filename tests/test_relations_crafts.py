"""Who shot a work and who made its music, said without a credit label (`relations/crafts.py`),
on hand-built sentences."""
from __future__ import annotations

import pytest

from pipeline.relations import crafts
from tests.relation_docs import Page

NAMES = {"Blue Lake": "W", "Grey Harbour": "W", "Ana Ruiz": "P", "Ben Ode": "P", "Cleo Marsh": "P"}


def found(text: str, topic: str | None = None) -> set:
    page = Page(text, NAMES)
    sent = page.doc[:]
    return page.triples(crafts.crafts(page.view, sent, page.items, page.disc(topic_work=topic), False))


@pytest.mark.parametrize("text,topic,expected", [
    ("In Blue Lake, Ana Ruiz's camera stays at street level.", None,
     {("Blue Lake", "director_of_photography", "Ana Ruiz")}),
    ("The camera of Ana Ruiz and the score of Ben Ode carry Blue Lake.", None,
     {("Blue Lake", "director_of_photography", "Ana Ruiz"), ("Blue Lake", "composer", "Ben Ode")}),
    ("Ana Ruiz was our cinematographer, and Ben Ode did the music.", "Blue Lake",
     {("Blue Lake", "director_of_photography", "Ana Ruiz"), ("Blue Lake", "composer", "Ben Ode")}),
    ("Your composer was Cleo Marsh.", "Blue Lake", {("Blue Lake", "composer", "Cleo Marsh")}),
    ("Ana Ruiz and Ben Ode shot it together on 16mm.", "Blue Lake",
     {("Blue Lake", "director_of_photography", "Ana Ruiz"), ("Blue Lake", "director_of_photography", "Ben Ode")}),
    ("On Grey Harbour it was Cleo Marsh again behind the camera.", None,
     {("Grey Harbour", "director_of_photography", "Cleo Marsh")}),
])
def test_crafts_find(text, topic, expected):
    assert found(text, topic) == expected


@pytest.mark.parametrize("text,topic", [
    ("Ana Ruiz was not our cinematographer on Blue Lake.", None),           # negated
    ("Ana Ruiz's camera was stolen in Paris.", None),                        # no work to be about
    ("Ana Ruiz's camera followed Ben Ode through Blue Lake and Grey Harbour.", None),  # two works
    ("Ana Ruiz shot Ben Ode in the second act.", "Blue Lake"),               # 'shot' a person, not 'it'
    ("Ana Ruiz loves music.", "Blue Lake"),                                  # no maker of the music
    ("Ana Ruiz, a cinematographer, moved to Lisbon.", "Blue Lake"),          # a profession, not this film's crew
])
def test_crafts_near_misses(text, topic):
    assert found(text, topic) == set()
