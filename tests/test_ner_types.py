"""Types from context (pipeline/ner/retype.py): the model's label of a name, overruled where the
text around it says otherwise, and only there. The candidates are built by hand with the label
the model might give, on Docs of a blank English pipeline (its tokenizer alone), so each case tests
the rule whatever a model does on the sentence."""
from __future__ import annotations

import pytest
import spacy

from pipeline.ner.retype import retype
from pipeline.view import DocView
from pipeline.vocab import Label

from .builders import candidates


_BLANK = spacy.blank("en")


def _labels(text, names):
    doc = _BLANK(text)
    return {doc[c.start:c.end].text: c.label.value for c, _ in retype(DocView(doc), candidates(doc, names))}


M = "model"


@pytest.mark.parametrize("text, names, name, label", [
    # a cue before the name
    ("The film was co-directed by Ravi Dhanpal in 1931.", [("Ravi Dhanpal", "ORG", M)], "Ravi Dhanpal", "PERSON"),
    ("The script was penned by K. Mohan Nair.", [("K. Mohan Nair", "ORG", M)], "K. Mohan Nair", "PERSON"),
    ("Tessa Moor (née Farrow; born 1987) is a singer.", [("Farrow", "ORG", M)], "Farrow", "PERSON"),
    ("The story is set on the Greek island of Kalyra.", [("Kalyra", "ORG", M)], "Kalyra", "PLACE"),
    ("The game was published by Arvato Nord in Europe.", [("Arvato Nord", "PERSON", M)], "Arvato Nord", "ORG"),
    # a list whose other members have their label from context
    ("It stars Ann Wells, Peter Lodge, Marta Ruiz and Omar Hale.",
     [("Ann Wells", "PERSON", "cast_list"), ("Peter Lodge", "PERSON", "cast_list"), ("Marta Ruiz", "ORG", M),
      ("Omar Hale", "PERSON", "cast_list")], "Marta Ruiz", "PERSON"),
    ("His films include Cold Harbor, Night Shift, Paper Moon and Blue Rain.",
     [("Cold Harbor", "WORK", "cue_title"), ("Night Shift", "WORK", "cue_title"), ("Paper Moon", "ORG", M),
      ("Blue Rain", "PERSON", M)], "Blue Rain", "WORK"),
    ("The two main characters, Amara and Rohan, are frogs.",
     [("Amara", "PERSON", M), ("Rohan", "PLACE", M)], "Rohan", "PERSON"),
    ("She appeared in Harbor Lights in 2004.", [("Harbor Lights", "ORG", M)], "Harbor Lights", "WORK"),
    ("It was later remade as Prem Gali.", [("Prem Gali", "PERSON", M)], "Prem Gali", "WORK"),
    # a title's translation in brackets; a title named like an organisation
    ("Khooni Raat (Bloody Night) is a 1931 film.", [("Khooni Raat", "WORK", "definition"),
                                                  ("Bloody Night", "PERSON", M)], "Bloody Night", "WORK"),
    ("It is carried on streaming services such as Vidora and Flixbay Plus.",
     [("Vidora", "PLACE", M), ("Flixbay Plus", "WORK", M)], "Vidora", "ORG"),
    ("The show first aired on Channel Nine in 1993.", [("Channel Nine", "WORK", M)], "Channel Nine", "ORG"),
    ("He trained wrestlers for the Hard Knocks program.", [("Hard Knocks", "ORG", M)], "Hard Knocks", "WORK"),
    ("She performed on the NightRaw brand for a year.", [("NightRaw", "ORG", M)], "NightRaw", "WORK"),
    ("He is of Irish and Lakota descent.", [("Lakota", "ORG", M)], "Lakota", "PLACE"),
    ("He later hosted Fear Street on weekdays.", [("Fear Street", "ORG", M)], "Fear Street", "WORK"),
    # roles in works, characters, a place before its region
    ("She played characters such as Dora in Harbour Lane and Mia in Green Street.",
     [("Dora", "PERSON", M), ("Harbour Lane", "PLACE", M), ("Mia", "PERSON", M), ("Green Street", "ORG", M)],
     "Harbour Lane", "WORK"),
    ("Her roles include Merle Jones in Canal Row, Mandy Cole in Park Heights and Ann in Grease Pit.",
     [("Merle Jones", "PERSON", M), ("Canal Row", "ORG", M), ("Mandy Cole", "PERSON", M),
      ("Park Heights", "PLACE", M), ("Ann", "PERSON", M), ("Grease Pit", "PLACE", M)], "Park Heights", "WORK"),
    ("It starred Maria Varga as Marta and Howard Flint as Thersander.",
     [("Maria Varga", "PERSON", M), ("Marta", "PERSON", M), ("Howard Flint", "PERSON", M), ("Thersander", "ORG", M)],
     "Thersander", "PERSON"),
    ("In 2007 she appeared in the film Nightfall as Asami, a young girl.",
     [("Nightfall", "WORK", "cue_title"), ("Asami", "ORG", M)], "Asami", "PERSON"),
    ("Born in San Marco, Texas, he moved to Ohio.",
     [("San Marco", "PERSON", M), ("Texas", "PLACE", M), ("Ohio", "PLACE", M)], "San Marco", "PLACE"),
    # the name's own head word: a valley, a lake, a street, a cup, a club
    ("The farm lies in the Marrow Valley near the coast.", [("Marrow Valley", "ORG", M)], "Marrow Valley", "PLACE"),
    ("They camped by Lake Oduna for a week.", [("Lake Oduna", "PERSON", M)], "Lake Oduna", "PLACE"),
    ("The cafe is on Via Tessoni in the old town.", [("Via Tessoni", "PERSON", M)], "Via Tessoni", "PLACE"),
    ("Flights leave from Drumlin International Airport.", [("Drumlin International Airport", "WORK", M)],
     "Drumlin International Airport", "PLACE"),
    ("He raced at the Brennick World Cup in 2003.", [("Brennick World Cup", "ORG", M)], "Brennick World Cup", "WORK"),
    ("The Battle of Kestrel Ford ended the war.", [("Battle of Kestrel Ford", "ORG", M)],
     "Battle of Kestrel Ford", "WORK"),
    ("He joined FK Drovnik as a youth player.", [("FK Drovnik", "PERSON", M)], "FK Drovnik", "ORG"),
    ("The Battle of Orrin Ford ended the war.", [("Battle of Orrin Ford", "PLACE", M)], "Battle of Orrin Ford", "WORK"),
    ("She sat for the Tavish Workers Party.", [("Tavish Workers Party", "PERSON", M)], "Tavish Workers Party", "ORG"),
    # a place and its region without a preposition
    ("The mill at Oskar Rocks, Pennsylvania.", [("Oskar Rocks", "ORG", M), ("Pennsylvania", "PLACE", M)],
     "Oskar Rocks", "PLACE"),
    ("The ruins of Tavo Preto, Brazil.", [("Tavo Preto", "PERSON", M), ("Brazil", "PLACE", M)], "Tavo Preto", "PLACE"),
    # a place cue
    ("The plant is located in Ruvana Bay.", [("Ruvana Bay", "PERSON", M)], "Ruvana Bay", "PLACE"),
    # an organisation's words joined by Romance particles, on a page that names works: a title
    ("The telenovela is the second part of the Copa de las Lunas series.", [("Copa de las Lunas", "ORG", M)],
     "Copa de las Lunas", "WORK"),
    ("The film was released in France as Ponte di Notte, a movie of 1970.", [("Ponte di Notte", "ORG", M)],
     "Ponte di Notte", "WORK"),
    ("After the show she sang in Marcos de la lluvia and her album came second.",
     [("Marcos de la lluvia", "ORG", M)], "Marcos de la lluvia", "WORK"),
])
def test_context_overrules_the_model(text, names, name, label):
    assert _labels(text, names)[name] == label


