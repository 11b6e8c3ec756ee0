"""Where a person took a degree (pipeline/relations/degrees.py, DependencyMatcher patterns as data),
through the whole per-document chain with the real model. Names are invented."""
from __future__ import annotations

import pytest

from pipeline.relations import degrees
from pipeline.lexicon import jsonl, word_list

from .test_relations import run, triples

BIO = "Mara Quill is a Canadian lawyer. "


@pytest.mark.parametrize("text, expected", [
    (BIO + "After the war, she received an MBA from the University of Tarnow.",
     ("Mara Quill", "educated_at", "University of Tarnow")),
    (BIO + "She earned her doctorate from the University of Velden in 1962.",
     ("Mara Quill", "educated_at", "University of Velden")),
    (BIO + "She holds a PhD in international studies from the University of Brackley.",
     ("Mara Quill", "educated_at", "University of Brackley")),
    ("Mara Quill graduated with a BA from Harlow State University and a law degree from Denby College.",
     ("Mara Quill", "educated_at", "Denby College")),
])
def test_a_degree_from_a_school(nlp, text, expected):
    assert expected in triples(run(nlp, text))


@pytest.mark.parametrize("text, absent", [
    # near misses: a school that gave nothing, a degree someone else took, a degree of something
    (BIO + "She spoke about degrees of freedom at the University of Tarnow.",
     ("Mara Quill", "educated_at", "University of Tarnow")),
    (BIO + "She taught students who took an MBA at Velden Business School.",
     ("Mara Quill", "educated_at", "Velden Business School")),
])
def test_near_misses(nlp, text, absent):
    assert absent not in triples(run(nlp, text))


def test_patterns_load_and_name_their_school_token():
    for row in jsonl(degrees.PATTERNS):
        assert "school" in {node["RIGHT_ID"] for node in row["pattern"]}
    assert "doctorate" in word_list(degrees.DEGREE_WORDS)
