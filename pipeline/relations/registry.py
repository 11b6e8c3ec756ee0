"""The relation constructions, declared: the predicates each gives and the strength of its
evidence. The name of each is the `method` of the relations it finds (`relations.method`), so
that a ledger of true and false positives per construction can read the tables.

Cue phrases are data (`patterns/relation_cues.jsonl`: phrase, predicates, sides, score, one row
each; method `cue:<phrase>`); the shapes without a cue word are code (`shapes.py`), declared
here. Adding a construction: a row in the cue file where a cue word says it, else a rule here and
its function in `shapes.py`; a test in `tests/test_relations.py` either way.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..vocab import Predicate

CUE_FILE = "relation_cues.jsonl"  # in pipeline/patterns/
CUE_SCORE = 0.9  # a cue row's score when the row gives none
IMPLICIT_WEIGHT = 0.85  # a cue's score when a pronoun or "the film" stands for an argument


@dataclass(frozen=True)
class RelationRule:
    name: str                          # the relations' method, the ledger's key
    predicates: tuple[Predicate, ...]  # what it finds
    strength: float                    # the score of what it finds; the best evidence of a relation wins


P = Predicate
YEAR_IN_BRACKETS = RelationRule("year_in_brackets", (P.PUBLICATION_DATE,), 0.8)     # "Title (2015)"
DEFINING_YEAR = RelationRule("defining_year", (P.PUBLICATION_DATE,), 0.8)           # "X is a 1936 film"
DEFINING_COMPANY = RelationRule("defining_company", (P.PRODUCTION_COMPANY,), 0.6)   # "X is a ABN programme"
YEAR_BEFORE_KIND = RelationRule("year_before_kind", (P.PUBLICATION_DATE,), 0.7)     # "the 2012 film X"
YEAR_OF_MAKING = RelationRule("year_of_making", (P.PUBLICATION_DATE,), 0.5)         # "directed X in 2013"
LIFE_DATES = RelationRule("life_dates", (P.DATE_OF_BIRTH, P.DATE_OF_DEATH), 0.8)    # "A (1940 - 2016)"
# "Kim's third film X", "the Studio's feature X"; after a bare possessive ("his X") less surely
OWNED_WORK = RelationRule("owned_work", (P.DIRECTOR, P.CONTRIBUTOR, P.PRODUCTION_COMPANY), 0.7)
OWNED_BY_POSSESSIVE = RelationRule("owned_work", (P.DIRECTOR, P.CONTRIBUTOR, P.COMPOSER, P.PRODUCER), 0.5)
PARENTS = RelationRule("parents", (P.SPOUSE,), 0.6)                                 # "the son of A and B"
CHARACTER_ACTOR = RelationRule("character_actor", (P.CAST_MEMBER,), 0.6)            # "Conrad Hale (Martin Ashcroft)"
FIRST_PERSON_WORK = RelationRule("first_person_work", (P.CONTRIBUTOR,), 0.5)        # "I made two films, X and Y"
# an episode's cast member is in the cast of its series, less surely: the cue's score times this
SERIES_CAST = RelationRule("series_cast", (P.CAST_MEMBER,), 0.7)

RELATION_RULES = (YEAR_IN_BRACKETS, DEFINING_YEAR, DEFINING_COMPANY, YEAR_BEFORE_KIND, YEAR_OF_MAKING, LIFE_DATES,
                  OWNED_WORK, OWNED_BY_POSSESSIVE, PARENTS, CHARACTER_ACTOR, FIRST_PERSON_WORK, SERIES_CAST)
