"""Who won what on award reports and line-ups (`relations/awards.py`), on hand-built pages."""
from __future__ import annotations

import pytest

from pipeline.relations import awards
from pipeline.relations.credits import LinePage
from tests.relation_docs import Page
from tests.test_relations import run, triples

NAMES = {"Blue Lake": "W", "Grey Harbour": "W", "Ana Ruiz": "P", "Ben Ode": "P", "Cleo Marsh": "P",
         "Best Director": "A", "Best Actor": "A", "Best Film": "A", "Golden Tern": "A", "Rising Star Awards": "A",
         "Spain": "L", "2019": "D"}


@pytest.mark.parametrize("text,expected", [
    ("WINNERS\nBest Director: Ana Ruiz, Blue Lake\n", {("Ana Ruiz", "award_received", "Best Director")}),
    ("Best Actor: Ben Ode (Grey Harbour)\n", {("Ben Ode", "award_received", "Best Actor")}),
    ("Best Film: Blue Lake (Spain)\n", {("Blue Lake", "award_received", "Best Film")}),
    ("- Best Director: Ana Ruiz and Ben Ode, Blue Lake\n",
     {("Ana Ruiz", "award_received", "Best Director"), ("Ben Ode", "award_received", "Best Director")}),
    ("Rising Star Awards: Ana Ruiz, Cleo Marsh\n",
     {("Ana Ruiz", "award_received", "Rising Star Awards"), ("Cleo Marsh", "award_received", "Rising Star Awards")}),
    # a heading without a nomination word opens the winners again
    ("NOMINEES\nBest Film: Blue Lake\n\nWINNERS\nBest Actor: Ben Ode (Grey Harbour)\n",
     {("Ben Ode", "award_received", "Best Actor")}),
])
def test_winners_lines_find(text, expected):
    page = Page(text, NAMES)
    assert page.triples(awards.winners_lines(LinePage(page.view, page.items), page.disc(), [])) == expected


@pytest.mark.parametrize("text", [
    "THE NOMINEES\nBest Director: Ana Ruiz (Blue Lake), Ben Ode (Grey Harbour)\n",  # under a nominees heading
    "Best Film: Blue Lake, Grey Harbour\n",                        # several works: a list of nominees
    "Best Film nominees: Blue Lake\n",                             # a nomination word in the label
    "Ana Ruiz won Best Director: a surprise.\n",                   # the prize does not open the line
    "Best Director was the prize Ana Ruiz wanted.\n",              # no colon after the prize
])
def test_winners_lines_near_misses(text):
    page = Page(text, NAMES)
    assert page.triples(awards.winners_lines(LinePage(page.view, page.items), page.disc(), [])) == set()


@pytest.mark.parametrize("text,expected", [
    ("- Blue Lake (Spain, 2019), dir. Ana Ruiz — Golden Tern\n", {("Blue Lake", "award_received", "Golden Tern")}),
    ("2019 | Blue Lake | Yes | Yes | Golden Tern\n", {("Blue Lake", "award_received", "Golden Tern")}),
])
def test_entry_prizes_find(text, expected):
    page = Page(text, NAMES)
    assert page.triples(awards.entry_prizes(LinePage(page.view, page.items), page.disc(), [])) == expected


@pytest.mark.parametrize("text", [
    "- Blue Lake (Spain, 2019), dir. Ana Ruiz — Golden Tern nominee\n",  # a nomination
    "- Blue Lake (2019) — Grey Harbour — Golden Tern\n",                   # two works on the line
    "Ana Ruiz said her film — Golden Tern — was lucky, as Blue Lake was.\n",  # the work comes after the prize
    "She loved the lake — Golden Tern, Blue Lake — all of it.\n",          # a line that does not open with the work
])
def test_entry_prizes_near_misses(text):
    page = Page(text, NAMES)
    assert page.triples(awards.entry_prizes(LinePage(page.view, page.items), page.disc(), [])) == set()


PRIZE = "Ana Ruiz is a Spanish director.\n\n"


@pytest.mark.parametrize("text,expected", [
    (PRIZE + "Her film BLUE LAKE won the Golden Tern Award at the Fenwick Film Festival in 2019.",
     ("Blue Lake", "award_received", "Golden Tern Award")),
    # the subject without its aside: the work won, not the actors it was made with
    (PRIZE + "BLUE LAKE (2019), with Ben Ode and Cleo Marsh, won the Golden Tern Award at Fenwick.",
     ("Blue Lake", "award_received", "Golden Tern Award")),
    (PRIZE + "Her debut, GREY HARBOUR (2015), which took the Silver Heron Prize at Fenwick, was made in a week.",
     ("Grey Harbour", "award_received", "Silver Heron Prize")),
    (PRIZE + "The Silver Heron Prize went to Ben Ode for GREY HARBOUR.",
     ("Ben Ode", "award_received", "Silver Heron Prize")),
])
def test_prize_won_finds(nlp, text, expected):
    assert expected in triples(run(nlp, text))


@pytest.mark.parametrize("text,unexpected", [
    (PRIZE + "BLUE LAKE (2019), with Ben Ode and Cleo Marsh, won the Golden Tern Award at Fenwick.",
     ("Ben Ode", "award_received", "Golden Tern Award")),                  # an aside of the winner
    (PRIZE + "Ben Ode did not win the Golden Tern Award for BLUE LAKE.",
     ("Ben Ode", "award_received", "Golden Tern Award")),                  # negated
    (PRIZE + "Ben Ode hoped to win the Golden Tern Award for BLUE LAKE.",
     ("Ben Ode", "award_received", "Golden Tern Award")),                  # a wish
    (PRIZE + "Ben Ode could win the Golden Tern Award for BLUE LAKE next year.",
     ("Ben Ode", "award_received", "Golden Tern Award")),                  # a possibility
    (PRIZE + "BLUE LAKE earned Ben Ode a Golden Tern Award nomination.",
     ("Ben Ode", "award_received", "Golden Tern Award")),                  # a nomination
    (PRIZE + "Ben Ode gave the Golden Tern Award to Cleo Marsh.",
     ("Ben Ode", "award_received", "Golden Tern Award")),                  # the giver
])
def test_prize_won_near_misses(nlp, text, unexpected):
    assert unexpected not in triples(run(nlp, text))
