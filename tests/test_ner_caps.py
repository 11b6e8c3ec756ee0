"""Names in capitals that are not titles (pipeline/ner/caps.py), and the bounds of titles in
capitals (ner/titles.caps_titles). The rules read token shapes only: a blank English pipeline
is enough. Every name here is invented."""
from __future__ import annotations

import pytest
import spacy

from pipeline.ner.caps import caps_names, caps_word_titles
from pipeline.ner.component import mentions
from pipeline.ner.decide import _trim, keep
from pipeline.ner.registry import BY_NAME, LISTED_TITLE, MODEL, CAPS_FAMILY_GIVEN
from pipeline.ner.titles import caps_titles, year_titles
from pipeline.view import DocView
from pipeline.vocab import Label


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _found(rule, doc):
    return {(doc[c.start:c.end].text, c.label.value, c.source) for c in rule(DocView(doc))}


@pytest.mark.parametrize("text, expected", [
    # an organisation word last
    ("All images (c) 2021 ORBIT LANE PICTURES.", ("ORBIT LANE PICTURES", "ORG", "caps_org_word")),
    ("Distribution (Korea) ....... HANSOL ENTERTAINMENT", ("HANSOL ENTERTAINMENT", "ORG", "caps_org_word")),
    # a credit: 'X presents', 'a X production', 'in association with X', lists of them
    ("NORTHWIND, KESTREL and HARBOUR ARTS present\nthe new film", ("KESTREL", "ORG", "caps_credit")),
    ("NORTHWIND, KESTREL and HARBOUR ARTS present\nthe new film", ("HARBOUR ARTS", "ORG", "caps_credit")),
    ("in association with TALLOW\na MOSS / QUIET HOUR production", ("TALLOW", "ORG", "caps_credit")),
    # an ordinal before the run starts the name
    ("30TH CENTURY HARBOUR presents\nthe new film", ("30TH CENTURY HARBOUR", "ORG", "caps_credit")),
    ("All images (c) 2021 21ST ORBIT PICTURES.", ("21ST ORBIT PICTURES", "ORG", "caps_org_word")),
    ("in association with TALLOW\na MOSS / QUIET HOUR production", ("QUIET HOUR", "ORG", "caps_credit")),
    # people: a first name then a name that is no English word; a family name and a hyphenated given name
    ("CAST\n  Mara ............... JUNE ASHWORTH\n", ("JUNE ASHWORTH", "PERSON", "caps_person")),
    ("Director HAN SEO-JIN, welcome.", ("HAN SEO-JIN", "PERSON", "caps_person")),
    # a family name in capitals, then one given name
    ("- Ashfall (Kestland, 2024), dir. BAEK Minsu, with GONG Taeri\n", ("BAEK Minsu", "PERSON", "caps_family_given")),
    ("Starring GONG Taeri and HAN Seo-jin.", ("GONG Taeri", "PERSON", "caps_family_given")),
    # a speaker's label at a line start
    ("HOST: Welcome back.\nTALLY MORROW: Thank you.", ("TALLY MORROW", "PERSON", "caps_speaker")),
])
def test_caps_names(blank, text, expected):
    assert expected in _found(caps_names, blank(text))


@pytest.mark.parametrize("text, name", [
    ("Her debut BRIGHT HARBOUR LIGHTS won a prize.", "BRIGHT HARBOUR LIGHTS"),  # a title: no shape fits
    ("We watched THE LONG ROAD twice.", "THE LONG ROAD"),
    ("HOST: Welcome back.", "HOST"),  # one word: a role, not a name
    ("It was shown in THE HARBOUR CITY, a documentary.", "THE HARBOUR CITY"),
    ("Music: KIM Ho-jung", "KIM Ho"),            # a hyphenated given name is the other pattern's
    ("Produced by RTQ Films in 2020.", "RTQ Films"),  # an organisation word
    ("It aired on NRK Alba in 2020.", "NRK Alba"),    # initials: no vowel
])
def test_caps_near_misses(blank, text, name):
    assert not any(n == name for n, _, _ in _found(caps_names, blank(text)))


