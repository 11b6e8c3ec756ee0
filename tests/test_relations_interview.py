"""Interview and episode headlines (`pipeline/interview.py`) on hand-built pages."""
from __future__ import annotations

import pytest

from pipeline.records import EntityRef
from pipeline.relations import interview
from pipeline.relations.context import Discourse, Found, Topic
from pipeline.relations.credits import LinePage
from pipeline.vocab import Predicate
from tests.relation_docs import Page

NAMES = {"Blue Lake": "W", "Grey Harbour": "W", "Red Hill": "W", "Ana Ruiz": "P", "Ben Ode": "P"}


def _found(text: str, roles: dict[str, tuple[str, ...]] | None = None, found=()):
    page = Page(text, NAMES)
    disc = Discourse(None, Topic(), {page.names.index(n): r for n, r in (roles or {}).items()})
    return page.triples(interview.headline(LinePage(page.view, page.items), disc, list(found)))


def test_headline_reads_the_role_other_rules_credit():
    page = Page("Ana Ruiz on Blue Lake\n", NAMES)
    credit = Found(page.names.index("Red Hill"), Predicate.DIRECTOR, EntityRef(page.names.index("Ana Ruiz")), 0, 1, 0.9, "x")
    assert _found("Ana Ruiz on Blue Lake\n", None, [credit]) == {("Blue Lake", "director", "Ana Ruiz")}


@pytest.mark.parametrize("text,roles,expected", [
    ("Ep. 12: Ana Ruiz on Blue Lake, Grey Harbour — and Red Hill\n", {"Ana Ruiz": ("director",)},
     {("Blue Lake", "director", "Ana Ruiz"), ("Grey Harbour", "director", "Ana Ruiz"),
      ("Red Hill", "director", "Ana Ruiz")}),
    ('Interview: Ben Ode on "Blue Lake" (2019)\n', {"Ben Ode": ("actor",)}, {("Blue Lake", "cast_member", "Ben Ode")}),
    ("Ana Ruiz on Blue Lake\n", None, {("Blue Lake", "contributor", "Ana Ruiz")}),   # no role stated
    ("Ana Ruiz on Blue Lake\nWe met the writer-director Ana Ruiz.\n", None, {("Blue Lake", "director", "Ana Ruiz")}),
    # near misses: a sentence, not a heading; another word between the name and the title
    ("Yesterday we spoke with Ana Ruiz on Blue Lake, which she loves, and on many other things "
     "that came up during a very long evening at the festival bar in the old town by the river.\n",
     {"Ana Ruiz": ("director",)}, set()),
    ("Ana Ruiz talks on Blue Lake\n", {"Ana Ruiz": ("director",)}, set()),
    ("Ana Ruiz on her childhood and Blue Lake\n", {"Ana Ruiz": ("director",)}, set()),
])
def test_headline(text, roles, expected):
    assert _found(text, roles) == expected


BYLINE_NAMES = {**NAMES, "Cleo Marsh": "P", "Dan Fell": "P"}


@pytest.mark.parametrize("text,expected", [
    ("[INTERVIEW] Ana Ruiz, Director of Blue Lake\n\nby Cleo Marsh  |  2019.10.20  |  Hits 12\n",
     {("Ana Ruiz", "interviewed_by", "Cleo Marsh")}),
    ("Posted 2021.05.12  |  Interview by Cleo Marsh  |  Translated by Dan Fell\nAna Ruiz talks.\n",
     {("Ana Ruiz", "interviewed_by", "Cleo Marsh")}),
    # near misses: a writer's byline on a page that is no interview; a translator; prose
    ("Ana Ruiz, Director of Blue Lake\n\nBy Cleo Marsh | 5 September 2023\n", set()),
    ("[INTERVIEW] Ana Ruiz\nTranslated by Dan Fell | 2019\n", set()),
    ("[INTERVIEW] Ana Ruiz\nShe was taught by Cleo Marsh and Dan Fell.\n", set()),
])
def test_byline(text, expected):
    page = Page(text, BYLINE_NAMES)
    disc = page.disc(subject="Ana Ruiz")
    assert page.triples(interview.byline(LinePage(page.view, page.items), disc, [])) == expected
