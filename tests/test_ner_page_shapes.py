"""Shapes of names on saved pages (interviews, press kits, ceremony reports), on invented
sentences: full award names, a title in capitals after its owner, a name that ran on into the
clause. Each shape with its positives and its near misses."""
from __future__ import annotations

import pytest

from pipeline.ner.component import mentions


def found(nlp, text):
    doc = nlp(text)
    return {(doc.text[m.start:m.end], m.label.value) for m in mentions(doc)}


@pytest.mark.parametrize("text, name", [
    # a possessive of a plural or a role inside an award's name
    ("The drama took the Viewers' Choice Award at the festival.", "Viewers' Choice Award"),
    ("It won the Listeners' Critics' Award and a grant.", "Listeners' Critics' Award"),
    ("The lead was honoured at the Editor's Cut Awards that year.", "Editor's Cut Awards"),
    # 'in' inside an award's name, a hyphen and a plus sign in its words
    ("Koji Tanabe accepted the Excellence in Northern Cinema Award on stage.", "Excellence in Northern Cinema Award"),
    ("She received the Women in Film Norvia Award for Directing last spring.", "Women in Film Norvia Award for Directing"),
    ("The short won the KX-Star Award at the market.", "KX-Star Award"),
    ("The short won the Canal+ Award at the market.", "Canal+ Award"),
])
def test_full_award_names(nlp, text, name):
    assert (name, "AWARD") in found(nlp, text)


@pytest.mark.parametrize("text, name, not_name", [
    # the owner's possessive before an award is not part of its name
    ("He received Norvia's Silvertone Award in 2005.", "Silvertone Award", "Norvia's Silvertone Award"),
    ("It took LKMF's Viewers' Choice Award in March.", "Viewers' Choice Award", "LKMF's Viewers' Choice Award"),
    # a year after 'in' is the award's date, not its name
    ("He won the Academy Award for Best Original Score in 1988.", "Academy Award for Best Original Score",
     "Academy Award for Best Original Score in 1988"),
])
def test_award_names_stop_before_owner_and_year(nlp, text, name, not_name):
    names = found(nlp, text)
    assert (name, "AWARD") in names
    assert not any(n == not_name for n, _ in names)


def test_an_award_word_after_in_is_no_award(nlp):
    names = found(nlp, "A colloquium was held at the University of Lumen in honor of Halvard Tolm.")
    assert not any(label == "AWARD" for _, label in names)


@pytest.mark.parametrize("text, title", [
    ("Which film do you go back to? Tobin Asher's HARBOURLIGHT. It is so patient.", "HARBOURLIGHT"),
    ("She was also in Ko-rin's LANTERN in the competition that year.", "LANTERN"),
    ("Nothing beats Mara Voss' TIDEWATER for its actors.", "TIDEWATER"),
])
def test_one_word_title_in_capitals_after_its_owner(nlp, text, title):
    assert (title, "WORK") in found(nlp, text)


@pytest.mark.parametrize("text, word", [
    ("Then came Tobin Asher's BBC interview and a long lunch.", "BBC"),  # an acronym the model knows
    ("Tobin Asher's TIMBER, STONE AND RIVER is a long film.", "TIMBER"),  # a title with a comma, or a list
    ("He was gunner to Ensign Tobin Asher's TBX Harrier aircraft.", "TBX"),  # initials of a longer name
])
def test_one_word_in_capitals_near_misses(nlp, text, word):
    assert (word, "WORK") not in found(nlp, text)


@pytest.mark.parametrize("text, name, label", [
    # the speaker's 'I' after a name put first
    ("NA: For Kanemura-san I was happiest that night.", "Kanemura-san I", "PERSON"),
    ("When I finished THE GREY HARBOUR I kept asking one question.", "THE GREY HARBOUR I", "WORK"),
    # a person's name that ran on into the clause
    ("Mara Voss receives the Golden Crane and Edgar Tolm the Silver Crane.", "Edgar Tolm the Silver Crane", "PERSON"),
    ("Written by Ben Ripton from David Marsh's Outside magazine story, it stars Sky Yanno.", "David Marsh's Outside", "PERSON"),
])
def test_names_do_not_run_on(nlp, text, name, label):
    assert (name, label) not in found(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("THE GREY HARBOUR I kept asking one question.", "THE GREY HARBOUR"),
    ("Mara Voss receives the Golden Crane and Edgar Tolm the Silver Crane.", "Edgar Tolm"),
    ("Written by Ben Ripton from David Marsh's Outside magazine story, it stars Sky Yanno.", "David Marsh"),
])
def test_the_name_before_the_clause_stays(nlp, text, name):
    assert any(n == name for n, _ in found(nlp, text))


