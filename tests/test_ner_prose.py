"""Shapes of encyclopedia prose (pipeline/ner/retype.py, decide.py, patterns/type_cues.csv): places named
in plural and directional phrases, a country's short name in capitals. Invented names, hand-built
candidates on blank Docs, as in test_ner_types.py."""
from __future__ import annotations

import pytest

from .test_ner_rules import make
from .test_ner_types import M, _labels
from pipeline.ner.decide import keep
from pipeline.ner.registry import MODEL
from pipeline.vocab import Label


@pytest.mark.parametrize("text, names, name, label", [
    # a plural place noun before a list: the first name gets it from the cue, the list gives it to the rest
    ("Along with the nearby cities of Varnok and Tesselby, Orrin forms a region.",
     [("Varnok", "PERSON", M), ("Tesselby", "ORG", M)], "Varnok", "PLACE"),
    ("Along with the nearby cities of Varnok and Tesselby, Orrin forms a region.",
     [("Varnok", "PERSON", M), ("Tesselby", "ORG", M)], "Tesselby", "PLACE"),
    ("It serves the unincorporated areas of Pell Bayou, Lorrick and Sandy Marl.",
     [("Pell Bayou", "PERSON", M), ("Lorrick", "PERSON", M), ("Sandy Marl", "ORG", M)], "Sandy Marl", "PLACE"),
    ("He built neighborhoods such as La Corvina, Altavera and Las Brisas.",
     [("La Corvina", "PERSON", M), ("Altavera", "ORG", M), ("Las Brisas", "ORG", M)], "Altavera", "PLACE"),
    # a border named by its direction: 'bordered on the south by X'
    ("Ulden is bordered on the south by Misra Gotta and on the east by Tevo Wallo.",
     [("Misra Gotta", "ORG", M), ("Tevo Wallo", "PERSON", M)], "Tevo Wallo", "PLACE"),
    ("The district is bordered by Kavro Hemra.", [("Kavro Hemra", "PERSON", M)], "Kavro Hemra", "PLACE"),
    # buildings and grounds named by their head word: a station, a gallery, a zoo; a court is an organisation
    ("Trains leave from Tessel Central Station daily.", [("Tessel Central Station", "ORG", M)],
     "Tessel Central Station", "PLACE"),
    ("The portrait hangs in the Orvand Gallery.", [("Orvand Gallery", "ORG", M)], "Orvand Gallery", "PLACE"),
    ("He appealed to the Kessel County District Court.", [("Kessel County District Court", "PLACE", M)],
     "Kessel County District Court", "ORG"),
])
def test_prose_place_cues(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, names, name, label", [
    # near misses: 'by' alone names an agent, a plural noun of people names people
    ("The house was built by Tevo Wallo in 1900.", [("Tevo Wallo", "PERSON", M)], "Tevo Wallo", "PERSON"),
    ("The album was produced by Misra Gotta.", [("Misra Gotta", "ORG", M)], "Misra Gotta", "ORG"),
    ("The sons of Varnok Tesselby ruled.", [("Varnok Tesselby", "PERSON", M)], "Varnok Tesselby", "PERSON"),
    # an organisation word keeps an organisation after a place cue
    ("It borders with Orrin Holdings land.", [("Orrin Holdings", "ORG", M)], "Orrin Holdings", "ORG"),
    # a title named like a station keeps the model's work reading; one word is no head
    ("She starred in Tessel Station in 2012.", [("Tessel Station", "WORK", M)], "Tessel Station", "WORK"),
    ("They met Gallery at noon.", [("Gallery", "PERSON", M)], "Gallery", "PERSON"),
])
def test_prose_place_cues_near_misses(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, name, label, kept", [
    ("It reached No. 2 in the US in May.", "US", Label.PLACE, True),   # a country's short name in capitals
    ("He told us about the war.", "us", Label.PLACE, False),           # the pronoun
    ("Such is the case.", "Such", Label.PLACE, False),
    ("Let US go.", "US", Label.PERSON, False),                         # only the model's place
])
def test_a_stop_word_in_capitals_is_a_place_only_as_the_models_place(text, name, label, kept):
    v = make(text)
    start = next(t.i for t in v.doc if t.text == name)
    assert keep(v, MODEL.found(start, start + 1, label)) is kept