@pytest.mark.parametrize("text, names, name", [
    # near misses: the same shapes on pages that name no works stay the model's organisations
    ("It is the second part of the Copa de las Lunas.", [("Copa de las Lunas", "ORG", M)], "Copa de las Lunas"),
    ("The party Frente de Unidade dos Varnos won the vote.", [("Frente de Unidade dos Varnos", "ORG", M)],
     "Frente de Unidade dos Varnos"),
    ("The very active Pico de la Tessera erupted in 1998.", [("Pico de la Tessera", "ORG", M)], "Pico de la Tessera"),
    ("She wrote to Madame de Varnolle about the film.", [("Madame de Varnolle", "ORG", M)], "Madame de Varnolle"),
])
def test_romance_particles_make_a_title_only_on_a_page_of_works(text, names, name):
    assert _labels(text, names)[name] == "ORG"


@pytest.mark.parametrize("text, names, name, label", [
    # a rule's label is not the model's to lose
    ("The film was directed by Studio Nine.", [("Studio Nine", "ORG", "cue_org")], "Studio Nine", "ORG"),
    # a person's name has no organisation word and no digits
    ("The series was produced and directed by Avex Records.", [("Avex Records", "ORG", M)], "Avex Records", "ORG"),
    ("The show was hosted by WABC 7.", [("WABC 7", "ORG", M)], "WABC 7", "ORG"),
    # a one-word network before a work noun, and an owner before a named show, stay organisations
    ("It became a Flixbay series in 2019.", [("Flixbay", "ORG", M)], "Flixbay", "ORG"),
    ("He won the Linhai Television show I Am a Singer.", [("Linhai Television", "ORG", M)], "Linhai Television", "ORG"),
    # the owner of a work is not the work
    ("She had a role in Ann Lee's new film.", [("Ann Lee", "PERSON", M)], "Ann Lee", "PERSON"),
    # a translation only after a title known from context
    ("Khooni Raat (Bloody Night) screened.", [("Khooni Raat", "WORK", M), ("Bloody Night", "PERSON", M)],
     "Bloody Night", "PERSON"),
    # organisations: an organisation word, an acronym, an ampersand, one word, a place of work before it
    ("He hosted a show for Blue Harbor Films.", [("Blue Harbor Films", "ORG", M)], "Blue Harbor Films", "ORG"),
    ("It aired on the BBC World Service.", [("BBC World Service", "ORG", M)], "BBC World Service", "ORG"),
    ("It was published by Simon & Schuster.", [("Simon & Schuster", "ORG", M)], "Simon & Schuster", "ORG"),
    ("It was produced for Canalvista in 1995.", [("Canalvista", "ORG", M)], "Canalvista", "ORG"),
    ("She is an agent at Grey Owl Talent.", [("Grey Owl Talent", "ORG", M)], "Grey Owl Talent", "ORG"),
    # a title shape, but a first name or a place of the document in it
    ("It is based on Horace Milburn's novel.", [("Horace Milburn", "ORG", M)], "Horace Milburn", "ORG"),
    ("He flew to Wellington. The Wellington Harbour board met.",
     [("Wellington", "PLACE", M), ("Wellington Harbour", "ORG", M)], "Wellington Harbour", "ORG"),
    ("The tour crossed the American Midwest.", [("American Midwest", "ORG", M)], "American Midwest", "ORG"),
    # "as" after a title the model alone found names no role
    ("It was released in Nightfall as Asami.", [("Nightfall", "WORK", M), ("Asami", "ORG", M)], "Asami", "ORG"),
    # a list of names the model alone labels gives no vote
    ("They toured Ohio, Utah, Quellmark and Nevada Falls.",
     [("Ohio", "PLACE", M), ("Utah", "PLACE", M), ("Quellmark", "ORG", M), ("Nevada Falls", "PLACE", M)], "Quellmark", "ORG"),
    # a demonym keeps its reading in a list of people
    ("With Ann Wells, Peter Lodge and Spanish actors.",
     [("Ann Wells", "PERSON", "cast_list"), ("Peter Lodge", "PERSON", "cast_list")], "Peter Lodge", "PERSON"),
    # no list across a line break
    ("Cast: Ann Wells, Peter Lodge,\nNorth Harbor", [("Ann Wells", "PERSON", "cast_list"),
                                                     ("Peter Lodge", "PERSON", "cast_list"),
                                                     ("North Harbor", "PLACE", M)], "North Harbor", "PLACE"),
    # "Person in Place" with no role cue and no list of roles is a place
    ("Later Anna Berg in Lisbon said so.", [("Anna Berg", "PERSON", M), ("Lisbon", "PLACE", M)], "Lisbon", "PLACE"),
    # a first name and a surname are a person whatever places the list holds; a cue beats the list
    ("Born in Leeds, England, Daniel Royce began acting.",
     [("Leeds", "PLACE", M), ("England", "PLACE", M), ("Daniel Royce", "PERSON", M)], "Daniel Royce", "PERSON"),
    ("Born in Leeds, England, Daniel Royce began acting.",
     [("Leeds", "PLACE", M), ("England", "PLACE", M), ("Daniel Royce", "PERSON", M)], "Leeds", "PLACE"),
    # a region needs a preposition before the place
    ("Ricardo Ortiz, Texas Rangers, spoke.", [("Ricardo Ortiz", "PERSON", M), ("Texas Rangers", "PLACE", M)],
     "Ricardo Ortiz", "PERSON"),
    # a head word does not overrule: a Korean family name, a town named after a battle, a rule's label,
    # an organisation word, one word, a lower-case noun after the name
    ("The script is by Min-jun Park.", [("Min-jun Park", "PERSON", M)], "Min-jun Park", "PERSON"),
    ("He died in Battle Creek in 1950.", [("Battle Creek", "PLACE", M)], "Battle Creek", "PLACE"),
    ("She studied at the Lake Oduna School.", [("Lake Oduna School", "ORG", "cue_org")],
     "Lake Oduna School", "ORG"),
    ("She studied at the Lake Oduna School.", [("Lake Oduna School", "ORG", M)], "Lake Oduna School", "ORG"),
    ("It premiered at the Marrow Valley Film Festival.", [("Marrow Valley Film Festival", "ORG", M)],
     "Marrow Valley Film Festival", "ORG"),
    ("She met Valley at noon.", [("Valley", "PERSON", M)], "Valley", "PERSON"),
    ("They crossed the Oduna river at dawn.", [("Oduna river", "ORG", M)], "Oduna river", "ORG"),
    ("The Tessoni World Cup team trained in Dosna.", [("Tessoni World Cup", "PLACE", M)],
     "Tessoni World Cup", "PLACE"),
    # a region after an organisation that names itself so, or a person before a region that is no country
    ("He taught at the Tavish Institute, Ohio.", [("Tavish Institute", "ORG", M), ("Ohio", "PLACE", M)],
     "Tavish Institute", "ORG"),
    # a title named like an organisation keeps the model's work reading
    ("She starred in Pale Ale League in 2006.", [("Pale Ale League", "WORK", M)], "Pale Ale League", "WORK"),
    # a title the model read with its article keeps its work reading: a place is named without one
    ("His breakthrough was The Velmar Lake, a drama.", [("The Velmar Lake", "WORK", M)], "The Velmar Lake", "WORK"),
    ("With Tavo Preto, Ohio joined.", [("Tavo Preto", "PERSON", M), ("Ohio", "PLACE", M)], "Tavo Preto", "PERSON"),
    # near misses of a title joined by particles: an organisation word, an article first, a person, two words
    ("He studied at the Colegio de San Varo.", [("Colegio de San Varo", "ORG", M)], "Colegio de San Varo", "ORG"),
    ("The band La Barca de Tiro played.", [("La Barca de Tiro", "ORG", M)], "La Barca de Tiro", "ORG"),
    ("A letter from Marcos de Valcorte arrived.", [("Marcos de Valcorte", "ORG", M)], "Marcos de Valcorte", "ORG"),
    ("It aired on Rede Sul in 2004.", [("Rede Sul", "ORG", M)], "Rede Sul", "ORG"),
    ("Members of Ponte of Notte met.", [("Ponte of Notte", "ORG", M)], "Ponte of Notte", "ORG"),
])
def test_context_leaves_the_label(text, names, name, label):
    assert _labels(text, names)[name] == label


