"""Entity recognition rules on small sentences: what each rule family must and must not find."""
from __future__ import annotations

import pytest

from pipeline.ner.component import mentions


def found(nlp, text):
    doc = nlp(text)
    return {(doc.text[m.start:m.end], m.label.value) for m in mentions(doc)}


@pytest.mark.parametrize("text, expected", [
    # works: quotes, capitals after a cue, cues before and after, a year in brackets, a definition
    ("Her new film “Morning Tide” opens in May.", ("Morning Tide", "WORK")),
    ('He wrote "The Long Road Home," a drama about migrants.', ("The Long Road Home", "WORK")),
    ("Her debut feature, NIGHT ORCHARD, was shot in winter.", ("NIGHT ORCHARD", "WORK")),
    ("She premiered her third feature LANTERNS at the festival.", ("LANTERNS", "WORK")),
    ("He later directed the documentary The Quiet Harbor.", ("The Quiet Harbor", "WORK")),
    ("Another film by her is The Paper Bridge (2014), a drama.", ("The Paper Bridge", "WORK")),
    ("He appeared in Paramedics, Nurses and Holby Heights.", ("Holby Heights", "WORK")),
    ("It is part of the Iron Lotus series.", ("Iron Lotus", "WORK")),
    ("He had roles in films including Cold Harbor, Mary Ellen Park and Night Shift.", ("Mary Ellen Park", "WORK")),
    ("She played Verna Dalton in Canal Street for two years.", ("Canal Street", "WORK")),
    ("In 2006 he took part in the reality show Bailando por un pañuelo and came third.", ("Bailando por un pañuelo", "WORK")),
    ("He is known for Far-Off (1990), a hybrid of fact and fiction.", ("Far-Off", "WORK")),
    ("It was animated by Studio Harmonia for a broadcaster.", ("Studio Harmonia", "ORG")),
    ("Blue Meridian is a 1958 French film directed by a newcomer.", ("Blue Meridian", "WORK")),
    ("Salt Roads is a 1969 American depression-era melodrama film.", ("Salt Roads", "WORK")),
    ("Where Did They Go, Didn't They Wait?\nis a 1972 Danish film.", ("Where Did They Go, Didn't They Wait?", "WORK")),
    ("Quiet Rivers, also known as Rivers, is a 1993 Japanese television film.", ("Quiet Rivers", "WORK")),
    ("Rosa la del Puerto (English title: Harbor Rose) is a Mexican telenovela.", ("Rosa la del Puerto", "WORK")),
    ("He scripted and directed the film Berlin in 2013.", ("Berlin", "WORK")),
    ("Joseph Carter, OBE (born 29 December 1928) is an English actor.", ("29 December 1928", "DATE")),
    # people: hyphenated Korean given names in both orders, bracketed completions, role words cut
    ("Director Min-Jun Choi spoke after the screening.", ("Min-Jun Choi", "PERSON")),
    ("The festival honoured PARK Seung-wan and Lee Seo-yeon this year.", ("PARK Seung-wan", "PERSON")),
    ("The festival honoured PARK Seung-wan and Lee Seo-yeon this year.", ("Lee Seo-yeon", "PERSON")),
    ("My partner, Tom [Alan Reyes], was making his first feature.", ("Tom [Alan Reyes]", "PERSON")),
    ("We met Filmmaker Dana Whitfield in Toronto.", ("Dana Whitfield", "PERSON")),
    ("The officer was played by Vice Admiral Hugh Barrett.", ("Hugh Barrett", "PERSON")),
    ("He is the son of the actor and screenwriter Raghavendran.", ("Raghavendran", "PERSON")),
    ("The film stars Kip Norris, Rusty Buckles and Rosalind Devon.", ("Rusty Buckles", "PERSON")),
    ("She is known for characters such as Rose-Ellen in Seaview Close.", ("Rose-Ellen", "PERSON")),
    ("It starred Anna Holm as Lady Grey, Peter Vance and Ivo Novak.", ("Ivo Novak", "PERSON")),
    # organisations and awards
    ("The film won at the 2019 Brannock International Film Festival.", ("Brannock International Film Festival", "ORG")),
    ("It was commissioned by fashion house Loro Vanti for a campaign.", ("Loro Vanti", "ORG")),
    ("She studied at the Ulsan Institute of the Arts before moving abroad.", ("Ulsan Institute of the Arts", "ORG")),
    ("He received the Special Jury Prize in 2003.", ("Special Jury Prize", "AWARD")),
    ("The film won the Palme d'Or that year.", ("Palme d'Or", "AWARD")),
    ("He was elected for the Ostrava Renewal Party in 1990.", ("Ostrava Renewal Party", "ORG")),
    ("It won a Grammy Award for Best Music Film.", ("Grammy Award for Best Music Film", "AWARD")),
    # dates: the year cut from a festival's name
    ("The film won at the 2019 Brannock International Film Festival.", ("2019", "DATE")),
])
def test_finds(nlp, text, expected):
    assert expected in found(nlp, text)