def _grouped(text: str, names: list[tuple[str, Label]]) -> dict[str, str]:
    """name -> canonical name of its entity, for mentions built by hand (first occurrences, in order)."""
    from pipeline.ner.component import RawMention, SpanMeta
    from pipeline.normalize.entities import build_entities
    raw, pos = [], 0
    for name, label in names:
        start = text.index(name, pos)
        raw.append(RawMention(start, start + len(name), label, SpanMeta(0.6, "model", None, ())))
        pos = start + len(name)
    entities, _, mentions = build_entities(text, raw)
    return {text[m.start:m.end]: entities[m.entity].name for m in mentions if m.entity is not None}


@pytest.mark.parametrize("text, names, short, full", [
    ("The Tavenish Parliament met. The Parliament voted.", [("Tavenish Parliament", Label.ORG),
                                                            ("Parliament", Label.ORG)], "Parliament", "Tavenish Parliament"),
    ("Ships of the Orvand Navy sailed. The Navy lost two.", [("Orvand Navy", Label.ORG), ("Navy", Label.ORG)],
     "Navy", "Orvand Navy"),
    ("The farm is in Kessel Valley. The Valley floods.", [("Kessel Valley", Label.PLACE), ("Valley", Label.PLACE)],
     "Valley", "Kessel Valley"),
])
def test_a_kinds_own_word_names_the_one_entity_of_that_kind(text, names, short, full):
    assert _grouped(text, names)[short] == full


@pytest.mark.parametrize("text, names, short", [
    # two councils: the word alone names neither
    ("The Orvand Council and the Tessel Council met. The Council voted.",
     [("Orvand Council", Label.ORG), ("Tessel Council", Label.ORG), ("Council", Label.ORG)], "Council"),
    # a specific word is not a kind's word
    ("Tessel Pictures signed her. Tessel paid.", [("Tessel Pictures", Label.ORG), ("Tessel", Label.ORG)], "Tessel"),
    # another label
    ("The Kessel Valley flooded. Valley spoke.", [("Kessel Valley", Label.PLACE), ("Valley", Label.PERSON)], "Valley"),
])
def test_a_kinds_own_word_near_misses(text, names, short):
    assert _grouped(text, names)[short] == short


@pytest.mark.parametrize("text, names, name, label", [
    # a country votes in a list of three or more closed by a conjunction
    ("It is legal in Norvia, Tessaly, Kiribo and Tuvano.",
     [("Norvia", "PLACE", M), ("Tessaly", "ORG", M), ("Kiribo", "PLACE", M), ("Tuvano", "PERSON", M)],
     "Tuvano", "PLACE"),
])
def test_a_country_votes_in_a_list(text, names, name, label, monkeypatch):
    import pipeline.ner.retype as retype
    monkeypatch.setattr(retype, "countries", lambda: frozenset({"norvia", "kiribo"}))
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, names, name, label", [
    # two names joined by a comma: a country and its person
    ("The prime minister of Norvia, Kwamo Tesh, spoke.", [("Norvia", "PLACE", M), ("Kwamo Tesh", "PERSON", M)],
     "Kwamo Tesh", "PERSON"),
    # commas alone: an apposition, not a list
    ("The leader of Norvia, Kwamo Tesh, Kiribo's friend, came.",
     [("Norvia", "PLACE", M), ("Kwamo Tesh", "PERSON", M), ("Kiribo", "PLACE", M)], "Kwamo Tesh", "PERSON"),
])
def test_a_country_votes_in_a_list_near_misses(text, names, name, label, monkeypatch):
    import pipeline.ner.retype as retype
    monkeypatch.setattr(retype, "countries", lambda: frozenset({"norvia", "kiribo"}))
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, names, name, label", [
    # acts, agreements, tours, contests and treaties are events and documents: works, not organisations
    ("The Tessaly Organic Act of 1916 gave it a senate.", [("Tessaly Organic Act", "ORG", M)],
     "Tessaly Organic Act", "WORK"),
    ("The Treaty of Orvand ended the war.", [("Treaty of Orvand", "PLACE", M)], "Treaty of Orvand", "WORK"),
    ("Operation Tessel Lantern began in May.", [("Operation Tessel Lantern", "ORG", M)], "Operation Tessel Lantern",
     "WORK"),
    # near misses: a company of games stays a company; tours and contests are no works of their own (a
    # work gets a cast and a composer); one word is no head
    ("He founded Tessel Games in 1990.", [("Tessel Games", "ORG", M)], "Tessel Games", "ORG"),
    ("She sang at the Orvand Song Contest.", [("Orvand Song Contest", "ORG", M)], "Orvand Song Contest", "ORG"),
    ("They met Tour at noon.", [("Tour", "PERSON", M)], "Tour", "PERSON"),
])
def test_events_and_documents_by_their_head_word(text, names, name, label):
    assert _labels(text, names)[name] == label