@pytest.mark.parametrize("text, title", [
    ("Then came 1999: THE LONG ROAD HOME (2004), a drama.", "1999: THE LONG ROAD HOME"),
    ("She was in A GIRL BY THE WELL in 2014.", "A GIRL BY THE WELL"),
    ("He is known for A QUIET MAN'S WIFE and other films.", "A QUIET MAN'S WIFE"),
    ("HOST: THE LONG ROAD started as a story you told.", "THE LONG ROAD"),
])
def test_caps_title_bounds(blank, text, title):
    assert title in {n for n, _, _ in _found(caps_titles, blank(text))}


def test_a_year_list_line_keeps_its_year_apart(blank):
    found = {n for n, _, _ in _found(caps_titles, blank("Prizes\n2016: GOLDEN REEL PRIZE in Lumen"))}
    assert "2016: GOLDEN REEL PRIZE" not in found


@pytest.mark.parametrize("text, award", [
    ("It won the Silver Heron for Best Screenplay in 2019.", "Silver Heron for Best Screenplay"),
    ("She took the Golden Pine Award for Best Leading Actress.", "Golden Pine Award for Best Leading Actress"),
    ("The film won the Grand Jury Prize for World Cinema at Lumen.", "Grand Jury Prize for World Cinema"),
    ("They gave her the Special Jury Award for Auteur Filmmaking.", "Special Jury Award for Auteur Filmmaking"),
])
def test_awards_in_full(nlp, text, award):
    doc = nlp(text)
    assert (award, "AWARD") in {(doc.text[m.start:m.end], m.label.value) for m in mentions(doc)}


@pytest.mark.parametrize("text, not_award", [
    ("The prize was for her second film.", "The prize"),
    ("He won the Grand Prize for KBTV in the drama category.", "Grand Prize for KBTV"),  # the giver, not a field
])
def test_award_near_misses(nlp, text, not_award):
    doc = nlp(text)
    assert not_award not in {doc.text[m.start:m.end] for m in mentions(doc) if m.label.value == "AWARD"}


@pytest.mark.parametrize("text, title", [
    ("Line-up\n- Harbour of Small Lights (Norvia, Kestland, 2023), dir. Tobin Asher\n", "Harbour of Small Lights"),
    ("Line-up\n- All the Quiet Rooms (Norvia, 2024), dir. Mara Quill\n", "All the Quiet Rooms"),
    ("Line-up\n- Ashfall (Jaeu-ri) (Kestland, 2024), dir. Han Seo-jin\n", "Ashfall"),
])
def test_a_line_up_entry_is_a_title(nlp, text, title):
    doc = nlp(text)
    assert (title, "WORK") in {(doc.text[m.start:m.end], m.label.value) for m in mentions(doc)}


@pytest.mark.parametrize("text", [
    "She moved to Lumen (Norvia, 2019) after school.",   # inside a sentence: not a line-up entry
    "Line-up\nScreenings (Norvia) start at noon.\n",      # no year in the bracket
])
def test_line_up_near_misses(blank, text):
    assert not [c for c in year_titles(DocView(blank(text))) if c.rule is LISTED_TITLE]


@pytest.mark.parametrize("text, name", [
    ("OPENING AND CLOSING FILMS\nThe new films.", "OPENING AND CLOSING FILMS"),  # a heading
    ("Text under a CC BY-SA licence.", "CC BY-SA"),
])
def test_caps_headings_and_licences_are_not_names(blank, text, name):
    assert not any(n == name for n, _, _ in _found(caps_names, blank(text)))


def test_an_event_is_an_organisation_only_with_an_organisation_word(nlp):
    doc = nlp("He fought in World War II and later ran the Lumen Film Festival.")
    found = {(doc.text[m.start:m.end], m.label.value) for m in mentions(doc)}
    assert not any(n.startswith("World War") for n, _ in found)


def _model_orgs(doc, words):
    out = []
    for w in words:
        i = next(t.i for t in doc if t.text == w)
        out.append((MODEL.found(i, i + 1, Label.ORG), ()))
    return out


