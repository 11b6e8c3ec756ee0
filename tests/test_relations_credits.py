"""Credit lines and credit blocks (`pipeline/credits.py`) on hand-built pages."""
from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.records import EntityRef
from pipeline.relations import credits
from pipeline.relations.credits import LinePage
from pipeline.vocab import Predicate
from tests.relation_docs import Page

NAMES = {"Blue Lake": "W", "Ana Ruiz": "P", "Ben Ode": "P", "Cleo Marsh": "P", "Dan Fell": "P",
         "Eva Lind": "P", "Harbor Pictures": "O", "Orchid Films": "O", "Grey Harbour": "W", "2019": "D",
         "12 May 2019": "D", "Fenwick Festival": "O"}
HEAD = "BLUE LAKE\nBlue Lake is a film we love. Blue Lake again.\n\n"


@pytest.mark.parametrize("text,expected", [
    # label: value, fields joined by '|' or '·'
    (HEAD + "Written & directed by Ana Ruiz | Cast: Ben Ode, Cleo Marsh\n",
     {("Blue Lake", "screenwriter", "Ana Ruiz"), ("Blue Lake", "director", "Ana Ruiz"),
      ("Blue Lake", "cast_member", "Ben Ode"), ("Blue Lake", "cast_member", "Cleo Marsh")}),
    (HEAD + "DP: Eva Lind · Music: Dan Fell\n",
     {("Blue Lake", "director_of_photography", "Eva Lind"), ("Blue Lake", "composer", "Dan Fell")}),
    (HEAD + "Director & screenplay: Ana Ruiz | Production: Harbor Pictures\n",
     {("Blue Lake", "director", "Ana Ruiz"), ("Blue Lake", "screenwriter", "Ana Ruiz"),
      ("Blue Lake", "production_company", "Harbor Pictures")}),
    # dotted leaders; a person producer and a company producer; a continued line
    (HEAD + "  Directed by ........ Ana Ruiz\n  Produced by ........ Ben Ode, Harbor Pictures,\n"
            "                       Cleo Marsh\n",
     {("Blue Lake", "director", "Ana Ruiz"), ("Blue Lake", "producer", "Ben Ode"),
      ("Blue Lake", "production_company", "Harbor Pictures"), ("Blue Lake", "producer", "Cleo Marsh")}),
    # a box drawn in characters: its left border is blank space
    ("┌──────────\n│ Blue Lake   ★★★☆☆\n│ Directed by: Ana Ruiz\n│ Starring: Ben Ode, Cleo Marsh\n└──────────\n",
     {("Blue Lake", "director", "Ana Ruiz"), ("Blue Lake", "cast_member", "Ben Ode"),
      ("Blue Lake", "cast_member", "Cleo Marsh")}),
    # a qualifier before the label
    (HEAD + "Japanese distribution: Orchid Films\n", {("Blue Lake", "distributed_by", "Orchid Films")}),
    (HEAD + "World premiere: 12 May 2019, Fenwick Festival (Competition)\n",
     {("Blue Lake", "publication_date", "12 May 2019"), ("Blue Lake", "premiered_at", "Fenwick Festival")}),
    # a heading opens a block: the name right of the leader or of the column gap plays
    (HEAD + "CAST\n  Marta ............ Ben Ode\n  Old Jon           Cleo Marsh\n  with Dan Fell, Eva Lind\n",
     {("Blue Lake", "cast_member", "Ben Ode"), ("Blue Lake", "cast_member", "Cleo Marsh"),
      ("Blue Lake", "cast_member", "Dan Fell"), ("Blue Lake", "cast_member", "Eva Lind")}),
    # a table row names its own work
    ("2017 | Grey Harbour | Directed by Ana Ruiz\n", {("Grey Harbour", "director", "Ana Ruiz")}),
    # an award list: each group of winners made the work named after it
    (HEAD + "Best Director: Ana Ruiz (Grey Harbour), Ben Ode, Blue Lake\n",
     {("Grey Harbour", "director", "Ana Ruiz"), ("Blue Lake", "director", "Ben Ode")}),
])
def test_credit_lines_find(text, expected):
    page = Page(text, NAMES)
    assert page.triples(credits.credit_lines(LinePage(page.view, page.items), page.disc(), [])) == expected