def _chosen_names(text: str, spans: list[tuple[str, str]]) -> list[str]:
    """The names `decide` keeps of pattern candidates (text, pattern id) on a blank Doc."""
    from pipeline.ner.decide import decide
    from pipeline.ner.registry import PATTERN
    v = make(text, common=frozenset({"writing", "film"}))
    cands = []
    for name, pid in spans:
        start = text.index(name)
        span = v.doc.char_span(start, start + len(name))
        cands.append(PATTERN.found(span.start, span.end, Label.ORG, name=pid))
    return [v.span_text(c.start, c.end) for c, _ in decide(v, cands)]


@pytest.mark.parametrize("text, spans, expected", [
    # two organisations a pattern joined at 'and': the first is cut there, the second is its own match
    ("She studied at Tessel College of Art and the University of Orvand in 1990.",
     [("Tessel College of Art and the University", "org_school"), ("University of Orvand", "org_school_of")],
     ["Tessel College of Art", "University of Orvand"]),
    ("He taught at Orvand University of Technology and Kessel University of Applied Arts.",
     [("Orvand University of Technology and Kessel University of Applied Arts", "org_school_of_field"),
      ("Technology and Kessel University of Applied Arts", "org_school_of_field"),
      ("Kessel University of Applied Arts", "org_school_of_field")],
     ["Orvand University of Technology", "Kessel University of Applied Arts"]),
    # near misses: one name with 'and' in it
    ("He studied at the Tessel Institute of Film and Television Arts.",
     [("Tessel Institute of Film and Television Arts", "org_school")], ["Tessel Institute of Film and Television Arts"]),
    ("She was treated at Orvand University and Hospital.", [("Orvand University and Hospital", "org_school")],
     ["Orvand University and Hospital"]),
    ("It was published by Tessel & Orvand Press.", [("Tessel & Orvand Press", "org_company")],
     ["Tessel & Orvand Press"]),
    ("It won at the Tessel Film and Writing Festival.", [("Tessel Film and Writing Festival", "org_festival")],
     ["Tessel Film and Writing Festival"]),
])
def test_a_pattern_that_joined_two_organisations(text, spans, expected):
    assert _chosen_names(text, spans) == expected


