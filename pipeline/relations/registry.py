"""The relation constructions, declared: the predicates each gives and the strength of its
evidence. The name of each is the `method` of the relations it finds (`relations.method`), so
that a ledger of true and false positives per construction can read the tables.

Cue phrases are data (`patterns/relation_cues.jsonl`: phrase, predicates, sides, score, one row
each; method `cue:<phrase>`); the shapes without a cue word are code (`shapes.py`), declared
here. The constructions of web pages and of English (`CONSTRUCTIONS`: credit lines, line-ups,
captions, headlines) are declared here too, with the function that finds them and whether it reads
one sentence or the whole page; `constructions.py` runs them. Adding a construction: a row in the
cue file where a cue word says it, else a rule here and its function (in `shapes.py`, or in
`credits.py`, `lineup.py`, `cast.py`, `interview.py`, `awards.py`, `crafts.py`, `tables.py` as an entry of `CONSTRUCTIONS`); a test
either way.

`strength` is a rule's score before calibration: `constructions.calibrate` replaces it by the
precision the rule measured on the dev sets (`patterns/relation_precision.csv`) where there is one.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ..vocab import Predicate
from . import awards, cast, crafts, credits, dependency, interview, lineup, tables

CUE_FILE = "relation_cues.jsonl"  # in pipeline/patterns/
CUE_SCORE = 0.9  # a cue row's score when the row gives none
IMPLICIT_WEIGHT = 0.85  # a cue's score when a pronoun or "the film" stands for an argument


@dataclass(frozen=True)
class RelationRule:
    name: str                          # the relations' method, the ledger's key
    predicates: tuple[Predicate, ...]  # what it finds
    strength: float                    # the score of what it finds; the best evidence of a relation wins
    # a construction run by `constructions.py`: "sentence", find(view, sentence, its arguments,
    # Discourse, is_question), or "document", find(LinePage, Discourse, found so far); None: a
    # rule that its own module (`shapes.py`, `cues.py`) applies
    scope: str | None = None
    find: Callable | None = field(default=None, compare=False)


P = Predicate
YEAR_IN_BRACKETS = RelationRule("year_in_brackets", (P.PUBLICATION_DATE,), 0.8)     # "Title (2015)"
DEFINING_YEAR = RelationRule("defining_year", (P.PUBLICATION_DATE,), 0.8)           # "X is a 1936 film"
DEFINING_COMPANY = RelationRule("defining_company", (P.PRODUCTION_COMPANY,), 0.6)   # "X is a ABN programme"
YEAR_BEFORE_KIND = RelationRule("year_before_kind", (P.PUBLICATION_DATE,), 0.7)     # "the 2012 film X"
YEAR_OF_MAKING = RelationRule("year_of_making", (P.PUBLICATION_DATE,), 0.5)         # "directed X in 2013"
LIFE_DATES = RelationRule("life_dates", (P.DATE_OF_BIRTH, P.DATE_OF_DEATH), 0.8)    # "A (1940 - 2016)"
DEATH_NOUN = RelationRule("death_noun", (P.DATE_OF_DEATH,), 0.8)                  # "after his death in 1918"
LIFE_PLACES = RelationRule("life_places", (P.PLACE_OF_BIRTH, P.PLACE_OF_DEATH), 0.8)  # "A (1874 in Town - 1915 in City)"
# "Kim's third film X", "the Studio's feature X"; after a bare possessive ("his X") less surely
OWNED_WORK = RelationRule("owned_work", (P.DIRECTOR, P.CONTRIBUTOR, P.PRODUCTION_COMPANY), 0.7)
OWNED_BY_POSSESSIVE = RelationRule("owned_work", (P.DIRECTOR, P.CONTRIBUTOR, P.COMPOSER, P.PRODUCER), 0.5)
PARENTS = RelationRule("parents", (P.SPOUSE,), 0.6)                                 # "the son of A and B"
CHARACTER_ACTOR = RelationRule("character_actor", (P.CAST_MEMBER,), 0.6)            # "Conrad Hale (Martin Ashcroft)"
FIRST_PERSON_WORK = RelationRule("first_person_work", (P.CONTRIBUTOR,), 0.5)        # "I made two films, X and Y"
# an episode's cast member is in the cast of its series, less surely: the cue's score times this
SERIES_CAST = RelationRule("series_cast", (P.CAST_MEMBER,), 0.7)

_EVERY_CREDIT = (P.DIRECTOR, P.SCREENWRITER, P.CAST_MEMBER, P.PRODUCER, P.COMPOSER, P.DIRECTOR_OF_PHOTOGRAPHY,
                 P.CONTRIBUTOR, P.PRODUCTION_COMPANY, P.DISTRIBUTED_BY, P.PUBLICATION_DATE, P.PREMIERED_AT)
# in the order they run: a page-level construction sees what the ones before it found
CONSTRUCTIONS = (
    RelationRule("credit_line", _EVERY_CREDIT, 0.9, "document", credits.credit_lines),   # "Directed by A", "Cast: A, B"
    RelationRule("billing_production", (P.PRODUCTION_COMPANY,), 0.8, "document",
                 credits.billing_production),                                              # "a X and Y production"
    RelationRule("spec_line", (P.PUBLICATION_DATE,), 0.9, "document", credits.spec_line),  # "USA | 2019 | 98 min"
    RelationRule("lineup", _EVERY_CREDIT, 0.85, "document", lineup.lineup),                # "X (France, 2019), dir. A"
    RelationRule("year_first", (P.PUBLICATION_DATE,), 0.85, "document", lineup.year_first),  # "2008 - X"
    # "Year | Title | Director | Notes" then "2008 | X | Yes | With A": the page's subject's roles
    RelationRule("filmography_table", (P.DIRECTOR, P.SCREENWRITER, P.PRODUCER, P.CAST_MEMBER, P.COMPOSER,
                                       P.DIRECTOR_OF_PHOTOGRAPHY, P.CONTRIBUTOR, P.PUBLICATION_DATE), 0.85,
                 "document", tables.filmography),
    # "Born   16 July 1970, Town", "Alma mater   School (MFA)": the page's subject's
    RelationRule("infobox", (P.DATE_OF_BIRTH, P.PLACE_OF_BIRTH, P.DATE_OF_DEATH, P.PLACE_OF_DEATH,
                             P.EDUCATED_AT, P.SPOUSE, P.UNMARRIED_PARTNER), 0.85, "document", tables.infobox),
    RelationRule("caption", (P.CAST_MEMBER, P.CONTRIBUTOR), 0.8, "sentence", cast.caption),  # "A and B in X"
    RelationRule("with_cast", (P.CAST_MEMBER,), 0.6, "sentence", cast.with_cast),          # "X, a thriller with A"
    RelationRule("starring_apposition", (P.CAST_MEMBER,), 0.75, "sentence",
                 cast.starring_apposition),                                                # "X (2001), following Y, starring A"
    RelationRule("craft_phrase", (P.DIRECTOR_OF_PHOTOGRAPHY, P.COMPOSER), 0.5, "sentence",
                 crafts.crafts),                                                           # "A's camera", "A did the score"
    RelationRule("degree", (P.EDUCATED_AT,), 0.85, "sentence", partial(dependency.find, "degree")),  # "an MBA from X"
    RelationRule("post", (P.EMPLOYER,), 0.75, "sentence", partial(dependency.find, "post")),        # "a professor at X"
    RelationRule("as_roles", (P.CAST_MEMBER,), 0.6, "sentence", cast.as_roles),            # "A as the cop, B as ..."
    RelationRule("winners_line", (P.AWARD_RECEIVED,), 0.85, "document", awards.winners_lines),  # "Best Actor: A (X)"
    RelationRule("prize_won", (P.AWARD_RECEIVED,), 0.75, "sentence", awards.prize_won),         # "X, with A, won the Y"
    RelationRule("entry_prize", (P.AWARD_RECEIVED,), 0.8, "document", awards.entry_prizes),     # "X (2019), dir. A — Prize"
    RelationRule("caption_credit", (P.DISTRIBUTED_BY, P.PRODUCTION_COMPANY), 0.7, "document",
                 cast.caption_credit),                                                     # "A in X. Courtesy of Y"
    RelationRule("byline", (P.INTERVIEWED_BY,), 0.8, "document", interview.byline),         # "Interview by A"
    RelationRule("headline", (P.DIRECTOR, P.CAST_MEMBER, P.CONTRIBUTOR), 0.7, "document",
                 interview.headline),                                                      # "A on X and Y"
    # "my new film X" of a person the page credits as director (actor) of other works, in no other role
    RelationRule("role_from_page", (P.DIRECTOR, P.CAST_MEMBER), 0.75, "document", interview.role_from_page),
)

RELATION_RULES = (YEAR_IN_BRACKETS, DEFINING_YEAR, DEFINING_COMPANY, YEAR_BEFORE_KIND, YEAR_OF_MAKING, LIFE_DATES, LIFE_PLACES,
                  DEATH_NOUN, OWNED_WORK, OWNED_BY_POSSESSIVE, PARENTS, CHARACTER_ACTOR, FIRST_PERSON_WORK, SERIES_CAST, *CONSTRUCTIONS)
