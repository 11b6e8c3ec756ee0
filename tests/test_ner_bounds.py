"""Entity recall and boundaries on small invented sentences: names the rules must find whole, and
what must not be taken into a name or taken for one."""
from __future__ import annotations

import pytest

from pipeline.ner.component import RawMention, SpanMeta, mentions
from pipeline.ner.decide import drop_lone_words, keep
from pipeline.ner.names import bracket_names, listed_people
from pipeline.normalize.entities import build_entities
from pipeline.ner.registry import BRACKET_ACTOR, MODEL
from pipeline.view import DocView
from pipeline.vocab import Label


def found(nlp, text):
    doc = nlp(text)
    return {(doc.text[m.start:m.end], m.label.value) for m in mentions(doc)}


@pytest.mark.parametrize("text, expected", [
    # a date after a preposition ends a name
    ("The studio acquired game publisher Norvia Interactive in April 2009 and merged it.",
     ("Norvia Interactive", "ORG")),
    # a title that starts with a number, a sequel's number before its year
    ("In 2009, he had a minor role in the Irish film 7 Lanterns.", ("7 Lanterns", "WORK")),
    ("He starred in The Hollow Men 2 (2012) and The Hollow Men 3 (2014).", ("The Hollow Men 3", "WORK")),
    # a list closed by 'and other <works>'
    ("It was made by the people behind Glass House, Bid or No Bid, Spinout, and other reality shows.",
     ("Bid or No Bid", "WORK")),
    ("It was made by the people behind Glass House, Bid or No Bid, Spinout, and other reality shows.",
     ("Spinout", "WORK")),
    # the work after 'role as <character> in'
    ("He is known for his recurring role as Chief Ben Arlo in Lakes and Meadows.", ("Lakes and Meadows", "WORK")),
    # a count before a company is not part of it; a reference list's page names its subject
    ("The game was built by 30 Kelvar Studios employees over three years.", ("Kelvar Studios", "ORG")),
    ("For older titles, see List of Norvia Studios games.", ("Norvia Studios", "ORG")),
    # a school named with 'of the', a campus after a dash, a possessive first word inside a sentence
    ("He graduated from Our Lady of the Hills University with a degree.", ("Our Lady of the Hills University", "ORG")),
    ("He enrolled at Marlow State University – East Haven but left.", ("Marlow State University – East Haven", "ORG")),
    # '&' inside a title; a title in sentence case after a Romance article; a cue the tagger calls PROPN
    ("He joined the TV drama series Rules & Reasons as a detective.", ("Rules & Reasons", "WORK")),
    ("She appeared in the drama film Le notti di Verona. In 1981 she hosted a show.", ("Le notti di Verona", "WORK")),
    ("He starred in the film La prima estate di sole in 1972.", ("La prima estate di sole", "WORK")),
    ("In 2003 he starred in the telenovela El cielo no tiene dueño. In 1999 he sang.", ("El cielo no tiene dueño", "WORK")),
    # two places joined by a hyphen are one region
    ("The village lies in Aetolia-Acarnania in Greece.", ("Aetolia-Acarnania", "PLACE")),
    # a title after its owner's possessive, in a list or after a person's name
    ("She presented shows such as the ITV's Morning Star and the BBC's Golden Acre.", ("Morning Star", "WORK")),
    ("She presented shows such as the ITV's Morning Star and the BBC's Golden Acre.", ("Golden Acre", "WORK")),
    ("He adapted Charles Dickens' The Silent Garden for the stage.", ("The Silent Garden", "WORK")),
    # a title the model starts with a date; a list goes on past a title that starts with a number
    ("She starred in the CBS television drama Sunday Morning Rain for three seasons.", ("Sunday Morning Rain", "WORK")),
    ("He has had roles in films including Iron Hawk, Blade Runner 2, 4000 Leagues to Home, The Gang, and Overboard.",
     ("4000 Leagues to Home", "WORK")),
    ("He has had roles in films including Iron Hawk, Blade Runner 2, 4000 Leagues to Home, The Gang, and Overboard.",
     ("The Gang", "WORK")),
    # an apposition whose head noun follows a possessive; a capital 'The' inside a sentence starts the name
    ("He narrated The Puddlers, a BBC children's television series, in 1975.", ("The Puddlers", "WORK")),
    # a channel: an acronym and a number word
    ("The series moved from RTV One to RTV Two in 2004 and later to KNX Four.", ("RTV Two", "ORG")),
    ("The series moved from RTV One to RTV Two in 2004 and later to KNX Four.", ("KNX Four", "ORG")),
    # a one-word possessive without 'the' belongs to the title
    ("She had roles in shows such as Hale's Practice, Children's Tales and Boston Legal.", ("Hale's Practice", "WORK")),
    # an apostrophe inside a family name; one word the tokenizer split; a capital pronoun inside a sentence
    ("She is the daughter of actress Marta D'Orsino and the actor Leo Vance.", ("Marta D'Orsino", "PERSON")),
    ("Her first album Gonna Find Home was released in 1999.", ("Gonna Find Home", "WORK")),
    ("She appeared in shows such as the RTV's My Neighbours and with Ann Lee in Overboard.",
     ("My Neighbours", "WORK")),
    # a defined title that starts with a preposition; a school with a lower-case 'a'; an ordinal of a name
    ("Beyond Grey Hills is a 2003 action-adventure video game developed by Norvia.", ("Beyond Grey Hills", "WORK")),
    ("He studied composition at the Santa Rita a Vomero Conservatory in Naples.",
     ("Santa Rita a Vomero Conservatory", "ORG")),
    ("This 21st Century Norvia feature was produced by Vernon Tollis.", ("21st Century Norvia", "ORG")),
    # a title in apposition to a generic work noun, or right after it; made 'for' a broadcaster
    ("Her recent work, The Visit, became famous after its release.", ("The Visit", "WORK")),
    ("Other work included the literary adaptation The Pages for ABN One in 2001.", ("The Pages", "WORK")),
    # a music group named with its kind noun; a name 'The X of the Y' the model cut to its last word
    ("His songs were sung by a member of the I Cori Lontani choir, Ettore Vasco.",
     ("I Cori Lontani choir", "ORG")),
    ("It was seen as an act of war by Norvia. The Keepers of the Peace made threats against cinemas.",
     ("The Keepers of the Peace", "ORG")),
])
def test_finds(nlp, text, expected):
    assert expected in found(nlp, text)


