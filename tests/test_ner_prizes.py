"""Rule prize_won (pipeline/ner/names.py): a prize named for its statuette ('the Crystal Heron'),
found after a verb of winning, whatever festival gives it. Names are invented."""
from __future__ import annotations

import pytest

from pipeline.ner.component import mentions
from pipeline.ner.names import prizes_won


def found(nlp, text):
    doc = nlp(text)
    return {(doc.text[m.start:m.end], m.label.value) for m in mentions(doc)}


def proposed(nlp, view, text):
    doc = nlp(text)
    return [doc[c.start:c.end].text for c in prizes_won(view(doc))]


@pytest.mark.parametrize("text, prize", [
    ("Her short won the Golden Anchor at the Varnow Shorts Festival in 2012.", "Golden Anchor"),
    ("It premiered in Trieste in September, where it won the Crystal Heron.", "Crystal Heron"),
    ("The documentary took home the Silver Kite last year.", "Silver Kite"),
    ("She picked up a Bronze Tern at the Ilse Quell Awards.", "Bronze Tern"),
    ("The role earned her the Golden Calabash Award in 1979.", "Golden Calabash Award"),
    ("Her debut won them the Golden Pomegranate at Kerman.", "Golden Pomegranate"),
])
def test_a_statuette_after_a_verb_of_winning_is_an_award(nlp, view, text, prize):
    assert proposed(nlp, view, text) == [prize]
    assert (prize, "AWARD") in found(nlp, text)


@pytest.mark.parametrize("text", [
    "He took the Silver Line downtown after the screening.",            # 'take' without 'home'
    "They won the Golden Gate Regatta twice in a row.",                 # a longer run of capitals
    "She won the Golden Turtle for Best Film in 2019.",                 # the pattern award_metal_for's
    "The Golden Harbour of Varnow won him over.",                       # no verb of winning before it
    "They won the Gold Coast seat in the election.",                    # a known place
    "The festival won the Golden\nAnchor Street venue for next year.",  # a line break inside
    "They won the silver medal in the relay.",                          # in lower case: a common noun
])
def test_near_misses_propose_nothing(nlp, view, text):
    assert proposed(nlp, view, text) == []