@pytest.mark.parametrize("text, word, dropped", [
    # a one-word name only the model reads as a person, no first name, no word of a fuller name
    ("He was born at Tessevik in the north.", "Tessevik", True),
    ("The firm supplies Orvalsan with parts.", "Orvalsan", True),
    # vouched for: a first name, a word of a person named in full, an owner, a clause's subject, an
    # honorific, 'who', a list with a person named in full
    ("He was born at Maria in the north.", "Maria", False),
    ("Toma Tessevik wrote it. Later Tessevik left.", "Tessevik", False),
    ("It was produced for Orvalsan's new album.", "Orvalsan", False),
    ("Orvalsan won the prize in May.", "Orvalsan", False),
    ("He played Mr. Orvalsan in the episode.", "Orvalsan", False),
    ("They praised Orvalsan, who sang.", "Orvalsan", False),
    ("He founded it with Toma Brek and Orvalsan in 1929.", "Orvalsan", False),
])
def test_a_lone_word_only_the_model_calls_a_person(nlp, text, word, dropped):
    from pipeline.ner.decide import drop_lone_words
    from pipeline.view import DocView
    doc = nlp(text)
    chosen = [(MODEL.found(e.start, e.end, Label.PERSON), ()) for e in doc.ents if e.label_ == "PERSON"
              and e.text != word]
    i = next(t.i for t in doc if t.text == word)
    chosen = sorted(chosen + [(MODEL.found(i, i + 1, Label.PERSON), ())], key=lambda cr: cr[0].start)
    kept = [doc[c.start:c.end].text for c, _ in drop_lone_words(DocView(doc), chosen)]
    assert (word not in kept) is dropped


@pytest.mark.parametrize("text, word, dropped", [
    ("He drove the Tessevik driver who took them home.", "Tessevik", True),  # 'who' of another noun
])
def test_a_lone_word_before_another_nouns_who(nlp, text, word, dropped):
    test_a_lone_word_only_the_model_calls_a_person(nlp, text, word, dropped)


@pytest.mark.parametrize("text, names, name, label", [
    # a place noun right after the name: 'the X neighbourhood', 'the X region'
    ("It is bounded on the west by the Orvand neighbourhood.", [("Orvand", "PERSON", M)], "Orvand", "PLACE"),
    ("Wine is made in the Tessaly region of the north.", [("Tessaly", "ORG", M)], "Tessaly", "PLACE"),
    # near miss: a capitalised head is part of the name, not a noun after it
    ("It aired on the Tessaly Region channel.", [("Tessaly", "ORG", M)], "Tessaly", "ORG"),
])
def test_a_place_noun_after_the_name(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, names, name, label", [
    # a kind of organisation right before the name: 'the English rock group X', 'a Dutch club X'
    ("He joined the English rock group Tessel Harrow in 1968.", [("Tessel Harrow", "PERSON", M)], "Tessel Harrow",
     "ORG"),
    ("She made her debut with a Dutch club Orvand Laren.", [("Orvand Laren", "PERSON", M)], "Orvand Laren", "ORG"),
    ("He was a member of Kessel Brek until 2001.", [("Kessel Brek", "PERSON", M)], "Kessel Brek", "ORG"),
    # near misses: a role after the kind ('band member X'), a person with a first name after 'with'
    ("The band member Tessel Harrow left.", [("Tessel Harrow", "PERSON", M)], "Tessel Harrow", "PERSON"),
    ("He recorded it with Maria Harrow in 1968.", [("Maria Harrow", "PERSON", M)], "Maria Harrow", "PERSON"),
])
def test_a_kind_of_organisation_before_the_name(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, word, title", [
    # acronyms: a hyphenated or listed name, an acronym of the name's last words only
    ("It joined the Asia-Pacific Trade Forum (APTF) in 1998.", "APTF", False),
    ("The Navy, Army and Air Force Stores (NAAFS) sold it.", "NAAFS", False),
    ("Relevant Lumen Geological Survey (LGS) maps show it.", "LGS", False),
    ("The Drake Valley Solar Community (DVSC) opened.", "DVSC", False),
    # titles: no initials of the words before, a person's name before
    ("Her mother was played by Mara Quill (ASHFALL) twice.", "ASHFALL", True),
    ("The film was shown as Tessel Harrow (NIGHTFALL) in 2001.", "NIGHTFALL", True),
])
def test_an_acronym_in_brackets_is_no_title(text, word, title):
    from pipeline.ner.titles import caps_titles
    v = make(text)
    found = {v.span_text(c.start, c.end) for c in caps_titles(v)}
    assert (word in found) is title