@pytest.mark.parametrize("text, not_expected", [
    ("Key Insights\n\nShe works slowly.", ("Key Insights", "PERSON")),                     # a heading
    ("Filmmaking is hard. I love filmmaking.", ("Filmmaking", "WORK")),                     # capital of a sentence start
    ("It conveys the strong message of “Dream and Love” at the end.", ("Dream and Love", "WORK")),  # a saying
    ("Such is the case for her latest film.", ("Such", "WORK")),
    ("I graduated from BFA dealing with animation.", ("BFA", "ORG")),                      # a degree
    ("Interview with Filmmaker Dana Whitfield", ("Filmmaker", "PERSON")),                  # a role word
    ("Her debut feature, NIGHT ORCHARD, was shot in winter.", ("NIGHT ORCHARD", "ORG")),
    ("I'd like to say it's TACO.", ("TACO", "WORK")),                                      # one capital word, no cue
    ("BIO\n\nShe is a director.", ("BIO", "ORG")),
    ("Her film Aurora in 2017 was a success.", ("Aurora in 2017", "WORK")),                # a year is not part of a title
    ("The main character, Mirela, meets strange creatures.", ("Mirela", "PERSON")),        # a fictional character
    ("He met directors including Mary Ellen Park last year.", ("Mary Ellen Park", "WORK")),  # not a list of works
    ("She worked as a director in Seoul.", ("Seoul", "PERSON")),
    ("He worked as an emcee (MC) at weddings.", ("MC", "WORK")),
    ("It starred Anna Holm as Lady Grey, Peter Vance and Ivo Novak.", ("Lady Grey", "PERSON")),
    ("She starred in Elegy as Sayuri in 2007.", ("Elegy as Sayuri", "WORK")),
    ("Really? Kim is a director.", ("Really? Kim", "PERSON")),                               # a question before a name
    ("Why? It is a film about water.", ("Why?", "WORK")),                                    # a lone question word
    ("She moved to Berlin in 2001 and lived in Berlin until her film debut in Berlin.", ("Berlin", "WORK")),  # a place
    # hyphenated words that are not Korean names
    ("Mara Voss is a Seattle-based actress.", ("Seattle-based", "PERSON")),
    ("It was made with Lumo-XYZ Television Group.", ("Lumo-XYZ Television", "PERSON")),
    ("It was announced at the Fan-Con International last year.", ("Fan-Con International", "PERSON")),
    # a date before an apposition is not a name; an adjective alone is not a name
    ("In March 2010, the airport company announced plans.", ("March 2010", "ORG")),
    ("He is also known by his Westernized name, Dan Kovic.", ("Westernized", "ORG")),
    # a first name at the start of a people's or a place's name
    ("He is of Han Chinese descent.", ("Han Chinese", "PERSON")),
    # a party in lower case is no name
    ("They threw a birthday party for Mara Quill.", ("birthday party", "ORG")),
])
def test_does_not_find(nlp, text, not_expected):
    assert not_expected not in found(nlp, text)


def test_a_name_is_found_again_at_a_sentence_start(nlp):
    text = "Writer/director Se Yoon Kim has a new film. Se Yoon Kim is a filmmaker."
    names = [t for t, lab in found(nlp, text) if lab == "PERSON"]
    assert names == ["Se Yoon Kim"]


def test_one_label_per_name_in_a_document(nlp):
    doc = nlp("The film Harbor Lights opened in May. Critics loved Harbor Lights.")
    labels = {doc.text[m.start:m.end]: m.label.value for m in mentions(doc)}
    assert labels.get("Harbor Lights") == "WORK"
    assert all(m.label.value == "WORK" for m in mentions(doc) if doc.text[m.start:m.end] == "Harbor Lights")


def test_im_is_a_name_not_a_contraction(nlp):
    doc = nlp("Born in 1970 in Seoul, Im developed an early interest in cinema.")
    assert "Im" in [t.text for t in doc]
