"""Filmography tables and infoboxes of encyclopedia pages (`pipeline/relations/tables.py`) on
hand-built pages with invented names."""
from __future__ import annotations

import pytest

from pipeline.relations import tables
from pipeline.relations.credits import LinePage
from tests.relation_docs import Page

NAMES = {"Mira Ostrak": "P", "Ben Ode": "P", "Cleo Marsh": "P", "Dan Fell": "P", "Eva Lind": "P",
         "Blue Lake": "W", "Grey Harbour": "W", "Salt Orchard": "W", "2008": "D", "2011": "D", "1970": "D",
         "16 July 1970": "D", "Elmford": "L", "Norvia": "L", "Elmford University": "O", "Norvia Film School": "O"}
HEADER = "Year | Title | Director | Writer | Producer | Notes\n"


def _table(text: str, subject: str | None = "Mira Ostrak"):
    page = Page(text, NAMES)
    return page.triples(tables.filmography(LinePage(page.view, page.items), page.disc(subject), []))


def _infobox(text: str, subject: str | None = "Mira Ostrak"):
    page = Page(text, NAMES)
    return page.triples(tables.infobox(LinePage(page.view, page.items), page.disc(subject), []))


@pytest.mark.parametrize("rows,expected", [
    # 'Yes' under a role column: the subject's role; the year cell: the work's year
    ("2008 | Blue Lake (native title) | Yes | Yes | No | Feature debut\n",
     {("Blue Lake", "director", "Mira Ostrak"), ("Blue Lake", "screenwriter", "Mira Ostrak"),
      ("Blue Lake", "publication_date", "2008")}),
    ("2011 | Grey Harbour | ✓ | | ✓ |\n",
     {("Grey Harbour", "director", "Mira Ostrak"), ("Grey Harbour", "producer", "Mira Ostrak"),
      ("Grey Harbour", "publication_date", "2011")}),
    # notes: 'With A, B' plays; 'Screenplay by A' writes
    ("2008 | Blue Lake | Yes | No | | Screenplay by Ben Ode; with Cleo Marsh, Dan Fell\n",
     {("Blue Lake", "director", "Mira Ostrak"), ("Blue Lake", "screenwriter", "Ben Ode"),
      ("Blue Lake", "cast_member", "Cleo Marsh"), ("Blue Lake", "cast_member", "Dan Fell"),
      ("Blue Lake", "publication_date", "2008")}),
    # 'Directed by A': A directs, not the subject, even under a 'Yes'
    ("2011 | Grey Harbour | Yes | | Yes | Directed by Eva Lind\n",
     {("Grey Harbour", "director", "Eva Lind"), ("Grey Harbour", "producer", "Mira Ostrak"),
      ("Grey Harbour", "publication_date", "2011")}),
    # 'Co-directed with A': both direct
    ("2011 | Grey Harbour | Yes | | | Co-directed with Eva Lind\n",
     {("Grey Harbour", "director", "Eva Lind"), ("Grey Harbour", "director", "Mira Ostrak"),
      ("Grey Harbour", "publication_date", "2011")}),
])
def test_filmography_rows(rows, expected):
    assert _table(HEADER + rows) == expected


def test_an_actor_column_gives_the_cast():
    assert _table("Year | Film | Role | Notes\n2008 | Blue Lake | Yes |\n") == {
        ("Blue Lake", "cast_member", "Mira Ostrak"), ("Blue Lake", "publication_date", "2008")}


@pytest.mark.parametrize("text,subject", [
    (HEADER + "2008 | Blue Lake | No | | | \n", "Mira Ostrak"),                 # 'No' and empty give nothing
    (HEADER + "2008 | Unknown film | Yes | Yes | |\n", "Mira Ostrak"),         # no work in the title cell
    ("Year | Title | Venue | Notes\n2008 | Blue Lake | Yes | x\n", "Mira Ostrak"),  # no role column
    ("2008 | Blue Lake | Yes | Yes | |\n", "Mira Ostrak"),                     # a row without a header
    (HEADER + "\n2008 | Blue Lake | Yes | Yes | |\n", "Mira Ostrak"),          # a blank line ends the table
    (HEADER + "2008 | Blue Lake | Yes | | | Omnibus, with Ben Ode\n", None),   # no subject; 'with' inside a note
])
def test_filmography_near_misses(text, subject):
    found = _table(text, subject)
    assert not {t for t in found if t[1] != "publication_date"}
    if "Omnibus" in text:
        assert found == {("Blue Lake", "publication_date", "2008")}


@pytest.mark.parametrize("text,expected", [
    ("Mira Ostrak\n  Born          16 July 1970, Elmford, Norvia\n",
     {("Mira Ostrak", "date_of_birth", "16 July 1970"), ("Mira Ostrak", "place_of_birth", "Elmford")}),
    # a continuation line under the value's column
    ("Mira Ostrak\n  Born          1970\n                Elmford, Norvia\n",
     {("Mira Ostrak", "date_of_birth", "1970"), ("Mira Ostrak", "place_of_birth", "Elmford")}),
    ("│ Alma mater .. Elmford University (BA)\n│               Norvia Film School\n│ Spouse ...... Ben Ode (editor)\n",
     {("Mira Ostrak", "educated_at", "Elmford University"), ("Mira Ostrak", "educated_at", "Norvia Film School"),
      ("Mira Ostrak", "spouse", "Ben Ode")}),
])
def test_infobox_fields(text, expected):
    assert _infobox(text) == expected


@pytest.mark.parametrize("text,subject", [
    ("  Born          16 July 1970, Elmford\n", None),                  # no subject on the page
    ("  Occupation    Director, Elmford University\n", "Mira Ostrak"),  # not a field of the lexicon
    ("She was born in Elmford in 1970 and studied at Elmford University.\n", "Mira Ostrak"),  # prose
    ("  Alma mater    Elmford University\n\n  Norvia Film School\n", "Mira Ostrak"),  # a blank line ends it
])
def test_infobox_near_misses(text, subject):
    found = _infobox(text, subject)
    assert found <= {("Mira Ostrak", "educated_at", "Elmford University")}
    if "Alma mater" not in text:
        assert found == set()