@pytest.mark.parametrize("text, names, name, label", [
    # a kinship noun after a possessive names a person: 'his son X', 'her twin brother X'
    ("He ruled with his son Tessevar until 900.", [("Tessevar", "ORG", M)], "Tessevar", "PERSON"),
    ("Her twin brother Orvand was born in May.", [("Orvand", "PLACE", M)], "Orvand", "PERSON"),
    # near miss: a kinship noun without a possessive is no cue ('the Father Brown series')
    ("They read the Father Tessevar stories.", [("Tessevar", "ORG", M)], "Tessevar", "ORG"),
])
def test_a_kinship_noun_before_the_name(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, names, name, label", [
    # a team after 'played for', 'signed with', a 'side'
    ("He played for Tessel City and Orvand Rovers.", [("Tessel City", "PLACE", M)], "Tessel City", "ORG"),
    ("He joined Premier League side Kessel Town in 2016.", [("Kessel Town", "PLACE", M)], "Kessel Town", "ORG"),
    # near miss: 'alongside' is no 'side'
    ("She worked alongside Maria Tessel for years.", [("Maria Tessel", "PERSON", M)], "Maria Tessel", "PERSON"),
])
def test_a_team_after_a_sports_cue(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, names, short, full", [
    ("Tessa Province lies north. Tessa is dry.", [("Tessa Province", Label.PLACE), ("Tessa", Label.PLACE)],
     "Tessa", "Tessa Province"),
    ("The Republic of Orvania was founded. Orvania grew.", [("Republic of Orvania", Label.PLACE),
                                                             ("Orvania", Label.PLACE)], "Orvania", "Republic of Orvania"),
    ("The People's Republic of Kessia formed. Kessia grew.", [("People's Republic of Kessia", Label.PLACE),
                                                               ("Kessia", Label.PLACE)], "Kessia",
     "People's Republic of Kessia"),
])
def test_a_place_and_its_fuller_name(text, names, short, full):
    assert _grouped(text, names)[short] == full


@pytest.mark.parametrize("text, names, short", [
    # a city is not its county nor its country's state
    ("Tessa County lies north. Tessa is its seat.", [("Tessa County", Label.PLACE), ("Tessa", Label.PLACE)], "Tessa"),
    ("Orvania City grew. Orvania is a country.", [("Orvania City", Label.PLACE), ("Orvania", Label.PLACE)], "Orvania"),
    ("The State of Kessia is a state. Kessia is a country.", [("State of Kessia", Label.PLACE),
                                                              ("Kessia", Label.PLACE)], "Kessia"),
])
def test_a_place_and_its_fuller_name_near_misses(text, names, short):
    assert _grouped(text, names)[short] == short