@pytest.mark.parametrize("text, name, kept", [
    # a numeral 'I' that belongs to the name; the speaker's 'I' after a name put first
    ("After World War I ended, the studio closed.", "World War I", "World War I"),
    ("Elizabeth I was crowned in the last reel.", "Elizabeth I", "Elizabeth I"),
    ("The Long Road Part I was shot in winter.", "The Long Road Part I", "The Long Road Part I"),
    ("For Tanabe-san I was happiest.", "Tanabe-san I", "Tanabe-san"),
    ("After Grey Harbour I kept asking.", "Grey Harbour I", "Grey Harbour"),
    ("The Grey Harbour I and II were shot apart.", "The Grey Harbour I", "The Grey Harbour I"),  # no verb after it
])
def test_the_pronoun_i_after_a_name(nlp, view, text, name, kept):
    from pipeline.ner.decide import _before_pronoun_i
    doc = nlp(text)
    v = view(doc)
    start = doc.text.index(name)
    span = doc.char_span(start, start + len(name))
    end = _before_pronoun_i(v, span.start, span.end)
    assert doc[span.start:end].text == kept


@pytest.mark.parametrize("text, name", [
    # particles inside a name stay; an organisation the model called a person keeps its possessive
    ("Ludwig van Tolm wrote the score with Anna Marlow.", "Ludwig van Tolm"),
    ("He met Ezzelino da Marra III and Manuel da Costa Tavira in the city.", "Manuel da Costa Tavira"),
    ("The squad signed Alex dos Santos Gonçalo in 2010.", "Alex dos Santos Gonçalo"),
    ("She was treated at Alder Cove Children's NHS Trust for a year.", "Alder Cove Children's NHS Trust"),
])
def test_name_near_misses_stay_whole(nlp, text, name):
    assert any(n == name for n, _ in found(nlp, text))


@pytest.mark.parametrize("text, titles", [
    ("FILMOGRAPHY\n  2015   Tuesdays (short)\n  2017   Laps of Salt (short)\n  2022   Afterglow\n",
     {"Tuesdays", "Laps of Salt", "Afterglow"}),
    ("SELECTED SCORES\n1999 – Hollow Tide (dir. Nagisa Orimo)\n2023 – Marrow (dir. Tobin Asher) — BAFTA\n",
     {"Hollow Tide", "Marrow"}),
])
def test_a_filmography_line_gives_its_title(nlp, text, titles):
    assert titles <= {n for n, label in found(nlp, text) if label == "WORK"}


@pytest.mark.parametrize("text, not_title", [
    # one line is not a list; an award's line; a sentence after a year
    ("Born in Lumen.\n2015 – Tuesdays (short)\nShe moved.\n", "Tuesdays"),
    ("AWARDS\n2009 – Harbour Film Awards, Directing\n2011 – Lumen Prize, Screenplay\n", "Harbour Film Awards, Directing"),
    ("TIMELINE\n2009 – She moved to Lumen and began to write\n2011 – Then she made films in Norvia\n",
     "She moved to Lumen and began to write"),
])
def test_year_line_near_misses(nlp, text, not_title):
    assert (not_title, "WORK") not in found(nlp, text)


def test_a_town_named_owner_owns_a_title_in_capitals(nlp):
    names = found(nlp, "He scored Hamada's HOLLOWTIDE (Tabu, 1999) and much else.")
    assert ("HOLLOWTIDE", "WORK") in names


def test_capitals_after_a_possessive_are_a_title_not_a_person(nlp):
    names = found(nlp, "It was passed over in favour of Ladj Orr's LES MARRONNIERS. Neon acquired it.")
    assert ("LES MARRONNIERS", "PERSON") not in names


@pytest.mark.parametrize("text, name, label", [
    # the model's person spelled as a title a rule found in capitals elsewhere is that title
    ("FILMOGRAPHY\n  2015   Tuesdays (short)\n  2022   HARROWGLEN\n\nHarrowglen premiered in May.", "Harrowglen",
     "WORK"),
    # near miss: a first name keeps the person
    ("Maria Tolm directed LUMEN TIDE (2015). Maria Tolm lives in Norvia.", "Maria Tolm", "PERSON"),
])
def test_a_title_in_capitals_retypes_the_models_person(nlp, text, name, label):
    labels = {lab for n, lab in found(nlp, text) if n == name}
    assert labels == {label}


def entity_names(nlp, text):
    from pipeline.normalize.entities import build_entities
    doc = nlp(text)
    entities, _, _ = build_entities(doc.text, mentions(doc))
    return {(e.label.value, e.name) for e in entities}


