"""Constructions read as DependencyMatcher patterns (pipeline/relations/dependency.py, patterns as
data): where a person took a degree, where a person holds a post; through the whole per-document
chain with the real model. Names are invented."""
from __future__ import annotations

import pytest

from pipeline.relations import dependency
from pipeline.vocab import Predicate
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
    # a post: not one held by someone the clause does not name, not a verb's 'at'
    (BIO + "She met a professor who studied at Harlow State University.",
     ("Mara Quill", "employer", "Harlow State University")),
    (BIO + "Her father was a professor at Denby College.", ("Mara Quill", "employer", "Denby College")),
])
def test_near_misses(nlp, text, absent):
    assert absent not in triples(run(nlp, text))


@pytest.mark.parametrize("text, expected", [
    (BIO + "She is a professor of history at Harlow State University.",
     ("Mara Quill", "employer", "Harlow State University")),
    ("Mara Quill, a senior editor at the Denby Institute, wrote the report.",
     ("Mara Quill", "employer", "Denby Institute")),
    (BIO + "Since 2001 she has been a researcher at the Velden Institute of Physics.",
     ("Mara Quill", "employer", "Velden Institute of Physics")),
])
def test_a_post_at_an_organisation(nlp, text, expected):
    assert expected in triples(run(nlp, text))


def test_every_pattern_names_its_organisation_and_a_predicate():
    rows = dependency.rows()
    assert {row["construction"] for row in rows} == {"degree", "post"}
    assert all(Predicate(row["predicate"]) for row in rows)
    assert "doctorate" in word_list("degree_words.txt") and "professor" in word_list("post_words.txt")
    assert jsonl(dependency.PATTERNS) == rows
