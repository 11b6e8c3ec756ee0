"""Line-ups, captions and attached cast lists (`relations/lineup.py`, `relations/cast.py`): rule tests on
hand-built Docs, and the constructions that read the parse through the real model."""
from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.relations import cast, lineup
from pipeline.relations.credits import LinePage
from tests.relation_docs import Page
from tests.test_relations import run, triples

NAMES = {"Blue Lake": "W", "Grey Harbour": "W", "Ana Ruiz": "P", "Ben Ode": "P", "Cleo Marsh": "P",
         "Spain": "L", "France": "L", "2019": "D", "Fenwick Festival": "O"}


@pytest.mark.parametrize("text,expected", [
    ("- Blue Lake (Spain, France, 2019), dir. Ana Ruiz — world premiere\n",
     {("Blue Lake", "director", "Ana Ruiz"), ("Blue Lake", "publication_date", "2019")}),
    ("- Blue Lake (Spain, 2019), dir. Ana Ruiz, starring Ben Ode and Cleo Marsh\n",
     {("Blue Lake", "director", "Ana Ruiz"), ("Blue Lake", "publication_date", "2019"),
      ("Blue Lake", "cast_member", "Ben Ode"), ("Blue Lake", "cast_member", "Cleo Marsh")}),
    ("among them Blue Lake (Spain, 2019),\ndir. Ana Ruiz, on the lake.\n",  # a line break after the comma
     {("Blue Lake", "director", "Ana Ruiz"), ("Blue Lake", "publication_date", "2019")}),
    ("Best Short Film: BLUE LAKE (dir. Ana Ruiz)\n", {("Blue Lake", "director", "Ana Ruiz")}),
    ("Blue Lake, written by Ana Ruiz and Ben Ode, opened the Fenwick Festival.\n",
     {("Blue Lake", "screenwriter", "Ana Ruiz"), ("Blue Lake", "screenwriter", "Ben Ode")}),
])
def test_lineup_finds(text, expected):
    page = Page(text.replace("BLUE LAKE", "Blue Lake"), NAMES)
    assert page.triples(lineup.lineup(LinePage(page.view, page.items), page.disc(), [])) == expected


@pytest.mark.parametrize("text", [
    "Blue Lake is produced by Ana Ruiz.\n",                      # a clause, not a field after the title
    "Blue Lake (2019), dir. Ana Ruiz, with Ben Ode\n",           # 'with' does not continue a director list
    "BLUE LAKE\nBest Director: Ana Ruiz\n",                      # a prize category on the next line
    "Blue Lake (a story by Ana Ruiz)\n",                         # not a credit label
    "Blue Lake (Spain, directed in 2019)\n",                     # a bracket with lower-case words: no year
])
def test_lineup_near_misses(text):
    page = Page(text.replace("BLUE LAKE", "Blue Lake", 1) if text.startswith("BLUE") else text, NAMES)
    found = page.triples(lineup.lineup(LinePage(page.view, page.items), page.disc(), []))
    assert found <= {("Blue Lake", "director", "Ana Ruiz"), ("Blue Lake", "publication_date", "2019")}
    assert ("Blue Lake", "cast_member", "Ben Ode") not in found
    if "(2019)" not in text:
        assert found == set()


@pytest.mark.parametrize("text,expected", [
    ("[Photo] Ana Ruiz and Ben Ode in Blue Lake. Courtesy of a studio.\n",
     {("Blue Lake", "cast_member", "Ana Ruiz"), ("Blue Lake", "cast_member", "Ben Ode")}),
    ("Pictured: Ana Ruiz in Blue Lake\n", {("Blue Lake", "cast_member", "Ana Ruiz")}),
    ("Ana Ruiz on the set of Blue Lake (2019)\n", {("Blue Lake", "contributor", "Ana Ruiz")}),
    # near misses: a sentence around the names, a clause after the title
    ("Yesterday Ana Ruiz and Ben Ode sat in Blue Lake.\n", set()),
    ("Ana Ruiz in Blue Lake is the best thing about it.\n", set()),
    ("He met Ana Ruiz in Blue Lake\n", set()),
])
def test_caption(text, expected):
    page = Page(text, NAMES, sentences=True)
    found = set()
    for sent in page.doc.sents:
        args = [a for a in page.items if sent.start <= a.start < sent.end]
        found |= page.triples(cast.caption(page.view, sent, args, page.disc(), False))
    assert found == expected


