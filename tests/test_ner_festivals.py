"""A festival named by its town (pipeline/ner/festivals.py): the model's place, retyped only with
festival words or an award earlier in the sentence. Invented towns, and well-known places that
must stay places."""
from __future__ import annotations

import pytest

from pipeline.ner.festivals import festival_towns, unmarked_festival_towns
from pipeline.ner.registry import BY_NAME
from pipeline.vocab import Label

from .builders import candidates, unmarked


@pytest.mark.parametrize("text, names, festivals", [
    ("The film premiered in competition at Lumenport in May.", [("Lumenport", "PLACE")], ["Lumenport"]),
    ("She has won prizes at Lumenport, Varnow and Kessing.",
     [("Lumenport", "PLACE"), ("Varnow", "PLACE"), ("Kessing", "PLACE")], ["Lumenport", "Varnow", "Kessing"]),
    ("It won the Golden Heron in Varnow two years later.", [("Golden Heron", "AWARD"), ("Varnow", "PLACE")],
     ["Varnow"]),
    # near misses: no festival word, a country, a town with its region, a word after the town
    ("She grew up in Lumenport with her aunt.", [("Lumenport", "PLACE")], []),
    ("The film premiered in France in May.", [("France", "PLACE")], []),
    ("The film premiered at Paris, France in May.", [("Paris", "PLACE"), ("France", "PLACE")], []),
    ("Born in Tokyo, she won a prize in 2001.", [("Tokyo", "PLACE")], []),
])
def test_festival_towns(nlp, view, text, names, festivals):
    doc = nlp(text)
    chosen = candidates(doc, names)
    found = [doc[chosen[k][0].start:chosen[k][0].end].text for k, label in festival_towns(view(doc), chosen)
             if label == Label.ORG]
    assert found == festivals


@pytest.mark.parametrize("text, names, festivals", [
    # the model's one-word person that is not a first name: a town it does not know
    ("It won three awards at Varnowitz in 2011.", [("Varnowitz", "PERSON")], ["Varnowitz"]),
    # a festival's section before the town is evidence
    ("It went to the Editors' Fortnight in Lumenport.", [("Editors' Fortnight", "ORG"), ("Lumenport", "PLACE")],
     ["Lumenport"]),
    # near misses: a first name, no festival word
    ("It won three awards at Amanda in 2011.", [("Amanda", "PERSON")], []),
    ("She lived at Varnowitz in 2011.", [("Varnowitz", "PERSON")], []),
])
def test_festival_towns_from_people_and_sections(nlp, view, text, names, festivals):
    doc = nlp(text)
    chosen = candidates(doc, names)
    if "Fortnight" in text:
        chosen[0] = (BY_NAME["pattern"].found(chosen[0][0].start, chosen[0][0].end, Label.ORG,
                                              name="org_festival_section"), ())
    found = [doc[chosen[k][0].start:chosen[k][0].end].text for k, label in festival_towns(view(doc), chosen)
             if label == Label.ORG]
    assert found == festivals


@pytest.mark.parametrize("text, towns", [
    ("The film competed at Quellmark and won nothing.", ["Quellmark"]),
    ("She won the jury prize at Quellmark in May.", ["Quellmark"]),
    # near misses: no festival word, a longer name, a country, a common word
    ("She lived at Quellmark with her aunt.", []),
    ("The film premiered at Quellmark Hall in May.", []),
    ("The film premiered in France in May.", []),
    ("The film premiered at Dawn in May.", []),
])
def test_unmarked_festival_towns(nlp, view, text, towns):
    v = unmarked(nlp, view, text)
    found = [v.span_text(c.start, c.end) for c in unmarked_festival_towns(v)]
    assert found == towns
    assert all(c.label == Label.ORG and c.rule.name == "festival_town_name" for c in unmarked_festival_towns(v))