@pytest.mark.parametrize("text, not_expected", [
    ("The studio acquired game publisher Norvia Interactive in April 2009 and merged it.",
     ("Norvia Interactive in April", "ORG")),
    ("He later directed the documentary Born on the Fourth of July.", ("Born on the", "WORK")),
    ("The film 2 years later was a hit.", ("2 years", "WORK")),
    ("She met Anna, Maria and other friends.", ("Maria", "WORK")),                       # not works
    ("He starred in The Hollow Men 2 (2012) and The Hollow Men 3 (2014).", ("2", "WORK")),
    ("The game was built by 30 Kelvar Studios employees over three years.", ("30 Kelvar Studios", "ORG")),
    ("She directed the film La Ville and then moved to Paris.", ("La Ville and then moved to Paris", "WORK")),
    ("She directed the film La Ville and then moved to Paris.", ("La Ville and then moved", "WORK")),
    ("She directed the film La Ville in the summer.", ("La Ville in the summer", "WORK")),
    ("He joined the series Rules & Reasons, Blue Ridge & Castle.", ("Rules & Reasons, Blue Ridge", "WORK")),
    ("For older titles, see List of Norvia Studios games.", ("List of Norvia Studios", "ORG")),
    ("He graduated from Our Lady of the Hills University with a degree.", ("Hills University", "ORG")),
    ("In Marlow University the students protested.", ("In Marlow University", "ORG")),        # a sentence start
    ("The village lies in Aetolia - Acarnania in Greece.", ("Aetolia - Acarnania", "PLACE")),  # spaced: a range
    ("She presented shows such as the ITV's Morning Star and the BBC's Golden Acre.",
     ("Morning Star and the BBC's Golden Acre", "WORK")),
    ("She appeared in shows such as the BBC's Golden Acre and with Ann Lee in Overboard.",
     ("Golden Acre and with Ann Lee in Overboard", "WORK")),
    ("She had roles in shows such as Hale's Practice, Children's Tales and Boston Legal.", ("Practice", "WORK")),
    ("She had roles in shows such as Hale's Practice, Children's Tales and Boston Legal.", ("Tales", "WORK")),
    ("She starred in the drama Sunday in 1999.", ("Sunday in", "WORK")),            # a date, no title after it
    ("He wrote the play 1999 Nights in Paris.", ("1999 Nights in Paris", "WORK")),   # a year starts no title
    ("He had One Direction in mind and said One more time.", ("One Direction", "ORG")),  # no acronym before
    ("He worked for the RTQ one year and left.", ("RTQ one", "ORG")),
    ("She met Anna, a children's author, in 1975.", ("Anna", "WORK")),  # the head after the possessive: a person                 # a lower-case number word
    ("She is the daughter of actress Marta D'Orsino, a singer.", ("Marta D'Orsino,", "PERSON")),
    ("Her first album was released in 1999. Gonna Find Home came later.", ("1999. Gonna", "WORK")),
    ("She met his My Neighbours co-star for the first time.", ("his My Neighbours", "WORK")),
    ("As in Grey Hills, the film called for documentary scenes of dances.", ("As in Grey Hills", "WORK")),
    ("He studied at a Vomero Conservatory in Naples.", ("a Vomero Conservatory", "ORG")),
    ("It premiered at the 23rd Norvia Film Festival in May.", ("23rd Norvia Film Festival", "ORG")),
    ("His work with Ann Lee was praised.", ("Ann Lee", "WORK")),
    ("Other work included the literary adaptation The Pages for ABN One in 2001.",
     ("The Pages for ABN One", "WORK")),
    ("She sang with the band for a year.", ("band", "ORG")),
    ("It was seen as an act of war by Norvia. Keepers of the Peace made threats against cinemas.",
     ("Keepers of the Peace", "ORG")),   # no capital 'The' starts it
    ("He is the Head of the BBC now.", ("Head of the BBC", "ORG")),
])
def test_does_not_find(nlp, text, not_expected):
    assert not_expected not in found(nlp, text)