@pytest.mark.parametrize("text, word, retyped", [
    # the text writes titles in capitals: a long word in capitals is a title
    ("After HARBOUR LIGHTS and THE LONG ROAD she made ASHFALL with KFAC money.", "ASHFALL", True),
    ("After HARBOUR LIGHTS and THE LONG ROAD she made ASHFALL with KFAC money.", "KFAC", False),  # initials
    ("After HARBOUR LIGHTS she made ASHFALL with KFAC money.", "ASHFALL", False),  # one title: no convention
])
def test_a_word_in_capitals_in_a_text_of_capital_titles(blank, text, word, retyped):
    doc = blank(text)
    v = DocView(doc)
    chosen = [(c, ()) for c in caps_titles(v)] + _model_orgs(doc, [word])
    chosen.sort(key=lambda cr: cr[0].start)
    found = {doc[chosen[k][0].start].text for k, _ in caps_word_titles(v, chosen)}
    assert (word in found) is retyped


def test_a_name_holds_no_unclosed_bracket(nlp, view):
    doc = nlp("She cast Mara (Tobin Asher's sister) in the lead.")
    c, _ = _trim(view(doc), MODEL.found(2, 5, Label.PERSON))
    assert doc[c.start:c.end].text == "Mara"


@pytest.mark.parametrize("text, label, name", [
    ("Starring: Mara Quill | Cinematography: Tobin Asher | Runtime: 98 min", "ORG", "Cinematography"),
    ("CREW\nDirected by Mara Quill", "ORG", "CREW"),
])
def test_field_labels_and_headings_are_not_names(nlp, view, text, label, name):
    from pipeline.vocab import Label
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == name)
    assert not keep(view(doc), MODEL.found(i, i + 1, Label(label)))


def test_a_place_before_a_colon_stays(nlp, view):
    from pipeline.vocab import Label
    doc = nlp("He filmed outside Iran: in Italy and Japan.")  # a country the lemmatizer knows as a word
    i = next(t.i for t in doc if t.text == "Iran")
    assert keep(view(doc), MODEL.found(i, i + 1, Label.PLACE))


@pytest.mark.parametrize("words, label, name", [
    ("She studied at the University of Lumen and", "ORG", "University of Lumen"),
    ("the Kestland Institute of Film Studies and", "ORG", "Kestland Institute of Film Studies"),
])
def test_a_name_does_not_end_in_a_glue_word(nlp, view, words, label, name):
    doc = nlp(words + " later in Norvia.")
    start = next(t.i for t in doc if t.text in ("University", "Kestland"))
    end = next(t.i for t in doc if t.text == "and") + 1
    c, _ = _trim(view(doc), BY_NAME["pattern"].found(start, end, Label(label), name="org_school_of"))
    assert doc[c.start:c.end].text == name


@pytest.mark.parametrize("text, word, title", [
    ("She trained at the Harbour Film Council (HAFIC) in Lumen.", "HAFIC", False),    # an acronym
    ("She joined the Kestland Academy of Film Arts (KAFA) in 2001.", "KAFA", False),
    ("After HOLLOW ORCHARD, her mother was played by Mara Quill (ASHFALL) twice.", "ASHFALL", True),  # a title
])
def test_one_word_in_brackets_is_a_title_unless_an_acronym(blank, text, word, title):
    found = {n for n, _, _ in _found(caps_titles, blank(text))}
    assert (word in found) is title


@pytest.mark.parametrize("text, word, title", [
    # a page that sets titles in capitals: a run, a word in brackets
    ("After HOLLOW ORCHARD she made IN AMONG WAVES in Lumen.", "IN AMONG WAVES", True),
    ("After HOLLOW ORCHARD she was played by Mara Quill (ASHFALL) twice.", "ASHFALL", True),
    ("TIN ROOF, his first feature in years, premiered in Lumen.", "TIN ROOF", True),  # short words with vowels
    ("Her new feature SALTWIND opened in Lumen.", "SALTWIND", True),  # after a work cue: on any page
    ("Mara Quill's HARBOUR opened in Lumen.", "HARBOUR", True),       # after a name's possessive
    # near misses: prose full of acronyms, with no title in capitals on the page
    ("It was set up by the Varnholt Defence Procurement Board (VDPB) in Lumen.", "VDPB", False),
    ("The Kestland State Council (KSZRD) met in Lumen.", "KSZRD", False),
    ("The station KQRT-FM and its sister KQRT HD broadcast from Lumen.", "KQRT HD", False),
    ("It is run by the Norvia Advisory Board on Names (NO-ABN) since 1958.", "NO-ABN", False),
    ("The Varno Film Board (VFKT) met twice.", "VFKT", False),
    ("The station airs as KQX NWS in Lumen.", "KQX NWS", False),
    # after a person's name (two capitalised words), a word in brackets is a title on any page
    ("She was played by Mara Quill (ASHFALL) twice.", "ASHFALL", True),
])
def test_capitals_are_title_evidence_on_a_page_that_sets_titles_so(blank, text, word, title):
    found = {n for n, _, _ in _found(caps_titles, blank(text))}
    assert (word in found) is title