@pytest.mark.parametrize("text, towns", [
    # an English word the text never writes in lower case, after an award: the town of a festival
    ("It won the Golden Heron Award at Harbour in May.", ["Harbour"]),
    # near misses: the text writes it in lower case too; a festival word but no award before it
    ("It won the Golden Heron Award at Harbour in May, by the harbour.", []),
    ("The film premiered at Harbour in May.", []),
])
def test_unmarked_festival_towns_that_are_english_words(nlp, view, text, towns):
    doc = nlp(text)
    doc.ents = [e for e in doc.ents if e.label_ == "DATE"]
    if "Award" in text:  # as the patterns find it
        start = text.index("Golden Heron Award")
        doc.spans["film_rules"] = [doc.char_span(start, start + len("Golden Heron Award"), label="AWARD")]
    v = view(doc)
    assert [v.span_text(c.start, c.end) for c in unmarked_festival_towns(v)] == towns


@pytest.mark.parametrize("text, glued, towns", [
    # the model glued the town to a section before it: the town is the festival
    ("It premiered in the Night Screenings at Quellmark in 2008.", "Night Screenings at Quellmark", ["Quellmark"]),
    ("It premiered in the Night Screenings at Harbour in 2008.", "Night Screenings at Harbour", ["Harbour"]),
    # near miss: an organisation's own name with its campus
    ("She won a place at the Varnow University at Quellmark in 2008.", "Varnow University at Quellmark", []),
])
def test_unmarked_festival_towns_glued_to_a_section(nlp, view, text, glued, towns):
    doc = nlp(text)
    start = text.index(glued)
    doc.ents = [doc.char_span(start, start + len(glued), label="ORG")]
    v = view(doc)
    assert [v.span_text(c.start, c.end) for c in unmarked_festival_towns(v)] == towns


@pytest.mark.parametrize("text, section", [
    ("It closed the Editors' Week in Lumenport.", "Editors' Week"),
    ("It went to the Makers’ Fortnight that year.", "Makers’ Fortnight"),
    ("She sat on the jury of Lumenport Editors' Week.", "Lumenport Editors' Week"),
])
def test_festival_sections_are_organisations(nlp, text, section):
    from pipeline.ner.component import mentions
    doc = nlp(text)
    found = {text[m.start:m.end]: (m.label, m.meta.source) for m in mentions(doc)}
    assert found.get(section) == (Label.ORG, "org_festival_section")


@pytest.mark.parametrize("text", ["Last week the editors' week was long.", "It took a Fortnight."])
def test_festival_sections_near_misses(nlp, text):
    from pipeline.ner.component import mentions
    doc = nlp(text)
    assert not [m for m in mentions(doc) if m.meta.source == "org_festival_section"]


@pytest.mark.parametrize("text, names", [
    ("It is a music festival organised in Lumenport since 2005.", [("Lumenport", "PLACE")]),
    ("She won two gold medals in the Winter Games in Lumenport.", [("Lumenport", "PLACE")]),
    ("The band gave a festival performance at The Vault in Lumenport.", [("Lumenport", "PLACE")]),
])
def test_where_a_festival_is_held_is_a_place(nlp, view, text, names):
    doc = nlp(text)
    chosen = candidates(doc, names)
    assert [k for k, label in festival_towns(view(doc), chosen) if label == Label.ORG] == []


def test_a_currency_is_not_a_prize_won(nlp, view):
    doc = nlp("He will pay 100,000 won for a round trip to Lumenport tomorrow.")
    chosen = candidates(doc, [("Lumenport", "PLACE")])
    assert list(festival_towns(view(doc), chosen)) == []


@pytest.mark.parametrize("text, name", [
    ("He won at the Port-en-Vale Short Film Festival in 2004.", "Port-en-Vale Short Film Festival"),
    ("She opened the Saint-Oren Festival.", "Saint-Oren Festival"),
    ("It screened at the Lumenport Festival.", "Lumenport Festival"),
    # its name with 'festival' in lower case, or in capitals in French
    ("It went on to close the Lumenport festival in Varno.", "Lumenport festival"),
    ("It was made for the Quell Harbor festival in 2006.", "Quell Harbor festival"),
    ("OFFICIAL SELECTION - FESTIVAL DE LUMENPORT 2016", "FESTIVAL DE LUMENPORT"),
    # a dash with spaces separates a programme's label from the festival
    ("   OPENING NIGHT GALA - LUMENPORT INTERNATIONAL FILM FESTIVAL 2022", "LUMENPORT INTERNATIONAL FILM FESTIVAL"),
    # its town after 'of'
    ("It won the Jury Prize at the International Thriller Film Festival of Varnow and the Golden Heron.",
     "International Thriller Film Festival of Varnow"),
])
def test_festival_names(nlp, text, name):
    from pipeline.ner.component import mentions
    doc = nlp(text)
    found = {text[m.start:m.end]: m.label for m in mentions(doc)}
    assert found.get(name) == Label.ORG


