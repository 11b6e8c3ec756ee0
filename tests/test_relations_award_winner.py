"""Who won a prize, end to end with the real model: the one the verb gives it to, else the subject
of the clause, not the people an aside names (`relations/awards.prize_won` for prize verbs,
`cues._clause_subject` for cue rows such as 'winner of'). Names are invented."""
from __future__ import annotations

import pytest

from .test_relations import run, triples


@pytest.mark.parametrize("text, expected, absent", [
    # a work with a cast aside won it: the work, not its actors
    ("The following year “Salt Harbor”, with Mira Dene and Paul Vance, premiered at Venice and won the "
     "Golden Lion.", ("Salt Harbor", "award_received", "Golden Lion"),
     ("Mira Dene", "award_received", "Golden Lion")),
    # the one the prize is given to
    ("“Salt Harbor” earned lead actress Mira Dene the Best Actress award.",
     ("Mira Dene", "award_received", "Best Actress award"), ("Salt Harbor", "award_received", "Best Actress award")),
    # a relative clause after the work keeps the work on its left
    ("He directed “Salt Harbor” (1997), which won the Golden Lion at Venice.",
     ("Salt Harbor", "award_received", "Golden Lion"), None),
    # every prize of a list the verb governs, not the first one taken for a receiver
    ("Tom Avery has received an Emmy Award and two Grammy Awards, as well as a Golden Globe Award and an "
     "Academy Award for his work.", ("Tom Avery", "award_received", "Golden Globe Award"), None),
    # the reason after 'for' is not who the prize was given to
    ("Petty Officer Rem Dalby, a cook aboard the Kestrel, was awarded the Distinguished Service Medal in 1982 "
     "for his courage.", ("Rem Dalby", "award_received", "Distinguished Service Medal"), None),
    ("Mira Dene received the Kestrel Prize for her courage.", ("Mira Dene", "award_received", "Kestrel Prize"),
     None),
])
def test_who_won(nlp, text, expected, absent):
    got = triples(run(nlp, text))
    assert expected in got
    if absent is not None:
        assert absent not in got