@pytest.mark.parametrize("text,expected", [
    ("Now comes Blue Lake, a studio thriller with Ana Ruiz and Ben Ode, due in May.",
     {("Blue Lake", "cast_member", "Ana Ruiz"), ("Blue Lake", "cast_member", "Ben Ode")}),
    ("She founded a company to make Blue Lake (1955), shot in Lisbon with Ana Ruiz and Ben Ode.",
     {("Blue Lake", "cast_member", "Ana Ruiz"), ("Blue Lake", "cast_member", "Ben Ode")}),
    ("Her first feature, Blue Lake (2008), a two-hander shot in San Francisco with Ana Ruiz and Ben Ode, premiered.",
     {("Blue Lake", "cast_member", "Ana Ruiz"), ("Blue Lake", "cast_member", "Ben Ode")}),
    ("His first feature, Blue Lake (2008), a two-hander filmed in Oslo with Ana Ruiz and Ben Ode, premiered in May.",
     {("Blue Lake", "cast_member", "Ana Ruiz"), ("Blue Lake", "cast_member", "Ben Ode")}),
    ("We talked about the film Blue Harbor. Blue Harbor, 2019. Maria Lopez as the cop, Peter Brandt as the priest.",
     {("Blue Harbor", "cast_member", "Maria Lopez"), ("Blue Harbor", "cast_member", "Peter Brandt")}),
    ("We discussed THE SILENT ORCHARD (2008). Maria Lopez as the cop, Peter Brandt as the priest, all in one night.",
     {("The Silent Orchard", "cast_member", "Maria Lopez"), ("The Silent Orchard", "cast_member", "Peter Brandt")}),
])
def test_attached_cast_lists(nlp, text, expected):
    got = {t for t in triples(run(nlp, text)) if t[1] == "cast_member"}
    assert expected <= got


@pytest.mark.parametrize("text,unexpected", [
    ("Ana Ruiz made Blue Lake with Ben Ode.", ("Blue Lake", "cast_member", "Ben Ode")),   # co-made
    ("Blue Lake was written by Ana Ruiz with Ben Ode.", ("Blue Lake", "cast_member", "Ben Ode")),
    ("Blue Lake came out in 2019. Ana Ruiz served as the jury president.", ("Blue Lake", "cast_member", "Ana Ruiz")),
    ("Ana Ruiz won for Blue Lake, with Ben Ode, and Cleo Marsh's Grey Harbour.", ("Blue Lake", "cast_member", "Cleo Marsh")),
    ("Ana Ruiz made Blue Lake (2019), shot by Ben Ode with Cleo Marsh.", ("Blue Lake", "cast_member", "Cleo Marsh")),
    ("Ana Ruiz made Blue Lake (2019), shot in a week with Cleo Marsh.", ("Blue Lake", "cast_member", "Cleo Marsh")),
])
def test_attached_cast_lists_near_misses(nlp, text, unexpected):
    assert unexpected not in triples(run(nlp, text))


def test_caption_links_file_parses():
    assert {p.value for _, p in cast.links()} <= {"cast_member", "contributor"}


@pytest.mark.parametrize("text,expected", [
    ("FILMOGRAPHY\n  2019   Blue Lake (short)\n", {("Blue Lake", "publication_date", "2019")}),
    ("- 2019: Blue Lake\n", {("Blue Lake", "publication_date", "2019")}),
    ("2019 | Blue Lake | Yes | No\n", {("Blue Lake", "publication_date", "2019")}),
    # near misses: the year inside a sentence, a year that is not first on its line
    ("In 2019 Blue Lake opened.\n", set()),
    ("Seen at Fenwick Festival 2019   Blue Lake\n", set()),
])
def test_year_first(text, expected):
    page = Page(text, NAMES)
    assert page.triples(lineup.year_first(LinePage(page.view, page.items), page.disc(), [])) == expected