def test_a_relabelled_name_outvotes_the_model_in_the_document():
    """The context's label is scored above the model's, so that it wins the document's vote."""
    doc = _BLANK("It was co-directed by Ravi Dhanpal.")
    (c, _), = retype(DocView(doc), candidates(doc, [("Ravi Dhanpal", "ORG", M)]))
    assert c.score > 0.6 and c.source == "model+type_cue"


@pytest.mark.parametrize("text, name, label, expected", [
    # a well-known place stays a place although its first word is a first name
    ("She grew up in San Lorenzo before the war.", "San Lorenzo", "PLACE", "PLACE"),
    ("They shot the film in Hong Kong last year.", "Hong Kong", "PLACE", "PLACE"),
    # an organisation of English words stays one; a first name and a surname is a person
    ("He served in the Royal Harbour Corps for a decade.", "Royal Harbour Corps", "ORG", "ORG"),
    ("The script was sent to Marie Lavoy last week.", "Marie Lavoy", "ORG", "PERSON"),
    # one hyphenated word: two given names are a person, a first name and a town's word a place's name
    ("The script was sent to Anne-Marie last week.", "Anne-Marie", "ORG", "PERSON"),
    ("The cities are Ivano-Tessolsk and others.", "Ivano-Tessolsk", "ORG", "ORG"),
    # a given name of any origin, then a family name of two capitalised parts joined by a hyphen: a person
    ("The script was sent to Ama Kwarteng-Boateng last week.", "Ama Kwarteng-Boateng", "ORG", "PERSON"),
    ("Tell Aarav Kulkarni-Sethi the news before the screening.", "Aarav Kulkarni-Sethi", "ORG", "PERSON"),
    ("My producer Kehinde Abiola-Sanni was very nervous.", "Kehinde Abiola-Sanni", "ORG", "PERSON"),
    # a known first name before a double family name: the span is one name of two words
    ("Ask Lucía Etcheverry-Paz about the shoot.", "Lucía Etcheverry-Paz", "ORG", "PERSON"),
    # near misses: the hyphen elsewhere, an organisation word, an article or an English word first, the model's place
    ("The film was animated at Kumo-ya Animation Works for a year.", "Kumo-ya Animation Works", "ORG", "ORG"),
    ("They filmed in Vastilla-La Mancora last spring.", "Vastilla-La Mancora", "ORG", "ORG"),
    ("The grant came from the Ashby-Clark Trust in 2019.", "Ashby-Clark Trust", "ORG", "ORG"),
    ("The deal went to Studio Ferro-Vane in the end.", "Studio Ferro-Vane", "ORG", "ORG"),
    ("The Talo-Chunks played a set after the screening.", "The Talo-Chunks", "ORG", "ORG"),
    ("The trip ended in North Vessa-Lund that winter.", "North Vessa-Lund", "ORG", "ORG"),
    ("The trip ended in Obira Vessa-Lund that winter.", "Obira Vessa-Lund", "PLACE", "PLACE"),
])
def test_a_first_name_or_a_double_family_name_overrules_only_an_organisation(nlp, view, text, name, label, expected):
    from pipeline.ner.decide import decide
    doc = nlp(text)
    c = candidates(doc, [(name, label, M)])[0][0]
    assert [x.label.value for x, _ in decide(view(doc), [c])] == [expected]


def test_a_double_family_name_names_its_step(nlp, view):
    from pipeline.ner.decide import decide
    doc = nlp("The script was sent to Ama Kwarteng-Boateng last week.")
    c = candidates(doc, [("Ama Kwarteng-Boateng", "ORG", M)])[0][0]
    (x, _), = decide(view(doc), [c])
    assert x.source == "model+double_family"
