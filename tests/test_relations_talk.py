"""Relations in the English of interviews and profiles (issue 14), through the whole per-document
chain with the real model: each construction's positives and the near misses that must give
nothing. Every name is invented."""
from __future__ import annotations

import pytest

from pipeline.records import EntityRef
from pipeline.relations import interview
from pipeline.relations.context import Discourse, Found, Topic
from pipeline.relations.credits import LinePage
from pipeline.relations.cues import _named_roles_win
from pipeline.vocab import Predicate
from tests.relation_docs import Page
from tests.test_relations import run, triples


@pytest.mark.parametrize("text, owner, works", [
    # a possessive before a list of titles: every member is the owner's
    ("Critics compared it to Dana Whitfield's SALT FIELDS (2010), GREY HARBOUR (2012) and TIN ROOF (2014).",
     "Dana Whitfield", {"Salt Fields", "Grey Harbour", "Tin Roof"}),
    ("The season opens with Tom Ashby's film SALT FIELDS and GREY HARBOUR.", "Tom Ashby", {"Salt Fields", "Grey Harbour"}),
    # near miss: after a bare 'her' only the first title is hers
    ("Dana Whitfield spoke of her SALT FIELDS and GREY HARBOUR of Tom Ashby.", "Dana Whitfield", {"Salt Fields"}),
])
def test_a_possessive_owns_the_whole_list(nlp, text, owner, works):
    got = triples(run(nlp, text))
    assert {w for w, p, o in got if o == owner and p in {"director", "contributor"}} <= works
    assert {w for w, p, o in got if o == owner and p in {"director", "contributor"}} >= (works if "'s" in text else set())


@pytest.mark.parametrize("text, expected", [
    # 'A shot X': the one who shot it photographed it
    ("Leo Dunne shot SALT FIELDS with me too, so we have a common language.",
     {("Salt Fields", "director_of_photography", "Leo Dunne")}),
    # 'X — written with A': a co-writer of the screenplay
    ("She won Best Screenplay for GREY HARBOUR — written with Leo Dunne from a short story — last year.",
     {("Grey Harbour", "screenwriter", "Leo Dunne")}),
    # 'A was also in X', 'A is back in X': in its cast
    ("Mara Quinn was also in SALT FIELDS. She was one of the four sisters.",
     {("Salt Fields", "cast_member", "Mara Quinn")}),
    ("And Leo Dunne is back in GREY HARBOUR, as the detective.", {("Grey Harbour", "cast_member", "Leo Dunne")}),
    # a portal's headline: 'A, Actress of X'; an AMA's 'writer/director of X and Y'
    ("[INTERVIEW] SEO Ha-rin, Actress of GREY HARBOUR", {("Grey Harbour", "cast_member", "SEO Ha-rin")}),
    ("I'm Dana Whitfield, writer/director of GREY HARBOUR and SALT FIELDS. Ask me anything!",
     {("Grey Harbour", "director", "Dana Whitfield"), ("Grey Harbour", "screenwriter", "Dana Whitfield"),
      ("Salt Fields", "director", "Dana Whitfield"), ("Salt Fields", "screenwriter", "Dana Whitfield")}),
    # a title set beside the subject: 'Her debut, X (2014), ... starring A and B, was ...'
    ("Her debut, A GIRL IN THE BARN (2014), produced by Tom Ashby and starring Mara Quinn and Leo Dunne, "
     "was selected for Cannes.",
     {("A Girl in the Barn", "cast_member", "Mara Quinn"), ("A Girl in the Barn", "cast_member", "Leo Dunne")}),
    # a cast after where the work was shot: 'X (2008), a two-hander shot in Boston with A and B'
    ("His first feature, Salt Fields (2008), a two-hander shot in Boston with Mara Quinn and Leo Dunne, "
     "premiered in Austin.",
     {("Salt Fields", "cast_member", "Mara Quinn"), ("Salt Fields", "cast_member", "Leo Dunne")}),
    # the year: after another title in brackets, and in 'X, her 2019 film'
    ("They screened THE SALT GLEANERS (Les Glaneuses, 2000) and nothing else.",
     {("The Salt Gleaners", "publication_date", "2000")}),
    ("Dana Whitfield made her name with THE HOMEWARD TOUR, her 2019 film about a family.",
     {("The Homeward Tour", "publication_date", "2019")}),
])
def test_gives(nlp, text, expected):
    assert expected <= triples(run(nlp, text))