@pytest.mark.parametrize("text,expected", [
    ("HOST: And then Blue Lake, 2019. A hit at home.\n", {("Blue Lake", "publication_date", "2019")}),
    ("Blue Lake, 2019 — her first feature.\n", {("Blue Lake", "publication_date", "2019")}),
    ("Blue Lake, 2019 tickets are on sale.\n", set()),   # the year belongs to what follows
])
def test_comma_year_after_title(text, expected):
    page = Page(text, NAMES)
    assert page.triples(lineup.lineup(LinePage(page.view, page.items), page.disc(), [])) == expected


CREDIT_NAMES = {**NAMES, "Harbor Pictures": "O"}


@pytest.mark.parametrize("text,expected", [
    ("[Photo] Ana Ruiz and Ben Ode in Blue Lake. Courtesy of Harbor Pictures\n",
     {("Blue Lake", "distributed_by", "Harbor Pictures")}),
    # near misses: a photographer's credit, no caption before the credit
    ("[Photo] Ana Ruiz and Ben Ode in Blue Lake. Photo by Harbor Pictures\n", set()),
    ("Harbor Pictures gave us Blue Lake. Courtesy of Harbor Pictures\n", set()),
])
def test_caption_credit(text, expected):
    page = Page(text, CREDIT_NAMES, sentences=True)
    found = []
    for sent in page.doc.sents:
        args = [a for a in page.items if sent.start <= a.start < sent.end]
        found += [replace(f, method="caption") for f in cast.caption(page.view, sent, args, page.disc(), False)]
    got = cast.caption_credit(LinePage(page.view, page.items), page.disc(), found)
    assert page.triples(got) == expected


@pytest.mark.parametrize("text,expected", [
    ("The Blue Lake (2001), following a tired wedding band, starring Ana Ruiz, Ben Ode and Cleo Marsh, "
     "opened the festival.",
     {("The Blue Lake", "cast_member", "Ana Ruiz"), ("The Blue Lake", "cast_member", "Ben Ode"),
      ("The Blue Lake", "cast_member", "Cleo Marsh")}),
    ("Her debut, The Blue Lake (2001), produced by Daniel Fellowes and starring Ana Ruiz and Ben Ode, was a hit.",
     {("The Blue Lake", "cast_member", "Ana Ruiz"), ("The Blue Lake", "cast_member", "Ben Ode")}),
    ("His breakthrough was The Blue Lake, a fictional account of a rowing team at the Olympics, starring Ana Ruiz "
     "and Ben Ode.",
     {("The Blue Lake", "cast_member", "Ana Ruiz"), ("The Blue Lake", "cast_member", "Ben Ode")}),
    # near misses: a clause between the work and the participle, no apposition, a person before it
    ("The Blue Lake, which Daniel Fellowes wrote, was remade as a series starring Ana Ruiz.", set()),
    ("The Blue Lake was a flop; the next year Daniel Fellowes made a comedy starring Ana Ruiz.", set()),
    ("Daniel Fellowes, who loved The Blue Lake, is now starring Ana Ruiz in a play.", set()),
    ("After The Blue Lake, Daniel Fellowes is shooting a western starring Ana Ruiz.", set()),
    ('It is a series adapted from the novel "The Blue Lake," starring Ana Ruiz and Ben Ode.', set()),
])
def test_starring_apposition(nlp, text, expected):
    result = run(nlp, text)
    ents = result.entities
    got = {(ents[r.subject].name, r.predicate.value, ents[r.object.index].name) for r in result.relations
           if r.method == "starring_apposition"}
    assert got == expected