def _model_span_kept(v: DocView, start: int, end: int, label: Label) -> bool:
    """Whether the filter keeps tokens start..end as a name the model gave with `label`."""
    return keep(v, MODEL.found(start, end, label))


@pytest.mark.parametrize("text, start, end, label, kept", [
    ("It was directed by J. Elder Brooks.", 4, 5, Label.PERSON, False),    # "J." alone
    ("It was adapted from R.T. Marlow's novel.", 4, 5, Label.ORG, False),  # "R.T." alone
    ("It was directed by J. Elder Brooks.", 4, 7, Label.PERSON, True),
    ("The talks were held in the U.K. last year.", 6, 7, Label.PLACE, True),  # a place keeps its initials
])
def test_initials_alone_are_not_a_name(nlp, view, text, start, end, label, kept):
    doc = nlp(text)
    assert _model_span_kept(view(doc), start, end, label) is kept


@pytest.mark.parametrize("text, name, alias", [
    ("He enrolled at Marlow State University (then Southwest Marlow State University) but left.",
     "Southwest Marlow State University", "Marlow State University"),
    ("Deep Harbor Rescue (DHR; sometimes called Harbor Rescue) is an American reality television series.",
     "Deep Harbor Rescue", "DHR"),
])
def test_a_stated_alias_joins_its_name(nlp, text, name, alias):
    doc = nlp(text)
    entities, _, _ = build_entities(doc.text, mentions(doc))
    assert any(e.name == name and alias in e.aliases for e in entities)