@pytest.mark.parametrize("text", ["The festival opened in May.", "A European festival opened.",
                                  "They went to the Film Festival.", "They sang at the Christmas festival.",
                                  "It was a Hindu festival.", "It ended.\n\nELSEWHERE AT THE FESTIVAL\nThe jury met."])
def test_festival_names_near_misses(nlp, text):
    from pipeline.ner.component import mentions
    doc = nlp(text)
    assert not [m for m in mentions(doc) if m.label == Label.ORG and "estival" in text[m.start:m.end]]


@pytest.mark.parametrize("text, names, labels", [
    # a list of towns after a prize: each a festival, the second not the first's region
    ("She has won prizes at Lumenport, Varnow and Kessing.",
     [("Lumenport", "PLACE"), ("Varnow", "PLACE"), ("Kessing", "PLACE")], [Label.ORG, Label.ORG, Label.ORG]),
    # near miss: a town and its region, then the end of the phrase
    ("She was born in Lumenport, Varnow.", [("Lumenport", "PLACE"), ("Varnow", "PLACE")],
     [Label.PLACE, Label.PLACE]),
])
def test_a_list_of_festival_towns_is_not_a_town_and_its_region(nlp, view, text, names, labels):
    from pipeline.ner.retype import retype
    doc = nlp(text)
    assert [c.label for c, _ in retype(view(doc), candidates(doc, names))] == labels


# a festival named by its town alone (pipeline/ner/festival_shapes.py): an edition, a prize after it, a giver
@pytest.mark.parametrize("text, names, festivals", [
    # an edition on an award's line, after a section and a comma
    ("The festival closed.\n- Jury Prize, Makers' Week, Varnow 2022\n", [("Jury Prize", "AWARD"), ("Varnow", "PLACE")],
     ["Varnow"]),
    # a heading with a festival cue on its line
    ("› Varnow 2012: the jury gives its prize to a debut\n", [("Varnow", "PLACE")], ["Varnow"]),
    # a prize after the town: a category, a prize word
    ("Ilse Quell, Lumenport best actor in 2019, joins the cast.", [("Lumenport", "PLACE")], ["Lumenport"]),
    ("It was the Lumenport best screenplay winner.", [("Lumenport", "PLACE")], ["Lumenport"]),
    ("She took the Quellmark jury prize home.", [("Quellmark", "PLACE")], ["Quellmark"]),
    # near misses: a year after 'in', a year after a comma, a year that opens a longer name, the
    # document's festival word only (the model's place stays), 'best' not before a category
    ("She moved to Lumenport in 2019.", [("Lumenport", "PLACE")], []),
    ("She was born in Lumenport, 1970.", [("Lumenport", "PLACE")], []),
    ("The Lumenport 2012 Summer Games were held there.", [("Lumenport", "PLACE")], []),
    ("Read more: Lumenport 2023 — full line-up\nThe festival opens today.", [("Lumenport", "PLACE")], []),
    ("Lumenport best known for its harbour.", [("Lumenport", "PLACE")], []),
    ("A Lumenport jury found him guilty in 2019.", [("Lumenport", "PLACE")], []),
])
def test_festival_shape_towns(nlp, view, text, names, festivals):
    from pipeline.ner.festival_shapes import festival_shape_towns
    doc = nlp(text)
    chosen = candidates(doc, names)
    if "Makers' Week" in text:
        start = text.index("Makers' Week")
        span = doc.char_span(start, start + len("Makers' Week"))
        chosen.insert(1, (BY_NAME["pattern"].found(span.start, span.end, Label.ORG, name="org_festival_section"), ()))
    found = [doc[chosen[k][0].start:chosen[k][0].end].text for k, label in festival_shape_towns(view(doc), chosen)
             if label == Label.ORG]
    assert found == festivals


