"""The relation constructions, declared in one list, and the calibration of relation scores.

A construction is a shape of English or of a web page (a credit line, "TITLE (2019), dir. A")
whose words are data in `patterns/`. Each declares its name (the `method` of the relations it
gives, what `tools/ledger.py` counts), the predicates it can give, its prior (the score before
calibration), whether it reads one sentence or the whole page, and the function that finds it.

`calibrate` sets each relation's score to the precision its method measured on the dev sets
(`patterns/relation_precision.csv`, written by `tools/ledger.py --calibrate`), so that
`relations.score` reads as the probability that the relation is right.
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span

from . import rel_cast, rel_credits, rel_interview, rel_lineup
from .relation_context import Discourse, Found, Item
from .vocab import Predicate

PRECISION_FILE = "relation_precision.csv"
_P = Predicate


@dataclass(frozen=True)
class Construction:
    name: str                          # the `method` of its relations
    predicates: tuple[Predicate, ...]  # what it can find
    prior: float                       # its score when no measured precision is known
    scope: str                         # "document": find(LinePage, Discourse, found so far);
    #                                    "sentence": find(sentence, its arguments, Discourse, is_question)
    find: Callable[..., Iterator[Found]]


CONSTRUCTIONS: tuple[Construction, ...] = (
    Construction("credit_line", (_P.DIRECTOR, _P.SCREENWRITER, _P.CAST_MEMBER, _P.PRODUCER, _P.COMPOSER,
                                 _P.DIRECTOR_OF_PHOTOGRAPHY, _P.CONTRIBUTOR, _P.PRODUCTION_COMPANY,
                                 _P.DISTRIBUTED_BY, _P.PUBLICATION_DATE, _P.PREMIERED_AT),
                 0.9, "document", rel_credits.credit_lines),
    Construction("spec_line", (_P.PUBLICATION_DATE,), 0.9, "document", rel_credits.spec_line),
    Construction("lineup", (_P.DIRECTOR, _P.SCREENWRITER, _P.CAST_MEMBER, _P.PRODUCER, _P.COMPOSER,
                            _P.DIRECTOR_OF_PHOTOGRAPHY, _P.CONTRIBUTOR, _P.PRODUCTION_COMPANY,
                            _P.DISTRIBUTED_BY, _P.PUBLICATION_DATE, _P.PREMIERED_AT),
                 0.85, "document", rel_lineup.lineup),
    Construction("year_first", (_P.PUBLICATION_DATE,), 0.85, "document", rel_lineup.year_first),
    Construction("caption", (_P.CAST_MEMBER, _P.CONTRIBUTOR), 0.8, "sentence", rel_cast.caption),
    Construction("with_cast", (_P.CAST_MEMBER,), 0.6, "sentence", rel_cast.with_cast),
    Construction("as_roles", (_P.CAST_MEMBER,), 0.6, "sentence", rel_cast.as_roles),
    Construction("headline", (_P.DIRECTOR, _P.CAST_MEMBER, _P.CONTRIBUTOR), 0.7, "document",
                 rel_interview.headline),
)


def _stamped(c: Construction, found: Iterator[Found]) -> Iterator[Found]:
    for f in found:
        if f.predicate not in c.predicates:
            raise ValueError(f"construction {c.name} gave {f.predicate.value}, which it does not declare")
        yield replace(f, score=c.prior, method=c.name)


def document_level(doc: Doc, items: list[Item], disc: Discourse, found: list[Found]) -> list[Found]:
    """Relations of the constructions that read the whole page, in the order declared; each
    sees what the sentence rules and the constructions before it gave (`found`), which tells
    what the page is about and who has which role."""
    out: list[Found] = []
    page = None
    for c in CONSTRUCTIONS:
        if c.scope == "document":
            page = page or rel_credits.LinePage(doc, items)
            out.extend(_stamped(c, c.find(page, disc, found + out)))
    return out


def sentence_level(sent: Span, args: list[Item], disc: Discourse, is_question: bool) -> Iterator[Found]:
    """Relations of the constructions that read one sentence."""
    for c in CONSTRUCTIONS:
        if c.scope == "sentence":
            yield from _stamped(c, c.find(sent, args, disc, is_question))


@lru_cache(maxsize=1)
def precision() -> dict[str, float]:
    """method -> measured precision; a value outside [0, 1] names the file and line."""
    path = resources.files("pipeline") / "patterns" / PRECISION_FILE
    if not path.is_file():
        return {}
    out = {}
    with path.open(encoding="utf-8") as f:
        for n, row in enumerate(csv.reader(f), 1):
            if n == 1 or not row:
                continue
            try:
                p = float(row[1])
                if not 0.0 <= p <= 1.0:
                    raise ValueError(f"precision {p} is not in [0, 1]")
            except (ValueError, IndexError) as e:
                raise ValueError(f"patterns/{PRECISION_FILE} line {n}: {e}") from e
            out[row[0]] = p
    return out


def calibrate(found: list[Found]) -> list[Found]:
    """Each relation's score becomes its method's measured precision (the rule's own score
    where the method was never measured)."""
    table = precision()
    return [replace(f, score=table[f.method]) if f.method in table else f for f in found]