@pytest.mark.parametrize("text, names", [
    # a category given at a ceremony is the ceremony's prize for it; a category joined to it by 'and' too
    ("Later that year it won Best Film and Best Director at the 45th Harbour Bell Awards.",
     {"Harbour Bell Award for Best Film", "Harbour Bell Award for Best Director"}),
    ("It won him Best Actor at the Editor's Cut Awards and the Best New Director prize at the Lumen Arts Awards.",
     {"Editor's Cut Award for Best Actor", "Lumen Arts Award for Best New Director"}),
    # the category alone elsewhere is the same prize when one ceremony gives it
    ("It won Best Director at the 40th Blue Crane Film Awards. Few expected Best Director to go to a horror film.",
     {"Blue Crane Film Award for Best Director"}),
])
def test_a_category_at_a_ceremony_is_named_in_full(nlp, text, names):
    awards = {n for label, n in entity_names(nlp, text) if label == "AWARD"}
    assert awards == names


@pytest.mark.parametrize("text, award, date", [
    # near miss: a year before the ceremony stays a date; the category keeps its own name
    ("She was nominated for Best Supporting Actress at the 1988 Harbour Film Awards for her role.",
     "Best Supporting Actress", "1988"),
])
def test_a_dated_ceremony_keeps_its_year(nlp, text, award, date):
    names = found(nlp, text)
    assert (award, "AWARD") in names and (date, "DATE") in names


@pytest.mark.parametrize("text, name", [
    ("The film won the Prix Un Regard Neuf at the festival.", "Prix Un Regard Neuf"),
    ("He later won the Prix de Lumen competition.", "Prix de Lumen"),
])
def test_a_french_prix_is_an_award(nlp, text, name):
    assert (name, "AWARD") in found(nlp, text)


def test_a_lower_case_prix_phrase_is_no_award(nlp):
    assert not any(label == "AWARD" for _, label in found(nlp, "It won the prix de la ville in 1990."))


@pytest.mark.parametrize("text, name", [
    ("Hiroki Tanabe's SHOPLIFTING (2018), last year's winner, won again.", "Hiroki Tanabe"),
    ("She was also in Moro-eda's HARBOURLIGHT in the competition that year.", "Moro-eda"),
])
def test_the_owner_of_a_title_in_capitals_is_a_person(nlp, text, name):
    assert (name, "PERSON") in found(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Then Netflix's SQUID NIGHT came out.", "Netflix"),  # an organisation the model knows
    ("Korea's KOMPA agreed to fund it.", "Korea"),  # a country is never a person
])
def test_title_owner_near_misses(nlp, text, name):
    assert (name, "PERSON") not in found(nlp, text)


@pytest.mark.parametrize("text, name, label", [
    ("I cannot make films like Ken Marlow, but I can learn from him.", "Ken Marlow", "PERSON"),
    ("Their first film Gopal Verma was a big success.", "Gopal Verma", "WORK"),  # near miss: a title after its cue
])
def test_films_like_a_director(nlp, text, name, label):
    assert (name, label) in found(nlp, text)


@pytest.mark.parametrize("text, aliases", [
    ("Yim Soon-ra\n  Born          1960\n  Other names   Im Soon-ra, Lim Soon-ra\n\nYim Soon-ra is a film director.",
     {"Im Soon-ra", "Lim Soon-ra"}),
    ("Boo Ji-yoon\n│ RR: Bu Ji-yeon · MR: Pu Chiyŏn\n\nBoo Ji-yoon is a director.", {"Bu Ji-yeon", "Pu Chiyŏn"}),
])
def test_an_infobox_field_of_other_names_gives_aliases(nlp, text, aliases):
    from pipeline.normalize.entities import build_entities
    doc = nlp(text)
    entities, _, _ = build_entities(doc.text, mentions(doc))
    people = [e for e in entities if e.label.value == "PERSON"]
    assert len(people) == 1 and aliases <= set(people[0].aliases)


def test_a_name_after_mr_in_prose_is_no_alias(nlp):
    from pipeline.normalize.entities import build_entities
    doc = nlp("Boo Ji-yoon is a director. She thanked Mr. Tom Kell for the score.")
    entities, _, _ = build_entities(doc.text, mentions(doc))
    assert {"Boo Ji-yoon", "Tom Kell"} <= {e.name for e in entities if e.label.value == "PERSON"}