@pytest.mark.parametrize("text, towns, weak", [
    # a related article's heading in a page about a festival: found, at the model's strength only
    ("› Quellmark 2019: the debuts to watch\nThe festival opened with a gala.", ["Quellmark"], True),
    ("Song Ilse, Quellmark best actor, will attend.", ["Quellmark"], False),
    # near misses: no festival word in the document; an English word; a word after the year
    ("› Quellmark 2019: the debuts to watch\nThe city opened a museum.", [], False),
    ('2. ^ "Past award winners". Retrieved 3 May 2019.', [], False),
    ("Festival news: Official Selection 2021.", [], False),
    ("The festival opened.\nQuellmark 2019 Summer Games.", [], False),
])
def test_unmarked_festival_shape_towns(nlp, view, text, towns, weak):
    from pipeline.ner.festival_shapes import unmarked_festival_shape_towns
    from pipeline.ner.registry import CONTEXT_STRENGTH, MODEL
    v = unmarked(nlp, view, text)
    found = unmarked_festival_shape_towns(v)
    assert [v.span_text(c.start, c.end) for c in found] == towns
    assert all(c.label == Label.ORG and c.rule.name == "festival_town_shape" for c in found)
    assert all(c.score == (MODEL.strength if weak else CONTEXT_STRENGTH) for c in found)


@pytest.mark.parametrize("text, label", [
    # the model's organisation named as a known town: a festival before a prize's category, else a place
    ("Song Ilse, Venice best actor in 2019, joins the cast.", Label.ORG),
    ("Song Ilse moved from Venice to the coast in 2019.", Label.PLACE),
    # near misses of an edition: a year that opens a longer name; a year after 'in', though the page
    # names a festival
    ("The festival opened.\nThe Venice 2026 Winter Games will be held there.", Label.PLACE),
    ("The festival opened.\nShe moved to Venice in 2019: a new life began.", Label.PLACE),
])
def test_known_place_before_a_prize_stays_a_festival(nlp, view, text, label):
    from pipeline.ner.retype import retype
    doc = nlp(text)
    out = retype(view(doc), candidates(doc, [("Venice", "ORG")]))
    assert out[0][0].label == label


@pytest.mark.parametrize("text, names", [
    # near misses of a prize after the town: a person's award; a prize received
    ("The film went home with only Quellmark's award.", [("Quellmark", "PERSON")]),
    ("Quellmark has been awarded a special prize by the state.", [("Quellmark", "PERSON")]),
])
def test_festival_shape_near_misses_of_people(nlp, view, text, names):
    from pipeline.ner.festival_shapes import festival_shape_towns
    doc = nlp(text)
    assert list(festival_shape_towns(view(doc), candidates(doc, names))) == []


@pytest.mark.xfail(reason="the town as the giver ('X gave us the prize') is not read: found in one dev document only",
                   strict=True)
def test_the_town_as_the_giver_of_a_prize(nlp, view):
    from pipeline.ner.festival_shapes import festival_shape_towns
    doc = nlp("Quellmark gave us the screenplay prize in 2013.")
    assert list(festival_shape_towns(view(doc), candidates(doc, [("Quellmark", "PLACE")]))) == [(0, Label.ORG)]


@pytest.mark.parametrize("text, names, festivals", [
    # a section before 'in' the town, with no festival word
    ("It went to the Makers' Fortnight in Lumenport.", [("Lumenport", "PLACE")], ["Lumenport"]),
    # near miss: a longer name that is not a section
    ("It went to the Night Museum in Lumenport.", [("Night Museum", "ORG"), ("Lumenport", "PLACE")], []),
])
def test_a_section_before_the_town(nlp, view, text, names, festivals):
    from pipeline.ner.retype import retype
    doc = nlp(text)
    chosen = candidates(doc, names)
    if "Fortnight" in text:
        start = text.index("Makers' Fortnight")
        span = doc.char_span(start, start + len("Makers' Fortnight"))
        chosen.insert(0, (BY_NAME["pattern"].found(span.start, span.end, Label.ORG, name="org_festival_section"), ()))
    out = retype(view(doc), chosen)
    assert [doc[c.start:c.end].text for c, _ in out if c.label == Label.ORG and c.end - c.start == 1] == festivals