@pytest.mark.parametrize("text", [
    HEAD + "Screenplay: from the novel by Ana Ruiz\n",           # the value does not open with a name
    HEAD + "Based on the novel by Ana Ruiz\n",                  # not a credit label
    HEAD + "Photographs by Eva Lind | Words by Ben Ode\n",      # a magazine's credits, not the film's
    HEAD + "Jury: critic and director Ana Ruiz (president)\n",  # 'director' inside a value, not a label
    HEAD + "CREW\n  Gaffer ........ Ben Ode\n",                 # a block whose heading is no credit
    HEAD + "CAST\n  Marta ...... Ben Ode\n\n  Gaffer ...... Cleo Marsh\n",  # a blank line ends the block
    "2017 | Unknown title | No | Directed by Ana Ruiz\n",      # a table row without a recognised work
    "Ana Ruiz said: Ben Ode and Cleo Marsh were there.\n",      # no work at all
    HEAD + "│ Photographs by Eva Lind\n│ Based on the novel by Ana Ruiz\n",  # in a box: still no credit label
])
def test_credit_lines_near_misses(text):
    page = Page(text, NAMES)
    found = page.triples(credits.credit_lines(LinePage(page.view, page.items), page.disc(), []))
    assert found <= {("Blue Lake", "cast_member", "Ben Ode")} and ("Blue Lake", "cast_member", "Cleo Marsh") not in found
    if "Marta" not in text:
        assert found == set()


def test_title_line_above_wins_over_the_page_topic():
    text = HEAD + "GREY HARBOUR\nDirected by Ana Ruiz\n"
    page = Page(text, {**NAMES, "GREY HARBOUR": "W"})
    caps, title = (EntityRef(page.names.index(n)) for n in ("GREY HARBOUR", "Grey Harbour"))
    page.items = [replace(it, target=title) if it.target == caps else it for it in page.items]
    assert page.triples(credits.credit_lines(LinePage(page.view, page.items), page.disc(), [])) == {
        ("Grey Harbour", "director", "Ana Ruiz")}


def test_spec_line_gives_the_year():
    page = Page(HEAD + "Spain | 2019 | 98 min | Spanish\n", NAMES)
    assert page.triples(credits.spec_line(LinePage(page.view, page.items), page.disc(), [])) == {
        ("Blue Lake", "publication_date", "2019")}
    page = Page(HEAD + "Spain | 2019 | Spanish\n", NAMES)  # no running time: not a film's line
    assert not list(credits.spec_line(LinePage(page.view, page.items), page.disc(), []))


@pytest.mark.parametrize("label,expected", [
    ("Written & directed by", {Predicate.SCREENWRITER, Predicate.DIRECTOR}),
    ("Original Score", {Predicate.COMPOSER}),
    ("Director of Photography", {Predicate.DIRECTOR_OF_PHOTOGRAPHY}),
    ("Executive Producers", {Predicate.CONTRIBUTOR}),
    ("Based on the novel by", set()),
    ("Show notes", set()),
])
def test_label_predicates(label, expected):
    assert set(credits.label_predicates(label)) == expected


def test_every_label_row_names_known_predicates():
    assert credits.labels()  # the file parses: an unknown predicate raises naming file and line
    assert all(preds for preds in credits.labels().values())


def test_acting_prize_list_credits_the_cast():
    page = Page(HEAD + "Best Supporting Actress: Cleo Marsh (Grey Harbour)\n", NAMES)
    assert page.triples(credits.credit_lines(LinePage(page.view, page.items), page.disc(), [])) == {
        ("Grey Harbour", "cast_member", "Cleo Marsh")}


@pytest.mark.parametrize("text,expected", [
    ("a HARBOR PICTURES and ORCHID FILMS production\n\nBlue Lake\n",
     {("Blue Lake", "production_company", "Harbor Pictures"), ("Blue Lake", "production_company", "Orchid Films")}),
    ("│ A Harbor Pictures production | Distributor: Orchid Films\n" + HEAD,
     {("Blue Lake", "production_company", "Harbor Pictures")}),
    ("Then came Grey Harbour (2019), a drama of the sea, a Harbor Pictures production starring Ben Ode.\n",
     {("Grey Harbour", "production_company", "Harbor Pictures")}),
])
def test_billing_production_finds(text, expected):
    page = Page(text.replace("HARBOR PICTURES", "Harbor Pictures").replace("ORCHID FILMS", "Orchid Films"), NAMES)
    assert page.triples(credits.billing_production(LinePage(page.view, page.items), page.disc(), [])) == expected


@pytest.mark.parametrize("text", [
    HEAD + "It is a film about Ana Ruiz and a Harbor Pictures production.\n",   # a person among the billing
    HEAD + "She said a Harbor Pictures production was next.\n",                # prose, no work named before it
    "a Harbor Pictures production\n",                                          # no work on the page
])
def test_billing_production_near_misses(text):
    page = Page(text, NAMES)
    assert page.triples(credits.billing_production(LinePage(page.view, page.items), page.disc(), [])) == set()