def test_a_family_name_in_capitals_needs_the_convention(blank):
    one = blank("It aired on AFC Lumenport last year.")
    assert not [c for c in caps_names(DocView(one)) if c.rule is CAPS_FAMILY_GIVEN]
    two = blank("Starring GONG Taeri and BAEK Minsu.")
    assert len([c for c in caps_names(DocView(two)) if c.rule is CAPS_FAMILY_GIVEN]) == 2


@pytest.mark.parametrize("text, name", [
    ("30TH CENTURY HARBOUR presents", "30TH CENTURY HARBOUR"),  # 'Century' after an ordinal is a name's word
    ("30th Century Harbour presents", "30th Century Harbour"),
    ("21ST ORBIT PICTURES presents", "ORBIT PICTURES"),         # another ordinal is an edition, cut
])
def test_an_ordinal_before_century_stays_in_the_name(blank, text, name):
    doc = blank(text)
    c, _ = _trim(DocView(doc), MODEL.found(0, 3, Label.ORG))
    assert doc[c.start:c.end].text == name


@pytest.mark.parametrize("text, word, retyped", [
    # a short English word in capitals, in a text that writes its titles so, is a title
    ("After HARBOUR LIGHTS and THE LONG ROAD came PLUME, which premiered in May.", "PLUME", True),
    ("After HARBOUR LIGHTS and THE LONG ROAD she went there for HEARTH, and stayed.", "HEARTH", True),
    # near misses: initials; where a festival is named; before a possessive; a shorter word
    ("After HARBOUR LIGHTS and THE LONG ROAD came KFAC money.", "KFAC", False),
    ("After HARBOUR LIGHTS and THE LONG ROAD it played at TIFF in May.", "TIFF", False),
    ("After HARBOUR LIGHTS and THE LONG ROAD came TIFF's award.", "TIFF", False),
    ("After HARBOUR LIGHTS and THE LONG ROAD it was released by PLUME in May.", "PLUME", False),
    ("After HARBOUR LIGHTS and THE LONG ROAD came OWL, in May.", "OWL", False),
])
def test_a_short_english_word_in_capitals_in_a_text_of_capital_titles(blank, text, word, retyped):
    doc = blank(text)
    v = DocView(doc, common_words=frozenset({"plume", "hearth", "tiff", "owl"}))
    chosen = [(c, ()) for c in caps_titles(v)] + _model_orgs(doc, [word])
    chosen.sort(key=lambda cr: cr[0].start)
    found = {doc[chosen[k][0].start].text for k, _ in caps_word_titles(v, chosen)}
    assert (word in found) is retyped


@pytest.mark.parametrize("text, titles", [
    # a page's heading in capitals at the start of a line, its words labels of a page's parts
    ("PRESS NOTES - the spring edition\nThe film opens in May.", []),
    ("OFFICIAL SELECTION | Varnow Film Festival 2021\nThe film opens in May.", []),
    ("YOU MAY ALSO LIKE: Harbour Nights · The Long Quiet\nThe film opens in May.", []),
    # near misses: a title's own words, one label word after an article, a label inside prose
    ("HOLLOW ORCHARD - the spring edition\nThe film opens in May.", ["HOLLOW ORCHARD"]),
    ("THE PRESS - a film by Ilse Quell\nThe film opens in May.", ["THE PRESS"]),
    ("Her new film PRESS NOTES opens in May.", ["PRESS NOTES"]),
])
def test_page_labels_in_capitals_are_no_titles(nlp, view, text, titles):
    v = view(nlp(text))
    assert [v.span_text(c.start, c.end) for c in caps_titles(v)] == titles