@pytest.mark.parametrize("text, first", [
    ("Jiyoung Lee (NIGHT TIDE) is a filmmaker from Seoul.", "Jiyoung Lee"),   # a person and her film
    ("Tyler Durden (Brad Reyes) talks to Anna Holm.", "Tyler Durden"),         # a character and his actor
    ("Deep Harbor Rescue (DH; a series) aired in May.", "Deep Harbor Rescue"),  # not its initials
])
def test_a_bracketed_name_without_a_cue_stays_apart(nlp, text, first):
    doc = nlp(text)
    entities, _, _ = build_entities(doc.text, mentions(doc))
    assert [e.aliases for e in entities if first in e.aliases] == [(first,)]


@pytest.mark.parametrize("text, start_char, end_char, kept", [
    ("Somchai Wong (Thai: สมชาย วงศ์) is an actor.", 19, 30, False),          # Thai read by the English model
    ("The poet 봉준호 wrote it.", 9, 12, False),                              # Hangul alone
    ("Somchai Wong (Thai: สมชาย) is an actor.", 0, 12, True),
    ("Jiří Menzel and Itatí Lopez came.", 0, 11, True),                        # accented Latin letters
])
def test_the_model_does_not_name_other_scripts(nlp, view, text, start_char, end_char, kept):
    doc = nlp(text)
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    assert _model_span_kept(view(doc), span.start, span.end, Label.ORG) is kept


def _with_people(nlp, text, people):
    """A Doc whose only model entities are the given people (so the list rule is tested alone)."""
    doc = nlp.make_doc(text)
    spans = []
    for name in people:
        i = text.index(name)
        spans.append(doc.char_span(i, i + len(name), label="PERSON"))
    doc.ents = spans
    return doc


@pytest.mark.parametrize("text, people, expected", [
    # between two listed people; before two listed people
    ("He named Karl Broder, Vessant and Mira Ostrak as influences.", ["Karl Broder", "Mira Ostrak"], {"Vessant"}),
    ("The leads are Ana Lucia Moreda, Pedro Loredo, Eva Sol and others.", ["Pedro Loredo", "Eva Sol"],
     {"Ana Lucia Moreda"}),
    # not a list of people: one listed person only, a clause between, a capital at the clause start
    ("He met Karl Broder, Vessant and others.", ["Karl Broder"], set()),
    ("He met Karl Broder, then Vessant met Mira Ostrak.", ["Karl Broder", "Mira Ostrak"], set()),
    ("Later, Karl Broder, Mira Ostrak and others came.", ["Karl Broder", "Mira Ostrak"], set()),
    ("She thanked Karl Broder, the Harbor Club and Mira Ostrak.", ["Karl Broder", "Mira Ostrak"], set()),
    # after 'with' and before 'and' a listed person; not a lone word, not without 'with'
    ("With Lena Vorst and Mira Ostrak are co-protagonists.", ["Mira Ostrak"], {"Lena Vorst"}),
    ("She worked with Lena Vorst and Mira Ostrak.", ["Mira Ostrak"], {"Lena Vorst"}),
    ("She worked with Vorst and Mira Ostrak.", ["Mira Ostrak"], set()),
    ("Then Lena Vorst and Mira Ostrak came.", ["Mira Ostrak"], set()),
])
def test_an_unmarked_name_among_listed_people(nlp, text, people, expected):
    doc = _with_people(nlp, text, people)
    assert {doc[c.start:c.end].text for c in listed_people(DocView(doc))} == expected