@pytest.mark.parametrize("text, unexpected", [
    # a passive 'was shot' without its 'by' names no cinematographer
    ("The film is about the evening President Leo Dunne was shot, SALT FIELDS and GREY HARBOUR.",
     {("Salt Fields", "director_of_photography", "Leo Dunne"), ("Grey Harbour", "director_of_photography", "Leo Dunne")}),
    # 'made X (2008), shot in Oslo with A': A made it too, not only acted
    ("Tom Ashby made SALT FIELDS (2008) with Mara Quinn.", {("Salt Fields", "cast_member", "Mara Quinn")}),
    # 'X, her 2019 film' needs the year right after the possessive
    ("Dana Whitfield made her name with THE HOMEWARD TOUR, her film from 2019 about a family.",
     {("The Homeward Tour", "publication_date", "2019")}),
])
def test_does_not_give(nlp, text, unexpected):
    assert not unexpected & triples(run(nlp, text))


@pytest.mark.parametrize("text", [
    "Tom Ashby shot the scene in Boston.",   # no work is named
    "Leo Dunne was in Cannes in May.",       # a place, not a work
])
def test_no_credit_without_a_work(nlp, text):
    assert not {p for _, p, _ in triples(run(nlp, text))} & {"director_of_photography", "cast_member"}


NAMES = {"Blue Lake": "W", "Grey Harbour": "W", "Red Hill": "W", "Ana Ruiz": "P", "Ben Ode": "P"}


def _role_from_page(found_rows):
    page = Page("Ana Ruiz on Blue Lake\n", NAMES)
    ref = page.names.index
    found = [Found(ref(w), Predicate(p), EntityRef(ref(o)), 0, 1, 0.9, m) for w, p, o, m in found_rows]
    return page.triples(interview.role_from_page(LinePage(page.view, page.items), Discourse(None, Topic()), found))


@pytest.mark.parametrize("found_rows, expected", [
    # 'my new film Blue Lake' of a person the page credits as the director of Red Hill
    ([("Blue Lake", "contributor", "Ana Ruiz", "owned_work"), ("Red Hill", "director", "Ana Ruiz", "cue:director of")],
     {("Blue Lake", "director", "Ana Ruiz")}),
    # an actor's 'my first film'
    ([("Blue Lake", "contributor", "Ben Ode", "owned_work"), ("Red Hill", "cast_member", "Ben Ode", "cue:starring")],
     {("Blue Lake", "cast_member", "Ben Ode")}),
    # near misses: two roles on the page; the role only on the same work; no role; another method
    ([("Blue Lake", "contributor", "Ana Ruiz", "owned_work"), ("Red Hill", "director", "Ana Ruiz", "x"),
      ("Grey Harbour", "cast_member", "Ana Ruiz", "x")], set()),
    ([("Blue Lake", "contributor", "Ana Ruiz", "owned_work"), ("Blue Lake", "director", "Ana Ruiz", "x")], set()),
    ([("Blue Lake", "contributor", "Ana Ruiz", "owned_work")], set()),
    ([("Blue Lake", "contributor", "Ana Ruiz", "headline"), ("Red Hill", "director", "Ana Ruiz", "x")], set()),
    # a producer keeps 'contributor': the page's role is not one a person's own film takes
    ([("Blue Lake", "contributor", "Ana Ruiz", "owned_work"), ("Red Hill", "producer", "Ana Ruiz", "x")], set()),
])
def test_role_from_page(found_rows, expected):
    assert _role_from_page(found_rows) == expected


@pytest.mark.parametrize("rows, kept", [
    ([(0, "contributor", 1), (0, "director", 1)], {(0, "director", 1)}),            # the named role says more
    ([(0, "contributor", 1), (0, "director", 2)], {(0, "contributor", 1), (0, "director", 2)}),  # another person
    ([(0, "contributor", 1), (0, "production_company", 1)], {(0, "contributor", 1), (0, "production_company", 1)}),
])
def test_a_named_role_wins_over_contributor(rows, kept):
    found = [Found(s, Predicate(p), EntityRef(o), 0, 1, 0.9, "x") for s, p, o in rows]
    assert {(f.subject, f.predicate.value, f.object.index) for f in _named_roles_win(found)} == kept


QA = "Mara Quinn is a director from Ireland.\n\n"


@pytest.mark.parametrize("text, expected, unexpected", [
    # the work the question names is the one its answer speaks of
    (QA + "Q: How did GREY HARBOUR come about?\n\nA: I read the script once. Leo Dunne plays the father.",
     {("Grey Harbour", "cast_member", "Leo Dunne")}, set()),
    (QA + "Q: How did GREY HARBOUR come about?\n\nA: We shot in Galway, in the winter.",
     {("Grey Harbour", "filming_location", "Galway")}, {("Grey Harbour", "director_of_photography", "Mara Quinn")}),
    # near miss: a question that names two works puts neither in focus
    (QA + "Q: How do GREY HARBOUR and SALT FIELDS differ?\n\nA: Leo Dunne plays the father.",
     set(), {("Grey Harbour", "cast_member", "Leo Dunne"), ("Salt Fields", "cast_member", "Leo Dunne")}),
])
def test_an_answer_continues_the_work_its_question_names(nlp, text, expected, unexpected):
    got = triples(run(nlp, text))
    assert expected <= got and not unexpected & got