@pytest.mark.parametrize("text, name, label", [
    # a place whose words a lower-case particle joins, a sea's or a bay's name with 'of'
    ("The town of Kessel am Tesse lies north.", "Kessel am Tesse", "PLACE"),
    ("It lies in Orva og Tessdal county.", "Orva og Tessdal", "PLACE"),
    ("Ships crossed the Bay of Tessaly in May.", "Bay of Tessaly", "PLACE"),
    # buildings and grounds: a dock, a pass, a fort
    ("The ship berthed at Victoria Dock in 1901.", "Victoria Dock", "PLACE"),  # the model reads a person
])
def test_prose_place_names(nlp, text, name, label):
    doc = nlp(text)
    assert (name, label) in {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize("text, name", [
    ("And then I am Tessel, he said.", "I am Tessel"),   # the verb 'am' after a pronoun
    ("The actor Orva Harbour spoke.", "Orva Harbour"),    # a family name that is a place word stays a person
])
def test_prose_place_names_near_misses(nlp, text, name):
    doc = nlp(text)
    assert (name, "PLACE") not in {(e.text, e.label_) for e in doc.ents}


def test_a_kind_of_place_alone_is_no_place():
    names = _grouped("They walked down the Avenue to the old town.", [("Avenue", Label.PLACE)])
    assert "Avenue" not in names
    # an organisation's word alone stays (a 'Congress', a 'Senate')
    assert _grouped("The Congress voted.", [("Congress", Label.ORG)]) == {"Congress": "Congress"}


@pytest.mark.parametrize("text, names, name, label", [
    # an organisation, then its town and region joined by commas: an address, the places stay places
    ("The songs were recorded at Harwick Sound Studios, Tellby, Norvia and mixed later.",
     [("Harwick Sound Studios", "ORG", "pattern"), ("Tellby", "PLACE", M), ("Norvia", "PLACE", M)],
     "Tellby", "PLACE"),
    ("He coached the team at Orrin Ridge High School, Kestland (March 2010) for years.",
     [("Orrin Ridge High School", "ORG", "pattern"), ("Kestland", "PLACE", M)], "Kestland", "PLACE"),
    # a well-known place stays a place after an organisation's name
    ("She was a fellow of the Varnow Institute for Advanced Music, Berlin, until 1999.",
     [("Varnow Institute for Advanced Music", "ORG", "pattern"), ("Berlin", "PLACE", M)], "Berlin", "PLACE"),
    # near misses: a list of organisations closed by a conjunction; the place is not the run's last
    ("The film was backed by Harwick Pictures, Tellby and Orrin Films.",
     [("Harwick Pictures", "ORG", "pattern"), ("Tellby", "PLACE", M), ("Orrin Films", "ORG", "pattern")],
     "Tellby", "ORG"),
    ("The film was backed by Harwick Pictures, Tellby, Orrin Films in May.",
     [("Harwick Pictures", "ORG", "pattern"), ("Tellby", "PLACE", M), ("Orrin Films", "ORG", "pattern")],
     "Tellby", "ORG"),
])
def test_an_organisations_address_is_no_list(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, name, kept", [
    # two places joined by a hyphen, standing alone: one region
    ("The village lies in Varno-Kesthia in Norvia.", "Varno-Kesthia", True),
    ("The state became known as Tessel-Orrinia.", "Tessel-Orrinia", True),
    ("Born in Saint-Petersburg, he moved away.", "Saint-Petersburg", True),  # a well-known place stays a place
    # near misses: a part of a longer name, or a place before a date's range
    ("It joined the Asia-Pacific Trade Council in 1990.", "Asia-Pacific", False),
    ("It is the centre of South-East Norvia today.", "South-East", False),
    ("The Red Rock-Tessel Mountain Wilderness lies north.", "Rock-Tessel", False),
    ("(May 2, 1915, Varno, Kestland Federation-October 3, 1981)", "Federation-October", False),
])
def test_a_hyphenated_place_stands_alone(text, name, kept):
    from pipeline.ner.registry import BY_NAME
    v = make(text)
    start = text.index(name)
    span = v.doc.char_span(start, start + len(name))
    c = BY_NAME["pattern"].found(span.start, span.end, Label.PLACE, name="place_hyphenated")
    assert keep(v, c) is kept


@pytest.mark.parametrize("text, name, title", [
    # a short capitalised phrase in quotes is a title
    ('Her second film "Salt Harbour" opened in Lumen.', "Salt Harbour", True),
    ('The song "Varno Nights" was a hit.', "Varno Nights", True),
    ('She made her name with "Salt Harbour" in 2019.', "Salt Harbour", True),  # 'name' not right before it
    # near misses: a name cited as a word, after 'name', 'nickname', 'inscriptions', 'branded with'
    ('The name "Tessel Varga" was chosen for the ship.', "Tessel Varga", False),
    ('The apps were all branded with "Lumex" in front.', "Lumex", False),
    ('It bears the inscriptions "Orrin Kesth" and "Marshal of Norvia".', "Orrin Kesth", False),
    ('He was known by the nickname "Ardo" at school.', "Ardo", False),
])
def test_a_name_cited_as_a_word_is_no_title(text, name, title):
    import spacy
    from pipeline.ner.titles import quoted_titles
    from pipeline.view import DocView
    doc = spacy.blank("en")(text)
    assert (name in {doc[c.start:c.end].text for c in quoted_titles(DocView(doc))}) is title