@pytest.mark.parametrize("second, label, joined", [
    ("Bloody Night", Label.WORK, True),     # a title in brackets after a title: its translation
    ("Bloody Night", Label.PERSON, False),  # a person in brackets after a title: its director, its star
])
def test_a_bracketed_title_after_a_title_is_its_translation(second, label, joined):
    text = f"Khooni Raat ({second}) is a 1931 Indian silent film."
    first, at = RawMention(0, 11, Label.WORK, SpanMeta(0.8, "definition", None, ())), text.index(second)
    entities, _, _ = build_entities(text, [first, RawMention(at, at + len(second), label, SpanMeta(0.6, "model", None, ()))])
    assert (len(entities) == 1) is joined



@pytest.mark.parametrize("text, start, kept", [
    ("The board issued the XE certificate in May.", 3, False),   # an abbreviation before a noun
    ("It aired as an XE documentary in 2003.", 4, True),         # before a work noun it may name a channel
    ("She joined the XE board in May.", 3, False),
    ("She joined XE in May.", 2, True),                          # alone it is a name
])
def test_a_two_letter_abbreviation_before_a_noun_is_not_a_name(nlp, view, text, start, kept):
    assert _model_span_kept(view(nlp(text)), start, start + 1, Label.ORG) is kept


@pytest.mark.parametrize("text, word, dropped", [
    # an ordinary word cut from a longer capitalised name is no person
    ("A prequel, Beyond Bright and Dark 2, was announced.", "Bright", True),
    ("It aired on Morning's RTV until 2002.", "Morning", True),
    # a name of its own: after a lower-case word, before 'who'
    ("Critics praised Bright, who directed it.", "Bright", False),
    # a word that is no common English word is no ordinary word cut from a name; but a lone word only the
    # model reads as a person, with nothing in the text to vouch for it, goes too (test_ner_prose.py)
    ("A sequel, Beyond Vessant and Dark 2, was announced.", "Vessant", True),
])
def test_a_common_word_cut_from_a_name_is_no_person(nlp, view, text, word, dropped):
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == word)
    chosen = [(MODEL.found(i, i + 1, Label.PERSON), ())]
    assert (drop_lone_words(view(doc), chosen) == []) is dropped


@pytest.mark.parametrize("text, people, expected", [
    # the actor in brackets after the character; not after a title, nor a company, nor a longer aside
    ("It is the first appearance of Dr. Mara Quill (Samantha Vorst). It aired in May.", ["Mara Quill"],
     {"Samantha Vorst"}),
    ("It is the first appearance of Night Tide (Samantha Vorst). It aired in May.", [], set()),
    ("It is the first appearance of Mara Quill (Norvia Studios). It aired in May.", ["Mara Quill"], set()),
    ("It is the first appearance of Mara Quill (Samantha Vorst plays her). It aired.", ["Mara Quill"], set()),
])
def test_an_actor_in_brackets_after_a_character(nlp, text, people, expected):
    doc = _with_people(nlp, text, people)
    assert {doc[c.start:c.end].text for c in bracket_names(DocView(doc)) if c.rule is BRACKET_ACTOR} == expected


@pytest.mark.parametrize("text, name, found_it", [
    # a cue, a comma, then a title in apposition: closed by a comma, or a list's first member
    ("In her debut feature, Salt Harbour, she plays a nurse.", "Salt Harbour", True),
    ("He had leading roles in the 2004 film, Lumen Tide and the 2006 film Varno Run.", "Lumen Tide", True),
    ("Her debut feature, Night Orchard, was shot in winter.", "Night Orchard", True),
    # near misses: a phrase 'in the film,' closed by its comma, then the clause's subject
    ("Unlike most characters in the film, Tobin was not in the book.", "Tobin", False),
    ("It appears that in the last part of the play, Varnagupta dethrones his brother.", "Varnagupta", False),
])
def test_a_cue_closing_a_phrase_is_no_apposition(nlp, view, text, name, found_it):
    from pipeline.ner.titles import cue_titles
    doc = nlp(text)
    assert (name in {doc[c.start:c.end].text for c in cue_titles(view(doc))}) is found_it