@pytest.mark.parametrize("text, expected, unexpected", [
    # a possessive noun phrase set after a title: 'X (2018), A's first television series'
    ("The prize was for THE LITTLE PIPER (2018), Tom Ashby's first television series, the BBC adaptation of a novel.",
     {("The Little Piper", "contributor", "Tom Ashby")}, set()),
    ("Not to be confused with MEMOIRS OF A FOOL (2017), Tom Ashby's Japanese remake of Leo Dunne's CONFESSION "
     "OF A FOOL (2012).",
     {("Memoirs of a Fool", "contributor", "Tom Ashby"), ("Confession of a Fool", "contributor", "Leo Dunne")},
     {("Memoirs of a Fool", "contributor", "Leo Dunne")}),
    # a genre noun or an adjective between the possessive and the title
    ("Dana Whitney's espionage drama THE SALT FIELDS premiered at Cannes.",
     {("The Salt Fields", "contributor", "Dana Whitney")}, set()),
    ("She wrote the screenplay for Tom Ashby's stop-motion MY LIFE AS A RADISH (2016).",
     {("My Life as a Radish", "contributor", "Tom Ashby")}, set()),
    # near misses: a novel is no screen work; 'X, A's film Y' owns Y, not X
    ("The series adapts Dana Whitney's novel THE SALT FIELDS.", set(), {("The Salt Fields", "contributor", "Dana Whitney")}),
    ("It opened with GREY HARBOUR, Tom Ashby's film THE SALT FIELDS and more.", set(),
     {("Grey Harbour", "contributor", "Tom Ashby"), ("Grey Harbour", "director", "Tom Ashby")}),
])
def test_a_possessive_phrase_names_the_maker(nlp, text, expected, unexpected):
    got = triples(run(nlp, text))
    assert expected <= got and not unexpected & got


@pytest.mark.parametrize("text, expected, unexpected", [
    # 'X, 2011 — your first feature' in the host's turn: the interviewee directed X
    ("Dana Whitfield is a director from Ireland.\n\nHOST: SALT FIELDS, 2011 — your first feature, about bullying.\n\n"
     "DANA: Yes.", {("Salt Fields", "director", "Dana Whitfield")}, set()),
    ("TIN ROOF, his first independent feature in twenty years, premiered in Park City. Tom Ashby wrote it.",
     {("Tin Roof", "director", "Tom Ashby")}, set()),
    # the host lists the cast of the work the question named
    ("Dana Whitfield is a director from Ireland.\n\nHOST: GREY HARBOUR. It started as a comic you wrote.\n\n"
     "DANA: Yes.\n\nHOST: Mara Quinn as the cult leader, Leo Dunne as the lawyer.\n\nDANA: Mara has a calm voice.",
     {("Grey Harbour", "cast_member", "Mara Quinn"), ("Grey Harbour", "cast_member", "Leo Dunne")}, set()),
    # near miss: 'my' in the host's turn is the host's, not the interviewee's
    ("Dana Whitfield is a director from Ireland.\n\nHOST: SALT FIELDS, my favourite film of 2011.\n\nDANA: Thanks.",
     set(), {("Salt Fields", "director", "Dana Whitfield"), ("Salt Fields", "contributor", "Dana Whitfield")}),
])
def test_the_hosts_turn(nlp, text, expected, unexpected):
    got = triples(run(nlp, text))
    assert expected <= got and not unexpected & got


@pytest.mark.parametrize("text, expected, unexpected", [
    # a possessive role noun before a name: 'my cinematographer, A', 'his longtime composer A'
    (QA + "Q: How did GREY HARBOUR come about?\n\nA: My cinematographer, Leo Dunne, found the house.",
     {("Grey Harbour", "director_of_photography", "Leo Dunne")}, set()),
    ("Accepting the prize for SALT FIELDS, Tom Ashby paid tribute to his longtime composer Leo Dunne.",
     {("Salt Fields", "composer", "Leo Dunne")}, set()),
    # near miss: 'A was our cinematographer, and B did the music' - B is not the cinematographer
    (QA + "Q: How did GREY HARBOUR come about?\n\nA: Ana Ruiz was our cinematographer, and Leo Dunne did the music.",
     set(), {("Grey Harbour", "director_of_photography", "Leo Dunne")}),
    # 'X (2009), A's Y (2010) with B': B is in Y's cast, not X's
    ("In between came Tom Ashby's SALT FIELDS (2009), Leo Dunne's LATE WINTER (2010) with Mara Quinn, and more.",
     {("Late Winter", "cast_member", "Mara Quinn")}, {("Salt Fields", "cast_member", "Mara Quinn")}),
])
def test_role_nouns_and_attached_casts(nlp, text, expected, unexpected):
    got = triples(run(nlp, text))
    assert expected <= got and not unexpected & got
