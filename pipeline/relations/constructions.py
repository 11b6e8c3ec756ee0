"""Runs the constructions that `registry.CONSTRUCTIONS` declares, and calibrates relation scores.

A construction is a shape of English or of a web page (a credit line, "TITLE (2019), dir. A")
whose words are data in `patterns/`. Its declaration gives its name (the `method` of the
relations it gives, what `tools/ledger.py` counts), the predicates it can give, its strength (the
score before calibration), whether it reads one sentence or the whole page, and its function.

`calibrate` sets each relation's score to the precision its method measured on the dev sets
(`patterns/relation_precision.csv`, written by `tools/ledger.py relations --calibrate`), so that
`relations.score` reads as the probability that the relation is right. This module is the only
reader of that file.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span

from ..lexicon import csv_rows
from ..view import DocView
from .context import Discourse, Found, Item
from .credits import LinePage
from .registry import CONSTRUCTIONS, RelationRule

PRECISION_FILE = "relation_precision.csv"  # in pipeline/patterns/


def _stamped(c: RelationRule, found: Iterator[Found]) -> Iterator[Found]:
    for f in found:
        if f.predicate not in c.predicates:
            raise ValueError(f"construction {c.name} gave {f.predicate.value}, which it does not declare")
        yield replace(f, score=c.strength, method=c.name)


def document_level(v: DocView, items: list[Item], disc: Discourse, found: list[Found]) -> list[Found]:
    """Relations of the constructions that read the whole page, in the order declared; each
    sees what the sentence rules and the constructions before it gave (`found`), which tells
    what the page is about and who has which role."""
    out: list[Found] = []
    page = None
    for c in CONSTRUCTIONS:
        if c.scope == "document":
            page = page or LinePage(v, items)
            out.extend(_stamped(c, c.find(page, disc, found + out)))
    return out


def sentence_level(v: DocView, sent: Span, args: list[Item], disc: Discourse, is_question: bool) -> Iterator[Found]:
    """Relations of the constructions that read one sentence."""
    for c in CONSTRUCTIONS:
        if c.scope == "sentence":
            yield from _stamped(c, c.find(v, sent, args, disc, is_question))


@lru_cache(maxsize=1)
def precision() -> dict[str, float]:
    """method -> measured precision; a value outside [0, 1] names the file and line."""
    if not (resources.files("pipeline") / "patterns" / PRECISION_FILE).is_file():
        return {}

    def parse(row: list[str]) -> tuple[str, float]:
        p = float(row[1])
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"precision {p} is not in [0, 1]")
        return row[0], p
    return dict(csv_rows(PRECISION_FILE, parse))


def calibrate(found: list[Found]) -> list[Found]:
    """Each relation's score becomes its method's measured precision (the rule's own score
    where the method was never measured)."""
    table = precision()
    return [replace(f, score=table[f.method]) if f.method in table else f for f in found]