@pytest.mark.parametrize("text, values", [
    # a day without its year takes the year of the page's dateline (a short line near the top)
    ("14 September 2020\n\nThe film premiered in October 2019. On 20 August it finally opened in cinemas.",
     {"2020-09-14", "2019-10", "2020-08-20"}),
    ("By Mara Voss | March 5, 2021\n\nIt was released in theaters on February 19 after a long wait.",
     {"2021-03-05", "2021-02-19"}),
])
def test_a_day_takes_the_year_of_the_pages_date(nlp, text, values):
    from pipeline.normalize.entities import build_entities
    doc = nlp(text)
    _, dates, _ = build_entities(doc.text, mentions(doc))
    assert values <= {d.value for d in dates}


@pytest.mark.parametrize("text", [
    "Born in 1937, he arrived on 20 November.",  # a bare year is too often another time's
    "He arrived on 20 November and left soon after.",  # no year at all
    # prose gives no dateline: an encyclopedia's first date is not the page's
    "Tobin Asher died on 11 December 2020 in Riga, having arrived in the city on 20 November.",
])
def test_a_day_without_a_dated_page_keeps_no_value(nlp, text):
    from pipeline.normalize.entities import build_entities
    doc = nlp(text)
    _, dates, _ = build_entities(doc.text, mentions(doc))
    day = [d for d in dates if doc.text[d.start:d.end].endswith("November")]
    assert day and all(d.value is None for d in day)


def test_in_year_reads_both_orders_and_refuses_impossible_days():
    from pipeline.normalize.dates import in_year
    assert in_year("20 November", 2020) == "2020-11-20"
    assert in_year("October 12", 2017) == "2017-10-12"
    assert in_year("February 30", 2021) is None
    assert in_year("Friday", 2021) is None


@pytest.mark.parametrize("text, title", [
    ("Later work was uneven: MOEBIAN (2013), ONE BY ONE (2014) and THE NETS (2016).", "ONE BY ONE"),
    ("the films that kept her company: Edward Yano's BO BO, and more.", "BO BO"),
    ('the segment "Nima" in IF YOU WERE HER 5 (2011), a human-rights omnibus.', "IF YOU WERE HER 5"),
])
def test_titles_in_capitals_of_small_words_and_numbers(nlp, text, title):
    assert (title, "WORK") in found(nlp, text)


def test_a_heading_number_is_no_title(nlp):
    assert not any(label == "WORK" for _, label in found(nlp, "Listen to EPISODE 63 — the one with the music."))


@pytest.mark.parametrize("text, place", [
    ("LINE-UP\n- The Wrong Hour (USA, 2024), dir. Keren Tolm\n- The Wrestling Boy (Bangladesh, 2023), dir. Iqbal Asher.",
     "USA"),
    ("LINE-UP\n- The Wrong Hour (USA, 2024), dir. Keren Tolm\n- The Wrestling Boy (Bangladesh, 2023), dir. Iqbal Asher.",
     "Bangladesh"),
    ("- Holy Week (Romania, France and Germany, 2024), dir. Ana Pop", "France"),
])
def test_the_countries_of_a_line_up_entry_are_places(nlp, text, place):
    assert (place, "PLACE") in found(nlp, text)


@pytest.mark.parametrize("text, title", [
    # near miss: a title's translation in the same bracket shape is no place
    ("SANS TOIT NI LOUP (Wanderers, 1985) won a prize.", "Wanderers"),
    ("Hamada's KOHATTA (Secrets, 1999) came next.", "Secrets"),
])
def test_a_translation_in_a_dated_bracket_is_no_place(nlp, text, title):
    assert (title, "PLACE") not in found(nlp, text)


@pytest.mark.parametrize("text", [
    "CHBC (short for Children's HBC) is a British children's television brand.",
    "It was the name of Dave Grossel's RPG character.",
])
def test_the_owner_of_initials_is_no_title_owner(nlp, view, text):
    from pipeline.ner.names import title_owners
    assert list(title_owners(view(nlp(text)))) == []


@pytest.mark.parametrize("text, name", [
    ("The score won him a Grammy and, in 1984, a BAFTA.", "Grammy"),
    ("The score won him a Grammy and, in 1984, a BAFTA.", "BAFTA"),
    ("Her documentary took the César in 2018.", "César"),
])
def test_a_prize_named_by_its_academy_alone_is_an_award(nlp, text, name):
    assert (name, "AWARD") in found(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("Emmy Tolm directed the pilot.", "Emmy"),  # a first name before a family name
    ("A BAFTA-winning editor cut the film.", "BAFTA"),  # an adjective
])
def test_a_prize_word_in_a_name_or_an_adjective_is_no_award(nlp, text, name):
    assert (name, "AWARD") not in found(nlp, text)
